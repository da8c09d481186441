"""Texts and formats in the member's language.

Every user-facing text lives in a Fluent catalog next to the code that uses it:
``bot/<folder>/locales/<lang>/<name>.ftl`` (the kernel's own and one per feature). They are
found on disk, so the kernel does not import the features. Numbers and dates are
formatted with Babel; a date is always shown in the community's time zone, which every
caller passes (there is no default zone).

In strict mode (the tests switch it on) a missing text or parameter is an error; in
production it falls back to Dutch, then to the key, and is logged once."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo
from functools import cache
from pathlib import Path

from babel.dates import format_datetime, format_time
from babel.numbers import format_percent
from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.types import fluent_number
from fluent.syntax import ast
from fluent.syntax.visitor import Visitor

from bot.vocabulary.enums import CauseArea, Stage

log = logging.getLogger(__name__)

LANGUAGES = ("nl", "en")
DEFAULT = "nl"
ROOT = Path(__file__).resolve().parents[1]  # the ``bot`` package
DATE = "d MMM y"
TIME = "HH:mm"

_strict = False
_warned: set[str] = set()


class MissingText(LookupError):
    """A text key (or one of its parameters) is not in the catalog (strict mode)."""


def set_strict(strict: bool) -> None:
    """Strict: a missing key or parameter raises ``MissingText`` (tests)."""
    global _strict
    _strict = strict
    _static.cache_clear()  # a missing text said once may have to raise now


def catalog_files(lang: str) -> Iterator[Path]:
    """Every ``.ftl`` of a language, kernel and features alike, in a stable order."""
    yield from sorted(ROOT.glob(f"**/locales/{lang}/*.ftl"))


@cache
def bundle(lang: str) -> FluentBundle:
    found = FluentBundle([lang], use_isolating=False)
    for path in catalog_files(lang):
        found.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return found


def warm() -> None:
    """Load now what formatting would load on first use: the catalogs, each text's
    compiled form and Babel's locale data (see ``bot.app.settle``: then they live outside
    the garbage collector's reach instead of being walked by every full collection)."""
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    for lang in LANGUAGES:
        found = bundle(lang)
        for key in keys(lang):
            _selectors(lang, key)
            message = found.get_message(key)
            for pattern in (message.value, *message.attributes.values()):
                if pattern is not None:
                    found.format_pattern(pattern, {})  # missing parameters: no matter here
        when(moment, lang, UTC)
        clock_time(moment, lang, UTC)
        ratio(0.5, lang)


def keys(lang: str) -> set[str]:
    """All message ids of a language (for the catalog tests)."""
    return {k for k in bundle(lang)._messages}


def language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT


def t(lang: str, key: str, /, **params: object) -> str:
    """The text ``key`` in ``lang`` with ``params`` filled in. Integers are shown without
    thousands separators (they are mostly numbers such as #1234); plural forms follow the
    language's rules."""
    return _format(lang, key, params) if params else _static(language(lang), key)


@cache  # a text without parameters reads the same every time: formatted once
def _static(lang: str, key: str) -> str:
    return _format(lang, key, {})


def _format(lang: str, key: str, params: dict[str, object]) -> str:
    lang = language(lang)
    found = bundle(lang)
    if not found.has_message(key):
        _missing(f"{lang}:{key}")
        if lang != DEFAULT:
            return t(DEFAULT, key, **params)
        return key
    message = found.get_message(key)
    if message.value is None:
        _missing(f"{lang}:{key} (no value)")
        return key
    text, errors = found.format_pattern(message.value, _arguments(lang, key, params))
    if errors:
        _missing(f"{lang}:{key}: {errors[0]}")
    return str(text)


def attribute(lang: str, key: str, name: str) -> str | None:
    """A message attribute (``cmd-oproep-open.vraag``), or None when there is none."""
    found = bundle(language(lang))
    if not found.has_message(key):
        return None if language(lang) == DEFAULT else attribute(DEFAULT, key, name)
    pattern = found.get_message(key).attributes.get(name)
    if pattern is None:
        return None
    text, _ = found.format_pattern(pattern, {})
    return str(text)


def _arguments(lang: str, key: str, params: dict[str, object]) -> dict[str, object]:
    """Integers are shown as their digits (no thousands separator: mostly numbers such as
    #1234), which in our languages is ``str``; only those the text picks a plural form
    by stay numbers (Fluent formats a number through Babel: a tenth of a text's cost)."""
    chosen_by = _selectors(lang, key)
    return {
        name: _number(value, name in chosen_by)
        if isinstance(value, int) and not isinstance(value, bool)
        else value
        for name, value in params.items()
    }


def _number(value: int, selects: bool) -> object:
    return fluent_number(value, useGrouping=False) if selects else str(value)


@cache
def _selectors(lang: str, key: str) -> frozenset[str]:
    """The parameters a text chooses a variant by (``{ $count -> … }``)."""
    found = _Selectors(bundle(lang))
    found.visit(found.bundle.get_message(key))
    return frozenset(found.names)


class _Selectors(Visitor):
    def __init__(self, bundle: FluentBundle) -> None:
        super().__init__()
        self.bundle = bundle
        self.names: set[str] = set()

    def visit_MessageReference(self, node: ast.MessageReference) -> None:
        if self.bundle.has_message(node.id.name):  # it sees the same parameters
            self.visit(self.bundle.get_message(node.id.name))

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        if isinstance(node.selector, ast.VariableReference):
            self.names.add(node.selector.id.name)
        self.generic_visit(node)


def _missing(what: str) -> None:
    if _strict:
        raise MissingText(what)
    if what not in _warned:
        _warned.add(what)
        log.warning("text missing: %s", what)


# -- formats ---------------------------------------------------------------------------------


def when(moment: datetime | None, lang: str, zone: tzinfo) -> str:
    """``2 nov. 2026 10:00`` in the community's time zone."""
    if moment is None:
        return "-"
    return format_datetime(moment, f"{DATE} {TIME}", tzinfo=zone, locale=language(lang))


def day(moment: datetime | None, lang: str, zone: tzinfo) -> str:
    """``2 nov. 2026``: for dates where the time of day does not matter."""
    if moment is None:
        return "-"
    return format_datetime(moment, DATE, tzinfo=zone, locale=language(lang))


def clock_time(moment: datetime, lang: str, zone: tzinfo) -> str:
    """``14:30`` in the community's time zone."""
    return format_time(moment, TIME, tzinfo=zone, locale=language(lang))


def percent(part: int, whole: int, lang: str) -> str:
    """``60%``; ``0%`` when there is nothing to divide."""
    return ratio(part / whole if whole else 0.0, lang)


def ratio(value: float, lang: str) -> str:
    """A share as a whole percentage: ``0.6`` -> ``60%``."""
    return format_percent(value, locale=language(lang))


def shorten(text: str, length: int) -> str:
    """Cut a text to ``length`` characters, with an ellipsis when it was longer."""
    return text if len(text) <= length else text[: length - 1] + "…"


def stage_label(stage: Stage, lang: str) -> str:
    return t(lang, "stage-" + stage.name.lower().replace("_", "-"))


def cause_label(area: CauseArea, lang: str) -> str:
    return t(lang, "cause-" + area.name.lower())
