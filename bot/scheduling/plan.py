"""What the schedule should look like, read from the database: one planned wake-up per
open call and poll with a close time and per pending reminder, with deterministic ids
(``call:4:close``, ``poll:3:close``, ``event:12:reminder:1d``, ``agenda:5:follow-up``,
``feedback:7:report`` — a report-back with chunks to go, due at once)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.features.events import reminders as events
from bot.features.feedback import service as feedback
from bot.scheduling import due, jobs
from bot.storage.models import AgendaItem, Call, Event, Poll, Reminder


@dataclass(frozen=True)
class Planned:
    id: str
    at: datetime
    func: Callable[..., Awaitable[None]]
    ids: tuple[Any, ...]


async def planned(sessions: async_sessionmaker[AsyncSession]) -> list[Planned]:
    async with sessions() as session:
        open_calls = (
            await session.scalars(
                select(Call).where(Call.closed_at.is_(None), Call.closes_at.is_not(None))
            )
        ).all()
        open_polls = (
            await session.scalars(
                select(Poll).where(Poll.closed_at.is_(None), Poll.closes_at.is_not(None))
            )
        ).all()
        reminders = (
            await session.execute(
                select(Reminder.id, Reminder.event_id, Reminder.label, Reminder.due_at)
                .join(Event, Event.id == Reminder.event_id)
                .where(Reminder.status == events.PENDING, Event.cancelled_at.is_(None))
            )
        ).all()
        reporting = await feedback.reporting(session)
        follow_ups = (
            await session.execute(
                select(AgendaItem.id, AgendaItem.follow_up).where(
                    AgendaItem.follow_up_done_at.is_(None), AgendaItem.follow_up.is_not(None)
                )
            )
        ).all()
    plan = [
        Planned(f"agenda:{item_id}:follow-up", at, jobs.follow_up, (item_id,))
        for item_id, at in follow_ups
        if at is not None
    ]
    plan += [
        Planned(f"feedback:{item_id}:report", at, jobs.report_back, (item_id,))
        for item_id, at in reporting
        if item_id not in due.REPORTING  # running here: its loop finishes it
    ]
    plan += [
        Planned(f"call:{c.id}:close", c.closes_at, jobs.close_call, (c.id,))
        for c in open_calls
        if c.closes_at
    ]
    plan += [
        Planned(f"poll:{p.id}:close", p.closes_at, jobs.close_poll, (p.id,))
        for p in open_polls
        if p.closes_at
    ]
    plan += [
        Planned(f"event:{event_id}:reminder:{label}", at, jobs.remind, (rid,))
        for rid, event_id, label, at in reminders
    ]
    return plan
