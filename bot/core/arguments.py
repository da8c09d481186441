"""From what a member typed (or Discord's typed options) to checked values: which
command, which option gets which text, and each value converted and validated. Every
problem is an ``InvalidInput`` that names the option and shows the usage."""

from __future__ import annotations

from typing import Any

from bot.core.commands import Arg, Command, CommandTable, Kind
from bot.core.context import Tx
from bot.core.errors import InvalidInput
from bot.core.parsing import (
    clean_text,
    parse_datetime,
    parse_number,
    parse_offsets,
    parse_url,
    split,
    split_key,
)


def resolve(
    table: CommandTable,
    text: str | None,
    name: str,
    sub: str | None,
    options: dict[str, str] | None,
    lang: str,
) -> tuple[Command, dict[str, str]]:
    """Typed text (``/oproep open vraag:...``), or a command name with its options."""
    if text is not None:
        return parse(table, text, lang)
    command = table.find(name, sub)
    if command is None:
        raise InvalidInput("error-unknown-command", name=name)
    return command, dict(options or {})


def parse(table: CommandTable, text: str, lang: str) -> tuple[Command, dict[str, str]]:
    tokens = split(text.strip())
    if not tokens:
        raise InvalidInput("error-unknown-command", name="")
    name = tokens.pop(0).lstrip("/").lower()
    commands = table.group(name)
    if not commands:
        raise InvalidInput("error-unknown-command", name=name)
    subs = ", ".join(c.sub or "" for c in commands)
    sub = None
    if commands[0].sub is not None:
        if not tokens or split_key(tokens[0]):
            raise InvalidInput("error-missing-sub", name=name, subs=subs)
        sub = tokens.pop(0).lower()
    command = table.find(name, sub)
    if command is None:
        raise InvalidInput("error-unknown-sub", name=name, sub=sub, subs=subs)
    return command, pair(command, tokens, lang)


def pair(command: Command, tokens: list[str], lang: str) -> dict[str, str]:
    """``key:value`` tokens to a dict; loose words go to the positional option."""
    raw: dict[str, str] = {}
    loose: list[str] = []
    positional = next((a for a in command.args if a.positional), None)
    for token in tokens:
        found = split_key(token)
        if found and command.arg(found[0]):
            raw[found[0]] = found[1]
        elif found and positional is None:
            raise InvalidInput("error-unknown-option", option=found[0], usage=command.usage(lang))
        else:
            loose.append(token)
    if loose and positional is not None:
        raw[positional.name] = " ".join(loose)
    elif loose:
        _fill_missing(command, raw, loose, lang)
    return raw


def _fill_missing(command: Command, raw: dict[str, str], loose: list[str], lang: str) -> None:
    """Loose words without ``name:`` go to the required options not given, in order
    (``/knelpunt toon 1``); the last one takes the rest when it is text."""
    missing = [a for a in command.args if a.required and a.name not in raw]
    fits = len(loose) == len(missing) or (
        bool(missing) and len(loose) > len(missing) and missing[-1].kind is Kind.TEXT
    )
    if not fits:
        raise InvalidInput("error-loose-text", text=" ".join(loose), usage=command.usage(lang))
    for arg, word in zip(missing[:-1], loose, strict=False):
        raw[arg.name] = word
    raw[missing[-1].name] = " ".join(loose[len(missing) - 1 :])


def convert(command: Command, raw: dict[str, str], tx: Tx) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in raw:
        if command.arg(key) is None:
            raise InvalidInput("error-unknown-option", option=key, usage=command.usage(tx.lang))
    for arg in command.args:
        value = raw.get(arg.name)
        if value is None or value.strip() == "":
            if arg.required:
                raise InvalidInput("error-missing-arg", arg=arg.name, usage=command.usage(tx.lang))
            values[arg.name] = None
            continue
        values[arg.name] = _value(arg, value, tx)
    return values


def _value(arg: Arg, value: str, tx: Tx) -> Any:
    if arg.kind is Kind.NUMBER:
        return parse_number(value, arg.name, arg.maximum)
    if arg.kind is Kind.CHOICE:
        lowered = value.strip().lower()
        if lowered not in arg.choices:
            raise InvalidInput(
                "arg-choice", arg=arg.name, value=value, choices=", ".join(arg.choices)
            )
        return lowered
    if arg.kind is Kind.BOOL:
        lowered = value.strip().lower()
        if lowered not in ("ja", "nee", "yes", "no"):
            raise InvalidInput("arg-bool", arg=arg.name, value=value)
        return lowered in ("ja", "yes")
    if arg.kind is Kind.DATETIME:
        return parse_datetime(value, arg.name, tx.now, tx.zone)
    if arg.kind is Kind.OFFSETS:
        return parse_offsets(value)
    if arg.kind is Kind.URL:
        return parse_url(value, arg.name)
    return clean_text(value, arg.name, arg.max_length)
