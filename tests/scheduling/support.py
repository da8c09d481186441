"""Shared helpers for the schedule and event tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest
from sqlalchemy import select

from bot.app import App
from bot.storage.models import Member, OutboxMessage, Reminder
from tests import conftest as root


async def _postgres_problem() -> str | None:
    """The root probe uses asyncio.run, which fails inside a running loop; probe here."""
    if "problem" not in root._pg_state:
        import asyncpg

        try:
            conn = await asyncpg.connect(root.POSTGRES_URL, timeout=3)
            await conn.close()
            root._pg_state["problem"] = None
        except Exception as exc:  # any failure means: not reachable here
            root._pg_state["problem"] = f"{type(exc).__name__}: {exc}"
    return root._pg_state["problem"]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database_url(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    """Like the root fixture, but with a probe that works inside the event loop."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bot.db'}"
        return
    await _postgres_problem()
    root.require_postgres()
    name, url = await root._create_database()
    try:
        yield url
    finally:
        await root._drop_database(name)


async def rows(app: App, **where: object) -> list[OutboxMessage]:
    async with app.sessions() as session:
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        for key, value in where.items():
            query = query.where(getattr(OutboxMessage, key) == value)
        return list((await session.scalars(query)).all())


async def dm_names(app: App, text: str | None = None) -> list[str]:
    """Recipients of DMs (optionally only those whose payload contains ``text``)."""
    async with app.sessions() as session:
        found = (
            await session.execute(
                select(Member.platform_user_id, OutboxMessage.payload)
                .join(OutboxMessage, OutboxMessage.member_id == Member.id)
                .where(OutboxMessage.target_kind == "dm")
                .order_by(OutboxMessage.id)
            )
        ).all()
    return [
        name
        for name, payload in found
        if text is None or text in payload.get("title", "") + payload.get("text", "")
    ]


async def reminders(app: App, event_id: int = 1) -> dict[str, Reminder]:
    async with app.sessions() as session:
        found = await session.scalars(select(Reminder).where(Reminder.event_id == event_id))
        return {r.label: r for r in found.all()}


def local(moment: datetime, zone: str = "Europe/Amsterdam") -> str:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M %Z")
