"""``python -m bench``: the benchmark suite. Each figure is printed beside a baseline
measured in the same run, with the ratio and whether its goal was met.

    python -m bench                  # everything, on SQLite and PostgreSQL
    python -m bench --quick          # a smoke run of a few seconds per benchmark (CI)
    python -m bench --only intake    # benchmarks whose name contains "intake"
    python -m bench --skip-postgres --json figures.json --check"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

from bench.suite import (
    POSTGRES_URL,
    Benchmark,
    Context,
    Database,
    Figure,
    postgres_reachable,
    table,
)

# In the order they run; each module has ``BENCHMARK``.
MODULES: tuple[str, ...] = (
    "intake", "throughput", "polls", "scale", "exports", "startup",
    "fanout", "reportback", "interactions",
)


def benchmarks() -> list[Benchmark]:
    return [importlib.import_module(f"bench.{name}").BENCHMARK for name in MODULES]


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--only", default="", help="only benchmarks whose name contains this")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    return parser.parse_args(argv)


async def main(args: argparse.Namespace) -> int:
    databases = [Database("sqlite")]
    if not args.skip_postgres:
        if await postgres_reachable(args.postgres_url):
            databases.append(Database("postgres", args.postgres_url))
        else:
            print(f"PostgreSQL is not reachable at {args.postgres_url}: SQLite only.")
    ctx = Context(quick=args.quick, databases=databases, repeats=1 if args.quick else 3)
    figures: list[Figure] = []
    for benchmark in benchmarks():
        if args.only and args.only not in benchmark.name:
            continue
        started = time.monotonic()
        found = await benchmark.run(ctx)
        figures += found
        print(
            f"{benchmark.name}: {len(found)} figures in {time.monotonic() - started:.1f} s",
            file=sys.stderr,
        )
    print(table(figures))
    if args.json:
        args.json.write_text(json.dumps([asdict(f) for f in figures], indent=2), "utf-8")
    missed = [f for f in figures if f.ok is False]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse())))
