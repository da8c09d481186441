"""The call commands: /oproep open|gericht|lijst|sluit."""

from __future__ import annotations

from bot.core.commands import STAFF, Command, choice, moment, number, text, values
from bot.features.calls import service
from bot.vocabulary.enums import Domain

COMMANDS = (
    Command(
        "oproep",
        "open",
        service.cmd_open,
        (
            text("vraag", required=True, max_length=1500),
            text("reden", max_length=1500),
            choice("domein", values(Domain)),
            moment("sluit"),
        ),
        STAFF,
    ),
    Command(
        "oproep",
        "gericht",
        service.cmd_targeted,
        (
            number("knelpunt", "bottleneck"),
            text("vraag", required=True, max_length=1500),
            text("reden", max_length=1500),
            moment("sluit"),
        ),
        STAFF,
    ),
    Command("oproep", "lijst", service.cmd_list),
    Command("oproep", "sluit", service.cmd_close, (number("nr", "call"),), STAFF),
)
