"""Report-back to many while intake runs (issue 13, goal 7): ``/terugkoppeling`` about a
bottleneck with N involved members (every tenth wants no messages) while the core takes
in 50 messages/s. The figure is the longest time one intake message took to be stored
during the report-back; the baseline the longest during the same intake for as long
again right after it, without a report-back. Also: the report-back's total time and that
it reached each member who wants it exactly once.

Goal: intake never waits more than 100 ms longer than without the report-back."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from sqlalchemy import func, insert, select

from bench.steady import Intake, console_app
from bench.suite import Benchmark, Context, Database, Figure
from bot.app import App
from bot.core.context import Actor
from bot.scheduling import due
from bot.storage.models import Member, Notice, Signal
from bot.vocabulary.enums import Role

NAME = "reportback"
STAFF = Actor("console", "vera", "Vera", Role.STAFF, "console:vera")
GOAL_MS = 100.0


async def involve(app: App, count: int) -> int:
    """``count`` members with a signal on bottleneck 1; returns how many want feedback."""
    now = datetime.now(UTC)
    async with app.engine.begin() as conn:
        start = int(await conn.scalar(select(func.coalesce(func.max(Member.id), 0))) or 0)
        ids = range(start + 1, start + count + 1)
        await conn.execute(
            insert(Member),
            [
                {
                    "id": i,
                    "platform": "console",
                    "platform_user_id": f"lid{i}",
                    "display_name": f"Lid {i}",
                    "role": "MEMBER",
                    "language": "nl",
                    "news": "uit" if i % 10 == 0 else "alles",
                    "created_at": now,
                    "noticed_at": now,
                }
                for i in ids
            ],
        )
        await conn.execute(
            insert(Signal),
            [
                {
                    "member_id": i,
                    "source": "DM",
                    "text": f"Signaal van lid {i}",
                    "bottleneck_id": 1,
                    "created_at": now,
                    "platform": "console",
                }
                for i in ids
            ],
        )
    async with app.engine.begin() as conn:
        if app.engine.dialect.name == "postgresql":  # explicit ids: move the sequence on
            await conn.exec_driver_sql(
                "SELECT setval('members_id_seq', (SELECT max(id) FROM members))"
            )
        await conn.exec_driver_sql("ANALYZE")  # statistics, as a database in use has them
    return sum(1 for i in ids if i % 10)


async def with_intake(
    app: App, prefix: str, work: asyncio.Future[object] | None, idle: float
) -> Intake:
    intake = Intake(app, 50.0, prefix)
    stop = asyncio.Event()
    running = asyncio.create_task(intake.run(stop))
    await asyncio.sleep(0.3)  # intake runs steadily before the report-back starts
    if work is not None:
        await work
    else:
        await asyncio.sleep(idle)
    stop.set()
    await running
    return intake


async def report_back(app: App) -> float:
    started = time.monotonic()
    await app.core.command(STAFF, '/terugkoppeling knelpunt:1 tekst:"Besproken aan tafel"')
    await due.report_back(app, 1)
    return time.monotonic() - started


async def one(db: Database, url: str, count: int, idle: float) -> list[Figure]:
    app = await console_app(url)
    try:
        await app.core.command(STAFF, '/knelpunt nieuw titel:"Wachtlijsten jeugdzorg"')
        expected = await involve(app, count)
        await with_intake(app, "warm", None, 0.5)  # statements compiled, caches filled
        timing = asyncio.ensure_future(report_back(app))
        busy = await with_intake(app, "druk", timing, idle)
        seconds = timing.result()
        # the baseline: as long again with the same intake and no report-back
        quiet = await with_intake(app, "rust", None, max(idle, seconds))
        async with app.sessions() as session:
            reached, people = (
                await session.execute(
                    select(func.count(), func.count(func.distinct(Notice.member_id))).where(
                        Notice.kind == "feedback", Notice.ref_id == 1
                    )
                )
            ).one()
    finally:
        await app.close()
    value, base = max(busy.latencies) * 1000, max(quiet.latencies) * 1000
    what = f"report-back to {count} involved"
    return [
        Figure(
            NAME,
            db.name,
            f"longest intake wait during {what} (intake {busy.stored_per_second:.0f}/s)",
            value,
            "ms",
            baseline=base,
            baseline_label="same intake, no report-back",
            goal=f"≤ baseline + {GOAL_MS:.0f} ms",
            ok=value <= base + GOAL_MS and not busy.failures,
        ),
        Figure(
            NAME,
            db.name,
            f"{what}: members reached (each once)",
            float(people),
            "",
            baseline=float(expected),
            baseline_label="who want it",
            goal="all, once each",
            ok=reached == people == expected,
        ),
        Figure(NAME, db.name, f"{what}: total time", seconds, "s"),
    ]


async def run(ctx: Context) -> list[Figure]:
    count = ctx.size(100_000, 1_000)
    idle = 1.0 if ctx.quick else 10.0  # the baseline: at least this long
    figures: list[Figure] = []
    for db in ctx.databases:
        async with db.fresh() as url:
            figures += await one(db, url, count, idle)
    return figures


BENCHMARK = Benchmark(NAME, run)
