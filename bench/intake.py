"""Intake benchmark (issue 13, goal 1): thread replies under a call over Slack HTTP, signed
like Slack signs them, as a burst and as a sustained rate.

The bot runs as in production (``SlackPlatform`` in HTTP mode with its drainer and the
schedule) in a server process of its own, with the Slack Web API faked on 127.0.0.1 by
the load generator's process. The baseline, in the same server process and on a database
of the same kind, is a minimal aiohttp server that verifies the Slack signature and
inserts the same row. "Stored" is when the row is visible to another connection (polled
every few milliseconds for both); "HTTP answer" is when the acknowledgement arrives.

    python -m bench --only intake
    python -m bench.intake serve ...   # the server process (started by the benchmark)"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import os
import socket
import sqlite3
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import aiohttp
import asyncpg
from aiohttp import web
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import create_async_engine

from bench.suite import Benchmark, Context, Database, Figure, median, percentile
from bot.app import App, build_app, settle
from bot.core.context import Actor
from bot.handlers.discord.client import DiscordPlatform
from bot.handlers.platform import Platform
from bot.handlers.slack.server import SlackPlatform
from bot.outbox.refs import where_posted
from bot.scheduling.scheduler import Scheduler
from bot.settings import Community, PlatformSection, Settings
from bot.vocabulary.enums import Role
from tests.handlers.discord.fake_discord import CHANNELS, GUILD_ID, STAFF_ROLE, FakeDiscord
from tests.handlers.slack.fake_slack import FakeSlack

SECRET = "bench-signing-secret-0123456789ab"
CHANNEL = "C_CALLS"
STAFF = "USTAFF"
HTTP_GOAL_MS = 300.0
STORED_GOAL = 2.0  # × the baseline's event→stored p99
KEEP_UP = 0.98  # stored/s ≥ this × offered
POLL_SECONDS = 0.005
LOOK_BACK = 500


# -- the load generator ------------------------------------------------------------------


@dataclass
class Outcome:
    """One run against one server: per message, when it was sent, answered and stored."""

    sent: dict[str, float] = field(default_factory=dict)
    answered: dict[str, float] = field(default_factory=dict)
    stored: dict[str, float] = field(default_factory=dict)
    failed: int = 0  # HTTP answers other than 200

    def http_p99_ms(self) -> float:
        return 1000 * percentile([self.answered[k] - self.sent[k] for k in self.answered], 99)

    def stored_p99_ms(self) -> float:
        return 1000 * percentile([self.stored[k] - self.sent[k] for k in self.stored], 99)

    def stored_rate(self) -> float:
        if not self.stored:
            return 0.0
        span = max(self.stored.values()) - min(self.sent.values())
        return len(self.stored) / span if span > 0 else 0.0

    @property
    def lost(self) -> int:
        return len(self.sent) - len(self.stored)


class Messages:
    """Signed Slack event requests for thread replies under one call, each unique."""

    def __init__(self, thread_ts: str) -> None:
        self.thread_ts = thread_ts
        self.count = 0

    def next(self, user: int) -> tuple[str, bytes, dict[str, str]]:
        self.count += 1
        ts = f"1800000000.{self.count:06d}"
        body = {
            "token": "bench",
            "team_id": "T1",
            "api_app_id": "A0SIGNAAL",
            "type": "event_callback",
            "event_id": f"EvBENCH{self.count:06d}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}],
            "event": {
                "type": "message",
                "text": f"Bericht {self.count}: er is geen plek waar ouders elkaar zien.",
                "user": f"U{user:06d}",
                "ts": ts,
                "thread_ts": self.thread_ts,
                "channel": CHANNEL,
                "event_ts": ts,
                "channel_type": "channel",
            },
        }
        raw = json.dumps(body).encode()
        stamp = str(int(time.time()))
        mac = hmac.new(SECRET.encode(), b"v0:" + stamp.encode() + b":" + raw, hashlib.sha256)
        headers = {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": "v0=" + mac.hexdigest(),
        }
        return f"{CHANNEL}:{ts}", raw, headers


class Watcher:
    """Sees rows arrive: polls ``table`` for new message keys (another connection, so a
    row counts once it is committed). On PostgreSQL ids are handed out before commit, so
    a lower id can become visible after a higher one: each poll looks back ``LOOK_BACK``
    ids (a key counts once)."""

    def __init__(self, url: str, table: str) -> None:
        self.url = url
        self.query = f"SELECT id, platform_message_id FROM {table} WHERE id > $1 ORDER BY id"
        self.last = 0
        self.pg: asyncpg.Connection | None = None
        self.lite: sqlite3.Connection | None = None

    async def open(self) -> None:
        if self.url.startswith("sqlite"):
            self.lite = sqlite3.connect(self.url.removeprefix("sqlite:///"), timeout=30)
        else:
            self.pg = await asyncpg.connect(self.url)

    async def close(self) -> None:
        if self.lite is not None:
            self.lite.close()
        if self.pg is not None:
            await self.pg.close()

    async def new_rows(self) -> list[tuple[int, str]]:
        if self.lite is not None:
            try:
                query, since = self.query.replace("$1", "?"), self.last - LOOK_BACK
                rows = self.lite.execute(query, (since,)).fetchall()
            except sqlite3.OperationalError:  # the table is not there yet, or locked
                return []
        else:
            assert self.pg is not None
            rows = [tuple(r) for r in await self.pg.fetch(self.query, self.last - LOOK_BACK)]
        if rows:
            self.last = max(self.last, rows[-1][0])
        return rows

    async def watch(self, outcome: Outcome, count: int, complete: asyncio.Event) -> None:
        """Until cancelled; ``complete`` is set once ``count`` rows arrived."""
        while True:
            now = time.monotonic()
            for _, key in await self.new_rows():
                if key in outcome.sent:  # not an earlier run's
                    outcome.stored.setdefault(key, now)
            if len(outcome.stored) >= count:
                complete.set()
            await asyncio.sleep(POLL_SECONDS)


async def load(
    endpoint: str,
    messages: Messages,
    watcher: Watcher,
    *,
    count: int,
    rate: float | None,
    users: int,
    settle_seconds: float,
) -> Outcome:
    """Send ``count`` messages: all at once (``rate`` None) or ``rate`` per second; wait
    until every one is stored or ``settle_seconds`` passed after the last send."""
    outcome = Outcome()
    prepared = [messages.next(1 + i % users) for i in range(count)]
    complete = asyncio.Event()
    watching = asyncio.create_task(watcher.watch(outcome, count, complete))
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def send(key: str, raw: bytes, headers: dict[str, str]) -> None:
            outcome.sent[key] = time.monotonic()
            try:
                async with http.post(endpoint, data=raw, headers=headers) as resp:
                    await resp.read()
                    ok = resp.status == 200
            except aiohttp.ClientError:
                ok = False
            outcome.answered[key] = time.monotonic()
            outcome.failed += not ok

        started = time.monotonic()
        tasks = []
        for i, (key, raw, headers) in enumerate(prepared):
            if rate is not None:
                await asyncio.sleep(max(0.0, started + i / rate - time.monotonic()))
            tasks.append(asyncio.create_task(send(key, raw, headers)))
        await asyncio.gather(*tasks)
        with contextlib.suppress(TimeoutError):  # what did not arrive counts as lost
            await asyncio.wait_for(complete.wait(), settle_seconds)
    watching.cancel()
    await asyncio.gather(watching, return_exceptions=True)
    return outcome


# -- the server process ------------------------------------------------------------------


class Server:
    """The server process: bot and baseline, one database each (``serve``: on two
    loopback ports; ``serve-discord``: on two fake Discord gateways)."""

    def __init__(self, mode: str, *args: str) -> None:
        self.args = [mode, *args]
        self.proc: asyncio.subprocess.Process | None = None
        self.bot_port = self.base_port = 0
        self.thread_ts = ""

    async def __aenter__(self) -> Server:
        env = {**os.environ, "PYTHONPATH": os.getcwd()}
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bench.intake", *self.args,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, env=env,
        )  # fmt: skip
        assert self.proc.stdout is not None
        line = await asyncio.wait_for(self.proc.stdout.readline(), 60)
        if not line.startswith(b"ready"):
            raise RuntimeError(f"the intake server did not start: {line!r}")
        _, bot, base, self.thread_ts = line.decode().split()
        self.bot_port, self.base_port = int(bot), int(base)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.close()  # the server stops when its input closes
        try:
            await asyncio.wait_for(self.proc.wait(), 20)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()


async def serve(bot_url: str, base_url: str, api_url: str) -> None:
    bot_port, stop_bot, thread_ts = await _serve_bot(bot_url, api_url)
    base_port, stop_base = await _serve_baseline(base_url)
    print("ready", bot_port, base_port, thread_ts, flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await stop_base()
    await stop_bot()


async def serve_discord(bot_url: str, base_url: str, api_url: str, base_gateway: str) -> None:
    """The Discord bot against one fake Discord, the minimal gateway consumer against
    another: both get the same MESSAGE_CREATE frames."""
    stop_bot, thread_id = await _serve_discord_bot(bot_url, api_url)
    stop_base = await _serve_discord_baseline(base_url, base_gateway)
    print("ready 0 0", thread_id, flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await stop_base()
    await stop_bot()


async def _serve_discord_bot(url: str, api_url: str) -> tuple[Callable[[], Awaitable[None]], str]:

    settings = Settings(
        BOT_DATABASE_URL=url,
        BOT_FILES_DIR=tempfile.mkdtemp(prefix="sb-bench-files-"),
        DISCORD_TOKEN="bench-token",
        DISCORD_API_URL=api_url,
    )
    section = PlatformSection(channels=CHANNELS, staff=[STAFF_ROLE], guild_id=GUILD_ID)
    app = await build_app(settings, Community(discord=section), platforms=["discord"])
    platform = DiscordPlatform(app)
    stop = await _running(app, platform)
    for _ in range(1200):  # wait_until_ready() refuses until start() has begun
        if platform.client.is_ready():
            break
        await asyncio.sleep(0.05)
    staff = Actor("discord", "800000000000000001", "Staf", Role.STAFF)
    question = {"vraag": "Waar loop je tegenaan?"}
    await app.core.command(staff, name="oproep", sub="open", options=question)
    return stop, await _call_thread(app, "discord")


async def _running(app: App, platform: Platform) -> Callable[[], Awaitable[None]]:
    """The platform served with the schedule, as ``python -m bot run`` does (the app
    settled first); its stop."""

    settle()
    scheduler = Scheduler(app)
    await scheduler.start()
    serving = asyncio.create_task(platform.serve())

    async def stop() -> None:
        serving.cancel()
        await asyncio.gather(serving, return_exceptions=True)
        await scheduler.shutdown()
        await app.close()

    return stop


async def _call_thread(app: App, platform: str) -> str:
    """The thread of call 1 once its post was delivered (the post's id on Slack)."""

    while True:
        await asyncio.sleep(0.05)
        ref = await where_posted(app.sessions, platform, "call:1")
        thread = ref and (ref.thread_id if platform == "discord" else ref.message_id)
        if thread:
            return thread


async def _serve_discord_baseline(url: str, gateway: str) -> Callable[[], Awaitable[None]]:
    """A minimal gateway consumer: identify, then insert every MESSAGE_CREATE's row."""
    engine, insert = await _baseline_table(url)
    http = aiohttp.ClientSession()
    ws = await http.ws_connect(gateway)
    await ws.receive_json()  # HELLO
    await ws.send_json({"op": 2, "d": {"token": "bench", "intents": 0, "properties": {}}})
    pending: set[asyncio.Task[None]] = set()

    async def store(data: dict[str, Any]) -> None:
        values = {"user": data["author"]["id"], "key": f"{data['channel_id']}/{data['id']}",
                  "text": data["content"], "at": time.strftime("%Y-%m-%dT%H:%M:%S")}  # fmt: skip
        async with engine.begin() as conn:
            await conn.execute(insert, values)

    async def consume() -> None:
        async for msg in ws:
            frame = json.loads(msg.data)
            if frame.get("t") == "MESSAGE_CREATE":
                task = asyncio.create_task(store(frame["d"]))
                pending.add(task)
                task.add_done_callback(pending.discard)

    consuming = asyncio.create_task(consume())

    async def stop() -> None:
        consuming.cancel()
        await ws.close()
        await http.close()
        await engine.dispose()

    return stop


async def _serve_bot(url: str, api_url: str) -> tuple[int, Callable[[], Awaitable[None]], str]:

    port = _free_port()
    settings = Settings(
        BOT_DATABASE_URL=url,
        BOT_FILES_DIR=tempfile.mkdtemp(prefix="sb-bench-files-"),
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=api_url,
        PORT=port,
    )
    channels = {"calls": CHANNEL, "polls": "C_POLLS", "news": "C_NEWS", "staff": "C_STAFF"}
    community = Community(slack=PlatformSection(channels=channels, staff=[STAFF]))
    app = await build_app(settings, community, platforms=["slack"])
    stop = await _running(app, SlackPlatform(app, host="127.0.0.1"))
    staff = Actor("slack", STAFF, "Staf", Role.STAFF)
    await app.core.command(staff, '/oproep open vraag:"Waar loop je tegenaan?"')
    return port, stop, await _call_thread(app, "slack")


async def _serve_baseline(url: str) -> tuple[int, Callable[[], Awaitable[None]]]:
    """A minimal Slack endpoint: check the signature, insert the row, answer 200."""

    engine, insert = await _baseline_table(url)

    async def events(request: web.Request) -> web.Response:
        raw = await request.read()
        stamp = request.headers.get("X-Slack-Request-Timestamp", "")
        mac = hmac.new(SECRET.encode(), b"v0:" + stamp.encode() + b":" + raw, hashlib.sha256)
        if not hmac.compare_digest("v0=" + mac.hexdigest(), request.headers.get(
            "X-Slack-Signature", ""
        )):
            return web.Response(status=401)
        msg = json.loads(raw)["event"]
        values = {
            "user": msg["user"],
            "key": f"{msg['channel']}:{msg['ts']}",
            "text": msg["text"],
            "at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        async with engine.begin() as conn:
            await conn.execute(insert, values)
        return web.Response(status=200)

    application = web.Application()
    application.router.add_post("/slack/events", events)
    runner = web.AppRunner(application, access_log=None)
    await runner.setup()
    port = _free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()

    async def stop() -> None:
        await runner.cleanup()
        await engine.dispose()

    return port, stop


async def _baseline_table(url: str) -> tuple[Any, Any]:
    """The baseline's engine (plain driver settings, WAL on SQLite) and its insert."""

    if url.startswith("sqlite"):
        engine = create_async_engine(url.replace("sqlite://", "sqlite+aiosqlite://"))

        @event.listens_for(engine.sync_engine, "connect")
        def _wal(dbapi: Any, _: Any) -> None:
            dbapi.execute("PRAGMA journal_mode=WAL")
            dbapi.execute("PRAGMA synchronous=NORMAL")
            dbapi.execute("PRAGMA busy_timeout=15000")

        key = "id INTEGER PRIMARY KEY"
    else:
        engine = create_async_engine(url.replace("postgresql://", "postgresql+asyncpg://"))
        key = "id SERIAL PRIMARY KEY"
    async with engine.begin() as conn:
        await conn.execute(
            text(
                f"CREATE TABLE signals ({key}, platform VARCHAR(16), platform_user_id "
                "VARCHAR(64), platform_message_id VARCHAR(128) UNIQUE, text TEXT, created_at "
                "VARCHAR(40))"
            )
        )
    insert = text(
        "INSERT INTO signals (platform, platform_user_id, platform_message_id, text, created_at)"
        " VALUES ('bench', :user, :key, :text, :at)"
    )
    return engine, insert


def _free_port() -> int:

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- the benchmark -----------------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    burst: int
    rate: float
    seconds: float
    users: int
    settle: float
    repeats: int
    warm_up: int  # messages first: connections, caches, the first member's first contact


def sizes(ctx: Context) -> Sizes:
    if ctx.quick:
        return Sizes(burst=20, rate=20, seconds=0.5, users=15, settle=3, repeats=1, warm_up=0)
    return Sizes(
        burst=200, rate=50, seconds=30, users=150, settle=90, repeats=ctx.repeats, warm_up=3
    )


async def run(ctx: Context) -> list[Figure]:

    size = sizes(ctx)
    fake = await FakeSlack().start()
    runs = [partial(_on, db, size, fake.api_url) for db in ctx.databases]
    # each server is a new process of a few seconds: the smoke run tries Discord once
    runs += [partial(_on_discord, db, size) for db in ctx.databases[: 1 if ctx.quick else None]]
    try:
        if ctx.quick:  # a smoke run: side by side, the figures are not judged
            found = await asyncio.gather(*(one() for one in runs))
        else:
            found = [await one() for one in runs]
    finally:
        await fake.stop()
    return [figure for figures in found for figure in figures]


async def _on(db: Database, size: Sizes, api_url: str) -> list[Figure]:
    async with db.fresh() as bot_url, db.fresh() as base_url, Server(
        "serve", bot_url, base_url, api_url
    ) as server:
        messages = Messages(server.thread_ts)
        results: dict[str, dict[str, list[Outcome]]] = {}
        for name, port, url in (
            ("baseline", server.base_port, base_url),
            ("bot", server.bot_port, bot_url),
        ):
            watcher = Watcher(url, "signals")
            await watcher.open()
            await watcher.new_rows()  # skip what is there already
            endpoint = f"http://127.0.0.1:{port}/slack/events"
            try:
                if size.warm_up:
                    await load(endpoint, messages, watcher, count=size.warm_up, rate=None,
                               users=size.warm_up, settle_seconds=size.settle)  # fmt: skip
                bursts = [
                    await load(endpoint, messages, watcher, count=size.burst, rate=None,
                               users=size.users, settle_seconds=size.settle)
                    for _ in range(size.repeats)
                ]  # fmt: skip
                sustained = await load(
                    endpoint, messages, watcher, count=int(size.rate * size.seconds),
                    rate=size.rate, users=size.users * 2, settle_seconds=size.settle,
                )  # fmt: skip
            finally:
                await watcher.close()
            results[name] = {"burst": bursts, "sustained": [sustained]}
    return _figures("intake slack", db.name, size, results)


async def _on_discord(db: Database, size: Sizes) -> list[Figure]:

    fakes = {"bot": FakeDiscord(), "baseline": FakeDiscord()}
    for fake in fakes.values():
        await fake.start()
    people = [
        fakes["bot"].add_person(f"8100000000{n:08d}", f"Lid {n}") for n in range(size.users * 2)
    ]
    try:
        async with db.fresh() as bot_url, db.fresh() as base_url, Server(
            "serve-discord", bot_url, base_url, fakes["bot"].api_url,
            f"ws://127.0.0.1:{fakes['baseline'].port}/gateway",
        ) as server:  # fmt: skip
            results: dict[str, dict[str, list[Outcome]]] = {}
            for name, url in (("baseline", base_url), ("bot", bot_url)):
                fake = fakes[name]
                await fake.identified()
                watcher = Watcher(url, "signals")
                await watcher.open()
                await watcher.new_rows()
                gateway = Gateway(fake, people, server.thread_ts)
                try:
                    if size.warm_up:
                        await gateway.load(watcher, count=size.warm_up, rate=None,
                                           users=size.warm_up, settle=size.settle)  # fmt: skip
                    bursts = [
                        await gateway.load(watcher, count=size.burst, rate=None,
                                           users=size.users, settle=size.settle)
                        for _ in range(size.repeats)
                    ]  # fmt: skip
                    sustained = await gateway.load(
                        watcher, count=int(size.rate * size.seconds), rate=size.rate,
                        users=size.users * 2, settle=size.settle,
                    )  # fmt: skip
                finally:
                    await watcher.close()
                results[name] = {"burst": bursts, "sustained": [sustained]}
    finally:
        for fake in fakes.values():
            await fake.stop()
    return _figures("intake discord", db.name, size, results)


@dataclass
class Gateway:
    """MESSAGE_CREATE frames for replies in the call's thread, sent by a fake Discord."""

    fake: Any
    people: list[Any]
    thread_id: str
    count: int = 0

    async def load(
        self, watcher: Watcher, *, count: int, rate: float | None, users: int, settle: float
    ) -> Outcome:
        outcome = Outcome()
        complete = asyncio.Event()
        watching = asyncio.create_task(watcher.watch(outcome, count, complete))
        started = time.monotonic()
        for i in range(count):
            if rate is not None:
                await asyncio.sleep(max(0.0, started + i / rate - time.monotonic()))
            self.count += 1
            text = f"Bericht {self.count}: er is geen plek waar ouders elkaar zien."
            data = self.fake.thread_message(self.people[i % users], self.thread_id, text)
            key = f"{self.thread_id}/{data['id']}"
            outcome.sent[key] = outcome.answered[key] = time.monotonic()  # no answer to wait for
            await self.fake.dispatch("MESSAGE_CREATE", data)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(complete.wait(), settle)
        watching.cancel()
        await asyncio.gather(watching, return_exceptions=True)
        return outcome


def _figures(
    name: str, db: str, size: Sizes, results: dict[str, dict[str, list[Outcome]]]
) -> list[Figure]:
    figures = []
    for load_name, label in (("burst", f"burst of {size.burst}"),
                             ("sustained", f"{size.rate:g}/s for {size.seconds:g} s")):  # fmt: skip
        bot, base = results["bot"][load_name], results["baseline"][load_name]
        lost = sum(o.lost + o.failed for o in bot)
        http = median([o.http_p99_ms() for o in bot])
        base_http = median([o.http_p99_ms() for o in base])
        stored = median([o.stored_p99_ms() for o in bot])
        base_stored = median([o.stored_p99_ms() for o in base])
        baseline = "minimal server" if name.endswith("slack") else "minimal consumer"
        if name.endswith("slack"):  # a gateway message has no answer to wait for
            figures.append(
                Figure(name, db, f"{label}: HTTP answer p99", http, "ms", base_http,
                       baseline, f"< {HTTP_GOAL_MS:g} ms", http < HTTP_GOAL_MS)
            )  # fmt: skip
        figures.append(
            Figure(name, db, f"{label}: event→stored p99", stored, "ms", base_stored,
                   baseline, f"≤ {STORED_GOAL:g}× baseline",
                   lost == 0 and stored <= STORED_GOAL * base_stored)
        )  # fmt: skip
        if load_name == "sustained":
            rate = median([o.stored_rate() for o in bot])
            figures.append(
                Figure(name, db, f"{label}: stored/s", rate, "/s", size.rate,
                       "offered", f"≥ {KEEP_UP:g}× offered, none lost",
                       lost == 0 and rate >= KEEP_UP * size.rate, better="higher")
            )  # fmt: skip
    return figures


BENCHMARK = Benchmark("intake", run)


def _main() -> None:
    modes = {"serve": serve, "serve-discord": serve_discord}
    if sys.argv[1:2] not in ([m] for m in modes):
        raise SystemExit("usage: python -m bench.intake serve|serve-discord BOT_URL BASE_URL ...")
    main = modes[sys.argv[1]](*sys.argv[2:])
    profile = os.environ.get("BENCH_PROFILE")  # a file: profile the server process
    if not profile:
        asyncio.run(main)
        return
    import cProfile

    cProfile.runctx("asyncio.run(main)", globals(), locals(), profile)


if __name__ == "__main__":
    _main()
