"""The console as a ``Platform``: you act as anyone in a terminal; no tokens needed."""

from __future__ import annotations

from bot.app import App
from bot.core.context import Actor
from bot.handlers.console import runner
from bot.handlers.console.session import PLATFORM
from bot.outbox.delivery import Sender
from bot.settings import Pacing
from bot.vocabulary.enums import Role


class ConsolePlatform:
    name = PLATFORM

    def __init__(self, app: App) -> None:
        self.app = app
        self.session = runner.new_session(app)

    def sender(self) -> Sender:
        """Prints each message with where it goes; the session delivers after each line."""
        return self.session.sender

    def pacing(self) -> Pacing:
        return Pacing(rate=0, channel_messages=0)  # a terminal has no rate limits

    async def actor(self, user_id: str, reply_ref: str | None = None) -> Actor:
        """Console users are who they say they are; roles come from ``@naam:rol``."""
        return Actor(
            PLATFORM, user_id, user_id, self.session.roles.get(user_id, Role.MEMBER), reply_ref
        )

    async def serve(self) -> None:
        """The interactive console; a session delivers what it wrote itself, at once."""
        await runner.interactive(self.app, self.session)
