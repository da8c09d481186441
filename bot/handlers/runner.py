"""``python -m bot run``: every configured platform, with the schedule."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.app import App
from bot.handlers.console.platform import ConsolePlatform
from bot.handlers.discord.client import DiscordPlatform
from bot.handlers.platform import Platform
from bot.handlers.slack.server import SlackPlatform
from bot.scheduling.scheduler import Scheduler

PLATFORMS: dict[str, Callable[[App], Platform]] = {
    "console": ConsolePlatform,
    "discord": DiscordPlatform,
    "slack": SlackPlatform,
}


async def run(app: App) -> int:
    """Serve every platform of the app until stopped; the scheduler runs alongside."""
    platforms = [PLATFORMS[name](app) for name in app.platforms]
    scheduler = Scheduler(app)
    await scheduler.start()
    try:
        await asyncio.gather(*(platform.serve() for platform in platforms))
    finally:
        await scheduler.shutdown()
    return 0
