"""How many members' messages are being stored right now. The outbox drainers give way
to them: during a burst the replies are stored first and the answers follow, instead
of both sharing one event loop (and on SQLite one write lock) message by message."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator


class Storing:
    """``at_once``: how many messages may be stored straight away, each in a transaction
    of its own, beside others being stored (``room``); more wait in the inbox and go
    together in batches."""

    def __init__(self, at_once: int = 1) -> None:
        self.at_once = at_once
        self._count = 0
        self._quiet = asyncio.Event()
        self._quiet.set()

    @property
    def count(self) -> int:
        return self._count

    @property
    def room(self) -> bool:
        return self._count < self.at_once

    @contextlib.contextmanager
    def one(self) -> Iterator[None]:
        """While one message is being stored."""
        self._count += 1
        self._quiet.clear()
        try:
            yield
        finally:
            self._count -= 1
            if not self._count:
                self._quiet.set()

    async def quiet(self, longest: float) -> None:
        """Return once no message is being stored, or after ``longest`` seconds (a burst
        that never ends must not hold the answers back for good)."""
        if self._count:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._quiet.wait(), longest)
