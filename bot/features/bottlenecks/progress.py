"""Steps 4–6: causes (verdiepen), share items (delen) and agenda items (agenderen)."""

from __future__ import annotations

from typing import Any

from bot.core.context import Tx
from bot.core.errors import InvalidInput
from bot.core.i18n import cause_label, t
from bot.core.replies import Reply
from bot.features.bottlenecks import service as bottlenecks
from bot.storage.models import AgendaItem, Cause, ShareItem
from bot.vocabulary.enums import ActionKind, CauseArea, ShareForm

SHARE_ICONS = {
    ShareForm.INTERVIEW: "🗣",
    ShareForm.PODCAST: "🎙",
    ShareForm.BLIKVANGER: "🖼",
    ShareForm.UPDATE: "📰",
}


async def cmd_cause(tx: Tx, args: dict[str, Any]) -> None:
    bottleneck = await bottlenecks.get(tx, args["nr"])
    area = CauseArea(args["gebied"])
    tx.session.add(
        Cause(
            bottleneck_id=bottleneck.id,
            area=area,
            text=args["tekst"],
            expert=args.get("expert"),
            by_member_id=tx.member.id,
            at=tx.now,
        )
    )
    bottleneck.updated_at = tx.now
    tx.answer(Reply(text=tx.t("cause-recorded", nr=bottleneck.id, area=cause_label(area, tx.lang))))


async def cmd_share(tx: Tx, args: dict[str, Any]) -> None:
    bottleneck = await bottlenecks.get(tx, args["knelpunt"])
    form = ShareForm(args["vorm"])
    item = ShareItem(
        bottleneck_id=bottleneck.id,
        form=form,
        text=args["tekst"],
        link=args.get("link"),
        by_member_id=tx.member.id,
        at=tx.now,
    )
    tx.session.add(item)
    bottleneck.updated_at = tx.now
    lang = tx.community.language
    text = item.text + (f"\n{item.link}" if item.link else "")
    tx.post(
        "news",
        Reply(
            title=t(
                lang,
                "share-title",
                icon=SHARE_ICONS[form],
                form=form.value.capitalize(),
                nr=bottleneck.id,
                title=bottleneck.title,
            ),
            text=text,
        ),
    )
    tx.answer(
        Reply(text=tx.t("share-posted", nr=bottleneck.id, channel=tx.community.channels.news))
    )


async def cmd_agenda(tx: Tx, args: dict[str, Any]) -> None:
    bottleneck = await bottlenecks.get(tx, args["nr"])
    follow_up = args.get("vervolg")
    if follow_up is not None and args.get("datum") is not None and follow_up < args["datum"]:
        raise InvalidInput("agenda-follow-up-before")
    tx.session.add(
        AgendaItem(
            bottleneck_id=bottleneck.id,
            table_name=args["tafel"],
            action=ActionKind(args["actie"]),
            date=args.get("datum"),
            outcome=args.get("uitkomst"),
            follow_up=follow_up,
            by_member_id=tx.member.id,
            at=tx.now,
        )
    )
    bottleneck.updated_at = tx.now
    tx.answer(Reply(text=tx.t("agenda-recorded", nr=bottleneck.id, table=args["tafel"])))
