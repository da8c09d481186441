"""Batches: what arrives while a batch is written goes together in the next, each caller
gets its own result, and a failed batch fails each of its callers (and only those)."""

import asyncio

import pytest

from bot.storage.batches import Batches


async def test_items_arriving_together_share_a_batch_and_get_their_own_result():
    seen: list[list[int]] = []

    async def write(items: list[int]) -> list[int]:
        seen.append(items)
        await asyncio.sleep(0)
        return [item * 10 for item in items]

    batches: Batches[int, int] = Batches(write, size=4)
    results = await asyncio.gather(*(batches.run(n) for n in range(10)))
    assert results == [n * 10 for n in range(10)]
    assert [len(batch) for batch in seen] == [4, 4, 2]


async def test_a_failed_batch_fails_its_callers_only():
    async def write(items: list[int]) -> list[int]:
        if 3 in items:
            raise RuntimeError("database away")
        return items

    batches: Batches[int, int] = Batches(write, size=2)
    results = await asyncio.gather(*(batches.run(n) for n in range(6)), return_exceptions=True)
    assert results[:2] == [0, 1] and results[4:] == [4, 5]
    assert all(isinstance(r, RuntimeError) for r in results[2:4])
    with pytest.raises(RuntimeError):
        await batches.run(3)
