"""Events as an iCalendar (.ics) file: per event (``/bijeenkomst ics``) or the whole
agenda of upcoming events (``python -m bot agenda --ics FILE``). Times carry the
community's time zone (with its VTIMEZONE), so calendars show them DST-correct."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as IcsEvent
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.features.events.queries import upcoming_query
from bot.settings import Community
from bot.storage.models import Event

PRODID = "-//Signaalbot//bijeenkomsten//NL"
MIME = "text/calendar"
DEFAULT_LENGTH = timedelta(hours=1)  # an event without an end, for calendars that need one


def uid(event: Event) -> str:
    return f"event-{event.id}@signaalbot"


def file_name(event: Event) -> str:
    return f"bijeenkomst-{event.id}.ics"


def add_links(event: Event) -> dict[str, str]:
    """Links that open a new calendar entry with the event filled in, for people who
    would rather not open a file."""
    start = event.starts_at.astimezone(UTC)
    end = (event.ends_at or event.starts_at + DEFAULT_LENGTH).astimezone(UTC)
    details = "\n\n".join(p for p in (event.description, event.link) if p)
    where = event.place or event.link or ""
    google = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}",
        "details": details,
        "location": where,
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": start.isoformat().replace("+00:00", "Z"),
        "enddt": end.isoformat().replace("+00:00", "Z"),
        "body": details,
        "location": where,
    }
    return {
        "Google": "https://calendar.google.com/calendar/render?" + urlencode(google),
        "Outlook": "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(outlook),
        "Office 365": "https://outlook.office.com/calendar/0/deeplink/compose?"
        + urlencode(outlook),
    }


def _entry(event: Event, zone: ZoneInfo, stamp: datetime) -> IcsEvent:
    entry = IcsEvent()
    entry.add("uid", uid(event))
    entry.add("dtstamp", stamp)
    entry.add("sequence", event.sequence or 0)
    entry.add("summary", event.title)
    entry.add("dtstart", event.starts_at.astimezone(zone))
    if event.ends_at is not None:
        entry.add("dtend", event.ends_at.astimezone(zone))
    if event.place:
        entry.add("location", event.place)
    elif event.link:
        entry.add("location", event.link)
    if event.link:
        entry.add("url", event.link)
    description = "\n\n".join(p for p in (event.description, event.link) if p)
    if description:
        entry.add("description", description)
    entry.add("categories", [event.kind.value])
    entry.add("status", "CANCELLED" if event.cancelled_at else "CONFIRMED")
    return entry


def to_ics(events: Sequence[Event], community: Community, name: str | None = None) -> bytes:
    zone = ZoneInfo(community.timezone)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name or community.name)
    cal.add("x-wr-timezone", community.timezone)
    for event in events:
        stamp = event.created_at
        cal.add_component(_entry(event, zone, stamp))
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


async def agenda(
    sessions: async_sessionmaker[AsyncSession], community: Community, now: datetime
) -> bytes:
    """A calendar of upcoming events (not cancelled)."""
    async with sessions() as session:
        events = (await session.scalars(upcoming_query(now))).all()
    return to_ics(events, community)
