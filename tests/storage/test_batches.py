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


@pytest.mark.parametrize("writers", [1, 3])
async def test_an_item_queued_as_the_last_writer_finishes_is_written(writers):
    """The caller of one item queues the next in the very step its result arrives, while
    the writer is ending: the next still gets a writer (it used to wait for ever)."""

    async def write(items: list[int]) -> list[int]:
        return items

    batches: Batches[int, int] = Batches(write, size=4, writers=writers)
    async with asyncio.timeout(2):  # not wait_for: its task would start a step later
        for n in range(5):
            assert await batches.run(n) == n


async def test_several_writers_write_batches_at_once_but_no_more():
    running, most = 0, 0

    async def write(items: list[int]) -> list[int]:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.01)
        running -= 1
        return items

    batches: Batches[int, int] = Batches(write, size=2, writers=3)
    assert await asyncio.gather(*(batches.run(n) for n in range(20))) == list(range(20))
    assert most == 3
