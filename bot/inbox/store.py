"""One inbox for every platform. A platform handler calls ``persist`` before it
acknowledges, processes the row (``load`` … ``done``), and at start and now and then
``replay``s what was stored but not processed."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Table, bindparam, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.storage.batches import Batches
from bot.storage.database import insert_new
from bot.storage.models import InboundEvent

log = logging.getLogger(__name__)

BATCH = 500  # rows per group commit at most


@dataclass(frozen=True)
class Stored:
    """A persisted inbound item, as the processing side sees it."""

    id: int
    platform: str
    key: str
    kind: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Entry:
    """An inbound item as the platform handler has it before it is stored: a message
    at a quiet moment straight away as its effect (``Core.message_now``), everything
    else first in the inbox (``Inbox.persist`` takes the same four fields)."""

    platform: str
    key: str
    kind: str
    payload: dict[str, Any]


class Inbox:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        reads: async_sessionmaker[AsyncSession] | None = None,
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.reads = reads or sessions  # sessions that only read
        self._batches = Batches(self._insert, BATCH)

    async def persist(
        self, platform: str, key: str, kind: str, payload: dict[str, Any]
    ) -> int | None:
        """Store an inbound item; its row id, or None when this key was stored before (a
        retry or redelivery: it is handled once, by whoever stored it first). Returns once
        the row is committed. Items persisted at the same moment share one transaction
        (group commit): under a burst the acknowledgements wait for one commit, not for a
        queue of them."""
        row = {
            "platform": platform,
            "event_key": key,
            "kind": kind,
            "payload": payload,
            "received_at": self.clock.now(),
        }
        return await self._batches.run(row)

    async def _insert(self, batch: list[dict[str, Any]]) -> list[int | None]:
        """Insert the new keys in one transaction; each row's id, or None for a key
        stored before (or earlier in this batch)."""
        rows: dict[tuple[str, str], dict[str, Any]] = {}
        for row in batch:
            rows.setdefault((row["platform"], row["event_key"]), row)
        async with self.sessions() as session, session.begin():
            found = await insert_new(
                session, InboundEvent, list(rows.values()),
                (InboundEvent.id, InboundEvent.platform, InboundEvent.event_key),
            )  # fmt: skip
        ids = {(platform, key): row_id for row_id, platform, key in found}
        return [ids.pop((row["platform"], row["event_key"]), None) for row in batch]

    async def load(self, row_id: int) -> Stored | None:
        """The item, or None when it is gone or already processed."""
        async with self.reads() as session:
            row = await session.get(InboundEvent, row_id)
        if row is None or row.processed_at is not None:
            return None
        return Stored(row.id, row.platform, row.event_key, row.kind, dict(row.payload))

    async def done(self, row_id: int) -> None:
        async with self.sessions() as session, session.begin():
            await session.execute(
                update(InboundEvent)
                .where(InboundEvent.id == row_id, InboundEvent.processed_at.is_(None))
                .values(processed_at=self.clock.now())
            )

    async def pending(self, platform: str, received_before: datetime | None = None) -> list[int]:
        async with self.reads() as session:
            query = (
                select(InboundEvent.id)
                .where(InboundEvent.platform == platform, InboundEvent.processed_at.is_(None))
                .order_by(InboundEvent.id)
            )
            if received_before is not None:
                query = query.where(InboundEvent.received_at < received_before)
            return list((await session.scalars(query)).all())

    async def replay(
        self,
        platform: str,
        process: Callable[[int], Awaitable[None]],
        min_age: timedelta | None = None,
    ) -> int:
        """Process what was stored but not processed; ``min_age`` leaves alone what a
        listener may be busy with right now. Returns how many were tried."""
        before = self.clock.now() - min_age if min_age else None
        found = await self.pending(platform, before)
        for row_id in found:
            try:
                await process(row_id)
            except Exception:
                log.exception("replaying stored %s item %s failed", platform, row_id)
        return len(found)


async def claim(session: AsyncSession, row_id: int, now: datetime) -> bool:
    """Mark the item processed inside the caller's transaction (the one that also writes
    its effect), so the effect and "processed" commit together or not at all. False when
    it was processed already (a concurrent replay): do nothing then. On PostgreSQL the
    row stays locked until the transaction ends, so a concurrent replay waits."""
    result = await session.execute(CLAIM, {"row": row_id, "now": now})
    claimed = cast(CursorResult[Any], result).rowcount == 1
    if claimed:
        await _replayable(session)
    return claimed


async def claim_rows(session: AsyncSession, row_ids: list[int], now: datetime) -> set[int]:
    """``claim`` for several items in one statement (a batch of messages): the ids this
    call marked processed; the others were processed already."""
    if not row_ids:
        return set()
    found = set((await session.scalars(CLAIM_ROWS, {"rows": row_ids, "now": now})).all())
    if found:
        await _replayable(session)
    return found


async def _replayable(session: AsyncSession) -> None:
    """The transaction that processes stored items commits without waiting for the disk
    (PostgreSQL): lost in a server crash, it is replayed from the items, stored durably
    before they were acknowledged. Whatever goes out of it is sent only after a drainer's
    claim committed durably, which writes everything committed before it too."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(RELAXED)


INBOUND = cast(Table, InboundEvent.__table__)
RELAXED = text("SET LOCAL synchronous_commit TO OFF")
# built once, on the table: every request claims its row (no ORM update machinery)
CLAIM = (
    update(INBOUND)
    .where(INBOUND.c.id == bindparam("row"), INBOUND.c.processed_at.is_(None))
    .values(processed_at=bindparam("now"))
)
CLAIM_ROWS = (
    update(INBOUND)
    .where(INBOUND.c.id.in_(bindparam("rows", expanding=True)), INBOUND.c.processed_at.is_(None))
    .values(processed_at=bindparam("now"))
    .returning(INBOUND.c.id)
)
