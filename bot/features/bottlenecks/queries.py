"""Questions about bottlenecks other features ask too: who is involved, how many signals."""

from __future__ import annotations

from sqlalchemy import CompoundSelect, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from bot.core.context import Tx
from bot.storage.models import Bottleneck, Member, Poll, Signal, Vote
from bot.vocabulary.consent import Place, counted_in


def viewer(tx: Tx) -> Place:
    """Staff count every signal; members see the public numbers."""
    return Place.STAFF if tx.is_staff else Place.PUBLIC


def counted(place: Place) -> ColumnElement[bool]:
    """SQL: the signals that count at ``place`` (a staff-only signal is no public number)."""
    return Signal.consent.in_(counted_in(place))


def involved_ids(bottleneck_id: int) -> CompoundSelect[int | None]:
    """The ids of who contributed a linked signal or voted on one of its polls (SQL)."""
    contributors = select(Signal.member_id).where(
        Signal.bottleneck_id == bottleneck_id, Signal.member_id.is_not(None)
    )
    voters = (
        select(Vote.member_id)
        .join(Poll, Poll.id == Vote.poll_id)
        .where(Poll.bottleneck_id == bottleneck_id)
    )
    return contributors.union(voters)


async def involved_count(session: AsyncSession, bottleneck_id: int) -> int:
    """How many people ``involved`` holds, counted in SQL (no member loaded)."""
    query = select(func.count()).select_from(involved_ids(bottleneck_id).subquery())
    return int(await session.scalar(query) or 0)


async def involved(
    session: AsyncSession, bottleneck_id: int, exclude: int | None = None
) -> list[Member]:
    """Everyone who contributed a linked signal or voted on one of its polls: once each."""
    query = select(Member).where(Member.id.in_(involved_ids(bottleneck_id))).order_by(Member.id)
    members = (await session.scalars(query)).all()
    return [m for m in members if m.id != exclude]


# What each place counts, kept per bottleneck by triggers (migration 0011).
KEPT = {
    frozenset(counted_in(Place.STAFF)): Bottleneck.staff_signal_count,
    frozenset(counted_in(Place.PUBLIC)): Bottleneck.public_signal_count,
}


async def signal_counts(
    session: AsyncSession, ids: list[int], place: Place = Place.PUBLIC
) -> dict[int, int]:
    """Per bottleneck with any: its linked signals that count at ``place``, read from the
    kept counts (no signal is counted, whatever their number)."""
    kept = KEPT[frozenset(counted_in(place))]
    rows = await session.execute(
        select(Bottleneck.id, kept).where(Bottleneck.id.in_(ids), kept > 0)
    )
    return {b: n for b, n in rows.all()}
