"""Slack fixtures: the fake Slack Web API and the real Bolt app on loopback ports."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import App
from bot.clock import FakeClock
from bot.settings import Community, PlatformSection
from tests.conftest import make_app
from tests.handlers.slack.fake_slack import FakeSlack
from tests.handlers.slack.harness import SlackHarness

CHANNELS = {
    "calls": "C_CALLS",
    "polls": "C_POLLS",
    "news": "C_NEWS",
    "events": "C_EVENTS",
    "staff": "C_STAFF",
}


@pytest.fixture
def community() -> Community:
    return Community(
        slack=PlatformSection(channels=CHANNELS, staff=["UVERA", "SSTAFF"], ambassadors=["SAMBAS"])
    )


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = FakeSlack(
        groups={"SSTAFF": ["UPIM"], "SAMBAS": ["UAHMED"]},
        names={
            "UVERA": "Vera",
            "USANNE": "Sanne",
            "UAHMED": "Ahmed",
            "UPIM": "Pim",
            "UJOOST": "Joost",
        },
    )
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def slack_app(sqlite_url: str, community: Community, clock: FakeClock) -> AsyncIterator[App]:
    built = await make_app(sqlite_url, community, clock, platforms=["slack"])
    yield built
    await built.close()


@pytest.fixture
async def slack(slack_app: App, fake: FakeSlack) -> AsyncIterator[SlackHarness]:
    harness = await SlackHarness(slack_app, fake).start()
    yield harness
    await harness.stop()
