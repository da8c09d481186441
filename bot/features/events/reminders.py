"""Event reminders: rows (``Reminder``) planned whenever an event is created or changed;
the schedule sends them (``send_reminder``) or reports them as missed."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.core.context import Tx
from bot.core.i18n import t, when
from bot.core.parsing import parse_offset
from bot.core.replies import Reply
from bot.features.events.queries import counts, responders
from bot.features.events.render import card
from bot.settings import Community
from bot.storage.models import Event, Reminder
from bot.vocabulary.enums import RsvpAnswer
from bot.vocabulary.news import NewsKind

PENDING, SENT, MISSED, CANCELLED, SKIPPED = "pending", "sent", "missed", "cancelled", "skipped"


def label(offset: timedelta) -> str:
    """The canonical short form, also used in job ids: ``7d``, ``1h``, ``30m``."""
    minutes = int(offset.total_seconds() // 60)
    if minutes % (24 * 60) == 0:
        return f"{minutes // (24 * 60)}d"
    if minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"


def offsets_for(event: Event, community: Community) -> list[timedelta]:
    """The event's own offsets, else the community's offsets for its kind."""
    raw = (
        event.reminder_offsets.split(",")
        if event.reminder_offsets
        else community.reminders.get(event.kind.value, [])
    )
    return sorted({parse_offset(v) for v in raw if v.strip()}, reverse=True)


def due_at(starts_at: datetime, offset: timedelta, zone: ZoneInfo) -> datetime:
    """Whole days count in wall-clock time ("a day before" is the same time of day, also
    across a DST change); hours and minutes count in real elapsed time."""
    if offset % timedelta(days=1) == timedelta(0):
        local = starts_at.astimezone(zone)
        return (local - offset).astimezone(UTC)  # aware arithmetic on a zone: wall time
    return starts_at - offset


async def plan_reminders(tx: Tx, event: Event, moved: bool = False) -> None:
    """Bring the event's reminder rows in line with its start and offsets. A reminder
    whose moment has already passed when planned is recorded as skipped, never sent.
    ``moved``: the start changed, so reminders already sent for the old time go again."""
    wanted = {label(o): o for o in offsets_for(event, tx.community)}
    rows = {
        r.label: r
        for r in (
            await tx.session.scalars(select(Reminder).where(Reminder.event_id == event.id))
        ).all()
    }
    for key, row in rows.items():
        if key not in wanted and row.status == PENDING:
            row.status = CANCELLED
    for key, offset in wanted.items():
        due = due_at(event.starts_at, offset, tx.zone)
        found = rows.get(key)
        if found is None:
            row = Reminder(event_id=event.id, label=key, due_at=due, status=PENDING)
            tx.session.add(row)
        elif found.status in (SENT, MISSED) and not moved:
            continue
        else:
            row = found
        row.due_at = due
        row.done_at = None
        row.status = PENDING if due > tx.now else SKIPPED


async def send_reminder(tx: Tx, event: Event, reminder: Reminder) -> int:
    """Post the reminder in the events channel and DM everyone who said ja or misschien."""
    zone = tx.zone
    c = await counts(tx.session, event.id)
    lang = tx.community.language
    tx.post("events", _reminder(event, lang, zone, c))
    people = await responders(tx.session, event.id, (RsvpAnswer.YES, RsvpAnswer.MAYBE))
    reached = tx.fan_out(people, NewsKind.EVENT, lambda m: _reminder(event, m.language, zone, c))
    reminder.status = SENT
    reminder.done_at = tx.now
    return len(reached)


def _reminder(event: Event, lang: str, zone: ZoneInfo, c: Counter[RsvpAnswer]) -> Reply:
    reply = card(event, lang, zone, c)
    return Reply(
        title=t(lang, "event-reminder-title", title=event.title),
        text=t(lang, "event-reminder", when=when(event.starts_at, lang, zone))
        + "\n\n"
        + reply.text,
        rows=reply.rows,
    )


def report_missed(tx: Tx, event: Event, reminder: Reminder) -> None:
    """Too late to send (the bot was down past the grace period): staff hear about it."""
    reminder.status = MISSED
    reminder.done_at = tx.now
    lang = tx.community.language
    zone = tx.zone
    tx.post(
        "staff",
        Reply(
            text=t(
                lang,
                "event-reminder-missed",
                nr=event.id,
                title=event.title,
                label=reminder.label,
                due=when(reminder.due_at, lang, zone),
            )
        ),
    )
