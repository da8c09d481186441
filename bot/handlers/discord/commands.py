"""Application commands derived at start-up from the one command table
(``bot.features.table``): one top-level command per name, subcommands for
``sub``, typed options (choices for fixed values, integers with autocomplete for
numbers of calls, bottlenecks, polls, events and signals)."""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from bot.core.commands import Arg, Command, CommandTable, Kind

log = logging.getLogger(__name__)

NAME = re.compile(r"^[-_\w]{1,32}$")
MAX_DESCRIPTION = 100
MAX_CHOICES = 25
MAX_TEXT = 6000
AUTOCOMPLETE_REFS = {"call", "bottleneck", "poll", "event", "signal"}
DATETIME_HINT = " (bv. 12-11-2026 14:00)"

AppCommand = app_commands.Command[Any, ..., None]
# (interaction, command, options as strings) -> None
Run = Callable[[discord.Interaction, Command, dict[str, str]], Awaitable[None]]
# (interaction, ref, typed) -> choices
Suggest = Callable[[discord.Interaction, str, str], Awaitable[list[app_commands.Choice[int]]]]


def describe(text: str) -> str:
    text = " ".join(text.split()) or "…"
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1] + "…"


def valid_name(name: str) -> bool:
    return bool(NAME.match(name)) and name == name.lower()


def build(table: CommandTable, run: Run, suggest: Suggest) -> list[AppCommand | app_commands.Group]:
    """The top-level commands and groups, read from the table now (not at import)."""
    built: list[AppCommand | app_commands.Group] = []
    for name in table.names():
        commands = table.group(name)
        if not valid_name(name):
            log.warning("command /%s skipped: not a valid Discord name", name)
            continue
        if len(commands) == 1 and commands[0].sub is None:
            built.append(_command(commands[0], name, run, suggest))
            continue
        if any(c.sub is None for c in commands):
            log.warning("command /%s skipped: mixes subcommands and a bare command", name)
            continue
        group = app_commands.Group(
            name=name,
            description=describe(f"/{name}: " + ", ".join(c.sub or "" for c in commands)),
        )
        for command in commands:
            if valid_name(command.sub or ""):
                group.add_command(_command(command, command.sub or "", run, suggest))
        built.append(group)
    return built


def _command(command: Command, name: str, run: Run, suggest: Suggest) -> AppCommand:
    python_names = {f"o{i}": arg for i, arg in enumerate(command.args)}

    async def callback(interaction: discord.Interaction[Any], /, **values: Any) -> None:
        options = {
            python_names[key].name: _as_text(value)
            for key, value in values.items()
            if value is not None
        }
        await run(interaction, command, options)

    callback.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + [
            inspect.Parameter(
                key,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=_annotation(arg),
                default=inspect.Parameter.empty if arg.required else None,
            )
            for key, arg in python_names.items()
        ]
    )
    callback.__discord_app_commands_param_rename__ = {  # type: ignore[attr-defined]
        key: arg.name for key, arg in python_names.items()
    }
    callback.__discord_app_commands_param_description__ = {  # type: ignore[attr-defined]
        key: describe(
            command.arg_help(arg, "nl") + (DATETIME_HINT if arg.kind is Kind.DATETIME else "")
        )
        for key, arg in python_names.items()
    }
    callback.__discord_app_commands_param_choices__ = {  # type: ignore[attr-defined]
        key: [app_commands.Choice(name=v, value=v) for v in arg.choices[:MAX_CHOICES]]
        for key, arg in python_names.items()
        if arg.kind is Kind.CHOICE and arg.choices
    }
    callback.__discord_app_commands_param_autocomplete__ = {  # type: ignore[attr-defined]
        key: _autocomplete(arg.ref or "", suggest)
        for key, arg in python_names.items()
        if arg.kind is Kind.NUMBER and arg.ref in AUTOCOMPLETE_REFS
    }
    return app_commands.Command(
        name=name, description=describe(command.help("nl")), callback=callback
    )


def _annotation(arg: Arg) -> Any:
    if arg.kind is Kind.NUMBER:
        return app_commands.Range[int, 1, None] if arg.ref else int
    if arg.kind is Kind.BOOL:
        return bool
    if arg.kind is Kind.TEXT:
        return app_commands.Range[str, 1, min(arg.max_length, MAX_TEXT)]
    return str


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def _autocomplete(ref: str, suggest: Suggest) -> Callable[..., Awaitable[list[Any]]]:
    async def complete(interaction: discord.Interaction, current: str) -> list[Any]:
        return await suggest(interaction, ref, current)

    return complete
