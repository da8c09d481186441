"""Shared helpers for the schedule and event tests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot.app import App
from bot.storage.models import Member, OutboxMessage, Reminder


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
