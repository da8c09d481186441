"""``python -m bot run``: every configured platform, with the schedule, and the staff
dashboard on PORT (on Slack's web application in HTTP mode, else on its own), until
SIGTERM or SIGINT. Then, in order: stop accepting, let requests in flight finish (within
``BOT_SHUTDOWN_SECONDS``), stop the drainers (unsent claimed rows go back to pending),
stop the scheduler; the caller closes the database and the process exits 0."""

from __future__ import annotations

import asyncio
import logging
import signal
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
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
MARGIN_SECONDS = 5.0  # on top of the shutdown bound, for closing connections


def platform_for(app: App, name: str) -> Platform:
    if name == "slack" and dashboard.enabled(app):
        return SlackPlatform(app, routes=lambda root: dashboard.mount(root, app))
    return PLATFORMS[name](app)


async def run(app: App, stop: asyncio.Event | None = None) -> int:
    """Serve every platform of the app until ``stop`` is set (by SIGTERM or SIGINT);
    the scheduler and the dashboard run alongside. A platform that ends (the console's
    "stop") or fails stops the others too."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    platforms = [platform_for(app, name) for name in app.platforms]
    on_slack = any(isinstance(p, SlackPlatform) and p.serves_http for p in platforms)
    scheduler = Scheduler(app)
    serving: list[asyncio.Task[None]] = []
    web: list[asyncio.Task[None]] = []  # the dashboard runs while the platforms do
    try:
        await scheduler.start()
        serving = [asyncio.create_task(p.serve(), name=f"serve-{p.name}") for p in platforms]
        if dashboard.enabled(app) and not on_slack:
            web.append(asyncio.create_task(dashboard.serve(app), name="dashboard"))
        elif not dashboard.enabled(app):
            log.info("dashboard off: set BOT_WEB_SECRET to switch it on")
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait([*serving, stopping], return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if stop.is_set():
            log.info("stopping: finishing what is in flight")
    finally:
        await _stop([*serving, *web], app.settings.shutdown_seconds + MARGIN_SECONDS)
        await scheduler.shutdown()
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)
    failed = [e for t in serving if not t.cancelled() and (e := t.exception()) is not None]
    if failed and not stop.is_set():
        raise failed[0]
    return 0


async def _stop(serving: list[asyncio.Task[None]], within: float) -> None:
    """Cancel each platform; its ``serve`` winds down in its own ``finally``."""
    running = [task for task in serving if not task.done()]
    for task in running:
        task.cancel()
    if not running:
        return
    _, late = await asyncio.wait(running, timeout=within)
    for task in late:  # a second cancel: stop waiting for it
        log.warning("%s did not stop in time", task.get_name())
        task.cancel()
    await asyncio.gather(*running, return_exceptions=True)
