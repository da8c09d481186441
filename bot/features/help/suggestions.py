"""Autocomplete for number options: the calls, bottlenecks, polls, events and signals
that exist, newest first, filtered by what the user typed (a number or words)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, cast, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.models import Bottleneck, Call, Event, Poll, Signal

LIMIT = 25


def _queries() -> dict[str, tuple[Any, Any, Any]]:
    """ref -> (id column, text column, base query)."""
    return {
        "call": (Call.id, Call.question, select(Call.id, Call.question)),
        "bottleneck": (
            Bottleneck.id,
            Bottleneck.title,
            select(Bottleneck.id, Bottleneck.title).where(Bottleneck.merged_into_id.is_(None)),
        ),
        "poll": (
            Poll.id,
            Bottleneck.title,
            select(Poll.id, Bottleneck.title).join(Bottleneck, Bottleneck.id == Poll.bottleneck_id),
        ),
        "event": (
            Event.id,
            Event.title,
            select(Event.id, Event.title).where(Event.cancelled_at.is_(None)),
        ),
        "signal": (Signal.id, Signal.text, select(Signal.id, Signal.text)),
    }


def label(nr: int, text: str | None) -> str:
    shown = f"#{nr} {' '.join((text or '').split())}".strip()
    return shown if len(shown) <= 100 else shown[:99] + "…"


async def suggestions(
    sessions: async_sessionmaker[AsyncSession], ref: str, typed: str, staff: bool
) -> list[tuple[str, int]]:
    """(label, number) pairs. Signal texts are private: only staff get suggestions."""
    found = _queries().get(ref)
    if found is None or (ref == "signal" and not staff):
        return []
    id_col, text_col, query = found
    typed = typed.strip().lstrip("#")
    if typed:
        query = query.where(cast(id_col, String).like(f"{typed}%") | text_col.ilike(f"%{typed}%"))
    query = query.order_by(id_col.desc()).limit(LIMIT)
    async with sessions() as session:
        rows = (await session.execute(query)).all()
    return [(label(nr, text), nr) for nr, text in rows]
