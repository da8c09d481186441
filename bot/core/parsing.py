"""Turning typed command text into values: ``/oproep open vraag:"..." sluit:"1-12 17:00"``.
Shared by Slack and the console; Discord hands in typed options, validated the same way.
Every value is bounded: numbers fit the database's columns, dates lie within reach,
control characters are removed and text of only invisible characters counts as empty."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.errors import InvalidInput
from bot.vocabulary.offsets import MAX_OFFSET, offset

SMART_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})
MAX_TEXT = 4000
MAX_NUMBER = 2**31 - 1  # PostgreSQL ``integer``: every number the bot stores or looks up
MAX_YEARS_AHEAD = 10

# -- text ------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")
_INVISIBLE = {"\u3164", "\u115f", "\u1160", "\u2800", "\uffa0"}  # fillers that show nothing


def scrub(text: str) -> str:
    """Without NUL and other control characters (tabs and new lines stay)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def blank(text: str) -> bool:
    """True when nothing in ``text`` would show: spaces, zero-width and format characters."""
    return all(
        ch.isspace() or ch in _INVISIBLE or unicodedata.category(ch) in ("Cf", "Mn", "Me", "Cc")
        for ch in text
    )


MASS_MENTIONS = re.compile(r"@(everyone|here|channel)|<!(everyone|here|channel)[^>]*>", re.I)


def defuse(text: str) -> str:
    """Mass mentions in user text never reach a post: break them with a zero-width space."""
    return MASS_MENTIONS.sub(lambda m: m.group(0)[0] + "\u200b" + m.group(0)[1:], text)


def clean_text(value: str, arg: str, max_length: int = MAX_TEXT) -> str:
    text = defuse(scrub(value).strip())
    if blank(text):
        raise InvalidInput("arg-empty", arg=arg)
    if len(text) > max_length:
        raise InvalidInput("arg-too-long", arg=arg, max=max_length, length=len(text))
    return text


# -- splitting a typed line ------------------------------------------------------------------

_KEY = re.compile(r"[a-zA-Z_]+:")
_NEXT_KEY = re.compile(r"\s+[a-zA-Z_]+:")


def split(text: str) -> list[str]:
    """Split on spaces, keeping quoted values together. Forgiving where the meaning is
    clear: an apostrophe inside a word (``baby's``) is just a letter, and a quote inside
    a quoted value (``vraag:"Wat is "goed" onderwijs?"``) stays part of it."""
    text = text.translate(SMART_QUOTES)
    tokens: list[str] = []
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        token, i = _token(text, i)
        tokens.append(token)
    return tokens


def _token(text: str, i: int) -> tuple[str, int]:
    parts: list[str] = []
    while i < len(text) and not text[i].isspace():
        ch = text[i]
        so_far = "".join(parts)
        if ch in "\"'" and (not so_far or _KEY.fullmatch(so_far)):
            end = _closing(text, i)
            if end is not None:
                parts.append(text[i + 1 : end])
                i = end + 1
                continue
            if ch == '"':
                raise InvalidInput("parse-quotes")
        parts.append(ch)
        i += 1
    return "".join(parts), i


def _closing(text: str, start: int) -> int | None:
    """Where the quoted value opened at ``start`` ends: preferably at a quote followed by
    the end or by the next ``option:``; else at a quote followed by a space."""
    quote = text[start]
    candidates = [j for j in range(start + 1, len(text)) if text[j] == quote]
    for j in candidates:
        rest = text[j + 1 :]
        if not rest.strip() or _NEXT_KEY.match(rest):
            return j
    for j in candidates:
        if j + 1 == len(text) or text[j + 1].isspace():
            return j
    return None


def split_key(token: str) -> tuple[str, str] | None:
    key, sep, value = token.partition(":")
    if not sep or not re.fullmatch(r"[a-zA-Z_]+", key):
        return None
    return key.lower(), value


# -- numbers ---------------------------------------------------------------------------------


def parse_number(value: str, arg: str, maximum: int = MAX_NUMBER) -> int:
    """ASCII digits only (``²`` and ``⑦`` are digits to Python, not to us), 1..maximum."""
    cleaned = value.strip().removeprefix("#")
    if not re.fullmatch(r"[0-9]{1,20}", cleaned) or int(cleaned) <= 0:
        raise InvalidInput("arg-number", arg=arg, value=value)
    if int(cleaned) > maximum:
        raise InvalidInput("arg-number-max", arg=arg, max=maximum)
    return int(cleaned)


# -- dates -----------------------------------------------------------------------------------

_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y")
_TIME_RE = re.compile(r"^(\d{1,2})[:.](\d{2})$|^(\d{1,2})(?:u|h)(\d{2})?$")
_RELATIVE = {"vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2}
_NEXT_WEEK = ("volgende week", "next week")
_WEEKDAYS = {
    name: i
    for i, names in enumerate(
        (
            ("maandag", "ma", "monday", "mon"),
            ("dinsdag", "di", "tuesday", "tue"),
            ("woensdag", "wo", "wednesday", "wed"),
            ("donderdag", "do", "thursday", "thu"),
            ("vrijdag", "vr", "friday", "fri"),
            ("zaterdag", "za", "saturday", "sat"),
            ("zondag", "zo", "sunday", "sun"),
        )
    )
    for name in names
}
_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        (
            ("januari", "jan", "january"),
            ("februari", "feb", "february"),
            ("maart", "mrt", "mar", "march"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("augustus", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov"),
            ("december", "dec"),
        )
    )
    for name in names
}


def parse_datetime(value: str, arg: str, now: datetime, tz: ZoneInfo) -> datetime:
    """``2026-12-01 17:00``, ``1-12-2026 17:00``, ``1-12-2026`` (end of day: 23:59),
    ``morgen 17:00``, ``vandaag 17u``, ``1 januari 14:00``, ``volgende week``,
    ``dinsdag 9:30``. Read in the community's time zone; returns UTC."""
    parts = value.strip().lower().replace(",", " ").split()
    moment = time(23, 59)
    if parts and (match := _TIME_RE.match(parts[-1])):
        hour = int(match.group(1) or match.group(3))
        minute = int(match.group(2) or match.group(4) or 0)
        if hour > 23 or minute > 59:
            raise InvalidInput("arg-datetime", arg=arg, value=value)
        moment = time(hour, minute)
        parts = parts[:-1]
        if parts and parts[-1] in ("om", "at"):
            parts = parts[:-1]
    today = now.astimezone(tz).date()
    day = _parse_day(" ".join(parts), today) if parts else None
    if day is None:
        raise InvalidInput("arg-datetime", arg=arg, value=value)
    if not date(2000, 1, 1) <= day <= today.replace(year=today.year + MAX_YEARS_AHEAD):
        raise InvalidInput("arg-datetime-range", arg=arg, value=value, years=MAX_YEARS_AHEAD)
    # zoneinfo resolves DST gaps/overlaps via ``fold``; the default is what people mean.
    return datetime.combine(day, moment, tzinfo=tz).astimezone(ZoneInfo("UTC"))


def _parse_day(token: str, today: date) -> date | None:
    if token in _RELATIVE:
        return today + timedelta(days=_RELATIVE[token])
    if token in _NEXT_WEEK:
        return today + timedelta(days=7)
    if token in _WEEKDAYS:  # the coming one; today's name means a week from now
        ahead = (_WEEKDAYS[token] - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(token, fmt).date()
        except ValueError:
            continue
    return _day_month(token, today)


def _day_month(token: str, today: date) -> date | None:
    """``1-12`` or ``1 december`` (this year, or next year when already past), or
    ``1 december 2027``."""
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})", token) or re.fullmatch(
        r"(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?", token
    )
    if not match:
        return None
    month_text = match.group(2)
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
    year = int(match.group(3)) if match.lastindex == 3 and match.group(3) else None
    if month is None:
        return None
    try:
        day = date(year or today.year, month, int(match.group(1)))
    except ValueError:
        return None
    if year is None and day < today:
        day = day.replace(year=today.year + 1)
    return day


# -- offsets ---------------------------------------------------------------------------------


def parse_offset(value: str) -> timedelta:
    """``7d``, ``1u``/``1h``, ``30m``, ``2w``; at most a year."""
    found = offset(value)
    if found is None:
        raise InvalidInput("arg-offset", value=value, days=MAX_OFFSET.days)
    return found


def parse_offsets(value: str) -> list[timedelta]:
    items = [v for v in value.replace(";", ",").split(",") if v.strip()]
    if not items:
        raise InvalidInput("arg-offset", value=value, days=MAX_OFFSET.days)
    return sorted({parse_offset(v) for v in items}, reverse=True)


# -- links -----------------------------------------------------------------------------------


def parse_url(value: str, arg: str) -> str:
    link = value.strip()
    if (
        not link.startswith(("https://", "http://"))
        or len(link) > 500
        or any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in link)
    ):
        raise InvalidInput("arg-url", arg=arg, value=value)
    return link
