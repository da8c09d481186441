"""Who hears what: a member's news preference (``/mijn instellingen meldingen:``) and the
kinds of messages the bot sends to many members at once. The rule is one table, so every
path that writes to members (``Tx.fan_out``) honours it the same way."""

from __future__ import annotations

from enum import StrEnum


class NewsPreference(StrEnum):
    ALL = "alles"  # everything below
    FEEDBACK = "terugkoppeling"  # feedback, and what they asked for (their events)
    OFF = "uit"  # nothing unasked: only what they asked for (their events)


class NewsKind(StrEnum):
    FEEDBACK = "feedback"  # /terugkoppeling about a bottleneck they contributed to
    STAGE = "stage"  # a stage move of such a bottleneck (bundled, at most daily)
    CALL = "call"  # a targeted follow-up call about such a bottleneck
    POLL = "poll"  # an invitation to vote (ambassador polls)
    EVENT = "event"  # a reminder or change of an event they answered (asked for)


WANTS: dict[NewsPreference, frozenset[NewsKind]] = {
    NewsPreference.ALL: frozenset(NewsKind),
    NewsPreference.FEEDBACK: frozenset({NewsKind.FEEDBACK, NewsKind.EVENT}),
    NewsPreference.OFF: frozenset({NewsKind.EVENT}),
}

# Sent in one bundle per member per day instead of at once.
BUNDLED = frozenset({NewsKind.STAGE})


def wants(preference: NewsPreference, kind: NewsKind) -> bool:
    return kind in WANTS[preference]
