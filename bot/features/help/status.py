"""/status (staff): how the outbox is doing — what waits, what failed and why — so a
message that could not be delivered does not disappear unnoticed; ``/status audit``: the
newest entries of the audit log of staff actions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.audit import OK
from bot.core.context import Tx
from bot.core.i18n import shorten
from bot.core.replies import Reply
from bot.features.reports import audit
from bot.outbox.rows import FAILED, PENDING, SENDING, SENT
from bot.storage.models import Member, OutboxMessage

LAST_FAILURES = 5
LAST_AUDIT = 25


async def cmd_status(tx: Tx, args: dict[str, Any]) -> None:
    if args.get("onderdeel") == "audit":
        await _audit(tx)
        return
    lines = await _counts(tx)
    if not lines:
        tx.answer(Reply(title=tx.t("status-title"), text=tx.t("status-empty")))
        return
    oldest = await tx.session.scalar(
        select(func.min(OutboxMessage.created_at)).where(
            OutboxMessage.status.in_((PENDING, SENDING))
        )
    )
    if oldest is not None:
        lines.append(tx.t("status-oldest", when=tx.when(oldest)))
    lines += ["", *await _failures(tx)]
    tx.answer(Reply(title=tx.t("status-title"), text="\n".join(lines)))


async def _counts(tx: Tx) -> list[str]:
    since = tx.now - timedelta(hours=24)
    count = select(OutboxMessage.platform, OutboxMessage.status, func.count())
    # two index ranges, not a scan of every message ever sent: what is not sent, and
    # what was sent in the last 24 hours
    waiting = OutboxMessage.status.in_((PENDING, SENDING, FAILED))
    recent = (OutboxMessage.status == SENT) & (OutboxMessage.sent_at >= since)
    per: dict[str, dict[str, int]] = {}
    for where in (waiting, recent):
        found = await tx.session.execute(
            count.where(where).group_by(OutboxMessage.platform, OutboxMessage.status)
        )
        for platform, status, n in found:
            per.setdefault(platform, {})[status] = n
    return [
        tx.t(
            "status-counts",
            platform=platform,
            **{s: counts.get(s, 0) for s in (PENDING, SENDING, FAILED, SENT)},
        )
        for platform, counts in sorted(per.items())
    ]


async def failures(session: AsyncSession, limit: int) -> list[tuple[OutboxMessage, str | None]]:
    """The latest messages that could not be delivered, with the recipient's name (also the
    dashboard's "failed deliveries")."""
    rows = await session.execute(
        select(OutboxMessage, Member.display_name)
        .outerjoin(Member, Member.id == OutboxMessage.member_id)
        .where(OutboxMessage.status == FAILED)
        .order_by(OutboxMessage.next_attempt_at.desc(), OutboxMessage.id.desc())
        .limit(limit)
    )
    return [(row, name) for row, name in rows.all()]


async def _failures(tx: Tx) -> list[str]:
    lines = [
        tx.t(
            "status-failure",
            id=row.id,
            platform=row.platform,
            target=tx.t(
                f"status-target-{row.target_kind}",
                name=name or "?",
                key=row.channel_key or row.subject or "?",
            ),
            attempts=row.attempts,
            when=tx.when(row.next_attempt_at),
            error=shorten(row.last_error or "?", 120),
        )
        for row, name in await failures(tx.session, LAST_FAILURES)
    ]
    return [tx.t("status-failures"), *lines] if lines else [tx.t("status-no-failures")]


async def _audit(tx: Tx) -> None:
    lines = [
        tx.t(
            "status-audit-line" if e.outcome == OK else "status-audit-refused",
            when=tx.when(e.at),
            who=x.who,
            role=e.role,
            action=e.action,
            detail=e.detail,
        )
        for x in await audit.entries(tx.session, LAST_AUDIT, tx.lang)
        for e in (x.entry,)
    ]
    if not lines:
        lines = [tx.t("status-audit-none")]
    text = "\n".join([*lines, "", tx.t("status-audit-more")])
    tx.answer(Reply(title=tx.t("status-audit-title"), text=text))
