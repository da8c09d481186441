"""Interaction answers under a staff member's quick series of actions (issue 13, goal 5).

One staff member does 20 slash commands in 10 s on Discord: the real discord.py client,
the real drainer and sender, against the fake Discord of ``tests/handlers/discord`` on
127.0.0.1. An answer's latency runs from the gateway event to the ephemeral follow-up
reaching the fake. The figure uses the bot's own pacing (Discord's published limits);
the baseline is the same bot with pacing switched off, in the same run. A second figure
(full run only) times the same actions while a fan-out of 1,000 DMs goes out, beside the
answers without one.

Goal: every answer (p99 of 20, so the slowest) within 300 ms: interaction answers never
wait on a channel's window."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import discord

from bench.fanout import fill_outbox
from bench.suite import Benchmark, Context, Database, Figure, percentile
from bot.app import App, build_app, settle
from bot.handlers.discord.client import SignaalClient, use_api_url
from bot.settings import Community, DeliverySettings, DiscordPacing, PlatformSection, Settings
from tests.handlers.discord.fake_discord import CHANNELS, GUILD_ID, STAFF_ROLE, FakeDiscord

NAME = "interactions"
GOAL_MS = 300.0
FANOUT = 1000  # DMs going out (at Discord's pace) while the staff member works
TOKEN = "bench-token-not-secret"


async def answers(
    url: str, pacing: DiscordPacing, actions: int, gap: float, fanout: int = 0
) -> list[float]:
    """Seconds from each command to its ephemeral answer (while a fan-out of ``fanout``
    DMs goes out, when given)."""
    fake = FakeDiscord()
    await fake.start()
    use_api_url(fake.api_url)
    app = await _app(fake, url, pacing)
    if fanout:
        await fill_outbox(url, fanout)
    client = SignaalClient(app, dm_interval=0, guild_ready_timeout=0.05)
    task = asyncio.create_task(client.start(TOKEN))
    try:
        await asyncio.wait_for(client.wait_until_ready(), 10)
        staff = fake.add_person("800000000000000001", "Vera", STAFF_ROLE)
        await _answered(fake, staff)  # the first contact (the privacy notice) is not timed
        await asyncio.sleep(gap)
        waits = [_answered(fake, staff) for _ in range(actions)]
        timed: list[asyncio.Task[float]] = []
        for waiting in waits:
            timed.append(asyncio.ensure_future(waiting))
            await asyncio.sleep(gap)
        return list(await asyncio.gather(*timed))
    finally:
        await client.close()
        await asyncio.gather(task, return_exceptions=True)
        await app.close()
        await fake.stop()
        discord.http.Route.BASE = "https://discord.com/api/v10"


async def _answered(fake: FakeDiscord, person: Any) -> float:
    data = fake.command(person, "status")
    path = rf"/webhooks/\d+/{data['token']}(/messages/@original)?"
    started = time.monotonic()
    await fake.dispatch("INTERACTION_CREATE", data)
    found = await fake.wait_for(lambda: fake.sent(path=path), within=30)
    return float(found[0].at - started)


async def _app(fake: FakeDiscord, url: str, pacing: DiscordPacing) -> App:
    community = Community(
        delivery=DeliverySettings(discord=pacing),
        discord=PlatformSection(channels=CHANNELS, staff=["Staf"], guild_id=GUILD_ID),
    )
    settings = Settings(BOT_DATABASE_URL=url, DISCORD_TOKEN=TOKEN, DISCORD_API_URL=fake.api_url)
    app = await build_app(settings, community, platforms=["discord"])
    settle()  # as python -m bot does after building its app
    return app


async def run(ctx: Context) -> list[Figure]:
    actions = ctx.size(20, 8)
    gap = 10.0 / 20 if not ctx.quick else 0.15
    figures = []
    what = f"{actions} staff actions in {actions * gap:.0f} s"
    for db in ctx.databases:
        async with db.fresh() as url:
            paced = await answers(url, DiscordPacing(), actions, gap)
        async with db.fresh() as url:
            raw = await answers(url, DiscordPacing(rate=0, channel_messages=0), actions, gap)
        figures.append(_figure(db, f"answer p99, {what}", paced, raw, "pacing off"))
        if ctx.quick:
            continue  # the fan-out case only in the full run: it takes its time
        async with db.fresh() as url:
            busy = await answers(url, DiscordPacing(), actions, gap, fanout=FANOUT)
        label = "no fan-out"
        figures.append(
            _figure(db, f"answer p99 during a fan-out of {FANOUT} DMs, {what}", busy, paced, label)
        )
    return figures


def _figure(
    db: Database, measure: str, seconds: list[float], base: list[float], label: str
) -> Figure:
    value = percentile(seconds, 99) * 1000
    return Figure(
        NAME,
        db.name,
        measure,
        value,
        "ms",
        baseline=percentile(base, 99) * 1000,
        baseline_label=label,
        goal=f"< {GOAL_MS:.0f} ms",
        ok=value < GOAL_MS,
    )


BENCHMARK = Benchmark(NAME, run)
