"""The signal archive: signals per domain with filters, as the visibility rule shows them in
a place (the dashboard's archive and triage queue, the exports' signal table)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.features.reports.overview import contains
from bot.features.signals.visibility import Place, Shown, shown, shown_as
from bot.features.triage.service import QUEUE
from bot.storage.models import Member, Signal
from bot.vocabulary.enums import Domain, SignalStatus


@dataclass(frozen=True)
class Entry:
    signal: Signal
    shown: Shown


async def archive(
    session: AsyncSession,
    place: Place,
    *,
    domain: Domain | None = None,
    statuses: tuple[SignalStatus, ...] = (),
    search: str = "",
    newest_first: bool = False,
    limit: int | None = None,
) -> list[Entry]:
    """Signals of a domain (all: None) and statuses (all: empty), matching ``search`` in
    their text; per domain, oldest first, unless ``newest_first``."""
    query = select(Signal, Member).outerjoin(Member, Member.id == Signal.member_id)
    if domain is not None:
        query = query.where(Signal.domain == domain)
    if statuses:
        query = query.where(Signal.status.in_(statuses))
    if search.strip():
        query = query.where(Signal.text.ilike(contains(search.strip()), escape="\\"))
    order = (Signal.id.desc(),) if newest_first else (Signal.domain, Signal.id)
    query = query.order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    return _entries((await session.execute(query)).all(), place)


def _entries(rows: Any, place: Place) -> list[Entry]:
    out = []
    for signal, member in rows:
        seen = shown(signal, member, place)
        if seen is not None:
            out.append(Entry(signal, seen))
    return out


EXPORTED = (
    Signal.id,
    Signal.domain,
    Signal.status,
    Signal.source,
    Signal.call_id,
    Signal.bottleneck_id,
    Signal.consent,
    Signal.created_at,
)


async def every(
    session: AsyncSession, place: Place, size: int = 2000
) -> AsyncIterator[list[tuple[Any, Shown]]]:
    """All signals (their ``EXPORTED`` columns) as ``place`` may show them, per domain,
    oldest first, ``size`` at a time while the database reads on: columns, not objects,
    so an export of 100,000 is quick and never holds them all."""
    erased = Member.platform_user_id.is_(None)
    query = (
        select(
            *EXPORTED,
            Signal.text,
            Signal.anonymous,
            Signal.on_behalf_of,
            case((erased, None), else_=Member.display_name),
        )
        .outerjoin(Member, Member.id == Signal.member_id)
        .order_by(Signal.domain, Signal.id)
        .execution_options(yield_per=size)
    )
    async for part in (await session.stream(query)).partitions():
        batch = []
        for row in part:
            *_, text, anonymous, on_behalf_of, name = row
            seen = shown_as(place, row.consent, text, row.status, anonymous, on_behalf_of, name)
            if seen is not None:
                batch.append((row, seen))
        yield batch


async def triage_queue(session: AsyncSession) -> list[Entry]:
    """What ``/ordenen`` will show next, in that order."""
    found = await archive(session, Place.STAFF, statuses=QUEUE)
    return sorted(found, key=lambda e: e.signal.id)
