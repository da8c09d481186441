"""Commands at 100× the data (issue 13, goal 4): each chat command and the weekly digest
on a community of 1,000 signals and 100 members (the baseline) and on one of 100,000
signals and 10,000 members, in the same run. Goal: at most 1.5× slower."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import partial
from typing import Any

from bench import seed
from bench.suite import Benchmark, Context, Database, Figure, median
from bot.app import App
from bot.features.reports import digest

NAME = "scale"
GOAL_RATIO = 1.5
# (what is measured, who, the command line): staff, and a member (``seed.MEMBER``)
COMMANDS = (
    ("/status", seed.STAFF, "/status"),
    ("/status audit", seed.STAFF, "/status onderdeel:audit"),
    ("/ordenen", seed.STAFF, "/ordenen"),
    ("/knelpunt toon", seed.STAFF, "/knelpunt toon nr:1"),
    ("/knelpunt toon (member)", seed.MEMBER, "/knelpunt toon nr:1"),
    ("/knelpunt lijst", seed.MEMBER, "/knelpunt lijst"),
    ("/mijn signalen", seed.MEMBER, "/mijn signalen"),
    ("/mijn gegevens", seed.MEMBER, "/mijn gegevens"),
    ("/peiling uitslag (staff)", seed.STAFF, "/peiling uitslag nr:1"),
    ("/peiling uitslag (member)", seed.MEMBER, "/peiling uitslag nr:1"),
    ("/help", seed.MEMBER, "/help"),
)


def _digest(app: App) -> Callable[[], Awaitable[Any]]:
    """The weekly digest's text over the last week (what the schedule posts)."""

    async def build() -> None:
        async with app.core.unit(seed.STAFF) as tx:
            await digest.build(tx, seed.NOW - timedelta(days=7), seed.NOW, "nl")

    return build


async def _app(url: str, scale: seed.Scale) -> App:
    app = await seed.app_on(url)
    await seed.community(app.engine, scale)
    await seed.after_seed(app.engine)
    return app


async def _pair(
    repeats: int, small: Callable[[], Awaitable[Any]], big: Callable[[], Awaitable[Any]]
) -> tuple[float, float]:
    """Median milliseconds of each, measured in turns (a busy machine slows both)."""
    await small()
    await big()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for work, out in ((small, times[0]), (big, times[1])):
            started = time.perf_counter()
            await work()
            out.append((time.perf_counter() - started) * 1000)
    return median(times[0]), median(times[1])


def _works(app: App) -> dict[str, Callable[[], Awaitable[Any]]]:
    works: dict[str, Callable[[], Awaitable[Any]]] = {
        measure: partial(seed.answer, app, actor, line) for measure, actor, line in COMMANDS
    }
    works["digest"] = _digest(app)
    return works


async def _one(ctx: Context, database: Database) -> list[Figure]:
    small = seed.Scale(ctx.size(1_000, 100), ctx.size(100, 10))
    big = seed.Scale(ctx.size(100_000, 2_000), ctx.size(10_000, 200))
    repeats = 1 if ctx.quick else max(7, ctx.repeats)
    figures = []
    async with database.fresh() as small_url, database.fresh() as big_url:
        apps = [await _app(small_url, small), await _app(big_url, big)]
        try:
            base, grown = _works(apps[0]), _works(apps[1])
            for measure in base:
                before, after = await _pair(repeats, base[measure], grown[measure])
                figures.append(
                    Figure(
                        NAME,
                        database.name,
                        f"{measure} at {big.signals:,} signals",
                        after,
                        "ms",
                        baseline=before,
                        baseline_label=f"{small.signals:,} signals",
                        goal=f"≤ {GOAL_RATIO}× at 100× data",
                        ok=after <= GOAL_RATIO * before,
                    )
                )
        finally:
            for app in apps:
                await app.close()
    return figures


BENCHMARK = Benchmark(NAME, seed.each_database(_one))
