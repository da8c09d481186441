"""/mijn signalen|gegevens|instellingen and the erase confirmation (``privacy:…``)."""

from __future__ import annotations

from bot.core.commands import Arg, Command, Kind, choice, values
from bot.features.privacy import service
from bot.vocabulary.enums import Domain
from bot.vocabulary.news import NewsPreference

COMMANDS = (
    Command("mijn", "signalen", service.cmd_my_signals),
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
)
ACTIONS = {"privacy": service.on_action}
