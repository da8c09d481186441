"""The benchmark suite's frame and its CI smoke run (``python -m bench --quick``): every
benchmark runs and reports figures beside a baseline. The figures themselves are not
judged here (they belong to the benchmark, not to a timed test)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.__main__ import MODULES
from bench.suite import Figure, percentile, table

ROOT = Path(__file__).resolve().parents[2]


def test_percentile_and_ratio():
    assert percentile([5, 1, 3, 2, 4], 50) == 3
    assert percentile([float(i) for i in range(1, 101)], 99) == 99
    assert percentile([], 99) == 0
    slower = Figure("b", "sqlite", "p99", 40, "ms", baseline=10)
    faster = Figure("b", "sqlite", "rate", 900, "/s", baseline=1000, better="higher")
    assert slower.ratio == 4 and round(faster.ratio or 0, 2) == 1.11
    assert "| b | sqlite | p99 | 40.0 ms | 10.0 ms" in table([slower])


def test_quick_run_reports_every_benchmark(tmp_path):
    out = tmp_path / "figures.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    names = {f["benchmark"] for f in figures}
    assert len(names) >= len(MODULES)
    assert all(f["value"] >= 0 for f in figures)
    assert "| benchmark |" in result.stdout
