"""/bijeenkomst nieuw|lijst|toon|wijzig|annuleer|ics, /aanmelden, and the RSVP buttons."""

from __future__ import annotations

from bot.core.commands import STAFF, Arg, Command, Kind, choice, moment, number, text, values
from bot.features.events import rsvp, service
from bot.vocabulary.enums import EventKind, RsvpAnswer

NR = number("nr", "event")


def event_fields(new: bool) -> tuple[Arg, ...]:
    """The fields of an event: required when planning it, optional when changing it."""
    return (
        text("titel", required=new, max_length=200),
        choice("soort", values(EventKind), required=new),
        moment("start", required=new),
        moment("eind"),
        text("plek", max_length=200),
        Arg("link", Kind.URL),
        text("omschrijving", max_length=1500),
        Arg("capaciteit", Kind.NUMBER, maximum=100_000),
        Arg("herinneringen", Kind.OFFSETS),
    )


COMMANDS = (
    Command("bijeenkomst", "nieuw", service.cmd_new, event_fields(new=True), STAFF),
    Command("bijeenkomst", "lijst", service.cmd_list),
    Command("bijeenkomst", "toon", service.cmd_show, (NR,)),
    Command("bijeenkomst", "wijzig", service.cmd_change, (NR, *event_fields(new=False)), STAFF),
    Command(
        "bijeenkomst", "annuleer", service.cmd_cancel, (NR, text("reden", max_length=500)), STAFF
    ),
    Command("bijeenkomst", "ics", service.cmd_ics, (NR,)),
    Command(
        "aanmelden",
        None,
        rsvp.cmd_rsvp,
        (number("bijeenkomst", "event"), choice("antwoord", values(RsvpAnswer))),
    ),
)
ACTIONS = {"event": rsvp.on_action}
