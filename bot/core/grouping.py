"""Group commit: members' messages that arrive while one transaction runs share the next.
One writer commits them together, each in a savepoint of its own, so a burst costs one
BEGIN and one COMMIT (on PostgreSQL one WAL flush) instead of one per message, and a
message that fails rolls back alone. What the group cannot settle (a refusal, a race, a
fault, a failed commit) is handed back to run on its own, exactly as without grouping."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.batches import Batches

log = logging.getLogger(__name__)

GROUP = 50  # messages per shared transaction at most: a refusal redone alone stays cheap

# One message's work inside the shared session: its new outbox row ids, or None when it
# must run on its own (its savepoint was rolled back).
Work = Callable[[AsyncSession], Awaitable[list[int] | None]]


class GroupCommit:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        committed: Callable[[AsyncSession], None],
    ) -> None:
        self.sessions = sessions
        self.committed = committed  # after each shared commit (the core tells listeners)
        self.batches: Batches[Work, list[int] | None] = Batches(self._write, GROUP)

    async def run(self, work: Work) -> list[int] | None:
        """Run ``work`` in the next shared transaction; None: run it on its own."""
        return await self.batches.run(work)

    async def _write(self, group: list[Work]) -> list[list[int] | None]:
        results: list[list[int] | None] = []
        try:
            async with self.sessions() as session, session.begin():
                for work in group:
                    results.append(await _savepoint(session, work))
        except Exception:  # the commit failed: each runs again on its own
            log.warning("a group commit failed; its messages run one by one", exc_info=True)
            return [None] * len(group)
        self.committed(session)
        return results


async def _savepoint(session: AsyncSession, work: Work) -> list[int] | None:
    try:
        async with session.begin_nested():
            return await work(session)
    except Exception:  # rolled back to the savepoint; handled on its own
        return None
