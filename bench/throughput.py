"""In-process throughput (issue 13, goal 2): thread replies handed to the core
(``Core.message``) by many members at once, as a platform hands them over, against a plain
sqlite3 insert of the same row (one transaction per row) and a plain SQLAlchemy ORM insert
in the same run.

    python -m bench --only throughput"""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
import time
from datetime import UTC, datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bench.suite import Benchmark, Context, Database, Figure, median
from bot.app import build_app, settle
from bot.core.context import Actor, Incoming
from bot.settings import Community, PlatformSection, Settings
from bot.storage.database import create_engine
from bot.vocabulary.enums import Role

IN_FLIGHT = 100  # requests the platform hands over at once
GOAL_RATE = 1000.0  # signals/s on SQLite
GOAL_SHARE = 0.12  # of plain sqlite3
TEXT = "Er is geen plek waar ouders elkaar ontmoeten, en de school weet het niet."


async def bot_rate(url: str, count: int, users: int) -> float:
    """Signals/s through ``Core.message``: ``count`` replies under one call, at most
    ``IN_FLIGHT`` at once, from ``users`` members (each first seen during the run)."""
    settings = Settings(
        BOT_DATABASE_URL=url, BOT_FILES_DIR=tempfile.mkdtemp(prefix="sb-bench-files-")
    )
    community = Community(slack=PlatformSection(channels={"calls": "C_CALLS"}, staff=["USTAFF"]))
    app = await build_app(settings, community, platforms=["slack"])
    settle()  # as python -m bot does after building its app
    try:
        core = app.core
        await core.command(
            Actor("slack", "USTAFF", "Staf", Role.STAFF), '/oproep open vraag:"Waar?"'
        )
        gate = asyncio.Semaphore(IN_FLIGHT)

        async def one(i: int) -> None:
            user = f"U{i % users:06d}"
            incoming = Incoming("thread", f"{TEXT} ({i})", f"C_CALLS:{i}", call_id=1)
            async with gate:
                await core.message(Actor("slack", user, f"lid {user}"), incoming)

        await one(-1)  # warm up
        started = time.monotonic()
        await asyncio.gather(*(one(i) for i in range(count)))
        return count / (time.monotonic() - started)
    finally:
        await app.close()


def sqlite3_rate(path: str, count: int) -> float:
    """Plain sqlite3, one transaction per row, WAL as the bot runs it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(
        "CREATE TABLE plain (id INTEGER PRIMARY KEY, member_id INTEGER, text TEXT, "
        "platform_message_id VARCHAR(128) UNIQUE, created_at VARCHAR(40))"
    )
    started = time.monotonic()
    for i in range(count):
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO plain (member_id, text, platform_message_id, created_at) "
            "VALUES (?, ?, ?, ?)",
            (i % 50, TEXT, f"C:{i}", datetime.now(UTC).isoformat()),
        )
        conn.execute("COMMIT")
    rate = count / (time.monotonic() - started)
    conn.close()
    return rate


class _Base(DeclarativeBase):
    pass


class _Plain(_Base):
    __tablename__ = "plain_orm"
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    platform_message_id: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


async def orm_rate(url: str, count: int) -> float:
    """A plain SQLAlchemy ORM insert: one session and transaction per row, one at a time,
    through the bot's engine set-up."""
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_Base.metadata.create_all)
        sessions = async_sessionmaker(engine, expire_on_commit=False)
        started = time.monotonic()
        for i in range(count):
            async with sessions() as session, session.begin():
                session.add(
                    _Plain(member_id=i % 50, text=TEXT, platform_message_id=f"C:{i}",
                           created_at=datetime.now(UTC))
                )  # fmt: skip
        return count / (time.monotonic() - started)
    finally:
        await engine.dispose()


async def run(ctx: Context) -> list[Figure]:
    count = ctx.size(2000, 200)
    users = ctx.size(500, 50)
    plain_count = ctx.size(5000, 500)
    figures: list[Figure] = []
    for db in ctx.databases:
        bots, orms, plains = [], [], []
        for _ in range(ctx.repeats):
            async with db.fresh() as url:
                bots.append(await bot_rate(url, count, users))
            async with db.fresh() as url:
                orms.append(await orm_rate(url, plain_count))
            if db.name == "sqlite":
                async with db.fresh() as url:
                    plains.append(sqlite3_rate(url.removeprefix("sqlite:///"), plain_count))
        figures += _figures(db, median(bots), median(orms), median(plains))
    return figures


def _figures(db: Database, bot: float, orm: float, plain: float) -> list[Figure]:
    name = "throughput in-process"
    if db.name != "sqlite":
        return [Figure(name, db.name, "signals/s (core)", bot, "/s", orm, "plain ORM insert",
                       better="higher")]  # fmt: skip
    return [
        Figure(name, db.name, "signals/s (core)", bot, "/s", plain, "plain sqlite3",
               f"≥ {GOAL_RATE:g}/s and ≥ {GOAL_SHARE:g} of plain sqlite3",
               bot >= GOAL_RATE and bot >= GOAL_SHARE * plain, better="higher"),
        Figure(name, db.name, "signals/s (core) vs ORM", bot, "/s", orm, "plain ORM insert",
               better="higher"),
    ]  # fmt: skip


BENCHMARK = Benchmark("throughput", run)
