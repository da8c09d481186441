"""Neutral replies: what the bot says, rendered by each platform in its own UI.

A reply is stored as JSON in the outbox, so everything here round-trips through
``to_dict``/``from_dict``. Button ids are stable strings (``poll:12:recognised:yes``)
so buttons keep working after a restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, cast


class Style(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"
    SUCCESS = "success"
    DANGER = "danger"


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    required: bool = True
    multiline: bool = True
    max_length: int = 4000
    value: str = ""


@dataclass(frozen=True)
class Form:
    """A modal. Submitting it calls the core with ``id`` and the field values."""

    id: str
    title: str
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class Choice:
    """A button. ``form`` set: pressing it opens that form instead of acting."""

    id: str
    label: str
    style: Style = Style.SECONDARY
    form: Form | None = None


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Select:
    """A drop-down. Picking an option acts with id ``f"{id}:{value}"``."""

    id: str
    placeholder: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class File:
    """A file sent with the message (an event's ``.ics``); the platform uploads it. Text
    only, so the outbox row stays plain JSON."""

    name: str
    mime: str
    content: str

    def data(self) -> bytes:
        return self.content.encode("utf-8")


@dataclass(frozen=True)
class Reply:
    text: str
    title: str = ""
    rows: tuple[tuple[Choice, ...], ...] = ()
    select: Select | None = None
    # True: replace the message the pressed button was on (platforms that can).
    update_origin: bool = False
    files: tuple[File, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return cast(dict[str, Any], _plain(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reply:
        rows = tuple(tuple(_choice(c) for c in row) for row in data.get("rows", ()))
        select = data.get("select")
        return cls(
            text=data["text"],
            title=data.get("title", ""),
            rows=rows,
            select=_select(select) if select else None,
            update_origin=data.get("update_origin", False),
            files=tuple(File(**f) for f in data.get("files", ())),
        )

    def choices(self) -> list[Choice]:
        return [c for row in self.rows for c in row]


def _plain(value: Any) -> Any:
    """What ``dataclasses.asdict`` makes of a reply, five times faster (no deep copies:
    every part of a reply is immutable)."""
    if isinstance(value, tuple):
        return tuple([_plain(v) for v in value])
    names = getattr(value, "__dataclass_fields__", None)
    if names is None:
        return value
    plain = {}
    for name in names:
        field = getattr(value, name)  # most are text or a flag: kept without a call
        plain[name] = field if field is None or isinstance(field, _SCALARS) else _plain(field)
    return plain


_SCALARS = (str, bool, int, float)  # (a Style is a str)


def _form(data: dict[str, Any]) -> Form:
    return Form(
        id=data["id"],
        title=data["title"],
        fields=tuple(FormField(**f) for f in data["fields"]),
    )


def _choice(data: dict[str, Any]) -> Choice:
    form = data.get("form")
    return Choice(
        id=data["id"],
        label=data["label"],
        style=Style(data.get("style", Style.SECONDARY)),
        form=_form(form) if form else None,
    )


def _select(data: dict[str, Any]) -> Select:
    return Select(
        id=data["id"],
        placeholder=data["placeholder"],
        options=tuple(Option(**o) for o in data["options"]),
    )


def rows_of(choices: list[Choice], per_row: int = 5) -> tuple[tuple[Choice, ...], ...]:
    """Split buttons in rows of at most five (Discord's limit; Slack is fine with it)."""
    return tuple(tuple(choices[i : i + per_row]) for i in range(0, len(choices), per_row))
