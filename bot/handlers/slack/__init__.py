"""The Slack platform (slack-bolt): slash commands, Block Kit replies, thread replies and
DMs as signals, the App Home tab, and an outbox sender."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import App


async def serve(app: App, **kwargs: object) -> None:
    from bot.handlers.slack.server import serve as run

    await run(app, **kwargs)  # type: ignore[arg-type]
