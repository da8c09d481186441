"""/help and /status."""

from __future__ import annotations

from bot.core.commands import STAFF, Arg, Command, Kind
from bot.features.help import service, status

COMMANDS = (
    Command(
        "status",
        None,
        status.cmd_status,
        (Arg("onderdeel", Kind.CHOICE, choices=("bezorging", "audit"), positional=True),),
        STAFF,
    ),
    Command(
        "help",
        None,
        service.cmd_help,
        (Arg("commando", Kind.TEXT, positional=True, max_length=40),),
    ),
)
