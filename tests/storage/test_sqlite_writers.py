"""SQLite under concurrency: writers of one process queue in order (none fails with
"database is locked"), readers never wait for them, a writer in another process is waited
for without blocking the event loop, and the inbox commits what arrives at once together,
each item once."""

import asyncio
import sqlite3
import threading
import time

from sqlalchemy import func, select, text

from bot.storage.database import create_engine, read_sessionmaker, sessionmaker
from bot.storage.models import InboundEvent


async def _table(url: str):  # type: ignore[no-untyped-def]
    engine = create_engine(url)
    async with sessionmaker(engine)() as s, s.begin():
        await s.execute(text("CREATE TABLE t (n INTEGER)"))
    return engine


async def test_concurrent_writers_queue_and_all_commit(tmp_path):
    engine = await _table(f"sqlite:///{tmp_path / 'w.db'}")
    sessions = sessionmaker(engine)

    async def write(n: int) -> None:
        async with sessions() as s, s.begin():
            before = await s.scalar(text("SELECT count(*) FROM t"))
            await asyncio.sleep(0)  # another writer would interleave here without the queue
            await s.execute(text("INSERT INTO t VALUES (:n)"), {"n": before})

    await asyncio.gather(*(write(n) for n in range(60)))
    async with sessions() as s:
        values = (await s.scalars(text("SELECT n FROM t ORDER BY n"))).all()
    await engine.dispose()
    assert values == list(range(60))  # each saw the one before: one writer at a time


async def test_a_reader_does_not_wait_for_a_writer(tmp_path):
    engine = await _table(f"sqlite:///{tmp_path / 'r.db'}")
    async with sessionmaker(engine)() as w, w.begin():
        await w.execute(text("INSERT INTO t VALUES (1)"))
        async with read_sessionmaker(engine)() as r:  # while the write is open
            seen = await asyncio.wait_for(r.scalar(text("SELECT count(*) FROM t")), 2)
    await engine.dispose()
    assert seen == 0  # the committed state, without waiting


async def test_a_writer_in_another_process_is_waited_for_off_the_loop(tmp_path):
    path = tmp_path / "p.db"
    engine = await _table(f"sqlite:///{path}")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # "another process" holds the write lock
    ticks = 0

    async def ticking() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    ticker = asyncio.create_task(ticking())
    threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
    started = time.monotonic()
    async with sessionmaker(engine)() as s, s.begin():
        await s.execute(text("INSERT INTO t VALUES (1)"))
    waited = time.monotonic() - started
    ticker.cancel()
    other.close()
    await engine.dispose()
    assert waited >= 0.25  # it waited for the other writer instead of failing
    assert ticks >= 10  # and the event loop kept running meanwhile


async def test_items_persisted_at_once_are_each_stored_once(any_app):
    inbox = any_app.inbox
    keys = [f"C1:{n % 40}" for n in range(100)]  # 40 keys, most of them sent more than once
    ids = await asyncio.gather(
        *(inbox.persist("slack", key, "thread", {"n": n}) for n, key in enumerate(keys))
    )
    stored = [i for i in ids if i is not None]
    assert len(stored) == len(set(stored)) == 40  # one id per key, None for the repeats
    ids_again = await asyncio.gather(*(inbox.persist("slack", k, "thread", {}) for k in keys[:5]))
    assert ids_again == [None] * 5  # stored before: handled once
    async with any_app.sessions() as s:
        assert await s.scalar(select(func.count()).select_from(InboundEvent)) == 40
    first = await inbox.load(stored[0])
    assert first is not None and first.kind == "thread"


async def test_the_wal_is_checkpointed_beside_the_writers_not_in_their_commits(
    tmp_path, monkeypatch
):
    from bot.storage import checkpoints

    path = tmp_path / "c.db"
    engine = await _table(f"sqlite:///{path}")
    try:
        sessions = sessionmaker(engine)
        async with sessions() as s:  # SQLite's own checkpoint: a far-out safety net only
            assert await s.scalar(text("PRAGMA wal_autocheckpoint")) == checkpoints.SAFETY_PAGES
        monkeypatch.setattr(checkpoints, "EVERY", 0.0)
        size = path.stat().st_size
        for _ in range(50):  # ~5,000 pages of WAL: far below SQLite's own threshold
            async with sessions() as s, s.begin():
                await s.execute(text("INSERT INTO t VALUES (zeroblob(400000))"))
        for _ in range(200):  # the last checkpoint's thread
            if not any(t.name == "sqlite-checkpoint" for t in threading.enumerate()):
                break
            await asyncio.sleep(0.01)
        assert path.stat().st_size > size + 10_000_000  # copied into the database file
    finally:
        await engine.dispose()
