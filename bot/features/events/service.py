"""Events (bijeenkomsten): planning, listing, changing and cancelling them. RSVPs are in
``rsvp``, reminders in ``reminders``, the card in ``render``."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.core.context import Tx
from bot.core.errors import InvalidInput
from bot.core.i18n import t
from bot.core.replies import File, Reply
from bot.features.events import calendar
from bot.features.events.queries import counts, get, get_open, responders, upcoming_query
from bot.features.events.reminders import CANCELLED, PENDING, label, offsets_for, plan_reminders
from bot.features.events.render import card, kind_label, subject, with_head
from bot.storage.models import Event, Member, Reminder, Rsvp
from bot.vocabulary.enums import EventKind, RsvpAnswer
from bot.vocabulary.news import NewsKind


def _check_times(tx: Tx, starts_at: datetime, ends_at: datetime | None) -> None:
    if starts_at <= tx.now:
        raise InvalidInput("event-start-in-past")
    if ends_at is not None and ends_at <= starts_at:
        raise InvalidInput("event-end-before-start")


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
    tx.post("events", card(event, lang, tx.zone, Counter()), subject=subject(event))
    planned = ", ".join(label(o) for o in offsets_for(event, tx.community)) or "-"
    tx.answer(
        Reply(
            text=tx.t(
                "event-created",
                nr=event.id,
                channel=tx.community.channels.events,
                reminders=planned,
            )
        )
    )


async def cmd_list(tx: Tx, args: dict[str, Any]) -> None:
    events = (await tx.session.scalars(upcoming_query(tx.now))).all()
    if not events:
        tx.answer(Reply(text=tx.t("event-none")))
        return
    lines = [tx.t("event-list-head")]
    for event in events:
        c = await counts(tx.session, event.id)
        lines.append(
            tx.t(
                "event-list-item",
                nr=event.id,
                when=tx.when(event.starts_at),
                kind=kind_label(event.kind, tx.lang),
                title=event.title,
                yes=c[RsvpAnswer.YES],
                maybe=c[RsvpAnswer.MAYBE],
            )
        )
    tx.answer(Reply(text="\n".join(lines)))


async def cmd_show(tx: Tx, args: dict[str, Any]) -> None:
    event = await get(tx, args["nr"])
    reply = card(event, tx.lang, tx.zone, await counts(tx.session, event.id))
    mine = await tx.session.scalar(
        select(Rsvp.answer).where(Rsvp.event_id == event.id, Rsvp.member_id == tx.member.id)
    )
    if mine is not None:
        reply = Reply(
            title=reply.title,
            text=reply.text + "\n" + tx.t("event-yours", answer=mine.value),
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
    event = await get_open(tx, args["nr"])
    given = {k: v for k, v in args.items() if k in _CHANGES and v is not None}
    if not given:
        raise InvalidInput("event-nothing-to-change", nr=event.id)
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
    sent = await _tell_responders(tx, event, "event-changed", what)
    tx.post(
        "events",
        with_head(
            card(event, tx.community.language, tx.zone, await counts(tx.session, event.id)),
            t(tx.community.language, "event-changed-head", what=what),
        ),
        subject=subject(event),
    )
    await _edit_post(tx, event)
    tx.answer(Reply(text=tx.t("event-changed-ok", nr=event.id, count=sent)))


async def cmd_cancel(tx: Tx, args: dict[str, Any]) -> None:
    event = await get_open(tx, args["nr"])
    event.cancelled_at = tx.now
    event.sequence += 1
    for row in (
        await tx.session.scalars(select(Reminder).where(Reminder.event_id == event.id))
    ).all():
        if row.status == PENDING:
            row.status = CANCELLED
    reason = args.get("reden") or "-"
    sent = await _tell_responders(tx, event, "event-cancelled-dm", reason)
    lang = tx.community.language
    tx.post(
        "events",
        with_head(
            card(event, lang, tx.zone, await counts(tx.session, event.id)),
            t(lang, "event-cancelled-head", reason=reason),
        ),
    )
    await _edit_post(tx, event)
    tx.answer(Reply(text=tx.t("event-cancelled-ok", nr=event.id, count=sent)))


async def _edit_post(tx: Tx, event: Event) -> None:
    """The first post of the event shows what is true now (a cancelled one: no buttons)."""
    c = await counts(tx.session, event.id)
    await tx.edit(subject(event), card(event, tx.community.language, tx.zone, c))


async def _tell_responders(tx: Tx, event: Event, key: str, what: str) -> int:
    """Everyone who answered (also "nee") hears about a change or cancellation, once."""
    people = await responders(tx.session, event.id)
    c = await counts(tx.session, event.id)

    def render(member: Member) -> Reply:
        lang = member.language
        return with_head(card(event, lang, tx.zone, c), t(lang, key, title=event.title, what=what))

    return len(tx.fan_out(people, NewsKind.EVENT, render))


async def cmd_ics(tx: Tx, args: dict[str, Any]) -> None:
    """The event's .ics as a file attachment (the platform uploads it; the console saves
    it), with links that add it to a web calendar."""
    event = await get(tx, args["nr"])
    content = calendar.to_ics([event], tx.community).decode("utf-8")
    links = "\n".join(f"• {name}: {url}" for name, url in calendar.add_links(event).items())
    tx.answer(
        Reply(
            title=tx.t("event-ics-title", nr=event.id),
            text=tx.t("event-ics-how", file=calendar.file_name(event), links=links),
            files=(File(calendar.file_name(event), calendar.MIME, content),),
        )
    )
