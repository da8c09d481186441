"""Job functions for APScheduler: importable, taking the app and ids. Each asks the
database whether its work is (still) due, so a stale or duplicate wake-up does nothing."""

from __future__ import annotations

from bot.app import App
from bot.scheduling import due


async def close_call(app: App, call_id: int) -> None:
    await due.close_call(app, call_id, app.clock.now())


async def close_poll(app: App, poll_id: int) -> None:
    await due.close_poll(app, poll_id, app.clock.now())


async def remind(app: App, reminder_id: int) -> None:
    await due.remind(app, reminder_id, app.clock.now())


async def report_back(app: App, feedback_id: int) -> None:
    await due.report_back(app, feedback_id)


async def digest(app: App) -> None:
    await due.run_digest(app, app.clock.now())


async def follow_up(app: App, item_id: int) -> None:
    await due.follow_up(app, item_id, app.clock.now())


async def news(app: App) -> None:
    await due.send_news(app, app.clock.now())


async def retention(app: App) -> None:
    await due.erase_expired(app, app.clock.now())


async def sweep(app: App) -> None:
    """The safety net: everything due (also what a missed wake-up left behind)."""
    await due.run_due(app)
