"""Data at scale for the benchmarks, written fast with bulk inserts (core SQL,
executemany), never through commands: members, bottlenecks with a poll each, signals
(most triaged, a queue left), votes, delivered outbox rows and audit entries.

``Scale(signals=1_000, members=100)`` is the small community; the same call with 100×
the numbers is the big one. Bottlenecks, calls and events stay the same size: they grow
with staff's work, not with the members' messages."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.suite import Context, Database, Figure, Run
from bot.app import App, build_app
from bot.clock import FakeClock
from bot.core.context import Actor
from bot.core.replies import Reply
from bot.settings import Community, Settings
from bot.storage.models import (
    AuditEntry,
    Bottleneck,
    Call,
    Member,
    OutboxMessage,
    Poll,
    Signal,
    StageChange,
    Vote,
)
from bot.vocabulary.enums import (
    Audience,
    CallKind,
    Consent,
    Domain,
    Recognition,
    Role,
    SignalSource,
    SignalStatus,
    Stage,
    Urgency,
)

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
BATCH = 5_000
WORDS = [
    "wachtlijst",
    "jeugdhulp",
    "school",
    "thuiszitter",
    "overdracht",
    "opvang",
    "huisarts",
    "passend",
    "onderwijs",
    "wijkteam",
    "toeslag",
    "formulier",
    "gemeente",
    "indicatie",
    "zorg",
    "leerling",
    "klas",
    "mbo",
    "pleeggezin",
]
STAFF_ID = 1


@dataclass(frozen=True)
class Scale:
    signals: int
    members: int
    bottlenecks: int = 40
    votes_per_member: int = 3  # polls each member voted in
    needed_share: float = 0.3  # votes with a "wat is er nodig" text


def sentence(rng: random.Random, words: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


async def bulk(engine: AsyncEngine, model: type[Any], rows: Iterator[dict[str, Any]]) -> None:
    """Insert in batches, one transaction per batch."""
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            await _write(engine, model, batch)
            batch = []
    if batch:
        await _write(engine, model, batch)


async def _write(engine: AsyncEngine, model: type[Any], batch: list[dict[str, Any]]) -> None:
    async with engine.begin() as conn:
        await conn.execute(insert(model), batch)


def members(count: int, rng: random.Random, first: int = 1) -> Iterator[dict[str, Any]]:
    domains = list(Domain)
    for i in range(first, first + count):
        role = Role.STAFF if i == STAFF_ID else (Role.AMBASSADOR if i % 10 == 0 else Role.MEMBER)
        yield {
            "id": i,
            "platform": "console",
            "platform_user_id": f"u{i}",
            "display_name": f"Lid {i}",
            "role": role,
            "language": "nl",
            "domain": rng.choice(domains) if i % 7 else None,
            "created_at": NOW - timedelta(days=400),
            "noticed_at": NOW - timedelta(days=400),
        }


def bottlenecks(count: int, rng: random.Random) -> Iterator[dict[str, Any]]:
    stages = [Stage.OOGSTEN, Stage.TOETSEN, Stage.VERDIEPEN, Stage.AGENDEREN]
    for i in range(1, count + 1):
        yield {
            "id": i,
            "title": f"Knelpunt {i}: {sentence(rng, 4)}",
            "description": sentence(rng, 20),
            "domain": rng.choice(list(Domain)),
            "stage": stages[i % len(stages)],
            "created_by": STAFF_ID,
            "created_at": NOW - timedelta(days=300 - i),
            "updated_at": NOW - timedelta(days=2),
        }


def stage_changes(count: int) -> Iterator[dict[str, Any]]:
    for i in range(1, count + 1):
        yield {
            "bottleneck_id": i,
            "from_stage": None,
            "to_stage": Stage.OOGSTEN,
            "by_member_id": STAFF_ID,
            "at": NOW - timedelta(days=300 - i),
        }


def signals(scale: Scale, rng: random.Random) -> Iterator[dict[str, Any]]:
    statuses = [SignalStatus.LINKED] * 6 + [SignalStatus.NOT_RELEVANT, SignalStatus.DUPLICATE]
    consents = [Consent.QUOTE, Consent.COUNT, Consent.COUNT, Consent.STAFF]
    span = 365 * 24 * 3600
    for i in range(1, scale.signals + 1):
        queued = i > scale.signals * 0.95  # the newest 5 % wait for triage
        status = SignalStatus.NEW if queued else rng.choice(statuses)
        linked = status in (SignalStatus.LINKED, SignalStatus.DUPLICATE)
        yield {
            "id": i,
            "member_id": rng.randint(2, scale.members),
            "source": SignalSource.DM,
            "call_id": None,
            "text": sentence(rng),
            "anonymous": i % 11 == 0,
            "consent": rng.choice(consents),
            "domain": rng.choice(list(Domain)),
            "status": status,
            "bottleneck_id": rng.randint(1, scale.bottlenecks) if linked else None,
            "reviewed_by": None if queued else STAFF_ID,
            "created_at": NOW - timedelta(seconds=span * (1 - i / scale.signals)),
            "platform": "console",
            "platform_message_id": f"m{i}",
            "version": 0,
        }


def polls(count: int, audience: Audience = Audience.ALL) -> Iterator[dict[str, Any]]:
    for i in range(1, count + 1):
        yield {
            "id": i,
            "bottleneck_id": i,
            "audience": audience,
            "created_by": STAFF_ID,
            "created_at": NOW - timedelta(days=30),
            "version": 0,
        }


def vote(poll: int, member: int, rng: random.Random, needed_share: float) -> dict[str, Any]:
    moment = NOW - timedelta(minutes=rng.randint(1, 40_000))
    return {
        "poll_id": poll,
        "member_id": member,
        "recognition": rng.choice([*Recognition, None]),
        "urgency": rng.choice([*Urgency, None]),
        "needed": sentence(rng, 10) if rng.random() < needed_share else None,
        "created_at": moment,
        "updated_at": moment,
    }


def votes(scale: Scale, rng: random.Random) -> Iterator[dict[str, Any]]:
    for member in range(2, scale.members + 1):
        chosen = rng.sample(range(1, scale.bottlenecks + 1), scale.votes_per_member)
        for poll in sorted(chosen):
            yield vote(poll, member, rng, scale.needed_share)


def outbox(count: int, members: int) -> Iterator[dict[str, Any]]:
    """What the bot sent for each signal: a thank-you, delivered; a few that failed."""
    payload = Reply(text="Dank je, je signaal is opgeslagen.").to_dict()
    for i in range(1, count + 1):
        at = NOW - timedelta(seconds=(count - i) * 30)
        failed = i % 500 == 0
        yield {
            "platform": "console",
            "target_kind": "dm",
            "member_id": 2 + i % (members - 1),
            "payload": payload,
            "status": "failed" if failed else "sent",
            "attempts": 5 if failed else 1,
            "next_attempt_at": at,
            "created_at": at,
            "sent_at": None if failed else at,
            "last_error": "HTTP 500" if failed else None,
        }


def audit(count: int) -> Iterator[dict[str, Any]]:
    for i in range(1, count + 1):
        yield {
            "at": NOW - timedelta(minutes=count - i),
            "member_id": STAFF_ID,
            "role": "staf",
            "action": "knelpunt koppel",
            "detail": f"signaal:{i} knelpunt:1",
            "outcome": "ok",
        }


def calls(count: int) -> Iterator[dict[str, Any]]:
    for i in range(1, count + 1):
        yield {
            "id": i,
            "kind": CallKind.OPEN,
            "question": f"Oproep {i}: waar loop je tegenaan?",
            "created_by": STAFF_ID,
            "created_at": NOW - timedelta(days=200 - i),
            "closed_at": NOW - timedelta(days=190 - i),
        }


async def community(engine: AsyncEngine, scale: Scale, seed: int = 13) -> None:
    """A whole community at ``scale`` in an empty, migrated database."""
    rng = random.Random(seed)
    await bulk(engine, Member, members(scale.members, rng))
    await bulk(engine, Bottleneck, bottlenecks(scale.bottlenecks, rng))
    await bulk(engine, StageChange, stage_changes(scale.bottlenecks))
    await bulk(engine, Call, calls(10))
    await bulk(engine, Signal, signals(scale, rng))
    await bulk(engine, Poll, polls(scale.bottlenecks))
    await bulk(engine, Vote, votes(scale, rng))
    await bulk(engine, OutboxMessage, outbox(scale.signals, scale.members))
    await bulk(engine, AuditEntry, audit(scale.signals // 10))


# -- running commands against the data --------------------------------------------------------

STAFF = Actor("console", f"u{STAFF_ID}", "Lid 1", Role.STAFF, None)
MEMBER = Actor("console", "u2", "Lid 2", Role.MEMBER, None)
EXPLICIT_IDS = ("members", "bottlenecks", "calls", "signals", "polls")


async def app_on(url: str) -> App:
    """The bot on a fresh database, migrated, its clock just after the data's ``NOW``."""
    settings = Settings(BOT_DATABASE_URL=url)
    clock = FakeClock(NOW + timedelta(minutes=5))
    return await build_app(settings, Community(), clock=clock, platforms=["console"])


async def after_seed(engine: AsyncEngine) -> None:
    """PostgreSQL: move the id sequences past the ids written explicitly, and what
    autovacuum does after a bulk insert (statistics, the visibility map that index-only
    scans need). SQLite: nothing, as in production. The kept counts (each bottleneck's
    linked signals, each vote's voter domain: migration 0011) need nothing here: the
    database's triggers fill them as the rows go in, as when the bot writes them."""
    if engine.dialect.name != "postgresql":
        return
    async with engine.begin() as conn:
        for name in EXPLICIT_IDS:
            await conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {name}))"
                )
            )
    async with engine.connect() as conn:  # VACUUM runs outside a transaction
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text("VACUUM ANALYZE"))


async def answer(app: App, actor: Actor, line: str) -> str:
    """Run a command; return the text of what it answered (title and text)."""
    ids = await app.core.command(actor, line)
    async with app.sessions() as session:
        payloads = (
            await session.scalars(select(OutboxMessage.payload).where(OutboxMessage.id.in_(ids)))
        ).all()
    return "\n".join(f"{p.get('title', '')}\n{p.get('text', '')}" for p in payloads)


def each_database(one: Callable[[Context, Database], Awaitable[list[Figure]]]) -> Run:
    """A benchmark's ``run``: ``one`` on every database of the run, in turn."""

    async def run(ctx: Context) -> list[Figure]:
        figures: list[Figure] = []
        for database in ctx.databases:
            figures += await one(ctx, database)
        return figures

    return run
