"""A long-running drainer per platform: delivers due outbox rows, waking up when the core
wrote new rows (``wake``) or at the latest every ``interval`` seconds."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.clock import Clock
from bot.delivery.outbox import Sender, deliver_pending

log = logging.getLogger(__name__)


class Drainer:
    def __init__(self, sessions: async_sessionmaker, sender: Sender, clock: Clock,
                 interval: float = 1.0) -> None:
        self.sessions = sessions
        self.sender = sender
        self.clock = clock
        self.interval = interval
        self._wake = asyncio.Event()
        self._stopped = False

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopped = True
        self._wake.set()

    async def drain_once(self) -> int:
        total = 0
        while sent := await deliver_pending(self.sessions, self.sender, self.clock):
            total += sent
        return total

    async def run(self) -> None:
        while not self._stopped:
            try:
                await self.drain_once()
            except Exception:  # keep draining; the rows stay pending
                log.exception("outbox drainer for %s failed; retrying", self.sender.platform)
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval)
            except TimeoutError:
                pass
            self._wake.clear()
