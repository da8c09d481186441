"""Random command sequences through the console (issue 9), on SQLite and PostgreSQL:
after every line no traceback, no generic apology for bad input, and a refused command
stores nothing (only its answer, and — when a role refused it — its entry in the audit
log, as issue 10 asks)."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.app import App
from bot.core.audit import REFUSED
from bot.core.errors import BotError
from bot.handlers.console.session import ScriptError
from bot.storage.models import AuditEntry, Base
from tests.conftest import _create_database, _drop_database, make_app, require_postgres
from tests.fuzz.strategies import lines, roles
from tests.helpers import Harness

APOLOGY = "Sorry, er ging iets mis"
# What only answers and bookkeeping touch; every other table is the community's data.
BOOKKEEPING = {"outbox", "members", "inbound_events", "post_refs", "job_runs", "alembic_version"}
DATA = [t for t in Base.metadata.sorted_tables if t.name not in (*BOOKKEEPING, "audit_log")]


async def counts(app: App) -> dict[str, int]:
    async with app.sessions() as session:
        found = {t.name: int(await session.scalar(select(func.count()).select_from(t)) or 0)
                 for t in DATA}
        # a refusal may add its own audit entry, never one of something done
        found["audit_log (done)"] = int(await session.scalar(
            select(func.count()).where(AuditEntry.outcome != REFUSED)) or 0)
        return found


async def step(h: Harness, line: str) -> None:
    before = await counts(h.app)
    try:
        out = await h.run(line)
    except (ScriptError, BotError):
        out = "⚠️ (console)"
    assert APOLOGY not in out, (line, out)
    printed = [o for o in out.splitlines() if o.strip()]
    if printed and all("⚠️" in o for o in printed):
        assert await counts(h.app) == before, f"refused but stored something: {line!r}"


def fuzz(url_maker, examples: int, clock, community) -> None:
    """Hypothesis drives the lines; one app (one database) lives through all examples."""
    with asyncio.Runner() as runner:
        url, cleanup = runner.run(url_maker())
        app = runner.run(make_app(url, community, clock))
        h = Harness(app)
        runner.run(h.run('@vera:staf /oproep open vraag:"Waar loop je tegenaan?"',
                         '/knelpunt nieuw titel:"Wachtlijst"', "/peiling start knelpunt:1",
                         '/bijeenkomst nieuw titel:"Middag" soort:webinar start:"1-12-2027 14:00"'))

        @settings(max_examples=examples, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(st.lists(st.tuples(roles, lines), min_size=1, max_size=4))
        def run(actions: list[tuple[str, str]]) -> None:
            for role, line in actions:
                runner.run(step(h, f"{role} {line}"))

        try:
            run()
        finally:
            runner.run(app.close())
            runner.run(cleanup())


def test_console_fuzz_on_sqlite(tmp_path, clock, community):
    async def sqlite():
        async def nothing():
            return None
        return f"sqlite:///{tmp_path / 'fuzz.db'}", nothing

    fuzz(sqlite, 80, clock, community)


@pytest.mark.postgres
def test_console_fuzz_on_postgres(clock, community):
    require_postgres()

    async def postgres():
        name, url = await _create_database()
        return url, lambda: _drop_database(name)

    fuzz(postgres, 30, clock, community)
