"""Steps 4–6: causes (verdiepen), share items (delen) and agenda items (agenderen)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.core.context import Tx
from bot.core.errors import InvalidInput
from bot.core.i18n import cause_label, t
from bot.core.replies import Reply
from bot.features.bottlenecks import service as bottlenecks
from bot.storage.models import AgendaItem, AgendaUpdate, Bottleneck, Cause, ShareItem
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
    """A new agenda step, or (``stap:``) a later outcome or follow-up date of one."""
    bottleneck = await bottlenecks.get(tx, args["nr"])
    follow_up = args["vervolg"] = _morning(args.get("vervolg"), tx.zone)
    if follow_up is not None and follow_up <= tx.now:
        raise InvalidInput("agenda-follow-up-past")
    if args.get("stap"):
        await _update_step(tx, bottleneck, args)
        return
    if not args.get("tafel") or not args.get("actie"):
        raise InvalidInput("agenda-table-needed", nr=bottleneck.id)
    if follow_up is not None and args.get("datum") is not None and follow_up < args["datum"]:
        raise InvalidInput("agenda-follow-up-before")
    item = AgendaItem(
        bottleneck_id=bottleneck.id,
        table_name=args["tafel"],
        action=ActionKind(args["actie"]),
        date=args.get("datum"),
        outcome=args.get("uitkomst"),
        follow_up=follow_up,
        by_member_id=tx.member.id,
        at=tx.now,
    )
    tx.session.add(item)
    bottleneck.updated_at = tx.now
    await tx.session.flush()
    tx.answer(
        Reply(text=tx.t("agenda-recorded", nr=bottleneck.id, table=args["tafel"], step=item.id))
    )


async def _update_step(tx: Tx, bottleneck: Bottleneck, args: dict[str, Any]) -> None:
    item = await tx.session.get(AgendaItem, args["stap"])
    if item is None or item.bottleneck_id != bottleneck.id:
        raise InvalidInput("agenda-step-not-found", step=args["stap"], nr=bottleneck.id)
    outcome, follow_up = args.get("uitkomst"), args.get("vervolg")
    if outcome is None and follow_up is None:
        raise InvalidInput("agenda-update-empty", step=item.id)
    tx.session.add(
        AgendaUpdate(
            agenda_item_id=item.id,
            outcome=outcome,
            follow_up=follow_up,
            by_member_id=tx.member.id,
            at=tx.now,
        )
    )
    if follow_up is not None:  # a new date: staff are reminded again
        item.follow_up, item.follow_up_done_at = follow_up, None
    bottleneck.updated_at = tx.now
    tx.answer(Reply(text=tx.t("agenda-updated", nr=bottleneck.id, step=item.id)))


def _morning(moment: datetime | None, zone: ZoneInfo) -> datetime | None:
    """A follow-up given as a date only (read as the end of that day) is at 09:00 that
    day: staff are reminded in the morning, not at midnight."""
    if moment is None:
        return None
    local = moment.astimezone(zone)
    if (local.hour, local.minute) == (23, 59):
        return local.replace(hour=9, minute=0, second=0).astimezone(UTC)
    return moment


async def latest_outcome(tx: Tx, item: AgendaItem) -> str | None:
    """The step's newest outcome: from its latest update that gave one, else its own."""
    updated = await tx.session.scalar(
        select(AgendaUpdate.outcome)
        .where(AgendaUpdate.agenda_item_id == item.id, AgendaUpdate.outcome.is_not(None))
        .order_by(AgendaUpdate.id.desc())
        .limit(1)
    )
    return updated or item.outcome


async def remind_follow_up(tx: Tx, item: AgendaItem) -> None:
    """The follow-up date of an agenda step has come: staff hear it in their channel."""
    bottleneck = await tx.get(Bottleneck, item.bottleneck_id, "bottleneck-not-found")
    lang = tx.community.language
    tx.post(
        "staff",
        Reply(
            title=t(lang, "agenda-follow-up-title", nr=bottleneck.id, title=bottleneck.title),
            text=t(
                lang,
                "agenda-follow-up-due",
                table=item.table_name,
                action=item.action.value,
                date=tx.day(item.follow_up, lang),
                outcome=await latest_outcome(tx, item) or "-",
                nr=bottleneck.id,
                step=item.id,
            ),
        ),
    )
    item.follow_up_done_at = tx.now
