"""Looking up events and who answered."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.context import Tx
from bot.core.errors import InvalidInput
from bot.storage.models import Event, Member, Rsvp
from bot.vocabulary.enums import RsvpAnswer


async def get(tx: Tx, nr: int) -> Event:
    return await tx.get(Event, nr, "event-not-found")


async def get_open(tx: Tx, nr: int) -> Event:
    event = await get(tx, nr)
    if event.cancelled_at is not None:
        raise InvalidInput("event-cancelled", nr=nr)
    return event


async def event_by_id(session: AsyncSession, nr: int) -> Event | None:
    return await session.get(Event, nr)


def upcoming_query(now: datetime) -> Any:
    return (
        select(Event)
        .where(Event.cancelled_at.is_(None))
        .where(func.coalesce(Event.ends_at, Event.starts_at) >= now)
        .order_by(Event.starts_at, Event.id)
    )


async def counts(session: AsyncSession, event_id: int) -> Counter[RsvpAnswer]:
    rows = await session.execute(
        select(Rsvp.answer, func.count()).where(Rsvp.event_id == event_id).group_by(Rsvp.answer)
    )
    return Counter({answer: n for answer, n in rows.all()})


async def responders(
    session: AsyncSession, event_id: int, answers: tuple[RsvpAnswer, ...] = tuple(RsvpAnswer)
) -> list[Member]:
    query = (
        select(Member)
        .join(Rsvp, Rsvp.member_id == Member.id)
        .where(Rsvp.event_id == event_id, Rsvp.answer.in_(answers))
        .order_by(Member.id)
    )
    return list((await session.scalars(query)).all())


async def with_counts(
    session: AsyncSession, since: datetime
) -> list[tuple[Event, Counter[RsvpAnswer]]]:
    """Events starting from ``since`` (cancelled ones too), each with its RSVP counts."""
    events = (
        await session.scalars(
            select(Event).where(Event.starts_at >= since).order_by(Event.starts_at, Event.id)
        )
    ).all()
    found: dict[int, Counter[RsvpAnswer]] = {e.id: Counter() for e in events}
    rows = await session.execute(
        select(Rsvp.event_id, Rsvp.answer, func.count())
        .where(Rsvp.event_id.in_(list(found)))
        .group_by(Rsvp.event_id, Rsvp.answer)
    )
    for event_id, answer, n in rows.all():
        found[event_id][answer] = n
    return [(e, found[e.id]) for e in events]
