"""Hypothesis strategies for what people (and attackers) type: the command table's
commands with options filled with nasty values."""

from __future__ import annotations

from hypothesis import strategies as st

from bot.core.commands import Command, Kind
from bot.features import table

COMMANDS: tuple[Command, ...] = table.build().commands

NUMBERS = ("0", "-1", "²", "⑦", "١٢", "1.5", "1e3", "#", "##1", str(2**31 - 1), str(2**31),
           str(2**63), "9" * 30, "#2147483648")
TEXTS = ("\x00", "a\x00b", "\u200b\u200b", "\u200d", "\ufeff", "\u3164", " ", "\t", "'",
         "baby's", "@everyone", "<!channel>", "[Klik hier](https://evil.example)", "x" * 5000)
DATES = ("9999-12-31 23:59", "0001-01-01", "31-02-2026", "morgen 99:99", "1 januari",
         "volgende week", "zondag 25u", "99-99", "1-1-1900 10:00")
OFFSETS = ("99999999999w", "999999999d", "0d", "1x", "7d,1d,1u", ";;", "400d")
LINKS = ("https://a b", "javascript:alert(1)", "https://x.nl/\x00", "http://" + "a" * 600)
NASTY = NUMBERS + TEXTS + DATES + OFFSETS + LINKS
BY_KIND = {
    Kind.NUMBER: NUMBERS,
    Kind.TEXT: TEXTS,
    Kind.DATETIME: DATES,
    Kind.OFFSETS: OFFSETS,
    Kind.URL: LINKS,
}

VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=12),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


def _valid(command: Command, name: str) -> st.SearchStrategy[str]:
    arg = command.arg(name)
    if arg is not None and arg.choices:
        return st.sampled_from(arg.choices)
    if arg is not None and arg.kind is Kind.NUMBER:
        return st.integers(min_value=1, max_value=3).map(str)
    if arg is not None and arg.kind is Kind.DATETIME:
        return st.just("morgen 17:00")
    return st.just("Een gewone tekst")


@st.composite
def command_lines(draw: st.DrawFn) -> str:
    """``/name [sub] key:value ...``: a real command with its required options and some
    others, each valid or nasty for its kind, quoted or not."""
    command = draw(st.sampled_from(COMMANDS))
    parts = [f"/{command.full_name}"]
    for arg in command.args:
        if not arg.required and not draw(st.booleans()):
            continue
        nasty = st.sampled_from(BY_KIND.get(arg.kind, NASTY))
        value = draw(st.one_of(nasty, _valid(command, arg.name), VALUES))
        shown = f'"{value}"' if draw(st.booleans()) else value
        parts.append(shown if arg.positional and draw(st.booleans()) else f"{arg.name}:{shown}")
    if draw(st.integers(0, 9)) == 0:
        parts.append(draw(VALUES))  # a loose word
    return " ".join(parts)


lines = st.one_of(
    command_lines(),
    st.one_of(st.sampled_from(TEXTS), VALUES).map(lambda text: f"dm {text}"),
)
roles = st.sampled_from(["@vera:staf", "@sanne:lid", "@ahmed:ambassadeur"])
