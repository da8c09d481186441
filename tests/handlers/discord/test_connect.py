from __future__ import annotations

from tests.handlers.discord.conftest import Bot


async def test_connects_and_syncs_commands(bot: Bot) -> None:
    synced = bot.fake.sent("PUT", r"/applications/\d+/guilds/\d+/commands")
    assert synced
