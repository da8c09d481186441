"""The benchmark suite's frame: what a benchmark reports (``Figure``), the databases it runs
on (``Database``), and the table ``python -m bench`` prints.

Every figure stands beside a baseline measured in the same run on the same machine (a
plain sqlite3 insert, a minimal aiohttp server, an SQL aggregate, the same command on
1 % of the data, ...), so a slow or busy machine moves both. A goal is a check on the
figure and its ratio to the baseline; ``--check`` turns a missed goal into exit code 1.

A benchmark is a module in ``bench/`` with ``BENCHMARK = Benchmark(name, run)`` where
``run(ctx)`` returns its figures; ``bench/__main__.py`` lists the modules in order."""

from __future__ import annotations

import math
import os
import shutil
import statistics
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import asyncpg

POSTGRES_URL = os.environ.get("BOT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@dataclass(frozen=True)
class Figure:
    """One measured value beside its baseline. ``better``: "lower" (latency, seconds,
    memory) or "higher" (throughput, share of a rate). ``goal`` is shown as written;
    ``ok`` is whether it was met (None: no goal, only a figure to watch)."""

    benchmark: str
    database: str  # "sqlite", "postgres" or "-"
    measure: str  # "HTTP answer p99"
    value: float
    unit: str  # "ms", "s", "/s", "MB", "×"
    baseline: float | None = None
    baseline_label: str = ""
    goal: str = ""
    ok: bool | None = None
    better: str = "lower"

    @property
    def ratio(self) -> float | None:
        """How many times worse than the baseline (1.0: as good; below 1: better)."""
        if self.baseline in (None, 0) or self.value == 0:
            return None
        assert self.baseline is not None
        return self.value / self.baseline if self.better == "lower" else self.baseline / self.value


@dataclass(frozen=True)
class Database:
    """Where a benchmark runs. ``fresh()`` gives an empty database of this kind."""

    name: str
    admin_url: str = ""

    @asynccontextmanager
    async def fresh(self) -> AsyncIterator[str]:
        if self.name == "sqlite":
            folder = tempfile.mkdtemp(prefix="sb-bench-")
            try:
                yield f"sqlite:///{folder}/bot.db"
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            return
        db = f"sb_bench_{uuid.uuid4().hex[:10]}"
        conn = await asyncpg.connect(self.admin_url)
        try:
            await conn.execute(f'CREATE DATABASE "{db}"')
        finally:
            await conn.close()
        try:
            yield self.admin_url.rpartition("/")[0] + "/" + db
        finally:
            conn = await asyncpg.connect(self.admin_url)
            try:
                await conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            finally:
                await conn.close()


@dataclass
class Context:
    """What every benchmark gets: the size to run at and the databases to run on."""

    quick: bool = False
    databases: list[Database] = field(default_factory=list)
    repeats: int = 3  # medians of this many runs where a benchmark repeats itself

    def size(self, full: int, quick: int) -> int:
        return quick if self.quick else full


Run = Callable[[Context], Awaitable[list[Figure]]]


@dataclass(frozen=True)
class Benchmark:
    name: str
    run: Run


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) by the nearest-rank method; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(p / 100 * len(ordered))))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


async def postgres_reachable(url: str) -> bool:
    try:
        conn = await asyncpg.connect(url, timeout=3)
    except Exception:  # any failure: not reachable here
        return False
    await conn.close()
    return True


def table(figures: list[Figure]) -> str:
    """A Markdown table, as in the README."""
    lines = [
        "| benchmark | db | measure | figure | baseline | ratio | goal | met |",
        "| --- | --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for f in figures:
        base = "–"
        if f.baseline is not None:
            base = f"{_num(f.baseline)} {f.unit} ({f.baseline_label})"
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else "–"
        met = {True: "yes", False: "**no**", None: "–"}[f.ok]
        lines.append(
            f"| {f.benchmark} | {f.database} | {f.measure} | {_num(f.value)} {f.unit} | {base} "
            f"| {ratio} | {f.goal or '–'} | {met} |"
        )
    return "\n".join(lines)


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:,.0f}".replace(",", " ")
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"
