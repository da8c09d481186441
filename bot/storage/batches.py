"""Items that arrive while a batch is being written wait, and go together in the next
batch: one writer, one transaction per batch (group commit)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Batches(Generic[T, R]):
    """``write`` takes a batch of at most ``size`` items and answers one result per item,
    in order; when it raises, every caller of that batch gets the exception."""

    def __init__(self, write: Callable[[list[T]], Awaitable[list[R]]], size: int) -> None:
        self.write = write
        self.size = size
        self._waiting: list[tuple[T, asyncio.Future[R]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def run(self, item: T) -> R:
        done: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write())
        return await done

    async def _write(self) -> None:
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
