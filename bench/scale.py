"""Commands at 100× the data (issue 13, goal 4): each chat command and the weekly digest
on a community of 1,000 signals and 100 members (the baseline) and on one of 100,000
signals and 10,000 members, in the same run. Goal: at most 1.5× slower."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from bench import seed
from bench.polls import timed
from bench.suite import Benchmark, Context, Database, Figure
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


async def _times(ctx: Context, database: Database, scale: seed.Scale) -> dict[str, float]:
    repeats = 1 if ctx.quick else max(5, ctx.repeats)
    async with database.fresh() as url:
        app = await seed.app_on(url)
        try:
            await seed.community(app.engine, scale)
            await seed.after_seed(app.engine)
            out = {}
            for measure, actor, line in COMMANDS:
                out[measure] = await timed(
                    repeats, lambda a=actor, x=line: seed.answer(app, a, x)
                )
            out["digest"] = await timed(repeats, _digest(app))
        finally:
            await app.close()
    return out


async def _one(ctx: Context, database: Database) -> list[Figure]:
    small = seed.Scale(ctx.size(1_000, 100), ctx.size(100, 10))
    big = seed.Scale(ctx.size(100_000, 2_000), ctx.size(10_000, 200))
    base = await _times(ctx, database, small)
    grown = await _times(ctx, database, big)
    return [
        Figure(
            NAME,
            database.name,
            f"{measure} at {big.signals:,} signals",
            grown[measure],
            "ms",
            baseline=base[measure],
            baseline_label=f"{small.signals:,} signals",
            goal=f"≤ {GOAL_RATIO}× at 100× data",
            ok=grown[measure] <= GOAL_RATIO * base[measure],
        )
        for measure in base
    ]


async def run(ctx: Context) -> list[Figure]:
    figures: list[Figure] = []
    for database in ctx.databases:
        figures += await _one(ctx, database)
    return figures


BENCHMARK = Benchmark(NAME, run)
