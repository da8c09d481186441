"""Items that arrive while a batch is being written wait, and go together in the next
batch: one transaction per batch (group commit)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Batches(Generic[T, R]):
    """``write`` takes a batch of at most ``size`` items and answers one result per item,
    in order; when it raises, every caller of that batch gets the exception. Up to
    ``writers`` batches are written at once: one where the database writes one
    transaction at a time anyway (SQLite), more where transactions overlap (PostgreSQL),
    so a lone item never waits for another's batch while a connection is free."""

    def __init__(
        self, write: Callable[[list[T]], Awaitable[list[R]]], size: int, writers: int = 1
    ) -> None:
        self.write = write
        self.size = size
        self.writers = writers
        self._waiting: list[tuple[T, asyncio.Future[R]]] = []
        self._running = 0  # writers started and not yet finished
        self._tasks: set[asyncio.Task[None]] = set()  # a reference keeps each alive

    async def run(self, item: T) -> R:
        done: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, done))
        if self._running < self.writers:
            self._running += 1
            writer = asyncio.create_task(self._write())
            self._tasks.add(writer)
            writer.add_done_callback(self._tasks.discard)
        return await done

    async def _write(self) -> None:
        try:
            while self._waiting:
                batch, self._waiting = self._waiting[: self.size], self._waiting[self.size :]
                try:
                    results = await self.write([item for item, _ in batch])
                except Exception as exc:
                    for _, done in batch:
                        if not done.done():
                            done.set_exception(exc)
                    continue
                for (_, done), result in zip(batch, results, strict=True):
                    if not done.done():
                        done.set_result(result)
        finally:
            # in the same step as the loop found nothing waiting: an item queued after
            # this starts a writer of its own (a done-callback would come a step late)
            self._running -= 1
