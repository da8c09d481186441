"""Retention (AVG/GDPR): raw signal texts are kept no longer than the configured number
of days. The signal row stays (counts, domain, link to its bottleneck); only the text goes.
Raw inbound payloads, which may hold the same text, go after the same period.
Runs once a day (03:30 in the community's time zone); each day is a ``JobRun`` row."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import CursorResult, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import latest_daily
from bot.settings import Community
from bot.storage.models import InboundEvent, JobRun, Signal

JOB = "retention:daily"
AT = time(3, 30)


def latest_slot(now: datetime, zone: ZoneInfo) -> datetime:
    return latest_daily(now, AT, zone)


async def erase_expired(session: AsyncSession, community: Community, now: datetime) -> int:
    """Erase texts older than the retention; return how many signal texts went."""
    limit = now - timedelta(days=community.retention.signal_text_days)
    result = await session.execute(
        update(Signal)
        .where(Signal.created_at < limit, Signal.text.is_not(None))
        .values(text=None, text_erased_at=now)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(InboundEvent)
        .where(InboundEvent.received_at < limit, InboundEvent.processed_at.is_not(None))
        .values(payload={})
        .execution_options(synchronize_session=False)
    )
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
