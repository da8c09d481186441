"""The long-running drainer and its configuration."""

from __future__ import annotations

import asyncio

import pytest

from bot.settings import ConfigError, load_community
from tests.delivery.support import FakePlatform, dms, drainer, members, stop_once_sent


async def test_run_sends_what_the_core_writes_later_and_stops_cleanly(app, clock) -> None:
    platform = FakePlatform(clock)
    d = drainer(app, platform)
    task = asyncio.create_task(d.run())
    ids = await dms(app, await members(app, 5))
    d.wake()
    await stop_once_sent(d, task, platform, len(ids))
    assert sorted(platform.accepted) == sorted(str(i) for i in ids)


def test_a_partial_delivery_section_keeps_the_platform_defaults(tmp_path) -> None:
    path = tmp_path / "community.toml"
    path.write_text("[delivery]\nmax_attempts = 3\n[delivery.slack]\nrate = 10\n", "utf-8")
    delivery = load_community(path).delivery
    assert delivery.max_attempts == 3
    assert (delivery.slack.rate, delivery.slack.channel_messages) == (10, 1)
    assert (delivery.discord.rate, delivery.discord.channel_messages) == (50, 5)
    assert delivery.pacing("console").rate == 0  # not paced


def test_a_wrong_delivery_setting_is_named(tmp_path) -> None:
    path = tmp_path / "community.toml"
    path.write_text("[delivery.discord]\nrate = -1\n", "utf-8")
    with pytest.raises(ConfigError, match=r"delivery\.discord\.rate"):
        load_community(path)
