"""Composition root: settings -> storage -> core -> platforms (-> scheduler).
Nothing is built at import time; tests build the same app with a temporary database and
a fake clock."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.clock import Clock, SystemClock
from bot.core.dispatch import Core
from bot.settings import Community, Settings
from bot.storage.database import create_engine, sessionmaker
from bot.storage.migrate import upgrade

log = logging.getLogger(__name__)


@dataclass
class App:
    settings: Settings
    community: Community
    engine: AsyncEngine
    sessions: async_sessionmaker
    clock: Clock
    core: Core
    platforms: list[str]

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
        await upgrade(engine)
    sessions = sessionmaker(engine)
    clock = clock or SystemClock()
    platforms = platforms or settings.platforms()
    core = Core(sessions, clock, community, platforms)
    return App(settings, community, engine, sessions, clock, core, platforms)
