"""Stage news, bundled: what ``Tx.fan_out`` queued (``QueuedNews``) goes out as at most one
DM per member per day (``[news]``), listing each bottleneck once with the path it took.
The rows are the truth, so a restart loses nothing and a bundle is never sent twice."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, func, select

from bot.clock import latest_daily
from bot.core.context import Tx
from bot.core.i18n import stage_label, t
from bot.core.replies import Reply
from bot.features.feedback.closeloop import STAGE, noticed
from bot.storage.models import Bottleneck, Member, QueuedNews, StageChange
from bot.vocabulary.news import NewsKind, wants

JOB = "news:daily"


def latest_slot(tx: Tx) -> datetime:
    news = tx.community.news
    return latest_daily(tx.now, time(news.hour, news.minute), tx.zone)


async def send_bundles(tx: Tx) -> int:
    """Send each member whose news waits since the latest daily slot their bundle, unless
    they had one within ``every_days``; returns the number of bundles sent."""
    slot = latest_slot(tx)
    waiting = (
        await tx.session.scalars(
            select(QueuedNews)
            .where(QueuedNews.sent_at.is_(None), QueuedNews.created_at <= slot)
            .order_by(QueuedNews.member_id, QueuedNews.id)
        )
    ).all()
    per_member: dict[int, list[QueuedNews]] = defaultdict(list)
    for item in waiting:
        per_member[item.member_id].append(item)
    sent = 0
    for member_id, items in per_member.items():
        member = await tx.session.get(Member, member_id)
        if member is None or not await _due(tx, member_id, slot):
            continue
        if not wants(member.news, NewsKind.STAGE):  # changed their mind since: drop it
            await tx.session.execute(
                delete(QueuedNews).where(QueuedNews.id.in_([i.id for i in items]))
            )
            continue
        tx.dm(member, await _bundle(tx, items, member.language))
        for item in items:
            item.sent_at = tx.now
            await noticed(tx, [member], STAGE, item.ref_id, item.bottleneck_id)
        sent += 1
    return sent


async def _due(tx: Tx, member_id: int, slot: datetime) -> bool:
    """Whether the member's last bundle is at least ``every_days`` calendar days old."""
    found: Any = await tx.session.scalar(
        select(func.max(QueuedNews.sent_at)).where(QueuedNews.member_id == member_id)
    )
    if found is None:
        return True
    # aggregates bypass the column type on SQLite: a naive UTC value or a string
    last = datetime.fromisoformat(found) if isinstance(found, str) else found
    last_day = (last if last.tzinfo else last.replace(tzinfo=UTC)).astimezone(tx.zone).date()
    days = timedelta(days=tx.community.news.every_days)
    return last_day <= slot.astimezone(tx.zone).date() - days


async def _bundle(tx: Tx, items: list[QueuedNews], lang: str) -> Reply:
    changes = {
        c.id: c
        for c in (
            await tx.session.scalars(
                select(StageChange).where(StageChange.id.in_([i.ref_id for i in items]))
            )
        ).all()
    }
    per_bottleneck: dict[int, list[StageChange]] = defaultdict(list)
    for item in items:
        if item.ref_id in changes:
            per_bottleneck[item.bottleneck_id].append(changes[item.ref_id])
    lines = [t(lang, "news-bundle-head"), ""]
    for bottleneck_id, moves in per_bottleneck.items():
        bottleneck = await tx.session.get(Bottleneck, bottleneck_id)
        moves.sort(key=lambda c: c.id)
        steps = [moves[0].from_stage, *(c.to_stage for c in moves)]
        path = " → ".join(stage_label(s, lang) for s in steps if s is not None)
        reasons = "; ".join(c.reason for c in moves if c.reason)
        lines.append(
            t(
                lang,
                "news-bundle-item",
                nr=bottleneck_id,
                title=bottleneck.title if bottleneck else "?",
                path=path,
            )
            + (t(lang, "news-bundle-reason", reason=reasons) if reasons else "")
        )
    lines += ["", t(lang, "news-bundle-foot")]
    return Reply(title=t(lang, "news-bundle-title"), text="\n".join(lines))
