"""/terugkoppeling and /knelpunt stil; listens to stage moves to tell everyone involved."""

from __future__ import annotations

from bot.core.commands import STAFF, Arg, Command, Kind, number, text
from bot.features.bottlenecks.events import StageMoved
from bot.features.feedback import closeloop, service

COMMANDS = (
    Command(
        "terugkoppeling",
        None,
        service.cmd_feedback,
        (number("knelpunt", "bottleneck"), text("tekst", required=True)),
        STAFF,
    ),
    Command(
        "knelpunt", "stil", closeloop.cmd_quiet, (Arg("dagen", Kind.NUMBER, maximum=3650),), STAFF
    ),
)
SUBSCRIBERS = {StageMoved: (closeloop.stage_moved,)}
