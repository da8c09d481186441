"""``python -m bot run`` with DISCORD_TOKEN: ``serve(app)`` connects through
DISCORD_API_URL and syncs the commands where the community config says."""

from __future__ import annotations

import asyncio

from bot.clock import FakeClock
from bot.handlers.discord.client import DiscordPlatform
from tests.handlers.discord.conftest import discord_app
from tests.handlers.discord.fake_discord import FakeDiscord


async def test_serve_connects_with_the_settings_and_syncs_globally(
    fake: FakeDiscord, tmp_path, clock: FakeClock
) -> None:  # type: ignore[no-untyped-def]
    app = await discord_app(fake, tmp_path, clock, sync_globally=True)
    assert app.platforms == ["discord"]
    task = asyncio.create_task(DiscordPlatform(app).serve())
    try:
        await fake.identified()
        identify = next(f for f in fake.gateway_frames if f["op"] == 2)["d"]
        assert identify["intents"] & (1 << 15)  # message content
        assert identify["token"].endswith("test-token-not-secret")
        assert fake.compression == "zlib-stream"  # frames were sent compressed
        global_sync = await fake.wait_for(lambda: fake.sent("PUT", r"/applications/\d+/commands"))
        assert {c["name"] for c in global_sync[0].body} >= {"oproep", "signaal", "help"}
        guild_sync = await fake.wait_for(
            lambda: fake.sent("PUT", r"/applications/\d+/guilds/\d+/commands")
        )
        assert guild_sync[0].body == []  # no duplicates next to the global commands
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await app.close()
