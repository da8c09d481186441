"""Composition root: settings -> storage -> kernel -> features. Platforms and the schedule
are started on top of the ``App`` by ``bot.handlers.runner``. Nothing is built at import
time; tests build the same app with a temporary database and a fake clock."""

from __future__ import annotations

import gc
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import configure_mappers

from bot.clock import Clock, SystemClock
from bot.core import i18n
from bot.core.dispatch import POSTGRES_WRITERS, SQLITE_WRITERS, Core
from bot.features import table
from bot.inbox.store import Inbox
from bot.settings import Community, Settings
from bot.storage.database import create_engine, read_sessionmaker, sessionmaker, unavailable
from bot.storage.migrate import upgrade


@dataclass
class App:
    settings: Settings
    community: Community
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    clock: Clock
    core: Core
    inbox: Inbox
    platforms: list[str]

    @property
    def reads(self) -> async_sessionmaker[AsyncSession]:
        """Sessions that only read (no write lock on SQLite)."""
        return self.inbox.reads

    async def close(self) -> None:
        await self.engine.dispose()


async def build_app(
    settings: Settings,
    community: Community,
    *,
    clock: Clock | None = None,
    platforms: list[str] | None = None,
    migrate: bool = True,
) -> App:
    engine = create_engine(settings.database_url)
    if migrate:
        try:
            await upgrade(engine)
        except Exception as exc:  # any failure here means: the database cannot be used
            await engine.dispose()
            raise unavailable(settings.database_url, exc) from exc
    sessions = sessionmaker(engine)
    clock = clock or SystemClock()
    platforms = platforms or settings.platforms()
    writers = SQLITE_WRITERS if engine.dialect.name == "sqlite" else POSTGRES_WRITERS
    core = Core(
        sessions, clock, community, platforms, table.build(), settings.web_key(),
        message_writers=writers,
    )  # fmt: skip
    inbox = Inbox(sessions, clock, read_sessionmaker(engine))
    return App(settings, community, engine, sessions, clock, core, inbox, platforms)


def settle() -> None:
    """Call once the process's app is built: what is alive now (modules, mappers, compiled
    statements, locale bundles: some 230,000 objects that live as long as the process)
    moves out of the cyclic garbage collector's reach. A full collection then walks only
    what came after; walking everything, it held the event loop — and with it intake —
    for 60-125 ms whenever a burst of work (a report-back's ORM objects) set one off.
    What would otherwise load on first use (the texts, Babel's locale data, the mappers'
    configuration) is loaded first: left young, it made every full collection 10-20 ms."""
    i18n.warm()
    configure_mappers()
    gc.collect()
    gc.freeze()
