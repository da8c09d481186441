"""/ordenen and the triage card's buttons, drop-down and form (``triage:…``)."""

from __future__ import annotations

from bot.core.commands import STAFF, Command
from bot.features.triage import service

COMMANDS = (Command("ordenen", None, service.cmd_next, (), STAFF),)
ACTIONS = {"triage": service.on_action}
STAFF_ACTIONS = ("triage",)  # the kernel refuses others and audits every press
