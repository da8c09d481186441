"""Poll result at scale (issue 13, goal 3): one poll with 100,000 votes (a third wrote
what is needed). Figures: the tally, ``/peiling uitslag`` as staff and as a member, each
beside the plain SQL aggregate of the same votes in the same run; and the size of the
staff answer (bounded: the needs are paged)."""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import func, select

from bench import seed
from bench.suite import Benchmark, Context, Database, Figure, median
from bot.features.polls.service import tally
from bot.storage.models import Bottleneck, Member, Poll, StageChange, Vote

NAME = "polls"
GOAL_MS = 100.0
GOAL_RATIO = 1.5
GOAL_CHARS = 12_000


async def timed(repeats: int, work: Callable[[], Awaitable[Any]]) -> float:
    """Median milliseconds of ``work`` over ``repeats`` runs, after one warm-up."""
    await work()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        await work()
        times.append((time.perf_counter() - started) * 1000)
    return median(times)


async def _fill(engine: Any, votes: int) -> None:
    rng = random.Random(3)
    await seed.bulk(engine, Member, seed.members(votes + 1, rng))
    await seed.bulk(engine, Bottleneck, seed.bottlenecks(1, rng))
    await seed.bulk(engine, StageChange, seed.stage_changes(1))
    await seed.bulk(engine, Poll, seed.polls(1))
    await seed.bulk(engine, Vote, (seed.vote(1, m, rng, 0.3) for m in range(2, votes + 2)))
    await seed.after_seed(engine)


def aggregate() -> Any:
    """The plain SQL aggregate: the poll's votes by recognition, urgency and domain."""
    return (
        select(Vote.recognition, Vote.urgency, Member.domain, func.count())
        .join(Member, Member.id == Vote.member_id)
        .where(Vote.poll_id == 1)
        .group_by(Vote.recognition, Vote.urgency, Member.domain)
    )


def _figure(db: str, measure: str, value: float, baseline: float) -> Figure:
    return Figure(
        NAME,
        db,
        measure,
        value,
        "ms",
        baseline=baseline,
        baseline_label="SQL aggregate",
        goal=f"< {GOAL_MS:.0f} ms and ≤ {GOAL_RATIO}× SQL aggregate",
        ok=value < GOAL_MS and value <= GOAL_RATIO * baseline,
    )


async def _one(ctx: Context, database: Database) -> list[Figure]:
    votes = ctx.size(100_000, 2_000)
    repeats = max(3, ctx.repeats * 3)
    async with database.fresh() as url:
        app = await seed.app_on(url)
        try:
            await _fill(app.engine, votes)

            async def plain() -> None:
                async with app.engine.connect() as conn:
                    (await conn.execute(aggregate())).all()

            async def counted() -> None:
                async with app.sessions() as session:
                    poll = await session.get(Poll, 1)
                    assert poll is not None
                    await tally(session, poll, app.community.polls)

            base = await timed(repeats, plain)
            line = "/peiling uitslag nr:1"
            figures = [
                _figure(
                    database.name, f"tally of {votes:,} votes", await timed(repeats, counted), base
                ),
                _figure(
                    database.name,
                    "staff answer",
                    await timed(repeats, lambda: seed.answer(app, seed.STAFF, line)),
                    base,
                ),
                _figure(
                    database.name,
                    "member answer",
                    await timed(repeats, lambda: seed.answer(app, seed.MEMBER, line)),
                    base,
                ),
            ]
            staff = len(await seed.answer(app, seed.STAFF, line))
            member = len(await seed.answer(app, seed.MEMBER, line))
        finally:
            await app.close()
    figures.append(
        Figure(
            NAME,
            database.name,
            "staff answer size",
            staff,
            "chars",
            baseline=member,
            baseline_label="member answer",
            goal=f"≤ {GOAL_CHARS:,} chars (needs paged)",
            ok=staff <= GOAL_CHARS,
        )
    )
    return figures


BENCHMARK = Benchmark(NAME, seed.each_database(_one))
