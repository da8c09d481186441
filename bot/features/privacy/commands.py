"""/mijn signalen|gegevens|instellingen, the erase confirmation (``privacy:…``), staff's
/privacy verwijder (``erasure:…``), and the first-contact notice."""

from __future__ import annotations

from bot.core.commands import STAFF, Arg, Command, Kind, choice, number, text, values
from bot.core.context import FirstContact
from bot.features.privacy import notice, service, staff
from bot.vocabulary.enums import Consent, Domain
from bot.vocabulary.news import NewsPreference

COMMANDS = (
    Command(
        "mijn",
        "signalen",
        service.cmd_my_signals,
        (number("signaal", ref="signal", required=False), choice("gebruik", values(Consent))),
    ),
    Command(
        "mijn",
        "gegevens",
        service.cmd_my_data,
        (
            Arg(
                "actie",
                Kind.CHOICE,
                choices=("toon", "export", "verwijder"),
                positional=True,
            ),
        ),
    ),
    Command(
        "mijn",
        "instellingen",
        service.cmd_settings,
        (
            choice("taal", ("nl", "en")),
            choice("meldingen", values(NewsPreference)),
            choice("domein", values(Domain)),
        ),
    ),
    Command(
        "privacy",
        "verwijder",
        staff.cmd_erase_member,
        (text("lid", required=True, max_length=120),),
        STAFF,
    ),
)
ACTIONS = {"privacy": service.on_action, "erasure": staff.on_action}
STAFF_ACTIONS = ("erasure",)
SUBSCRIBERS = {FirstContact: (notice.on_first_contact,)}
