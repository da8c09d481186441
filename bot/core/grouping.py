"""Group commit: members' messages that arrive while one transaction runs share the next.
One writer commits them together, each in a savepoint of its own, so a burst costs one
BEGIN and one COMMIT (on PostgreSQL one WAL flush) instead of one per message, and a
message that fails rolls back alone. What the group cannot settle (a refusal, a race, a
fault, a failed commit) is handed back to run on its own, exactly as without grouping."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

log = logging.getLogger(__name__)

GROUP = 50  # messages per shared transaction at most: a refusal redone alone stays cheap

# One message's work inside the shared session: its new outbox row ids, or None when it
# must run on its own (its savepoint was rolled back).
Work = Callable[[AsyncSession], Awaitable[list[int] | None]]


@dataclass
class _Waiting:
    work: Work
    settled: asyncio.Future[list[int] | None]


class GroupCommit:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        committed: Callable[[AsyncSession], None],
    ) -> None:
        self.sessions = sessions
        self.committed = committed  # after each shared commit (the core tells listeners)
        self._waiting: list[_Waiting] = []
        self._writer: asyncio.Task[None] | None = None

    async def run(self, work: Work) -> list[int] | None:
        """Run ``work`` in the next shared transaction; None: run it on its own."""
        settled: asyncio.Future[list[int] | None] = asyncio.get_running_loop().create_future()
        self._waiting.append(_Waiting(work, settled))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write())
        return await settled

    async def _write(self) -> None:
        while self._waiting:
            group, self._waiting = self._waiting[:GROUP], self._waiting[GROUP:]
            results: list[list[int] | None] = []
            try:
                async with self.sessions() as session, session.begin():
                    for waiting in group:
                        results.append(await _savepoint(session, waiting.work))
            except Exception:  # the commit failed: each runs again on its own
                log.warning("a group commit failed; its messages run one by one", exc_info=True)
                results = [None] * len(group)
            else:
                self.committed(session)
            for waiting, result in zip(group, results, strict=True):
                if not waiting.settled.done():
                    waiting.settled.set_result(result)


async def _savepoint(session: AsyncSession, work: Work) -> list[int] | None:
    try:
        async with session.begin_nested():
            return await work(session)
    except Exception:  # rolled back to the savepoint; handled on its own
        return None
