"""PostgreSQL connections that drop (a server restart, a failover): a pooled connection
that lay idle is pinged and replaced before use; one that drops between two requests
fails its request, which runs again on a new connection. Nothing is lost, nobody gets an
apology. (SQLite has no connections to lose: these run on PostgreSQL only.)"""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy import func, select, text

from bot.app import App
from bot.core.context import Actor, Incoming
from bot.storage import database
from bot.storage.models import OutboxMessage, Signal
from bot.vocabulary.enums import Role
from tests.conftest import POSTGRES_URL

# the app on PostgreSQL only (``database_url`` would give SQLite too)
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("database_url", ["postgres"], indirect=True),
]

STAFF = Actor("console", "vera", "vera", Role.STAFF, "console:vera")
SANNE = Actor("console", "sanne", "sanne", Role.MEMBER, "console:sanne")


async def drop_connections(app: App) -> int:
    """Ends every server connection of the app's database (as a restart would)."""
    database = app.engine.url.database
    admin = await asyncpg.connect(POSTGRES_URL)
    try:
        return len(
            await admin.fetch(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = $1 AND pid <> pg_backend_pid()",
                database,
            )
        )
    finally:
        await admin.close()


async def signals_and_apologies(app: App) -> tuple[int, int]:
    async with app.sessions() as session:
        signals = await session.scalar(select(func.count()).select_from(Signal))
        payloads = (await session.scalars(select(OutboxMessage.payload))).all()
    return signals or 0, sum("ref" in str(p.get("text", "")).lower() for p in payloads)


async def test_an_idle_connection_that_dropped_is_replaced_before_use(any_app, monkeypatch):
    await any_app.core.command(STAFF, '/oproep open vraag:"Waar loop je tegenaan?"')
    monkeypatch.setattr(database, "PING_AFTER", 0.0)  # every pooled connection is "idle"
    assert await drop_connections(any_app) >= 1
    pinged: list[str] = []
    monkeypatch.setattr(any_app.engine.dialect, "do_ping", _counting(any_app, pinged))
    await any_app.core.message(SANNE, Incoming("thread", "Geen plek", "m1", call_id=1))
    assert pinged  # the dropped connection was found out by its ping
    assert await signals_and_apologies(any_app) == (1, 0)


async def test_a_request_on_a_connection_that_just_dropped_runs_again(any_app):
    await any_app.core.command(STAFF, '/oproep open vraag:"Waar loop je tegenaan?"')
    async with any_app.engine.connect() as conn:  # used a moment ago: not pinged
        await conn.execute(text("SELECT 1"))
    assert await drop_connections(any_app) >= 1
    await any_app.core.message(SANNE, Incoming("thread", "Geen plek", "m1", call_id=1))
    assert await signals_and_apologies(any_app) == (1, 0)


def _counting(app: App, pinged: list[str]):  # type: ignore[no-untyped-def]
    ping = app.engine.dialect.do_ping

    def do_ping(dbapi_connection):  # type: ignore[no-untyped-def]
        pinged.append("ping")
        return ping(dbapi_connection)

    return do_ping
