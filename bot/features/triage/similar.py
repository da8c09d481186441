"""What a signal resembles: open bottlenecks (to link it) and earlier signals (to mark it
as a duplicate), by fuzzy text match (rapidfuzz)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from rapidfuzz import fuzz, process, utils
from sqlalchemy import select

from bot.core.context import Tx
from bot.storage.models import Bottleneck, Signal
from bot.vocabulary.enums import SignalStatus
from bot.vocabulary.stages import OPEN_STAGES

SIMILAR_CUTOFF = 55
# Signals a duplicate can point at: judged relevant (linked or not) or duplicates themselves.
JUDGED = (SignalStatus.RELEVANT, SignalStatus.LINKED, SignalStatus.DUPLICATE)
RECENT = 500  # earlier signals compared (the newest)

Row = TypeVar("Row", Bottleneck, Signal)


def _best(
    text: str, rows: Sequence[Row], texts: dict[int, str], limit: int
) -> list[tuple[Row, int]]:
    by_id = {r.id: r for r in rows}
    found = process.extract(
        text,
        texts,
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=SIMILAR_CUTOFF,
    )
    return [(by_id[key], round(score)) for _, score, key in found]


async def open_bottlenecks(tx: Tx, limit: int | None = None) -> Sequence[Bottleneck]:
    """Open bottlenecks that were not merged away, most recently changed first."""
    return (
        await tx.session.scalars(
            select(Bottleneck)
            .where(Bottleneck.merged_into_id.is_(None), Bottleneck.stage.in_(OPEN_STAGES))
            .order_by(Bottleneck.updated_at.desc(), Bottleneck.id.desc())
            .limit(limit)
        )
    ).all()


async def similar(tx: Tx, text: str, limit: int = 3) -> list[tuple[Bottleneck, int]]:
    candidates = await open_bottlenecks(tx)
    texts = {b.id: f"{b.title} {b.description or ''}" for b in candidates}
    return _best(text, candidates, texts, limit)


async def earlier_signals(tx: Tx, signal: Signal, limit: int | None = RECENT) -> Sequence[Signal]:
    """Signals this one may duplicate: judged ones other than itself, newest first."""
    return (
        await tx.session.scalars(
            select(Signal)
            .where(
                Signal.id != signal.id,
                Signal.status.in_(JUDGED),
                Signal.text.is_not(None),
            )
            .order_by(Signal.id.desc())
            .limit(limit)
        )
    ).all()


async def similar_signals(tx: Tx, signal: Signal, limit: int = 3) -> list[tuple[Signal, int]]:
    candidates = await earlier_signals(tx, signal)
    texts = {s.id: s.text or "" for s in candidates}
    return _best(signal.text or "", candidates, texts, limit)
