"""How long before something: ``7d``, ``1u``/``1h``, ``30m``, ``2w`` — the pure rule, so
the community file (reminders) and typed commands read offsets the same way."""

from __future__ import annotations

import re
from datetime import timedelta

OFFSET = re.compile(r"^([0-9]{1,6})\s*(d|u|h|m|w)$")
UNITS = {"w": "weeks", "d": "days", "u": "hours", "h": "hours", "m": "minutes"}
MAX_OFFSET = timedelta(days=366)  # a reminder (or a console ``wacht``) within a year


def offset(value: str) -> timedelta | None:
    """The offset, or None when ``value`` is not one (or longer than a year)."""
    match = OFFSET.match(value.strip().lower())
    if not match:
        return None
    found = timedelta(**{UNITS[match.group(2)]: int(match.group(1))})
    return found if found <= MAX_OFFSET else None
