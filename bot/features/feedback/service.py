"""Step 7, terugkoppelen: report back publicly and to everyone involved — once each."""

from __future__ import annotations

from typing import Any

from bot.core.context import Tx
from bot.core.i18n import stage_label, t
from bot.core.replies import Reply
from bot.features.bottlenecks import service as bottlenecks
from bot.features.feedback import closeloop
from bot.storage.models import Bottleneck, Feedback


async def cmd_feedback(tx: Tx, args: dict[str, Any]) -> None:
    bottleneck = await bottlenecks.get(tx, args["knelpunt"])
    item = Feedback(
        bottleneck_id=bottleneck.id, text=args["tekst"], by_member_id=tx.member.id, at=tx.now
    )
    tx.session.add(item)
    bottleneck.updated_at = tx.now
    lang = tx.community.language
    tx.post(
        "news",
        Reply(
            title=t(lang, "feedback-title", nr=bottleneck.id, title=bottleneck.title),
            text=item.text
            + "\n\n"
            + t(
                lang, "feedback-stage", stage=stage_label(bottleneck.stage, lang), nr=bottleneck.id
            ),
        ),
    )
    sent = await notify_involved(tx, bottleneck, item)
    tx.answer(
        Reply(
            text=tx.t(
                "feedback-sent", nr=bottleneck.id, count=sent, channel=tx.community.channels.news
            )
        )
    )


async def notify_involved(tx: Tx, bottleneck: Bottleneck, item: Feedback) -> int:
    """A personal message to each contributor and voter who wants notifications, once."""
    await tx.session.flush()

    def render(lang: str) -> Reply:
        return Reply(
            title=t(lang, "feedback-dm-title", nr=bottleneck.id),
            text=t(
                lang,
                "feedback-dm",
                title=bottleneck.title,
                text=item.text,
                stage=stage_label(bottleneck.stage, lang),
                nr=bottleneck.id,
            ),
        )

    return await closeloop.feedback(tx, bottleneck, item.id, render)
