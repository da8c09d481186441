"""The Discord platform: application commands, buttons, selects and modals, thread replies
and DMs translated to the core; the outbox delivered over Discord's REST API."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import App


async def serve(app: App) -> None:
    """Connect to Discord and deliver the outbox until stopped (``python -m bot run``)."""
    from bot.handlers.discord.client import run

    await run(app)
