"""Exactly one active scheduler. On PostgreSQL several bot processes may run; a session
advisory lock, held on a dedicated connection, elects the one that schedules. If that
process dies, its connection closes, the lock is released and a standby takes over.
SQLite means one machine and one process: it always leads."""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = logging.getLogger(__name__)

LOCK_KEY = 0x5161_6E61  # arbitrary, fixed: "the Signaalbot scheduler"
# A key below 2^32 is stored as objid (classid 0) in pg_locks.
HOLDS_LOCK = text(
    "SELECT count(*) > 0 FROM pg_locks WHERE locktype = 'advisory' AND granted "
    "AND pid = pg_backend_pid() AND classid = 0 AND objid = :key"
)


class Leadership:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._conn: AsyncConnection | None = None

    @property
    def held(self) -> bool:
        return self._conn is not None or self.engine.dialect.name != "postgresql"

    async def try_acquire(self) -> bool:
        if self.held:
            return True
        conn = await self.engine.connect()
        try:
            got = await conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY})
            await conn.commit()
        except Exception:
            await conn.close()
            raise
        if not got:
            await conn.close()
            return False
        self._conn = conn
        return True

    async def check(self) -> bool:
        """Still the leader? Asked before every job: the lock's connection must answer and
        still hold the lock. A lost connection means another process may lead by now, so
        this one steps down (``held`` becomes False)."""
        if self.engine.dialect.name != "postgresql":
            return True
        if self._conn is None:
            return False
        try:
            held = await self._conn.scalar(HOLDS_LOCK, {"key": LOCK_KEY})
            await self._conn.commit()
        except Exception as exc:
            log.warning("the schedule's lock connection is gone (%s)", type(exc).__name__)
            held = False
        if not held:
            await self._drop()
        return bool(held)

    async def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                await conn.close()
            except Exception:  # already broken: nothing to release
                log.debug("closing the lost lock connection failed", exc_info=True)

    async def release(self) -> None:
        if self._conn is None:
            return
        try:
            await self._conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
            await self._conn.commit()
        except Exception:  # the connection is gone, and the lock with it
            log.debug("releasing the schedule's lock failed", exc_info=True)
        finally:
            await self._drop()
