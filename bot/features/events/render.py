"""How an event looks: the card with its RSVP buttons, in a language and time zone."""

from __future__ import annotations

from collections import Counter
from zoneinfo import ZoneInfo

from bot.core.i18n import clock_time, t, when
from bot.core.replies import Choice, Reply, Style
from bot.storage.models import Event
from bot.vocabulary.enums import EventKind, RsvpAnswer


def subject(event: Event) -> str:
    return f"event:{event.id}"


def kind_label(kind: EventKind, lang: str) -> str:
    return t(lang, f"event-kind-{kind.value}")


def when_range(event: Event, lang: str, zone: ZoneInfo) -> str:
    start = when(event.starts_at, lang, zone)
    if event.ends_at is None:
        return start
    if event.ends_at.astimezone(zone).date() == event.starts_at.astimezone(zone).date():
        return f"{start}–{clock_time(event.ends_at, lang, zone)}"
    return f"{start} – {when(event.ends_at, lang, zone)}"


def details(event: Event, lang: str, zone: ZoneInfo, counts: Counter[RsvpAnswer]) -> list[str]:
    lines = [t(lang, "event-when", when=when_range(event, lang, zone))]
    if event.place:
        lines.append(t(lang, "event-place", place=event.place))
    if event.link:
        lines.append(t(lang, "event-link", link=event.link))
    if event.description:
        lines += ["", event.description, ""]
    going = t(lang, "event-counts", yes=counts[RsvpAnswer.YES], maybe=counts[RsvpAnswer.MAYBE])
    if event.capacity:
        going += " " + t(lang, "event-capacity", capacity=event.capacity)
    lines.append(going)
    return lines


def buttons(event: Event, lang: str) -> tuple[tuple[Choice, ...], ...]:
    e = subject(event)
    return (
        (
            Choice(f"{e}:rsvp:yes", t(lang, "event-btn-yes"), Style.SUCCESS),
            Choice(f"{e}:rsvp:maybe", t(lang, "event-btn-maybe")),
            Choice(f"{e}:rsvp:no", t(lang, "event-btn-no"), Style.DANGER),
        ),
    )


def card(event: Event, lang: str, zone: ZoneInfo, counts: Counter[RsvpAnswer]) -> Reply:
    lines = details(event, lang, zone, counts)
    if event.cancelled_at is None:
        lines += ["", t(lang, "event-how", nr=event.id)]
    title = t(
        lang, "event-title", nr=event.id, kind=kind_label(event.kind, lang), title=event.title
    )
    if event.cancelled_at is not None:
        return Reply(title=t(lang, "event-cancelled-title", title=title), text="\n".join(lines))
    return Reply(title=title, text="\n".join(lines), rows=buttons(event, lang))


def with_head(reply: Reply, head: str) -> Reply:
    return Reply(title=reply.title, text=f"{head}\n\n{reply.text}", rows=reply.rows)
