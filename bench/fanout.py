"""Fan-out benchmark (issue 13, goal 7): N DMs through the outbox to a fake platform on
127.0.0.1 while the core takes in a steady 50 messages/s.

The fake platform enforces the configured limits (at most ``rate`` requests in any second
for the bot, ``channel_messages`` per ``channel_seconds`` per recipient) and answers 429
with ``Retry-After`` past them. It counts deliveries per idempotency key (the row id).
Drainers run as separate processes, as in production: one on SQLite, two on PostgreSQL
(``--quick``: as tasks in this process, to start in a moment). The baseline is a sender
without a database: the same pacer, HTTP client and concurrency, messages from memory,
while the same intake runs (it competes for the same CPU).

    python -m bench.fanout                      # 10,000 DMs at 500/s and 1,000 at 50/s
    python -m bench.fanout --messages 2000 --rate 200 --skip-postgres
    python -m bench --only fanout               # as part of the suite

Goal: at least 0.9 of the allowed rate, no duplicates, no losses, 429s under 1 %."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter, deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from sqlalchemy import func, insert, select

from bench.steady import Intake, console_app
from bench.suite import POSTGRES_URL, Benchmark, Context, Database, Figure, percentile, table
from bot.clock import SystemClock
from bot.core.replies import Reply
from bot.delivery.drainer import Drainer
from bot.delivery.pacing import Pacer
from bot.outbox.delivery import Delivery, RetryLater, Sent
from bot.settings import DeliverySettings
from bot.storage.database import create_engine, sessionmaker
from bot.storage.models import Member, OutboxMessage

NAME = "fanout"
PLATFORM = "discord"
# -- the fake platform -------------------------------------------------------------------


class SlidingWindow:
    """At most ``count`` events in any ``seconds``."""

    def __init__(self, count: int, seconds: float) -> None:
        self.seconds = seconds
        self.times: deque[float] = deque(maxlen=count)

    def wait(self, now: float) -> float:
        """Seconds until one more is allowed (0: allowed now)."""
        if len(self.times) < (self.times.maxlen or 0):
            return 0.0
        return max(0.0, self.times[0] + self.seconds - now)

    def take(self, now: float) -> None:
        self.times.append(now)


@dataclass
class FakePlatform:
    rate: int
    channel_messages: int
    channel_seconds: float
    accepted: Counter[str] = field(default_factory=Counter)
    requests: int = 0
    refused: int = 0
    first: float | None = None
    last: float | None = None

    def __post_init__(self) -> None:
        self.bot = SlidingWindow(self.rate, 1.0)
        self.channels: dict[str, SlidingWindow] = {}

    def handle(self, key: str, channel: str) -> tuple[int, dict[str, Any], float]:
        now = time.monotonic()
        self.requests += 1
        window = self.channels.setdefault(
            channel, SlidingWindow(self.channel_messages, self.channel_seconds)
        )
        bot_wait, channel_wait = self.bot.wait(now), window.wait(now)
        if bot_wait or channel_wait:
            self.refused += 1
            wait = max(bot_wait, channel_wait)
            return 429, {"retry_after": round(wait, 3), "global": bool(bot_wait)}, wait
        self.bot.take(now)
        window.take(now)
        self.accepted[key] += 1
        self.first = self.first if self.first is not None else now
        self.last = now
        return 200, {"id": f"m{key}", "channel_id": channel}, 0.0


async def serve_platform(platform: FakePlatform) -> tuple[Any, str]:
    async def send(request: web.Request) -> web.Response:
        body = await request.json()
        status, answer, wait = platform.handle(str(body["key"]), str(body["channel"]))
        headers = {"Retry-After": f"{wait:.3f}"} if status == 429 else {}
        return web.json_response(answer, status=status, headers=headers)

    async def stats(request: web.Request) -> web.Response:
        fields = ("accepted", "requests", "refused", "first", "last")
        return web.json_response({name: getattr(platform, name) for name in fields})

    app = web.Application()
    app.router.add_post("/send", send)
    app.router.add_get("/stats", stats)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


async def serve_alone(args: argparse.Namespace) -> None:
    """The fake platform in a process of its own: it stamps arrivals when they arrive,
    not when a loop busy with intake gets round to them. Prints its address."""
    platform = FakePlatform(args.rate, args.channel_messages, args.channel_seconds)
    _, api = await serve_platform(platform)
    print(api, flush=True)
    await asyncio.Event().wait()  # until the benchmark ends this process


@asynccontextmanager
async def platform_for(
    shape: Shape,
) -> AsyncIterator[tuple[str, Callable[[], Awaitable[FakePlatform]]]]:
    """The fake platform (its own process unless ``in_process``) and a way to read its counts."""
    if shape.in_process:
        local = FakePlatform(shape.rate, shape.channel_messages, shape.channel_seconds)
        runner, api = await serve_platform(local)

        async def here() -> FakePlatform:
            return local

        try:
            yield api, here
        finally:
            await runner.cleanup()
        return
    command = [sys.executable, "-m", "bench.fanout", "platform", "--rate", str(shape.rate)]
    command += ["--channel-messages", str(shape.channel_messages)]
    command += ["--channel-seconds", str(shape.channel_seconds)]
    proc = await asyncio.create_subprocess_exec(*command, stdout=asyncio.subprocess.PIPE)
    assert proc.stdout is not None
    api = (await proc.stdout.readline()).decode().strip()

    async def there() -> FakePlatform:
        async with aiohttp.ClientSession() as http, http.get(f"{api}/stats") as answer:
            data = await answer.json()
        found = FakePlatform(shape.rate, shape.channel_messages, shape.channel_seconds)
        found.accepted = Counter(data["accepted"])
        found.requests, found.refused = data["requests"], data["refused"]
        found.first, found.last = data["first"], data["last"]
        return found

    try:
        yield api, there
    finally:
        proc.terminate()
        await proc.wait()


# -- senders -----------------------------------------------------------------------------


class HttpSender:
    """A minimal platform sender: 429 -> RetryLater(Retry-After), 5xx -> RetryLater."""

    platform = PLATFORM

    def __init__(self, api: str) -> None:
        self.api = api
        self.http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64))

    async def send(self, delivery: Delivery) -> Sent:
        user = delivery.recipient.platform_user_id if delivery.recipient else "?"
        return await self.post(delivery.key, user or "?")

    async def post(self, key: str, channel: str) -> Sent:
        async with self.http.post(f"{self.api}/send", json={"key": key, "channel": channel}) as r:
            answer = await r.json()
            if r.status == 429:
                scope = "global" if answer.get("global") else "channel"
                wait = float(r.headers.get("Retry-After", answer["retry_after"]))
                raise RetryLater(wait, "429", scope=scope)
            if r.status >= 500:
                raise RetryLater(1, f"HTTP {r.status}")
        return Sent(answer["id"], answer["channel_id"])

    async def close(self) -> None:
        await self.http.close()


async def drain(url: str, api: str, settings: DeliverySettings) -> dict[str, int]:
    """One drainer until no row of the fan-out is left; returns its counts."""
    engine = create_engine(url)
    sessions = sessionmaker(engine)
    sender = HttpSender(api)
    drainer = Drainer(sessions, sender, SystemClock(), settings=settings)
    try:
        while True:
            await drainer.drain_once()
            if not await _left(sessions):
                break
            await asyncio.sleep(0.02)
    finally:
        await sender.close()
        await engine.dispose()
    return dict(drainer.stats)


async def _left(sessions: Any) -> int:
    async with sessions() as session:
        left = await session.scalar(
            select(func.count()).where(
                OutboxMessage.platform == PLATFORM,
                OutboxMessage.status.in_(("pending", "sending")),
            )
        )
    return int(left or 0)


async def without_database(api: str, settings: DeliverySettings, count: int) -> dict[str, int]:
    """The baseline: the drainer's pacer, HTTP client and concurrency, no database."""
    pacer = Pacer(settings.pacing(PLATFORM), settings.processes)
    sender = HttpSender(api)
    semaphore = asyncio.Semaphore(settings.concurrency)
    stats: Counter[str] = Counter()

    async def one(i: int) -> None:
        key = f"u{i}"
        while True:
            async with semaphore:
                now = time.time()
                booking = pacer.book(key, now)
                if booking.at > now:
                    await asyncio.sleep(booking.at - now)
                wait = pacer.cap_wait(time.time())
                while wait > 0:  # the cap is exact: sleep until it allows this one
                    await asyncio.sleep(wait)
                    wait = pacer.cap_wait(time.time())
                pacer.sending(key, time.time())
                try:
                    await sender.post(str(i), key)
                except RetryLater as exc:
                    stats["rate_limited"] += 1
                    pacer.pause(key, time.time() + exc.seconds, exc.scope)
                    continue
                stats["sent"] += 1
                return

    try:
        await asyncio.gather(*(one(i) for i in range(1, count + 1)))
    finally:
        await sender.close()
    return dict(stats)


async def run_worker(args: argparse.Namespace) -> None:
    settings = DeliverySettings.model_validate(json.loads(args.settings))
    if args.database == "-":
        stats = await without_database(args.api, settings, args.messages)
    else:
        stats = await drain(args.database, args.api, settings)
    print(json.dumps(stats))


# -- scenarios ------------------------------------------------------------------------------


@dataclass
class Shape:
    """One fan-out: how many DMs at which allowed rate, by how many drainers."""

    messages: int
    rate: int
    drainers: int = 1
    burst: int = 0  # 0: a tenth of a second of the rate, as Discord's default (5 at 50/s)
    channel_messages: int = 5
    channel_seconds: float = 5.0
    concurrency: int = 8
    intake: float = 50.0  # messages/s the core takes in meanwhile (0: none)
    in_process: bool = False  # drainers as tasks here instead of processes

    def settings(self) -> dict[str, Any]:
        return {
            "processes": self.drainers,
            "concurrency": self.concurrency,
            PLATFORM: {
                "rate": self.rate,
                "burst": self.burst or max(5, self.rate // 10),
                "channel_messages": self.channel_messages,
                "channel_seconds": self.channel_seconds,
            },
        }


@dataclass
class Outcome:
    scenario: str
    shape: Shape
    delivered: int
    seconds: float
    achieved: float
    requests: int
    refused: int
    duplicates: int
    unsent: int
    per_drainer: list[int]
    intake_per_s: float = 0.0
    intake_p99_ms: float = 0.0

    @property
    def ratio(self) -> float:
        return self.achieved / self.shape.rate

    @property
    def share_429(self) -> float:
        return self.refused / max(1, self.requests)

    @property
    def lost(self) -> int:
        return self.shape.messages - self.delivered

    def ok(self) -> bool:
        return (
            self.ratio >= 0.9
            and self.duplicates == 0
            and self.lost == 0
            and self.unsent == 0
            and self.share_429 < 0.01
        )


async def fill_outbox(url: str, count: int) -> None:
    """``count`` members on Discord, each with one pending DM."""
    engine = create_engine(url)
    now = datetime.now(UTC)
    payload = Reply(text="Herinnering: de studiemiddag begint morgen om 13:00.").to_dict()
    async with engine.begin() as conn:
        await conn.execute(
            insert(Member),
            [
                {
                    "platform": PLATFORM,
                    "platform_user_id": f"u{i}",
                    "display_name": f"lid {i}",
                    "role": "MEMBER",
                    "language": "nl",
                    "news": "alles",
                    "created_at": now,
                }
                for i in range(1, count + 1)
            ],
        )
        ids = (await conn.scalars(select(Member.id).where(Member.platform == PLATFORM))).all()
        await conn.execute(
            insert(OutboxMessage),
            [
                {
                    "platform": PLATFORM,
                    "target_kind": "dm",
                    "member_id": i,
                    "payload": payload,
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                }
                for i in ids
            ],
        )
    await engine.dispose()


async def unsent(url: str) -> int:
    engine = create_engine(url)
    async with engine.connect() as conn:
        left = await conn.scalar(
            select(func.count()).where(
                OutboxMessage.platform == PLATFORM, OutboxMessage.status != "sent"
            )
        )
    await engine.dispose()
    return int(left or 0)


async def workers(url: str, api: str, shape: Shape) -> list[dict[str, int]]:
    """Run the drainers (or, with ``url`` "-", the sender without a database)."""
    settings = shape.settings()
    count = 1 if url == "-" else shape.drainers
    if shape.in_process:
        parsed = DeliverySettings.model_validate(settings)
        if url == "-":
            return [await without_database(api, parsed, shape.messages)]
        return list(await asyncio.gather(*(drain(url, api, parsed) for _ in range(count))))
    command = [sys.executable, "-m", "bench.fanout", "worker", "--database", url, "--api", api]
    command += ["--settings", json.dumps(settings), "--messages", str(shape.messages)]
    procs = [
        await asyncio.create_subprocess_exec(*command, stdout=asyncio.subprocess.PIPE)
        for _ in range(count)
    ]
    outputs = [await p.communicate() for p in procs]
    return [json.loads(out.decode().strip().splitlines()[-1]) for out, _ in outputs]


async def scenario(name: str, url: str, shape: Shape, intake_url: str = "") -> Outcome:
    """One fan-out against a fresh fake platform; ``url`` "-": the baseline sender, with
    the same intake on ``intake_url`` meanwhile (it competes for the same CPU)."""
    intake_url = intake_url or url
    app = await console_app(intake_url) if intake_url != "-" else None
    if url != "-":
        await fill_outbox(url, shape.messages)
    stop = asyncio.Event()
    intake = Intake(app, shape.intake) if app is not None and shape.intake else None
    steady = asyncio.create_task(intake.run(stop)) if intake else None
    try:
        async with platform_for(shape) as (api, counts):
            stats = await workers(url, api, shape)
            platform = await counts()
    finally:
        stop.set()
        if steady is not None:
            await steady
        if app is not None:
            await app.close()
    delivered = len(platform.accepted)
    span = (platform.last or 0) - (platform.first or 0)
    return Outcome(
        scenario=name,
        shape=shape,
        delivered=delivered,
        seconds=span,
        achieved=(delivered - 1) / span if span > 0 else 0.0,
        requests=platform.requests,
        refused=platform.refused,
        duplicates=sum(1 for n in platform.accepted.values() if n > 1),
        unsent=await unsent(url) if url != "-" else 0,
        per_drainer=[s.get("sent", 0) for s in stats],
        intake_per_s=intake.stored_per_second if intake else 0.0,
        intake_p99_ms=percentile(intake.latencies, 99) * 1000 if intake else 0.0,
    )


def shapes(quick: bool) -> list[Shape]:
    """At 500/s (a generous platform) and at Discord's 50/s."""
    if quick:
        return [Shape(300, 500, in_process=True)]  # a smoke run: seconds, not the figures
    return [Shape(10_000, 500), Shape(1_000, 50)]


def figure(db: Database, outcome: Outcome, baseline: Outcome) -> list[Figure]:
    shape = outcome.shape
    what = f"{shape.messages} DMs at {shape.rate}/s, {shape.drainers} drainer(s)"
    intake = f", intake {outcome.intake_per_s:.0f}/s" if shape.intake else ""
    return [
        Figure(
            NAME,
            db.name,
            f"share of allowed rate: {what}{intake}",
            outcome.ratio,
            "×",
            baseline=baseline.ratio,
            baseline_label="sender without database, same intake",
            goal="≥ 0.9, 0 dup, 0 lost, 429s < 1 %",
            ok=outcome.ok(),
            better="higher",
        ),
        Figure(
            NAME,
            db.name,
            f"429s / duplicates / lost: {what}",
            outcome.share_429 * 100,
            "%",
            goal=f"< 1 % (dup {outcome.duplicates}, lost {outcome.lost + outcome.unsent})",
            ok=outcome.share_429 < 0.01 and not outcome.duplicates and not outcome.lost,
        ),
    ]


async def run(ctx: Context) -> list[Figure]:
    figures: list[Figure] = []
    for shape in shapes(ctx.quick):
        for db in ctx.databases:
            async with db.fresh() as url:
                baseline = await scenario(f"{db.name}: no database", "-", shape, url)
            show(baseline)
            drainers = 2 if db.name == "postgres" else 1
            this = Shape(**{**shape.__dict__, "drainers": drainers})
            async with db.fresh() as url:
                outcome = await scenario(f"{db.name}, {drainers} drainer(s)", url, this)
            show(outcome)
            figures += figure(db, outcome, baseline)
    return figures


def show(outcome: Outcome) -> None:
    print(
        f"{outcome.scenario:<24} {outcome.delivered:>6}/{outcome.shape.messages} in "
        f"{outcome.seconds:>6.2f}s  {outcome.achieved:>7.1f}/s of {outcome.shape.rate}/s "
        f"= {outcome.ratio:.3f}  429s {outcome.refused} ({outcome.share_429:.2%})  "
        f"duplicates {outcome.duplicates}  lost {outcome.lost}  unsent {outcome.unsent}  "
        f"per drainer {outcome.per_drainer}  intake {outcome.intake_per_s:.1f}/s "
        f"p99 {outcome.intake_p99_ms:.0f} ms",
        file=sys.stderr,
        flush=True,
    )


BENCHMARK = Benchmark(NAME, run)


async def main(args: argparse.Namespace) -> int:
    databases = [Database("sqlite")]
    if not args.skip_postgres:
        databases.append(Database("postgres", args.postgres_url))
    figures: list[Figure] = []
    shape = Shape(
        args.messages,
        args.rate,
        burst=args.burst,
        channel_messages=args.channel_messages,
        channel_seconds=args.channel_seconds,
        concurrency=args.concurrency,
        intake=args.intake,
    )
    for db in databases:
        async with db.fresh() as url:
            baseline = await scenario(f"{db.name}: no database", "-", shape, url)
        show(baseline)
        drainers = 2 if db.name == "postgres" else 1
        async with db.fresh() as url:
            outcome = await scenario(
                db.name, url, Shape(**{**shape.__dict__, "drainers": drainers})
            )
        show(outcome)
        figures += figure(db, outcome, baseline)
    print(table(figures))
    if args.json:
        await asyncio.to_thread(write_json, args.json, figures)
    return 0 if all(f.ok is not False for f in figures) else 1


def write_json(path: str, figures: list[Figure]) -> None:
    Path(path).write_text(json.dumps([asdict(f) for f in figures], indent=2), encoding="utf-8")


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.fanout",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="action")
    alone = sub.add_parser("platform", help="(internal) the fake platform in its own process")
    alone.add_argument("--rate", type=int, required=True)
    alone.add_argument("--channel-messages", type=int, required=True)
    alone.add_argument("--channel-seconds", type=float, required=True)
    worker = sub.add_parser("worker", help="(internal) one drainer process")
    worker.add_argument("--database", required=True, help='"-": the sender without database')
    worker.add_argument("--api", required=True)
    worker.add_argument("--settings", required=True)
    worker.add_argument("--messages", type=int, default=0)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--rate", type=int, default=500, help="allowed requests per second")
    parser.add_argument("--burst", type=int, default=0, help="catch-up burst (0: rate/10)")
    parser.add_argument("--channel-messages", type=int, default=5)
    parser.add_argument("--channel-seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=8, help="sends in flight per drainer")
    parser.add_argument("--intake", type=float, default=50.0, help="messages/s taken in meanwhile")
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--json", help="also write the figures to this file")
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse()
    if arguments.action == "worker":
        asyncio.run(run_worker(arguments))
    elif arguments.action == "platform":
        asyncio.run(serve_alone(arguments))
    else:
        sys.exit(asyncio.run(main(arguments)))
