"""``python -m bot run``: every configured platform, with the schedule, and the staff
dashboard on PORT (on Slack's web application in HTTP mode, else on its own)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from bot.app import App
from bot.handlers.console.platform import ConsolePlatform
from bot.handlers.discord.client import DiscordPlatform
from bot.handlers.platform import Platform
from bot.handlers.slack.server import SlackPlatform
from bot.handlers.web import server as dashboard
from bot.scheduling.scheduler import Scheduler

log = logging.getLogger(__name__)

PLATFORMS: dict[str, Callable[[App], Platform]] = {
    "console": ConsolePlatform,
    "discord": DiscordPlatform,
    "slack": SlackPlatform,
}


def platform_for(app: App, name: str) -> Platform:
    if name == "slack" and dashboard.enabled(app):
        return SlackPlatform(app, routes=lambda root: dashboard.mount(root, app))
    return PLATFORMS[name](app)


async def run(app: App) -> int:
    """Serve every platform of the app until stopped; the scheduler runs alongside."""
    platforms = [platform_for(app, name) for name in app.platforms]
    on_slack = any(isinstance(p, SlackPlatform) and p.serves_http for p in platforms)
    scheduler = Scheduler(app)
    await scheduler.start()
    # the dashboard runs while the platforms do (the console ends when you type "stop")
    web: list[asyncio.Task[None]] = []
    if dashboard.enabled(app) and not on_slack:
        web.append(asyncio.create_task(dashboard.serve(app), name="dashboard"))
    elif not dashboard.enabled(app):
        log.info("dashboard off: set BOT_WEB_SECRET to switch it on")
    try:
        await asyncio.gather(*(platform.serve() for platform in platforms))
    finally:
        for task in web:
            task.cancel()
        await asyncio.gather(*web, return_exceptions=True)
        await scheduler.shutdown()
    return 0
