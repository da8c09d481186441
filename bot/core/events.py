"""Events (bijeenkomsten): planning, RSVP, changes and cancellations, and the reminders
that go with them. Reminders are rows (``Reminder``), planned here whenever an event is
created or changed; the schedule sends them (``send_reminder`` / ``report_missed``)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import calendar
from bot.core.context import Tx
from bot.core.enums import EventKind, RsvpAnswer, code, from_code
from bot.core.errors import InvalidInput
from bot.core.parsing import parse_offset
from bot.core.replies import Choice, Reply, Style
from bot.core.texts import t, when
from bot.settings import Community
from bot.storage.models import Event, Member, Reminder, Rsvp

PENDING, SENT, MISSED, CANCELLED, SKIPPED = "pending", "sent", "missed", "cancelled", "skipped"


def subject(event: Event) -> str:
    return f"event:{event.id}"


def tz(community: Community) -> ZoneInfo:
    return ZoneInfo(community.timezone)


# -- reminder offsets ------------------------------------------------------------------------


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
        due = due_at(event.starts_at, offset, tz(tx.community))
        row = rows.get(key)
        if row is None:
            row = Reminder(event_id=event.id, label=key, due_at=due, status=PENDING)
            tx.session.add(row)
        elif row.status in (SENT, MISSED) and not moved:
            continue
        row.due_at = due
        row.done_at = None
        row.status = PENDING if due > tx.now else SKIPPED


# -- rendering -------------------------------------------------------------------------------


def kind_label(kind: EventKind, lang: str) -> str:
    return t(lang, f"event.kind.{kind.value}")


def when_range(event: Event, lang: str, zone: ZoneInfo) -> str:
    start = when(event.starts_at, lang, zone)
    if event.ends_at is None:
        return start
    if event.ends_at.astimezone(zone).date() == event.starts_at.astimezone(zone).date():
        return f"{start}–{event.ends_at.astimezone(zone):%H:%M}"
    return f"{start} – {when(event.ends_at, lang, zone)}"


def details(event: Event, lang: str, zone: ZoneInfo, counts: Counter[RsvpAnswer]) -> list[str]:
    lines = [t(lang, "event.when", when=when_range(event, lang, zone))]
    if event.place:
        lines.append(t(lang, "event.place", place=event.place))
    if event.link:
        lines.append(t(lang, "event.link", link=event.link))
    if event.description:
        lines += ["", event.description, ""]
    going = t(lang, "event.counts", yes=counts[RsvpAnswer.YES], maybe=counts[RsvpAnswer.MAYBE])
    if event.capacity:
        going += " " + t(lang, "event.capacity", capacity=event.capacity)
    lines.append(going)
    return lines


def buttons(event: Event, lang: str) -> tuple[tuple[Choice, ...], ...]:
    e = subject(event)
    return (
        (
            Choice(f"{e}:rsvp:yes", t(lang, "event.btn.yes"), Style.SUCCESS),
            Choice(f"{e}:rsvp:maybe", t(lang, "event.btn.maybe")),
            Choice(f"{e}:rsvp:no", t(lang, "event.btn.no"), Style.DANGER),
        ),
    )


def card(event: Event, lang: str, zone: ZoneInfo, counts: Counter[RsvpAnswer]) -> Reply:
    lines = details(event, lang, zone, counts)
    if event.cancelled_at is None:
        lines += ["", t(lang, "event.how", nr=event.id)]
    title = t(
        lang, "event.title", nr=event.id, kind=kind_label(event.kind, lang), title=event.title
    )
    if event.cancelled_at is not None:
        return Reply(title=t(lang, "event.cancelled_title", title=title), text="\n".join(lines))
    return Reply(title=title, text="\n".join(lines), rows=buttons(event, lang))


async def counts(session: AsyncSession, event_id: int) -> Counter[RsvpAnswer]:
    rows = await session.execute(
        select(Rsvp.answer, func.count()).where(Rsvp.event_id == event_id).group_by(Rsvp.answer)
    )
    return Counter({answer: n for answer, n in rows.all()})


async def responders(
    session: AsyncSession, event_id: int, answers: tuple[RsvpAnswer, ...] = tuple(RsvpAnswer)
) -> list[Member]:
    query = (
        select(Member)
        .join(Rsvp, Rsvp.member_id == Member.id)
        .where(Rsvp.event_id == event_id, Rsvp.answer.in_(answers))
        .order_by(Member.id)
    )
    return list((await session.scalars(query)).all())


# -- commands --------------------------------------------------------------------------------


def _check_times(tx: Tx, starts_at: datetime, ends_at: datetime | None) -> None:
    if starts_at <= tx.now:
        raise InvalidInput("event.start_in_past")
    if ends_at is not None and ends_at <= starts_at:
        raise InvalidInput("event.end_before_start")


def _offsets_text(offsets: list[timedelta] | None) -> str | None:
    return ",".join(label(o) for o in offsets) if offsets else None


async def cmd_new(tx: Tx, args: dict[str, Any]) -> None:
    _check_times(tx, args["start"], args.get("eind"))
    event = Event(
        title=args["titel"],
        kind=EventKind(args["soort"]),
        starts_at=args["start"],
        ends_at=args.get("eind"),
        place=args.get("plek"),
        link=args.get("link"),
        description=args.get("omschrijving"),
        capacity=args.get("capaciteit"),
        reminder_offsets=_offsets_text(args.get("herinneringen")),
        created_by=tx.member.id,
        created_at=tx.now,
        sequence=0,
    )
    tx.session.add(event)
    await tx.session.flush()
    await plan_reminders(tx, event)
    lang = tx.community.language
    tx.post("events", card(event, lang, tz(tx.community), Counter()), subject=subject(event))
    planned = ", ".join(label(o) for o in offsets_for(event, tx.community)) or "-"
    tx.answer(
        Reply(
            text=tx.t(
                "event.created",
                nr=event.id,
                channel=tx.community.channels.events,
                reminders=planned,
            )
        )
    )


async def _get(tx: Tx, nr: int) -> Event:
    return await tx.get(Event, nr, "event.not_found")


async def _get_open(tx: Tx, nr: int) -> Event:
    event = await _get(tx, nr)
    if event.cancelled_at is not None:
        raise InvalidInput("event.cancelled", nr=nr)
    return event


def upcoming_query(now: datetime) -> Any:
    return (
        select(Event)
        .where(Event.cancelled_at.is_(None))
        .where(func.coalesce(Event.ends_at, Event.starts_at) >= now)
        .order_by(Event.starts_at, Event.id)
    )


async def cmd_list(tx: Tx, args: dict[str, Any]) -> None:
    events = (await tx.session.scalars(upcoming_query(tx.now))).all()
    if not events:
        tx.answer(Reply(text=tx.t("event.none")))
        return
    zone = tz(tx.community)
    lines = [tx.t("event.list.head")]
    for event in events:
        c = await counts(tx.session, event.id)
        lines.append(
            tx.t(
                "event.list.item",
                nr=event.id,
                when=when(event.starts_at, tx.lang, zone),
                kind=kind_label(event.kind, tx.lang),
                title=event.title,
                yes=c[RsvpAnswer.YES],
                maybe=c[RsvpAnswer.MAYBE],
            )
        )
    tx.answer(Reply(text="\n".join(lines)))


async def cmd_show(tx: Tx, args: dict[str, Any]) -> None:
    event = await _get(tx, args["nr"])
    reply = card(event, tx.lang, tz(tx.community), await counts(tx.session, event.id))
    mine = await tx.session.scalar(
        select(Rsvp.answer).where(Rsvp.event_id == event.id, Rsvp.member_id == tx.member.id)
    )
    if mine is not None:
        reply = Reply(
            title=reply.title,
            text=reply.text + "\n" + tx.t("event.yours", answer=mine.value),
            rows=reply.rows,
        )
    tx.answer(reply)


_CHANGES = {
    "titel": "title",
    "soort": "kind",
    "start": "starts_at",
    "eind": "ends_at",
    "plek": "place",
    "link": "link",
    "omschrijving": "description",
    "capaciteit": "capacity",
    "herinneringen": "reminder_offsets",
}


async def cmd_change(tx: Tx, args: dict[str, Any]) -> None:
    event = await _get_open(tx, args["nr"])
    given = {k: v for k, v in args.items() if k in _CHANGES and v is not None}
    if not given:
        raise InvalidInput("event.nothing_to_change", nr=event.id)
    if "soort" in given:
        given["soort"] = EventKind(given["soort"])
    if "herinneringen" in given:
        given["herinneringen"] = _offsets_text(given["herinneringen"])
    new_start = given.get("start", event.starts_at)
    new_end = given.get("eind", event.ends_at)
    if "start" in given or "eind" in given:
        _check_times(tx, new_start, new_end)
    moved = new_start != event.starts_at
    for key, value in given.items():
        setattr(event, _CHANGES[key], value)
    event.sequence += 1
    await plan_reminders(tx, event, moved=moved)
    what = ", ".join(given)
    sent = await _tell_responders(tx, event, "event.changed", what)
    tx.post(
        "events",
        _with_head(
            card(
                event, tx.community.language, tz(tx.community), await counts(tx.session, event.id)
            ),
            t(tx.community.language, "event.changed.head", what=what),
        ),
        subject=subject(event),
    )
    tx.answer(Reply(text=tx.t("event.changed_ok", nr=event.id, count=sent)))


async def cmd_cancel(tx: Tx, args: dict[str, Any]) -> None:
    event = await _get_open(tx, args["nr"])
    event.cancelled_at = tx.now
    event.sequence += 1
    for row in (
        await tx.session.scalars(select(Reminder).where(Reminder.event_id == event.id))
    ).all():
        if row.status == PENDING:
            row.status = CANCELLED
    reason = args.get("reden") or "-"
    sent = await _tell_responders(tx, event, "event.cancelled_dm", reason)
    lang = tx.community.language
    tx.post(
        "events",
        _with_head(
            card(event, lang, tz(tx.community), await counts(tx.session, event.id)),
            t(lang, "event.cancelled.head", reason=reason),
        ),
    )
    tx.answer(Reply(text=tx.t("event.cancelled_ok", nr=event.id, count=sent)))


def _with_head(reply: Reply, head: str) -> Reply:
    return Reply(title=reply.title, text=f"{head}\n\n{reply.text}", rows=reply.rows)


async def _tell_responders(tx: Tx, event: Event, key: str, what: str) -> int:
    """Everyone who answered (also "nee") hears about a change or cancellation, once."""
    people = await responders(tx.session, event.id)
    c = await counts(tx.session, event.id)
    for member in people:
        lang = member.language
        body = t(lang, key, title=event.title, what=what)
        reply = card(event, lang, tz(tx.community), c)
        tx.dm(member, _with_head(reply, body))
    return len(people)


async def cmd_ics(tx: Tx, args: dict[str, Any]) -> None:
    event = await _get(tx, args["nr"])
    content = calendar.to_ics([event], tx.community).decode("utf-8").replace("\r\n", "\n")
    tx.answer(
        Reply(
            title=tx.t("event.ics.title", nr=event.id),
            text=tx.t("event.ics.how") + "\n```\n" + content.strip() + "\n```",
        )
    )


# -- RSVP ------------------------------------------------------------------------------------


async def rsvp(tx: Tx, event: Event, answer: RsvpAnswer) -> None:
    if event.cancelled_at is not None:
        raise InvalidInput("event.cancelled", nr=event.id)
    if event.starts_at <= tx.now:
        raise InvalidInput("event.started", nr=event.id)
    row = await tx.session.scalar(
        select(Rsvp).where(Rsvp.event_id == event.id, Rsvp.member_id == tx.member.id)
    )
    if answer is RsvpAnswer.YES and event.capacity and (row is None or row.answer is not answer):
        going = (await counts(tx.session, event.id))[RsvpAnswer.YES]
        if going >= event.capacity:
            raise InvalidInput("event.full", nr=event.id, capacity=event.capacity)
    if row is None:
        row = Rsvp(event_id=event.id, member_id=tx.member.id, answer=answer, updated_at=tx.now)
        tx.session.add(row)
    else:
        row.answer = answer
        row.updated_at = tx.now
    zone = tz(tx.community)
    tx.answer(
        Reply(
            text=tx.t(
                f"event.rsvp.{code(answer)}",
                nr=event.id,
                title=event.title,
                when=when(event.starts_at, tx.lang, zone),
            )
        )
    )


async def cmd_rsvp(tx: Tx, args: dict[str, Any]) -> None:
    event = await _get(tx, args["bijeenkomst"])
    await rsvp(tx, event, RsvpAnswer(args.get("antwoord") or "ja"))


async def on_action(tx: Tx, parts: list[str], values: dict[str, str]) -> None:
    """``event:<nr>:rsvp:<yes|maybe|no>``."""
    try:
        nr, what, value = parts
        if what != "rsvp" or not nr.isdigit():
            raise ValueError(what)
        answer = from_code(RsvpAnswer, value)
    except (ValueError, KeyError) as exc:
        raise InvalidInput("error.unknown_button") from exc
    await rsvp(tx, await _get(tx, int(nr)), answer)


# -- reminders (run by the schedule) ----------------------------------------------------------


async def send_reminder(tx: Tx, event: Event, reminder: Reminder) -> int:
    """Post the reminder in the events channel and DM everyone who said ja or misschien."""
    zone = tz(tx.community)
    c = await counts(tx.session, event.id)
    lang = tx.community.language
    tx.post("events", _reminder(event, lang, zone, c))
    people = await responders(tx.session, event.id, (RsvpAnswer.YES, RsvpAnswer.MAYBE))
    for member in people:
        tx.dm(member, _reminder(event, member.language, zone, c))
    reminder.status = SENT
    reminder.done_at = tx.now
    return len(people)


def _reminder(event: Event, lang: str, zone: ZoneInfo, c: Counter[RsvpAnswer]) -> Reply:
    reply = card(event, lang, zone, c)
    return Reply(
        title=t(lang, "event.reminder.title", title=event.title),
        text=t(lang, "event.reminder", when=when(event.starts_at, lang, zone))
        + "\n\n"
        + reply.text,
        rows=reply.rows,
    )


def report_missed(tx: Tx, event: Event, reminder: Reminder) -> None:
    """Too late to send (the bot was down past the grace period): staff hear about it."""
    reminder.status = MISSED
    reminder.done_at = tx.now
    lang = tx.community.language
    zone = tz(tx.community)
    tx.post(
        "staff",
        Reply(
            text=t(
                lang,
                "event.reminder.missed",
                nr=event.id,
                title=event.title,
                label=reminder.label,
                due=when(reminder.due_at, lang, zone),
            )
        ),
    )
