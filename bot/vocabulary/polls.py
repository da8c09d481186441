"""The poll result rule: a bottleneck counts as broadly recognised with at least
``min_votes`` answers to "herken je dit?", of which at least ``min_share`` said ja or
deels."""

from __future__ import annotations

from collections import Counter

from bot.vocabulary.enums import Recognition

RECOGNISING = (Recognition.YES, Recognition.PARTLY)


def share(counts: Counter[Recognition], *answers: Recognition) -> float:
    """The part of the recognition answers that is one of ``answers`` (0 without any)."""
    counted = sum(counts.values())
    return sum(counts[a] for a in answers) / counted if counted else 0.0


def broadly_recognised(counts: Counter[Recognition], min_votes: int, min_share: float) -> bool:
    return sum(counts.values()) >= min_votes and share(counts, *RECOGNISING) >= min_share
