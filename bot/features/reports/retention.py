"""Retention (AVG/GDPR): every copy of what members wrote is kept no longer than the
community configured (``[retention]``).

Every few minutes (``erase_delivered``, with each pass over due work):

- private outbox rows (DMs, answers only one person saw, ✅ reactions) are emptied
  ``delivered_hours`` after they were delivered or failed;
- inbound events (raw platform payloads: her words and platform id) are removed
  ``delivered_hours`` after they were processed.

Once a day (``run_daily``: 03:30 in the community's time zone; each day a ``JobRun`` row):

- signal texts and "wat is er nodig?" answers older than ``signal_text_days`` go (the
  signal and the vote stay: counts, domain, link to a bottleneck);
- every outbox row and inbound event older than ``signal_text_days`` is emptied or
  removed (public posts included);
- audit entries older than ``audit_days`` go."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import latest_daily
from bot.outbox.rows import BLANK, FAILED, PRIVATE_KINDS, SENT
from bot.settings import Community
from bot.storage.models import AuditEntry, InboundEvent, JobRun, OutboxMessage, Signal, Vote

JOB = "retention:daily"
AT = time(3, 30)


def latest_slot(now: datetime, zone: ZoneInfo) -> datetime:
    return latest_daily(now, AT, zone)


async def erase_delivered(session: AsyncSession, community: Community, now: datetime) -> None:
    """Private copies and processed inbound events past ``delivered_hours``."""
    delivered = now - timedelta(hours=community.retention.delivered_hours)
    # a failed row's next_attempt_at is when it failed
    done_at = func.coalesce(OutboxMessage.sent_at, OutboxMessage.next_attempt_at)
    await _update(
        session,
        update(OutboxMessage)
        .where(
            OutboxMessage.payload_erased_at.is_(None),
            OutboxMessage.target_kind.in_(PRIVATE_KINDS),
            OutboxMessage.status.in_((SENT, FAILED)),
            done_at < delivered,
        )
        .values(payload=BLANK, reply_ref=None, payload_erased_at=now),
    )
    await _update(session, delete(InboundEvent).where(InboundEvent.processed_at < delivered))


async def erase_expired(session: AsyncSession, community: Community, now: datetime) -> int:
    """Erase what is past its retention; return how many signal texts went."""
    kept = community.retention
    texts = now - timedelta(days=kept.signal_text_days)
    erased = await _update(
        session,
        update(Signal)
        .where(Signal.created_at < texts, Signal.text.is_not(None))
        .values(text=None, text_erased_at=now),
    )
    await _update(
        session,
        update(Vote).where(Vote.updated_at < texts, Vote.needed.is_not(None)).values(needed=None),
    )
    await _update(
        session,
        update(OutboxMessage)
        .where(OutboxMessage.payload_erased_at.is_(None), OutboxMessage.created_at < texts)
        .values(payload=BLANK, reply_ref=None, payload_erased_at=now),
    )
    await _update(session, delete(InboundEvent).where(InboundEvent.received_at < texts))
    await _update(
        session, delete(AuditEntry).where(AuditEntry.at < now - timedelta(days=kept.audit_days))
    )
    return erased


async def _update(session: AsyncSession, statement: Any) -> int:
    result = await session.execute(statement.execution_options(synchronize_session=False))
    return cast(CursorResult[Any], result).rowcount or 0


async def run_daily(session: AsyncSession, community: Community, now: datetime) -> int | None:
    """Erase once per day's slot (also the first time after a restart); None: done today."""
    slot = latest_slot(now, ZoneInfo(community.timezone))
    if await session.scalar(select(JobRun.id).where(JobRun.job == JOB, JobRun.slot == slot)):
        return None
    erased = await erase_expired(session, community, now)
    session.add(JobRun(job=JOB, slot=slot, status="done", at=now))
    await session.flush()
    return erased
