"""Retention (AVG/GDPR): raw signal texts are kept no longer than the configured number
of days. The signal row stays (counts, domain, link to its bottleneck); only the text goes.
Raw inbound payloads, which may hold the same text, go after the same period."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import Community
from bot.storage.models import InboundEvent, Signal


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
    return result.rowcount or 0
