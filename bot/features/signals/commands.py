"""/signaal, the "which call does your DM answer?" buttons, and what messages become."""

from __future__ import annotations

from bot.core.commands import Arg, Command, Kind, choice, text, values
from bot.features.signals import service
from bot.vocabulary.enums import Consent, Domain

COMMANDS = (
    Command(
        "signaal",
        None,
        service.cmd_signal,
        (
            text("tekst", required=True),
            choice("domein", values(Domain)),
            Arg("anoniem", Kind.BOOL),
            choice("bron", ("intake", "werkveld")),
            text("namens", max_length=100),
            choice("gebruik", values(Consent)),
        ),
    ),
)
ACTIONS = {"signal": service.on_action}
ON_MESSAGE = service.on_message
