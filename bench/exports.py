"""Exports at scale (issue 13, goal 4): ``python -m bot export`` of 100,000 signals (10,000
members) as JSON, CSV and a workbook, each in its own process: seconds beside a plain
SELECT of the same rows written with the json/csv module (or openpyxl), and peak memory
(RSS) beside the same export of 1 % of the data — streaming keeps it flat.

    python -m bench.exports child json sqlite:///x.db out.json   # (internal) one export"""

from __future__ import annotations

import asyncio
import csv
import json
import os
import resource
import runpy
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import seed
from bench.suite import Benchmark, Context, Database, Figure, median

NAME = "exports"
GOAL_SECONDS = 10.0
GOAL_MEMORY = 1.5
ROOT = Path(__file__).resolve().parents[1]


# -- in the child process ------------------------------------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_export(fmt: str, url: str, out: str) -> None:
    """The real command line, in this process."""
    sys.argv = ["bot", "--database", url, "export", "--format", fmt, "--out", out]
    try:
        runpy.run_module("bot", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise


async def _plain_rows(url: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    from sqlalchemy import select

    from bot.features.reports.archive import EXPORTED
    from bot.storage.database import create_engine
    from bot.storage.models import Member, Signal

    engine = create_engine(url)
    columns = [*EXPORTED, Member.display_name, Signal.text]  # the exported signal table's
    async with engine.connect() as conn:
        rows = (
            await conn.execute(
                select(*columns)
                .outerjoin(Member, Member.id == Signal.member_id)
                .order_by(Signal.domain, Signal.id)
            )
        ).all()
    await engine.dispose()
    return [c.key or "" for c in columns], [tuple(r) for r in rows]


def child_plain(fmt: str, url: str, out: str) -> None:
    """The baseline: one SELECT of the signals' rows, written with the plain module."""
    names, rows = asyncio.run(_plain_rows(url))
    write_plain(fmt, names, rows, out)


def write_plain(fmt: str, names: list[str], rows: list[tuple[Any, ...]], out: str) -> None:
    def cell(v: Any) -> Any:
        return v.isoformat() if hasattr(v, "isoformat") else getattr(v, "value", v)

    with open(out, "w", encoding="utf-8", newline="") as file:
        if fmt == "json":
            json.dump(
                {"signalen": [dict(zip(names, map(cell, r), strict=True)) for r in rows]},
                file,
                ensure_ascii=False,
                indent=2,
            )
        elif fmt == "csv":
            writer = csv.writer(file, delimiter=";")
            writer.writerow(names)
            writer.writerows([cell(v) for v in r] for r in rows)
        else:
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet("signalen")
            sheet.append(names)
            for r in rows:
                sheet.append([cell(v) for v in r])
            book.save(out)


def child(argv: list[str]) -> None:
    kind, fmt, url, out = argv
    started = time.perf_counter()
    (child_export if kind == "export" else child_plain)(fmt, url, out)
    print(json.dumps({"seconds": time.perf_counter() - started, "mb": _peak_mb()}))


# -- the benchmark -------------------------------------------------------------------------


async def measure(kind: str, fmt: str, url: str) -> dict[str, float]:
    """One export in a fresh process: its seconds and peak RSS."""
    old = os.environ.get("BENCH_OLD_TREE")  # measure an older version's bot (before/after)
    env = {**os.environ, "PYTHONPATH": f"{old}:{ROOT}" if old else str(ROOT)}
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / ("csv" if fmt == "csv" else f"export.{fmt}"))  # csv: a folder
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.exports",
            "child",
            kind,
            fmt,
            url,
            out,
            cwd=old or str(ROOT),
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        stdout, stderr = await proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"{kind} {fmt} failed: {stderr.decode()[-2000:]}")
    return dict(json.loads(stdout.decode().strip().splitlines()[-1]))


async def plain_here(fmt: str, url: str) -> dict[str, float]:
    started = time.perf_counter()
    names, rows = await _plain_rows(url)
    with tempfile.TemporaryDirectory() as folder:
        write_plain(fmt, names, rows, str(Path(folder) / f"plain.{fmt}"))
    return {"seconds": time.perf_counter() - started}


async def _seeded(url: str, scale: seed.Scale) -> None:
    app = await seed.app_on(url)
    try:
        await seed.community(app.engine, scale)
        await seed.after_seed(app.engine)
    finally:
        await app.close()


async def _figures(
    ctx: Context, db: str, fmt: str, big: str, small: str | None, signals: int
) -> list[Figure]:
    repeats = 1 if ctx.quick else ctx.repeats
    runs = [await measure("export", fmt, big) for _ in range(repeats)]
    if ctx.quick:  # a smoke run: the baseline in this process (no second start-up)
        plain = [await plain_here(fmt, big)]
    else:
        plain = [await measure("plain", fmt, big) for _ in range(repeats)]
    seconds = median([r["seconds"] for r in runs])
    figures = [
        Figure(
            NAME,
            db,
            f"export {fmt}, {signals:,} signals",
            seconds,
            "s",
            baseline=median([r["seconds"] for r in plain]),
            baseline_label=f"plain SELECT + {fmt} module",
            goal=f"< {GOAL_SECONDS:.0f} s",
            ok=seconds < GOAL_SECONDS,
        )
    ]
    if small is not None:
        peak = median([r["mb"] for r in runs])
        tiny = (await measure("export", fmt, small))["mb"]
        figures.append(
            Figure(
                NAME,
                db,
                f"export {fmt} peak RSS",
                peak,
                "MB",
                baseline=tiny,
                baseline_label="same export, 1 % of the data",
                goal=f"≤ {GOAL_MEMORY}× (streams)",
                ok=peak <= GOAL_MEMORY * tiny,
            )
        )
    return figures


async def _one(ctx: Context, database: Database) -> list[Figure]:
    signals = ctx.size(100_000, 2_000)
    members = ctx.size(10_000, 200)
    formats = ("json", "csv", "xlsx")
    figures: list[Figure] = []
    async with database.fresh() as big:
        await _seeded(big, seed.Scale(signals, members))
        if ctx.quick:  # a smoke run: the time of one format; memory is for the full run
            return await _figures(ctx, database.name, "json", big, None, signals)
        async with database.fresh() as small:
            await _seeded(small, seed.Scale(signals // 100, members // 100))
            for fmt in formats:
                figures += await _figures(ctx, database.name, fmt, big, small, signals)
    return figures


BENCHMARK = Benchmark(NAME, seed.each_database(_one))

if __name__ == "__main__" and sys.argv[1:2] == ["child"]:
    child(sys.argv[2:])
