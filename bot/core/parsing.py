"""Turning typed command text into values: ``/oproep open vraag:"..." sluit:"1-12 17:00"``.
Shared by Slack and the console; Discord hands in typed options, validated the same way."""

from __future__ import annotations

import re
import shlex
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.errors import InvalidInput

SMART_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})
MAX_TEXT = 4000


def split(text: str) -> list[str]:
    """Split on spaces, keeping quoted values together."""
    try:
        return shlex.split(text.translate(SMART_QUOTES))
    except ValueError as exc:
        raise InvalidInput("parse-quotes") from exc


def split_key(token: str) -> tuple[str, str] | None:
    key, sep, value = token.partition(":")
    if not sep or not re.fullmatch(r"[a-zA-Z_]+", key):
        return None
    return key.lower(), value


def parse_number(value: str, arg: str) -> int:
    cleaned = value.strip().lstrip("#")
    if not cleaned.isdigit() or int(cleaned) <= 0:
        raise InvalidInput("arg-number", arg=arg, value=value)
    return int(cleaned)


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y")
_TIME_RE = re.compile(r"^(\d{1,2})[:.](\d{2})$|^(\d{1,2})u$")


def parse_datetime(value: str, arg: str, now: datetime, tz: ZoneInfo) -> datetime:
    """``2026-12-01 17:00``, ``1-12-2026 17:00``, ``1-12-2026`` (end of day: 23:59),
    ``morgen 17:00``, ``vandaag 17u``. Read in the community's time zone; returns UTC."""
    parts = value.strip().lower().split()
    if not parts or len(parts) > 2:
        raise InvalidInput("arg-datetime", arg=arg, value=value)
    day = _parse_day(parts[0], now.astimezone(tz).date())
    if day is None:
        raise InvalidInput("arg-datetime", arg=arg, value=value)
    moment = time(23, 59)
    if len(parts) == 2:
        match = _TIME_RE.match(parts[1])
        if not match:
            raise InvalidInput("arg-datetime", arg=arg, value=value)
        hour = int(match.group(1) or match.group(3))
        minute = int(match.group(2) or 0)
        if hour > 23 or minute > 59:
            raise InvalidInput("arg-datetime", arg=arg, value=value)
        moment = time(hour, minute)
    # zoneinfo resolves DST gaps/overlaps via ``fold``; the default is what people mean.
    return datetime.combine(day, moment, tzinfo=tz).astimezone(ZoneInfo("UTC"))


def _parse_day(token: str, today: date) -> date | None:
    relative = {"vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2}
    if token in relative:
        return today + timedelta(days=relative[token])
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(token, fmt).date()
        except ValueError:
            continue
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})", token)
    if match:  # day-month: this year, or next year when already past
        try:
            day = date(today.year, int(match.group(2)), int(match.group(1)))
        except ValueError:
            return None
        return day if day >= today else day.replace(year=today.year + 1)
    return None


_OFFSET_RE = re.compile(r"^(\d+)\s*(d|u|h|m|w)$")
_OFFSET_UNITS = {"w": "weeks", "d": "days", "u": "hours", "h": "hours", "m": "minutes"}


def parse_offset(value: str) -> timedelta:
    """``7d``, ``1u``/``1h``, ``30m``, ``2w``."""
    match = _OFFSET_RE.match(value.strip().lower())
    if not match:
        raise InvalidInput("arg-offset", value=value)
    return timedelta(**{_OFFSET_UNITS[match.group(2)]: int(match.group(1))})


def parse_offsets(value: str) -> list[timedelta]:
    items = [v for v in value.replace(";", ",").split(",") if v.strip()]
    if not items:
        raise InvalidInput("arg-offset", value=value)
    return sorted({parse_offset(v) for v in items}, reverse=True)


MASS_MENTIONS = re.compile(r"@(everyone|here|channel)|<!(everyone|here|channel)[^>]*>", re.I)


def defuse(text: str) -> str:
    """Mass mentions in user text never reach a post: break them with a zero-width space."""
    return MASS_MENTIONS.sub(lambda m: m.group(0)[0] + "\u200b" + m.group(0)[1:], text)


def clean_text(value: str, arg: str, max_length: int = MAX_TEXT) -> str:
    text = defuse(value.strip())
    if not text:
        raise InvalidInput("arg-empty", arg=arg)
    if len(text) > max_length:
        raise InvalidInput("arg-too-long", arg=arg, max=max_length, length=len(text))
    return text
