"""Start-up and memory (issue 13, goal 6): ``python -m bot run`` (Slack in HTTP mode, the
Slack Web API faked on 127.0.0.1) on a database with 100,000 signals from 10,000 members,
beside the same start on an empty database in the same run. Start-up is the time from
starting the process until ``/health`` answers (the schedule has caught up by then);
memory is the process's peak resident set size at that moment. Each start is a new
Python process (about 2 s), so ``--quick`` starts on the first database only.

    python -m bench --only startup"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

import aiohttp
from sqlalchemy import insert

from bench.suite import Benchmark, Context, Figure, median
from bot.storage.database import create_engine
from bot.storage.migrate import upgrade
from bot.storage.models import Call, Member, Signal
from bot.vocabulary.enums import CallKind, Consent, Role, SignalSource, SignalStatus
from tests.handlers.slack.fake_slack import FakeSlack

GOAL_SECONDS = 3.0
GOAL_MB = 250.0
CHUNK = 5000


async def fill(url: str, signals: int, members: int) -> None:
    """A migrated database with ``signals`` signals from ``members`` members (none when 0),
    under one call."""
    engine = create_engine(url)
    try:
        await upgrade(engine)
        if not signals:
            return
        now = datetime.now(UTC) - timedelta(days=30)
        async with engine.begin() as conn:
            await conn.execute(insert(Member), [
                {"platform": "slack", "platform_user_id": f"U{i:06d}", "display_name": f"lid {i}",
                 "role": Role.MEMBER, "language": "nl", "created_at": now}
                for i in range(members)
            ])  # fmt: skip
            await conn.execute(insert(Call), [
                {"kind": CallKind.OPEN, "question": "Waar loop je tegenaan?", "created_by": 1,
                 "created_at": now}
            ])  # fmt: skip
        for start in range(0, signals, CHUNK):
            async with engine.begin() as conn:
                await conn.execute(insert(Signal), [
                    {"member_id": 1 + i % members, "source": SignalSource.THREAD, "call_id": 1,
                     "text": f"Signaal {i}: er is geen plek waar ouders elkaar ontmoeten.",
                     "consent": Consent.COUNT, "status": SignalStatus.NEW, "created_at": now,
                     "platform": "slack", "platform_message_id": f"C_CALLS:{i}"}
                    for i in range(start, min(signals, start + CHUNK))
                ])  # fmt: skip
    finally:
        await engine.dispose()


async def start_once(url: str, api_url: str) -> tuple[float, float]:
    """Seconds until ``/health`` answers, and the peak RSS in MB at that moment."""
    port = _free_port()
    env = {
        **os.environ,
        "BOT_DATABASE_URL": url,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": "bench-signing-secret",
        "SLACK_API_URL": api_url,
        "PORT": str(port),
        "BOT_SHUTDOWN_SECONDS": "1",
        "BOT_LOG_LEVEL": "WARNING",
        "BOT_FILES_DIR": tempfile.mkdtemp(prefix="sb-bench-files-"),
    }
    env.pop("DISCORD_TOKEN", None)
    env.pop("SLACK_APP_TOKEN", None)
    started = time.monotonic()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, cwd=tempfile.gettempdir(),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        seconds = await _ready(port, proc, started)
        return seconds, _peak_mb(proc.pid)
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(proc.wait(), 15)
            except TimeoutError:
                proc.kill()
                await proc.wait()


async def _ready(port: int, proc: asyncio.subprocess.Process, started: float) -> float:
    async with aiohttp.ClientSession() as http:
        while time.monotonic() - started < 60:
            if proc.returncode is not None:
                err = await proc.stderr.read() if proc.stderr else b""
                raise RuntimeError(f"the bot stopped while starting: {err.decode()[-2000:]}")
            try:
                async with http.get(f"http://127.0.0.1:{port}/health") as resp:
                    if resp.status == 200:
                        return time.monotonic() - started
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.02)
    raise RuntimeError("the bot did not answer /health within 60 s")


def _peak_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _free_port() -> int:

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def run(ctx: Context) -> list[Figure]:

    signals, members = ctx.size(100_000, 2_000), ctx.size(10_000, 200)
    fake = await FakeSlack().start()
    figures: list[Figure] = []
    try:
        for db in ctx.databases[:1] if ctx.quick else ctx.databases:
            async with db.fresh() as full_url, db.fresh() as empty_url:
                await fill(full_url, signals, members)
                await fill(empty_url, 0, 0)
                full = [await start_once(full_url, fake.api_url) for _ in range(ctx.repeats)]
                empty = [await start_once(empty_url, fake.api_url) for _ in range(ctx.repeats)]
            seconds, base_seconds = median([f[0] for f in full]), median([e[0] for e in empty])
            mb, base_mb = median([f[1] for f in full]), median([e[1] for e in empty])
            label = f"{signals:,} signals".replace(",", " ")
            figures += [
                Figure("startup", db.name, f"start-up with {label}", seconds, "s", base_seconds,
                       "empty database", f"< {GOAL_SECONDS:g} s", seconds < GOAL_SECONDS),
                Figure("startup", db.name, f"peak RSS with {label}", mb, "MB", base_mb,
                       "empty database", f"< {GOAL_MB:g} MB", mb < GOAL_MB),
            ]  # fmt: skip
    finally:
        await fake.stop()
    return figures


BENCHMARK = Benchmark("startup", run)
