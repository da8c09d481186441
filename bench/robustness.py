"""Robustness figures (issue 9): races on PostgreSQL, bad console input, malformed HTTP.

    python -m bench.robustness                  # SQLite and PostgreSQL
    python -m bench.robustness --skip-postgres

Prints, per database: how many of 100 DMs from 50 first-time members (two each, at
once) were stored, apologies for a vote clicked 5x at once (10 rounds), how many said "ja"
to an event with 10 places after 20 RSVPs at once, and how many of a fixed set of bad
console lines got the generic apology. Then, for the Slack HTTP edge: the statuses and
log lines 1,000 malformed requests cause. All traffic stays on 127.0.0.1."""

from __future__ import annotations

import argparse
import asyncio
import hmac
import io
import logging
import os
import tempfile
import time
import uuid
from collections import Counter
from hashlib import sha256
from typing import Any

import aiohttp
import asyncpg
from aiohttp import web
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import func, select

from bot.app import App, build_app
from bot.clock import FakeClock
from bot.core.context import Actor, Incoming
from bot.handlers.console.runner import run_lines
from bot.handlers.slack.bolt import SlackBot
from bot.handlers.slack.server import web_app
from bot.settings import Community, Settings
from bot.storage.models import OutboxMessage, Rsvp, Signal
from bot.vocabulary.enums import Role

DEFAULT_POSTGRES = os.environ.get(
    "BOT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
APOLOGY = "Sorry, er ging iets mis"
STAFF = Actor("console", "vera", "vera", Role.STAFF, "console:vera")


def bad_lines() -> list[str]:
    """A fixed set of bad console lines: each command with bad numbers, dates, offsets,
    control and invisible characters."""
    numbers = ["9223372036854775808", "2147483648", "²", "⑦", "-1", "0", "1e9", "١٢"]
    texts = ["\x00", "a\x00b", "\u200b\u200b", "\u200d", " ", "x" * 5000]
    dates = ["31-02-2026", "9999-12-31 23:59", "0001-01-01", "99-99", "morgen 99:99"]
    offsets = ["99999999999w", "999999999d", "0d", "1x"]
    lines = []
    for n in numbers:
        lines += [
            f"/knelpunt toon nr:{n}",
            f"/peiling uitslag nr:{n}",
            f"/knelpunt stil dagen:{n}",
            f"/bijeenkomst toon nr:{n}",
            f"/stem peiling:{n} herkend:ja",
            f'/bijeenkomst nieuw titel:"x" soort:webinar start:morgen capaciteit:{n}',
        ]
    for text in texts:
        lines += [
            f'/signaal tekst:"{text}"',
            f'/oproep open vraag:"{text}"',
            f'/knelpunt nieuw titel:"{text}"',
            f"dm {text}",
        ]
    for d in dates:
        lines += [
            f'/oproep open vraag:"x" sluit:"{d}"',
            f'/bijeenkomst nieuw titel:"x" soort:webinar start:"{d}"',
        ]
    for o in offsets:
        lines += [f'/bijeenkomst nieuw titel:"x" soort:webinar start:morgen herinneringen:{o}']
    return lines


async def _app(url: str, clock: FakeClock, platforms: list[str] | None = None) -> App:
    settings = Settings(BOT_DATABASE_URL=url)
    return await build_app(settings, Community(), clock=clock, platforms=platforms or ["console"])


async def _count(app: App, query: Any) -> int:
    async with app.sessions() as session:
        return int(await session.scalar(query) or 0)


async def _apologies(app: App) -> int:
    async with app.sessions() as session:
        rows = (await session.scalars(select(OutboxMessage.payload))).all()
    return sum(APOLOGY in (p.get("text") or "") for p in rows)


async def new_members(app: App) -> tuple[int, int]:
    async def dm(i: int, n: int) -> None:
        actor = Actor("console", f"nieuw{i}", f"Nieuw {i}", Role.MEMBER, None)
        await app.core.message(actor, Incoming("dm", f"Signaal {i}.{n}", f"m{i}.{n}"))

    # each new member sends two messages at once (a message and its follow-up)
    await asyncio.gather(*(dm(i, n) for i in range(50) for n in (1, 2)))
    return await _count(app, select(func.count(Signal.id))), await _apologies(app)


async def double_clicks(app: App) -> int:
    await app.core.command(STAFF, '/knelpunt nieuw titel:"Wachtlijst"')
    await app.core.command(STAFF, "/peiling start knelpunt:1")
    before = await _apologies(app)
    for round_ in range(10):
        actor = Actor("console", f"klikker{round_}", "Klikker", Role.MEMBER, None)
        await app.core.command(actor, "/help")  # a known member
        await asyncio.gather(*(app.core.press(actor, "poll:1v0:recognised:yes") for _ in range(5)))
    return await _apologies(app) - before


async def rsvps(app: App) -> int:
    await app.core.command(
        STAFF,
        '/bijeenkomst nieuw titel:"Studiemiddag" soort:studiemiddag '
        'start:"1-12-2027 14:00" capaciteit:10',
    )
    actors = [Actor("console", f"gast{i}", f"Gast {i}", Role.MEMBER, None) for i in range(20)]
    for actor in actors:
        await app.core.command(actor, "/help")
    await asyncio.gather(*(app.core.press(a, "event:1:rsvp:yes") for a in actors))
    return await _count(
        app, select(func.count(Rsvp.id)).where(Rsvp.event_id == 1, Rsvp.answer == "ja")
    )


async def console_lines(app: App) -> tuple[int, int, int]:
    lines = bad_lines()
    out: list[str] = []
    errors = 0
    for line in lines:
        try:
            await run_lines(app, [f"@vera:staf {line}"], out=out.append, echo=False)
        except Exception:
            errors += 1
    return len(lines), sum(APOLOGY in o for o in out), errors


async def database_figures(url: str, name: str) -> None:
    from datetime import UTC, datetime

    results: dict[str, Any] = {}
    for label, scenario in (
        ("members", new_members),
        ("clicks", double_clicks),
        ("rsvps", rsvps),
        ("console", console_lines),
    ):
        db_url = await _fresh(url, name)
        app = await _app(db_url, FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC)))
        logging.disable(logging.CRITICAL)
        try:
            results[label] = await scenario(app)
        except Exception as exc:
            results[label] = f"aborted: {type(exc).__name__}"
        finally:
            logging.disable(logging.NOTSET)
            await app.close()
            await _drop(url, db_url)
    print(
        f"{name}: 50 new members, 2 DMs each at once -> (signals stored of 100, apologies) "
        f"{results['members']}"
    )
    print(f"{name}: vote clicked 5x at once, 10 rounds -> apologies {results['clicks']}")
    print(f"{name}: 20 RSVPs for 10 places -> 'ja' stored {results['rsvps']}")
    print(f"{name}: bad console lines -> (lines, apologies, aborted) {results['console']}")


async def _fresh(url: str, name: str) -> str:
    if name == "sqlite":
        return f"sqlite:///{tempfile.mkdtemp()}/bot.db"
    db = f"sb_bench_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(url)
    await conn.execute(f'CREATE DATABASE "{db}"')
    await conn.close()
    return url.rpartition("/")[0] + "/" + db


async def _drop(url: str, db_url: str) -> None:
    if db_url.startswith("sqlite"):
        return
    conn = await asyncpg.connect(url)
    await conn.execute(f'DROP DATABASE IF EXISTS "{db_url.rpartition("/")[2]}" WITH (FORCE)')
    await conn.close()


MALFORMED: list[tuple[bytes, dict[str, str]]] = [
    (b"{not json", {"Content-Type": "application/json"}),
    (b"[1, 2]", {"Content-Type": "application/json"}),
    (b"\xff\xfe\xfa", {"Content-Type": "application/json"}),
    (b"payload=%7Bbad", {"Content-Type": "application/x-www-form-urlencoded"}),
    (b"{}", {"Content-Type": "application/json", "X-Slack-Request-Timestamp": "abc"}),
]


async def http_figures() -> None:
    from datetime import UTC, datetime

    clock = FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    app = await _app(f"sqlite:///{tempfile.mkdtemp()}/bot.db", clock, ["slack"])
    bot = SlackBot(
        app, AsyncWebClient(token="x", base_url="http://127.0.0.1:9/"), signing_secret="s"
    )
    runner = web.AppRunner(web_app(bot))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logging.getLogger().addHandler(handler)
    statuses: Counter[int] = Counter()
    started = time.perf_counter()
    async with aiohttp.ClientSession() as http:
        for i in range(1000):
            body, headers = MALFORMED[i % len(MALFORMED)]
            stamp = str(int(time.time()))
            signature = "v0=" + hmac.new(b"s", f"v0:{stamp}:".encode() + body, sha256).hexdigest()
            headers = {
                "X-Slack-Request-Timestamp": stamp,
                "X-Slack-Signature": signature,
                **headers,
            }
            url = f"http://{host}:{port}/slack/events"
            async with http.post(url, data=body, headers=headers) as resp:
                statuses[resp.status] += 1
    elapsed = time.perf_counter() - started
    logging.getLogger().removeHandler(handler)
    lines = stream.getvalue().count("\n")
    print(
        f"http: 1,000 malformed signed requests -> statuses {dict(statuses)}, {lines} log lines, "
        f"{elapsed:.1f} s"
    )
    await runner.cleanup()
    await app.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description="Robustheidscijfers (issue 9)")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    await database_figures("", "sqlite")
    if not args.skip_postgres:
        await database_figures(args.postgres_url, "postgresql")
    await http_figures()


if __name__ == "__main__":
    asyncio.run(main())
