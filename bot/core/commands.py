"""The command table machinery. Each feature declares its commands (``Command``), the
button/form prefixes it answers (``actions``) and the domain events it listens to
(``subscribers``); ``bot.features.table`` puts them together in one ``CommandTable``.
Discord's application commands, Slack's slash commands, the console, parsing and /help
are all derived from that table.

A command's help text is a catalog message ``cmd-<name>[-<sub>]``; each option's help is
an attribute of it (``.vraag``), so /help speaks the member's language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.core.i18n import attribute, t
from bot.vocabulary.enums import Role

# The callables take the request's ``Tx`` (``bot.core.context``) first; that module builds
# on this one, so they are typed loosely here.
Handler = Callable[..., Awaitable[None]]  # (tx, option values)
Action = Callable[..., Awaitable[None]]  # (tx, the id's parts after the prefix, form values)
Subscriber = Callable[..., Awaitable[Any]]  # (tx, event) -> what the publisher gets back
OnMessage = Callable[..., Awaitable[None]]  # (tx, incoming): a thread reply or DM


class Kind(StrEnum):
    TEXT = "text"
    NUMBER = "number"  # a number the bot shows (#12); ``ref`` says of what
    CHOICE = "choice"
    DATETIME = "datetime"
    BOOL = "bool"  # ja / nee
    OFFSETS = "offsets"  # 7d,1d,1u
    URL = "url"


@dataclass(frozen=True)
class Arg:
    name: str
    kind: Kind
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # call / signal / bottleneck / poll / event (autocomplete)
    max_length: int = 4000
    positional: bool = False  # may be typed without ``name:``
    maximum: int = 2**31 - 1  # numbers: the largest accepted (a database integer)

    def placeholder(self, lang: str) -> str:
        """What goes between ``<>`` in a usage line: the values, or what to type."""
        if self.choices:
            return "|".join(self.choices)
        return t(lang, f"usage-{self.kind.value}")


@dataclass(frozen=True)
class Command:
    name: str
    sub: str | None
    handler: Handler
    args: tuple[Arg, ...] = ()
    roles: frozenset[Role] | None = None  # None: everyone

    @property
    def full_name(self) -> str:
        return f"{self.name} {self.sub}" if self.sub else self.name

    @property
    def key(self) -> str:
        """The catalog message with this command's help (``cmd-oproep-open``)."""
        return "cmd-" + self.full_name.replace(" ", "-")

    def help(self, lang: str) -> str:
        return t(lang, self.key)

    def arg_help(self, arg: Arg, lang: str) -> str:
        return attribute(lang, self.key, arg.name) or arg.name

    def usage(self, lang: str = "nl") -> str:
        parts = [f"/{self.full_name}"]
        for arg in self.args:
            shown = arg.name if arg.positional else f"{arg.name}:<{arg.placeholder(lang)}>"
            parts.append(shown if arg.required else f"[{shown}]")
        return " ".join(parts)

    def arg(self, name: str) -> Arg | None:
        return next((a for a in self.args if a.name == name), None)

    def allowed(self, role: Role) -> bool:
        return self.roles is None or role in self.roles

    @property
    def restricted(self) -> bool:
        """Only some roles (staff) may use it: every use goes in the audit log."""
        return self.roles is not None


@dataclass(frozen=True)
class CommandTable:
    """What the features plug into the kernel: commands, button/form prefixes (``poll``
    for ``poll:12:recognised:yes``), domain event listeners, and what a message becomes."""

    commands: tuple[Command, ...]
    actions: Mapping[str, Action] = field(default_factory=dict)
    # button/form prefixes only staff may use: the kernel refuses others and audits them
    staff_actions: frozenset[str] = frozenset()
    subscribers: Mapping[type, tuple[Subscriber, ...]] = field(default_factory=dict)
    on_message: OnMessage | None = None

    def find(self, name: str, sub: str | None) -> Command | None:
        return next((c for c in self.commands if c.name == name and c.sub == sub), None)

    def group(self, name: str) -> list[Command]:
        return [c for c in self.commands if c.name == name]

    def names(self) -> list[str]:
        return sorted({c.name for c in self.commands})


STAFF = frozenset({Role.STAFF})


def values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(m.value for m in enum)


def text(name: str, required: bool = False, max_length: int = 4000) -> Arg:
    return Arg(name, Kind.TEXT, required, max_length=max_length)


def number(name: str, ref: str | None = None, required: bool = True) -> Arg:
    return Arg(name, Kind.NUMBER, required, ref=ref)


def choice(name: str, options: tuple[str, ...], required: bool = False) -> Arg:
    return Arg(name, Kind.CHOICE, required, choices=options)


def moment(name: str, required: bool = False) -> Arg:
    return Arg(name, Kind.DATETIME, required)
