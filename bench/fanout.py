"""Fan-out benchmark: N DMs through the outbox to a fake platform on 127.0.0.1.

The fake platform enforces the configured limits (at most ``rate`` requests in any second
for the bot, ``channel_messages`` per ``channel_seconds`` per recipient) and answers 429
with ``Retry-After`` past them. It counts deliveries per idempotency key (the row id).
Drainers run as separate processes, as in production: one on SQLite, two on PostgreSQL.

    python -m bench.fanout                      # 10,000 DMs at 500/s, SQLite and PostgreSQL
    python -m bench.fanout --messages 2000 --rate 200 --skip-postgres

Target: at least 0.9 of the allowed rate, no duplicates, no losses, 429s under 1 %."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DEFAULT_POSTGRES = os.environ.get(
    "BOT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


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
    from aiohttp import web

    async def send(request: web.Request) -> web.Response:
        body = await request.json()
        status, answer, wait = platform.handle(str(body["key"]), str(body["channel"]))
        headers = {"Retry-After": f"{wait:.3f}"} if status == 429 else {}
        return web.json_response(answer, status=status, headers=headers)

    app = web.Application()
    app.router.add_post("/send", send)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


# -- a drainer process ---------------------------------------------------------------------


class HttpSender:
    """A minimal platform sender: 429 -> RetryLater(Retry-After), 5xx -> RetryLater."""

    platform = "discord"

    def __init__(self, api: str) -> None:
        import aiohttp

        self.api = api
        self.http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64))

    async def send(self, delivery: Any) -> Any:
        from bot.delivery.outbox import RetryLater, Sent

        user = delivery.recipient.platform_user_id if delivery.recipient else "?"
        body = {"key": delivery.key, "channel": user, "attempt": delivery.attempt}
        async with self.http.post(f"{self.api}/send", json=body) as response:
            answer = await response.json()
            if response.status == 429:
                scope = "global" if answer.get("global") else "channel"
                wait = float(response.headers.get("Retry-After", answer["retry_after"]))
                raise RetryLater(wait, "429", scope=scope)
            if response.status >= 500:
                raise RetryLater(1, f"HTTP {response.status}")
        return Sent(answer["id"], answer["channel_id"])

    async def close(self) -> None:
        await self.http.close()


async def run_worker(args: argparse.Namespace) -> None:
    from sqlalchemy import func, select

    from bot.clock import SystemClock
    from bot.delivery.drainer import Drainer
    from bot.settings import DeliverySettings
    from bot.storage.database import create_engine, sessionmaker
    from bot.storage.models import OutboxMessage

    settings = DeliverySettings.model_validate(json.loads(args.settings))
    engine = create_engine(args.database)
    sessions = sessionmaker(engine)
    sender = HttpSender(args.api)
    drainer = Drainer(sessions, sender, SystemClock(), settings=settings)
    try:
        while True:
            await drainer.drain_once()
            async with sessions() as session:
                left = await session.scalar(
                    select(func.count()).where(OutboxMessage.status.in_(("pending", "sending")))
                )
            if not left:
                break
            await asyncio.sleep(0.02)
    finally:
        await sender.close()
        await engine.dispose()
    print(json.dumps(dict(drainer.stats)))


# -- scenarios ------------------------------------------------------------------------------


async def fill_outbox(url: str, count: int) -> None:
    from sqlalchemy import insert

    from bot.core.replies import Reply
    from bot.storage.database import create_engine
    from bot.storage.migrate import upgrade
    from bot.storage.models import Member, OutboxMessage

    engine = create_engine(url)
    await upgrade(engine)
    now = datetime.now(UTC)
    payload = Reply(text="Herinnering: de studiemiddag begint morgen om 13:00.").to_dict()
    async with engine.begin() as conn:
        await conn.execute(
            insert(Member),
            [
                {
                    "id": i,
                    "platform": "discord",
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
        await conn.execute(
            insert(OutboxMessage),
            [
                {
                    "platform": "discord",
                    "target_kind": "dm",
                    "member_id": i,
                    "payload": payload,
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                }
                for i in range(1, count + 1)
            ],
        )
    await engine.dispose()


async def unsent(url: str) -> int:
    from sqlalchemy import func, select

    from bot.storage.database import create_engine
    from bot.storage.models import OutboxMessage

    engine = create_engine(url)
    async with engine.connect() as conn:
        left = await conn.scalar(select(func.count()).where(OutboxMessage.status != "sent"))
    await engine.dispose()
    return int(left or 0)


async def scenario(name: str, url: str, drainers: int, args: argparse.Namespace) -> dict:
    await fill_outbox(url, args.messages)
    platform = FakePlatform(args.rate, args.channel_messages, args.channel_seconds)
    runner, api = await serve_platform(platform)
    settings = {
        "processes": drainers,
        "concurrency": args.concurrency,
        "discord": {
            "rate": args.rate,
            "burst": args.burst,
            "channel_messages": args.channel_messages,
            "channel_seconds": args.channel_seconds,
        },
    }
    started = time.monotonic()
    workers = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.fanout",
            "worker",
            "--database",
            url,
            "--api",
            api,
            "--settings",
            json.dumps(settings),
            stdout=asyncio.subprocess.PIPE,
        )
        for _ in range(drainers)
    ]
    outputs = [await w.communicate() for w in workers]
    wall = time.monotonic() - started
    await runner.cleanup()
    stats = [json.loads(out.decode().strip().splitlines()[-1]) for out, _ in outputs]
    delivered = len(platform.accepted)
    span = (platform.last or 0) - (platform.first or 0)
    achieved = (delivered - 1) / span if span > 0 else float("nan")
    return {
        "scenario": name,
        "messages": args.messages,
        "delivered": delivered,
        "seconds": round(span, 2),
        "wall_seconds": round(wall, 2),
        "achieved_per_s": round(achieved, 1),
        "allowed_per_s": args.rate,
        "ratio": round(achieved / args.rate, 3),
        "http_429": platform.refused,
        "http_429_share": round(platform.refused / max(1, platform.requests), 4),
        "duplicates": sum(1 for n in platform.accepted.values() if n > 1),
        "lost": args.messages - delivered,
        "unsent_rows": await unsent(url),
        "sent_per_drainer": [s.get("sent", 0) for s in stats],
    }


async def sqlite_scenario(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        return await scenario("SQLite, 1 drainer", url, 1, args)


async def postgres_scenario(args: argparse.Namespace) -> dict:
    import asyncpg

    name = f"sb_bench_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(args.postgres_url)
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    base, _, _ = args.postgres_url.rpartition("/")
    try:
        return await scenario("PostgreSQL, 2 drainers", f"{base}/{name}", 2, args)
    finally:
        conn = await asyncpg.connect(args.postgres_url)
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()


def verdict(result: dict) -> str:
    ok = (
        result["ratio"] >= 0.9
        and result["duplicates"] == 0
        and result["lost"] == 0
        and result["http_429_share"] < 0.01
    )
    return "OK" if ok else "BELOW TARGET"


def show(result: dict) -> None:
    print(
        f"{result['scenario']:<24} {result['delivered']:>6}/{result['messages']} in "
        f"{result['seconds']:>6.2f}s  {result['achieved_per_s']:>7.1f}/s of "
        f"{result['allowed_per_s']}/s = {result['ratio']:.3f}  429s {result['http_429']} "
        f"({result['http_429_share']:.2%})  duplicates {result['duplicates']}  "
        f"lost {result['lost']}  per drainer {result['sent_per_drainer']}  {verdict(result)}",
        flush=True,
    )


async def main(args: argparse.Namespace) -> int:
    results = [await sqlite_scenario(args)]
    show(results[-1])
    if not args.skip_postgres:
        results.append(await postgres_scenario(args))
        show(results[-1])
    if args.json:
        await asyncio.to_thread(write_json, Path(args.json), results)
    return 0 if all(verdict(r) == "OK" for r in results) else 1


def write_json(path: Path, results: list[dict]) -> None:
    path.write_text(json.dumps(results, indent=2), encoding="utf-8")


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.fanout",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="action")
    worker = sub.add_parser("worker", help="(internal) one drainer process")
    worker.add_argument("--database", required=True)
    worker.add_argument("--api", required=True)
    worker.add_argument("--settings", required=True)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--rate", type=int, default=500, help="allowed requests per second")
    parser.add_argument("--burst", type=int, default=10, help="drainer catch-up burst")
    parser.add_argument("--channel-messages", type=int, default=5)
    parser.add_argument("--channel-seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=8, help="sends in flight per drainer")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--json", help="also write the figures to this file")
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse()
    if arguments.action == "worker":
        asyncio.run(run_worker(arguments))
    else:
        sys.exit(asyncio.run(main(arguments)))
