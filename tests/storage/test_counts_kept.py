"""The counts the database keeps (migration 0011) equal a recount after any writes: the
linked signals per bottleneck as staff and the public count them, and each vote's voter
domain. Writers are plain SQL here (bulk UPDATEs too): the triggers, not the callers, keep
them. The migration fills them for existing data and goes down and up again."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path
from typing import Any

from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, inspect, select
from sqlalchemy import text as sql
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.features.bottlenecks.queries import counted, signal_counts
from bot.storage.database import create_engine, sessionmaker
from bot.storage.migrate import alembic_config, upgrade
from bot.storage.models import Bottleneck, Member, Signal, Vote
from bot.vocabulary.consent import Place
from bot.vocabulary.enums import Consent, Domain
from tests.conftest import migrated_template

BOTTLENECKS = (1, 2, 3)
MEMBERS = (1, 2, 3, 4)
CONSENTS = [c.name for c in Consent]
DOMAINS = [*(d.name for d in Domain), None]

# -- writers, as SQL --------------------------------------------------------------------------

NOW = "'2026-11-02 09:00:00'"
SEED = (
    *(
        f"INSERT INTO members (id, platform, platform_user_id, display_name, role, language, "
        f"news, domain, created_at) VALUES ({m}, 'console', 'u{m}', 'Lid {m}', 'MEMBER', 'nl', "
        f"'ALL', {'NULL' if m == 4 else repr(DOMAINS[m % 5])}, {NOW})"
        for m in MEMBERS
    ),
    *(
        f"INSERT INTO bottlenecks (id, title, stage, created_by, created_at, updated_at) "
        f"VALUES ({b}, 'K{b}', 'OOGSTEN', 1, {NOW}, {NOW})"
        for b in BOTTLENECKS
    ),
    "INSERT INTO polls (id, bottleneck_id, audience, created_by, created_at, version) "
    f"VALUES (1, 1, 'ALL', 1, {NOW}, 0)",
)


def _nullable(value: Any) -> str:
    return "NULL" if value is None else repr(value)


def new_signal(n: int, bottleneck: int | None, consent: str) -> str:
    return (
        "INSERT INTO signals (member_id, source, anonymous, consent, status, bottleneck_id, "
        f"created_at, platform, platform_message_id, version) VALUES (1, 'DM', false, "
        f"'{consent}', 'LINKED', {_nullable(bottleneck)}, {NOW}, 'console', 'm{n}', 0)"
    )


def vote(member: int) -> str:
    return (
        "INSERT INTO votes (poll_id, member_id, recognition, created_at, updated_at) "
        f"VALUES (1, {member}, 'YES', {NOW}, {NOW})"
    )


ops = st.one_of(
    st.tuples(st.just("new"), st.sampled_from([*BOTTLENECKS, None]), st.sampled_from(CONSENTS)),
    # a link, an unlink or a merge: every signal of one bottleneck at once (a bulk UPDATE)
    st.tuples(st.just("move"), st.sampled_from([*BOTTLENECKS, None]), st.sampled_from(BOTTLENECKS)),
    st.tuples(st.just("consent"), st.integers(1, 8), st.sampled_from(CONSENTS)),
    st.tuples(st.just("both"), st.integers(1, 8), st.sampled_from(BOTTLENECKS)),
    st.tuples(st.just("delete"), st.integers(1, 8), st.none()),
    st.tuples(st.just("domain"), st.sampled_from(MEMBERS), st.sampled_from(DOMAINS)),
    st.tuples(st.just("vote"), st.sampled_from(MEMBERS), st.none()),
    # written by hand: the trigger puts hers back
    st.tuples(st.just("forge"), st.sampled_from(MEMBERS), st.sampled_from(DOMAINS)),
)


def statement(op: tuple[str, Any, Any], n: int) -> str:
    kind, a, b = op
    return {
        "new": lambda: new_signal(n, a, b),
        "move": lambda: (
            f"UPDATE signals SET bottleneck_id = {_nullable(a)} WHERE bottleneck_id = {b}"
        ),
        "consent": lambda: f"UPDATE signals SET consent = '{b}' WHERE id = {a}",
        "both": lambda: f"UPDATE signals SET bottleneck_id = {b}, consent = 'STAFF' WHERE id = {a}",
        "delete": lambda: f"DELETE FROM signals WHERE id = {a}",
        "domain": lambda: f"UPDATE members SET domain = {_nullable(b)} WHERE id = {a}",
        "vote": lambda: f"DELETE FROM votes WHERE member_id = {a}; {vote(a)}",
        "forge": lambda: f"UPDATE votes SET voter_domain = {_nullable(b)} WHERE member_id = {a}",
    }[kind]()


async def write(conn: AsyncConnection, op: tuple[str, Any, Any], n: int) -> None:
    for part in statement(op, n).split("; "):
        await conn.execute(sql(part))


# -- the recount ------------------------------------------------------------------------------


async def assert_kept(engine: AsyncEngine) -> None:
    """Every kept count equals its recount."""
    async with sessionmaker(engine)() as session:
        for place in (Place.STAFF, Place.PUBLIC):
            recount = await session.execute(
                select(Signal.bottleneck_id, func.count())
                .where(Signal.bottleneck_id.is_not(None), counted(place))
                .group_by(Signal.bottleneck_id)
            )
            kept = await signal_counts(session, list(BOTTLENECKS), place)
            assert kept == {b: n for b, n in recount.all()}, place
        stale = await session.scalar(
            select(func.count())
            .select_from(Vote)
            .join(Member, Member.id == Vote.member_id)
            .where(Vote.voter_domain.is_distinct_from(Member.domain))
        )
        assert stale == 0
        negative = select(func.count()).where(
            (Bottleneck.staff_signal_count < 0) | (Bottleneck.public_signal_count < 0)
        )
        assert await session.scalar(negative) == 0


# signals and votes to start from, so every kind of write finds something to change
STARTING = [("new", b, c) for b, c in zip([1, 1, 2, None, 3, 2], CONSENTS * 2, strict=True)]
STARTING += [("vote", m, None) for m in MEMBERS]


async def _run(url: str, steps: list[tuple[str, Any, Any]]) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            for part in SEED:
                await conn.execute(sql(part))
            for n, op in enumerate(STARTING):
                await write(conn, op, 100 + n)
        await assert_kept(engine)
        for n, op in enumerate(steps):
            async with engine.begin() as conn:
                await write(conn, op, n)
            await assert_kept(engine)
    finally:
        await engine.dispose()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(ops, min_size=1, max_size=20))
def test_kept_counts_equal_a_recount_after_any_writes(steps) -> None:  # type: ignore[no-untyped-def]
    folder = Path(tempfile.mkdtemp(prefix="sb-kept-"))
    try:
        shutil.copyfile(migrated_template(), folder / "bot.db")
        asyncio.run(_run(f"sqlite:///{folder / 'bot.db'}", steps))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


EVERY_WRITE = [
    ("new", 1, "QUOTE"), ("new", 1, "STAFF"), ("new", None, "COUNT"), ("new", 2, "COUNT"),
    ("vote", 1, None), ("vote", 4, None), ("consent", 1, "STAFF"), ("consent", 2, "COUNT"),
    ("move", 3, 1), ("move", None, 2), ("both", 3, 2), ("delete", 1, None),
    ("domain", 1, "ZORG"), ("domain", 4, "ONDERWIJS"), ("domain", 1, None), ("forge", 4, None),
]  # fmt: skip


async def test_every_kind_of_write_is_kept(database_url) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()
    await _run(database_url, EVERY_WRITE)


# -- the migration ----------------------------------------------------------------------------


async def _alembic(engine: AsyncEngine, step: str, revision: str) -> None:
    config = alembic_config()

    def run(connection: Connection) -> None:
        config.attributes["connection"] = connection
        getattr(command, step)(config, revision)

    async with engine.begin() as conn:
        await conn.run_sync(run)


async def _columns(engine: AsyncEngine, table: str) -> set[str]:
    async with engine.connect() as conn:
        found = await conn.run_sync(lambda sync: inspect(sync).get_columns(table))
    return {c["name"] for c in found}


async def test_the_migration_fills_the_counts_and_goes_down_and_up(database_url) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(database_url)
    try:
        await upgrade(engine, "0010")
        async with engine.begin() as conn:
            for part in SEED:
                await conn.execute(sql(part))
            for n, (b, consent) in enumerate([(1, "QUOTE"), (1, "STAFF"), (2, "COUNT"),
                                              (None, "QUOTE")]):  # fmt: skip
                await conn.execute(sql(new_signal(n, b, consent)))
            for m in (1, 4):
                await conn.execute(sql(vote(m)))
        await upgrade(engine)
        async with sessionmaker(engine)() as session:
            assert await signal_counts(session, [1, 2, 3], Place.STAFF) == {1: 2, 2: 1}
            assert await signal_counts(session, [1, 2, 3], Place.PUBLIC) == {1: 1, 2: 1}
        await assert_kept(engine)
        await _alembic(engine, "downgrade", "0010")
        assert "voter_domain" not in await _columns(engine, "votes")
        assert not {"staff_signal_count", "public_signal_count"} & await _columns(
            engine, "bottlenecks"
        )
        async with engine.begin() as conn:  # no trigger left behind
            await conn.execute(sql(new_signal(9, 3, "QUOTE")))
            await conn.execute(sql("UPDATE members SET domain = 'ZORG' WHERE id = 4"))
        await upgrade(engine)
        await assert_kept(engine)
        await _run_more(engine)
    finally:
        await engine.dispose()


async def _run_more(engine: AsyncEngine) -> None:
    """After down and up the triggers work again."""
    async with engine.begin() as conn:
        await write(conn, ("move", 3, 1), 20)
        await write(conn, ("domain", 1, "JEUGDHULP"), 21)
    await assert_kept(engine)
