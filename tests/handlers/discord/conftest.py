"""A running Signaalbot Discord client connected to a fake Discord over loopback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
from sqlalchemy import select

from bot.app import App, build_app
from bot.clock import FakeClock
from bot.core.replies import Reply
from bot.handlers.discord.client import SignaalClient, use_api_url
from bot.settings import Community, DeliverySettings, DiscordPacing, PlatformSection, Settings
from bot.storage.models import OutboxMessage
from tests.handlers.discord.fake_discord import (
    AMBASSADOR_ROLE,
    CHANNELS,
    GUILD_ID,
    STAFF_ROLE,
    FakeDiscord,
    Person,
)

TOKEN = "test-token-not-secret"


class Bot:
    """The fake server, the app and the running client, with helpers for the tests."""

    def __init__(self, fake: FakeDiscord, app: App) -> None:
        self.fake = fake
        self.app = app
        self.client: SignaalClient | None = None
        self._task: asyncio.Task[None] | None = None
        self.vera = fake.add_person("800000000000000001", "Vera", STAFF_ROLE)
        self.sanne = fake.add_person("800000000000000002", "Sanne")
        self.ahmed = fake.add_person("800000000000000003", "Ahmed", AMBASSADOR_ROLE)
        self.joris = fake.add_person("800000000000000004", "Joris")

    async def start(self) -> SignaalClient:
        use_api_url(self.fake.api_url)
        self.client = SignaalClient(self.app, dm_interval=0, guild_ready_timeout=0.05)
        self._task = asyncio.create_task(self.client.start(TOKEN))
        await asyncio.wait_for(self.client.wait_until_ready(), 10)
        return self.client

    async def stop(self) -> None:
        if self.client is not None:
            await self.client.close()
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)
        self.client = None

    async def restart(self) -> SignaalClient:
        await self.stop()
        return await self.start()

    # -- acting as people ----------------------------------------------------------------

    async def noticed(self, person: Person) -> None:
        """A member who already had the first-contact privacy notice (a test about one
        DM then sees just that DM)."""
        assert self.client is not None
        async with self.app.core.unit(await self.client.actor(str(person.id))) as tx:
            tx.member.noticed_at = tx.now

    async def slash(
        self, person: Person, name: str, sub: str | None = None, **options: Any
    ) -> dict[str, Any]:
        data = self.fake.command(person, name, sub, **options)
        await self.fake.dispatch("INTERACTION_CREATE", data)
        return data

    async def answers(self, interaction: dict[str, Any], count: int = 1) -> list[str]:
        """The ephemeral follow-up texts for an interaction (waits for ``count``)."""
        path = rf"/webhooks/\d+/{interaction['token']}(/messages/@original)?"

        def found() -> list[str] | None:
            texts = [_text(r.body) for r in self.fake.sent(path=path)]
            return texts if len(texts) >= count else None

        return await self.fake.wait_for(found)

    async def callback(self, interaction: dict[str, Any]) -> Any:
        path = rf"/interactions/{interaction['id']}/{interaction['token']}/callback"
        return (await self.fake.wait_for(lambda: self.fake.sent("POST", path)))[0]

    async def channel_row(self, channel_key: str, reply: Reply) -> OutboxMessage:
        """A pending outbox row for a channel post, as the core would write it."""
        now = self.app.clock.now()
        async with self.app.sessions() as session, session.begin():
            row = OutboxMessage(
                platform="discord",
                target_kind="channel",
                channel_key=channel_key,
                payload=reply.to_dict(),
                status="pending",
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
            session.add(row)
        return row

    def message_bodies(self) -> list[dict[str, Any]]:
        """Every message body the bot sent over REST."""
        return [
            r.body
            for r in self.fake.requests
            if r.method in ("POST", "PATCH")
            and isinstance(r.body, dict)
            and ("content" in r.body or "embeds" in r.body)
        ]

    async def recorded(self, message: dict[str, Any]) -> dict[str, Any]:
        """Wait until the outbox recorded that it sent ``message``; returns it."""

        async def found() -> list[Any]:
            return await self.rows(
                OutboxMessage, OutboxMessage.platform_message_id == message["id"]
            )

        await self.fake.wait_for(found)
        return message

    async def rows(self, model: Any, *where: Any) -> list[Any]:
        async with self.app.sessions() as session:
            return list((await session.scalars(select(model).where(*where))).all())


def _text(body: dict[str, Any]) -> str:
    parts = [body.get("content") or ""]
    parts += [
        (e.get("title") or "") + "\n" + (e.get("description") or "")
        for e in body.get("embeds") or []
    ]
    return "\n".join(p for p in parts if p)


def text_of(body: dict[str, Any]) -> str:
    return _text(body)


async def discord_app(fake: FakeDiscord, tmp_path: Any, clock: FakeClock, **section: Any) -> App:
    """The app as ``python -m bot run`` builds it with DISCORD_TOKEN and DISCORD_API_URL."""
    community = Community(
        # Pacing is the drainer's (tested there); here the fake clock stands still.
        delivery=DeliverySettings(discord=DiscordPacing(rate=0, channel_messages=0)),
        discord=PlatformSection(
            channels=CHANNELS,
            staff=["Staf"],  # by role name
            ambassadors=[AMBASSADOR_ROLE],  # by role id
            guild_id=GUILD_ID,
            **section,
        ),
    )
    settings = Settings(
        BOT_DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}",
        DISCORD_TOKEN=TOKEN,
        DISCORD_API_URL=fake.api_url,
    )
    return await build_app(settings, community, clock=clock, platforms=settings.platforms())


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
        discord.http.Route.BASE = "https://discord.com/api/v10"


@pytest.fixture
async def bot(fake: FakeDiscord, tmp_path, clock: FakeClock) -> AsyncIterator[Bot]:  # type: ignore[no-untyped-def]
    app = await discord_app(fake, tmp_path, clock)
    harness = Bot(fake, app)
    await harness.start()
    try:
        yield harness
        # Whatever a test did: no message the bot sent could ping a crowd.
        assert all(
            b.get("allowed_mentions", {}).get("parse") == [] for b in harness.message_bodies()
        )
    finally:
        await harness.stop()
        await app.close()
