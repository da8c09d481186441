"""All due work, without APScheduler: close calls and polls, send (or report missed)
reminders, remind staff of agenda follow-ups, send the daily news bundles, post the
weekly digest, erase expired texts. Each item runs in its own
transaction that both marks it done and writes its outbox rows, so a crash or restart
between "due" and "sent" neither loses nor doubles anything."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import App
from bot.core.context import SYSTEM as SYSTEM_PLATFORM
from bot.core.context import Actor, Tx
from bot.features.bottlenecks import progress
from bot.features.calls import service as calls
from bot.features.events import reminders as events
from bot.features.feedback import news
from bot.features.feedback import service as feedback
from bot.features.polls import service as polls
from bot.features.reports import digest, retention
from bot.storage.models import AgendaItem, Call, Event, Poll, Reminder
from bot.vocabulary.enums import Role

log = logging.getLogger(__name__)

Closable = TypeVar("Closable", Call, Poll)

CHUNK_PAUSE = 0.02  # seconds at least between two chunks of a report-back (I/O pacing)
CHUNK_SHARE = 2.0  # ... and this many times the chunk's own time: intake keeps 2/3 of it
REPORTING: set[int] = set()  # feedback ids whose report-back runs in this process

SYSTEM = Actor(SYSTEM_PLATFORM, "signaalbot", "Signaalbot", Role.STAFF)


@dataclass
class DueReport:
    closed_calls: list[int] = field(default_factory=list)
    closed_polls: list[int] = field(default_factory=list)
    reminders_sent: list[int] = field(default_factory=list)
    reminders_missed: list[int] = field(default_factory=list)
    follow_ups: list[int] = field(default_factory=list)  # agenda steps whose staff were reminded
    digest: str = ""
    news_bundles: int = 0
    erased: int = 0
    outbox: list[int] = field(default_factory=list)  # new outbox row ids


@asynccontextmanager
async def system_tx(app: App, now: datetime, report: DueReport | None = None) -> AsyncIterator[Tx]:
    """A transaction acted by the bot itself (jobs have no human actor)."""
    async with app.core.unit(SYSTEM, now) as tx:
        yield tx
    if report is not None:
        report.outbox += tx.created


async def run_due(app: App, now: datetime | None = None) -> DueReport:
    """Do everything that is due at ``now`` (default: the app's clock)."""
    now = now or app.clock.now()
    report = DueReport()
    async with app.sessions() as session:
        call_ids = await _due_to_close(session, Call, now)
        poll_ids = await _due_to_close(session, Poll, now)
        reminder_ids = (
            await session.scalars(
                select(Reminder.id)
                .where(Reminder.status == events.PENDING, Reminder.due_at <= now)
                .order_by(Reminder.due_at, Reminder.id)
            )
        ).all()
        follow_up_ids = (
            await session.scalars(
                select(AgendaItem.id)
                .where(AgendaItem.follow_up_done_at.is_(None), AgendaItem.follow_up <= now)
                .order_by(AgendaItem.follow_up, AgendaItem.id)
            )
        ).all()
    for call_id in call_ids:
        await _guard(close_call(app, call_id, now, report), f"call:{call_id}:close")
    for poll_id in poll_ids:
        await _guard(close_poll(app, poll_id, now, report), f"poll:{poll_id}:close")
    for reminder_id in reminder_ids:
        await _guard(remind(app, reminder_id, now, report), f"reminder {reminder_id}")
    for item_id in follow_up_ids:
        await _guard(follow_up(app, item_id, now, report), f"agenda:{item_id}:follow-up")
    async with app.sessions() as session:
        reporting = await feedback.reporting(session)
    for feedback_id, _ in reporting:
        await _guard(report_back(app, feedback_id, report), f"feedback:{feedback_id}:report")
    await _guard(send_news(app, now, report), news.JOB)
    await _guard(run_digest(app, now, report), digest.JOB)
    await _guard(erase_expired(app, now, report), "retention:daily")
    return report


async def report_back(app: App, feedback_id: int, report: DueReport | None = None) -> int:
    """The rest of a report-back, a chunk per transaction (resumed from its cursor after a
    crash); returns the number of chunks. Between chunks it waits twice as long as the
    chunk took, so writers queued behind the chunk (SQLite: one write lock, whose waiters
    poll) get in before the next one, also when intake keeps the lock busy."""
    if feedback_id in REPORTING:
        return 0  # this process is at it already (the schedule is rebuilt meanwhile)
    REPORTING.add(feedback_id)
    chunks = 0
    try:
        while True:
            started = time.monotonic()
            async with system_tx(app, app.clock.now(), report) as tx:
                more = await feedback.report_more(tx, feedback_id)
            chunks += 1
            if not more:
                return chunks
            await asyncio.sleep(max(CHUNK_PAUSE, CHUNK_SHARE * (time.monotonic() - started)))
    finally:
        REPORTING.discard(feedback_id)


async def _guard(work: Awaitable[object], name: str) -> None:
    """One failing item must not block the others; it stays due and is retried."""
    try:
        await work
    except Exception:
        log.exception("scheduled work %s failed; it stays due", name)


async def _due_to_close(session: AsyncSession, model: type[Closable], now: datetime) -> list[int]:
    """Ids of open calls or polls whose close time has come, oldest first."""
    query = (
        select(model.id)
        .where(model.closed_at.is_(None), model.closes_at <= now)
        .order_by(model.closes_at, model.id)
    )
    return list((await session.scalars(query)).all())


async def close_call(
    app: App, call_id: int, now: datetime, report: DueReport | None = None
) -> bool:
    closed = await _close_due(app, Call, call_id, calls.close, now, report)
    if closed and report is not None:
        report.closed_calls.append(call_id)
    return closed


async def close_poll(
    app: App, poll_id: int, now: datetime, report: DueReport | None = None
) -> bool:
    closed = await _close_due(app, Poll, poll_id, polls.close, now, report)
    if closed and report is not None:
        report.closed_polls.append(poll_id)
    return closed


async def _close_due(
    app: App,
    model: type[Closable],
    ident: int,
    close: Callable[[Tx, Closable], Awaitable[None]],
    now: datetime,
    report: DueReport | None,
) -> bool:
    """Close a call or poll whose close time has come, once: the row is locked (skipped
    when another worker holds it) and re-checked inside the transaction."""
    async with system_tx(app, now, report) as tx:
        row = await tx.session.scalar(
            select(model)
            .where(model.id == ident, model.closed_at.is_(None))
            .with_for_update(skip_locked=True)
        )
        if row is None or row.closes_at is None or row.closes_at > now:
            return False
        await close(tx, row)
    return True


def grace(app: App) -> timedelta:
    return timedelta(minutes=app.community.reminder_grace_minutes)


async def remind(
    app: App, reminder_id: int, now: datetime, report: DueReport | None = None
) -> str | None:
    """Send a due reminder, or record it as missed (and tell staff) when it is later than
    the grace period allows or the event already began. Returns what happened."""
    async with system_tx(app, now, report) as tx:
        reminder = await tx.session.scalar(
            select(Reminder)
            .where(Reminder.id == reminder_id, Reminder.status == events.PENDING)
            .with_for_update(skip_locked=True)
        )
        if reminder is None or reminder.due_at > now:
            return None
        event = await tx.session.get(Event, reminder.event_id)
        assert event is not None
        if event.cancelled_at is not None:
            reminder.status = events.CANCELLED
            return events.CANCELLED
        if now - reminder.due_at > grace(app) or now >= event.starts_at:
            events.report_missed(tx, event, reminder)
            outcome = events.MISSED
        else:
            await events.send_reminder(tx, event, reminder)
            outcome = events.SENT
    if report is not None:
        (report.reminders_sent if outcome == events.SENT else report.reminders_missed).append(
            reminder_id
        )
    return outcome


async def run_digest(app: App, now: datetime, report: DueReport | None = None) -> str:
    async with system_tx(app, now, report) as tx:
        status = await digest.run(tx)
    if report is not None:
        report.digest = status
    return status


async def follow_up(app: App, item_id: int, now: datetime, report: DueReport | None = None) -> bool:
    """Remind staff of an agenda step's follow-up, once (also when the bot was down)."""
    async with system_tx(app, now, report) as tx:
        item = await tx.session.scalar(
            select(AgendaItem)
            .where(AgendaItem.id == item_id, AgendaItem.follow_up_done_at.is_(None))
            .with_for_update(skip_locked=True)
        )
        if item is None or item.follow_up is None or item.follow_up > now:
            return False
        await progress.remind_follow_up(tx, item)
    if report is not None:
        report.follow_ups.append(item_id)
    return True


async def send_news(app: App, now: datetime, report: DueReport | None = None) -> int:
    async with system_tx(app, now, report) as tx:
        sent = await news.send_bundles(tx)
    if report is not None:
        report.news_bundles += sent
    return sent


async def erase_expired(app: App, now: datetime, report: DueReport | None = None) -> int:
    """Private copies past their short retention at every pass; texts once a day."""
    async with system_tx(app, now, report) as tx:
        await retention.erase_delivered(tx.session, app.community, now)
        erased = await retention.run_daily(tx.session, app.community, now) or 0
    if erased:
        log.info("retention: erased %d signal texts", erased)
    if report is not None:
        report.erased += erased
    return erased


async def run_through(app: App, start: datetime, end: datetime) -> DueReport:
    """Do due work moment by moment from ``start`` to ``end``, as if the bot had been
    running all along (the console's ``wacht 2d`` jumps the clock; this keeps reminders
    on their own moment instead of reporting them as missed)."""
    total = DueReport()
    moment = start
    while True:
        upcoming = await _next_moment(app, moment, end)
        report = await run_due(app, upcoming or end)
        for name in (
            "closed_calls",
            "closed_polls",
            "reminders_sent",
            "reminders_missed",
            "follow_ups",
            "outbox",
        ):
            getattr(total, name).extend(getattr(report, name))
        total.erased += report.erased
        total.news_bundles += report.news_bundles
        total.digest = report.digest or total.digest
        if upcoming is None:
            return total
        moment = upcoming


async def _next_moment(app: App, after: datetime, end: datetime) -> datetime | None:
    """The first due moment in (after, end] of a call, poll or reminder."""
    async with app.sessions() as session:
        found = [
            await session.scalar(
                select(func.min(column)).where(pending, column > after, column <= end)
            )
            for column, pending in (
                (Call.closes_at, Call.closed_at.is_(None)),
                (Poll.closes_at, Poll.closed_at.is_(None)),
                (Reminder.due_at, Reminder.status == events.PENDING),
                (AgendaItem.follow_up, AgendaItem.follow_up_done_at.is_(None)),
            )
        ]
    moments = [_as_utc(m) for m in found if m is not None]
    return min(moments) if moments else None


def _as_utc(value: datetime | str) -> datetime:
    """Aggregates bypass the column type on SQLite; restore an aware UTC datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
