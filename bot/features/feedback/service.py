"""Step 7, terugkoppelen: report back publicly and to everyone involved — once each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.context import Tx
from bot.core.i18n import stage_label, t
from bot.core.replies import Reply
from bot.features.bottlenecks import service as bottlenecks
from bot.features.feedback import closeloop
from bot.storage.models import Bottleneck, Feedback


async def cmd_feedback(tx: Tx, args: dict[str, Any]) -> None:
    bottleneck = await bottlenecks.get(tx, args["knelpunt"])
    item = Feedback(
        bottleneck_id=bottleneck.id,
        text=args["tekst"],
        by_member_id=tx.member.id,
        at=tx.now,
        report_cursor=0,
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
    """A personal message to each contributor and voter who wants notifications, once.
    The first chunk goes in this transaction; the schedule sends the rest, a chunk per
    transaction (``report_more``). Returns how many will be reached in all."""
    await tx.session.flush()
    reached = await closeloop.feedback_chunk(tx, item, _render(bottleneck, item))
    if item.report_cursor is not None:
        reached += await closeloop.still_to_reach(tx.session, item)
    return reached


async def report_more(tx: Tx, feedback_id: int) -> bool:
    """The next chunk of a report-back; False once it reached everyone (or was done)."""
    item = await tx.session.scalar(
        select(Feedback)
        .where(Feedback.id == feedback_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if item is None or item.report_cursor is None:
        return False
    bottleneck = await tx.session.get(Bottleneck, item.bottleneck_id)
    if bottleneck is None:
        item.report_cursor = None
        return False
    await closeloop.feedback_chunk(tx, item, _render(bottleneck, item))
    return item.report_cursor is not None


async def reporting(session: AsyncSession) -> list[tuple[int, datetime]]:
    """Feedback items whose report-back has chunks to go, with when they were written."""
    found = await session.execute(
        select(Feedback.id, Feedback.at).where(Feedback.report_cursor.is_not(None))
    )
    return [(i, at) for i, at in found.all()]


def _render(bottleneck: Bottleneck, item: Feedback) -> Callable[[str], Reply]:
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

    return render
