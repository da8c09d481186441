"""Where every bottleneck stands: its stage, domain, signals, votes and the last feedback.
The dashboard's board and the exports' overview are both this list."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.features.bottlenecks.queries import signal_counts
from bot.features.polls import counting
from bot.features.signals.visibility import Place
from bot.storage.models import Bottleneck, Feedback, Poll
from bot.vocabulary import polls as rule
from bot.vocabulary.enums import Domain, Recognition, Stage
from bot.vocabulary.stages import OUTCOMES, PIPELINE


@dataclass
class Row:
    bottleneck: Bottleneck
    signals: int = 0
    polls: int = 0
    votes: int = 0
    recognition: Counter[Recognition] = field(default_factory=Counter)
    last_feedback: Feedback | None = None

    @property
    def recognised_share(self) -> float:
        return rule.share(self.recognition, *rule.RECOGNISING)


def contains(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with its wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def overview(
    session: AsyncSession, place: Place, domain: Domain | None = None, search: str = ""
) -> list[Row]:
    """Bottlenecks (merged ones left out), oldest first, optionally of one domain and
    matching a search in the number, title or description; signals counted as ``place``
    counts them (staff-only signals are no number in an export)."""
    query = select(Bottleneck).where(Bottleneck.merged_into_id.is_(None))
    if domain is not None:
        query = query.where(Bottleneck.domain == domain)
    search = search.strip()
    if search:
        pattern = contains(search)
        matches: list[ColumnElement[bool]] = [
            Bottleneck.title.ilike(pattern, escape="\\"),
            Bottleneck.description.ilike(pattern, escape="\\"),
        ]
        if search.lstrip("#").isdigit():
            matches.append(Bottleneck.id == int(search.lstrip("#")))
        query = query.where(or_(*matches))
    rows = {b.id: Row(b) for b in (await session.scalars(query.order_by(Bottleneck.id))).all()}
    if rows:
        await _fill(session, rows, place)
    return list(rows.values())


async def _fill(session: AsyncSession, rows: dict[int, Row], place: Place) -> None:
    ids = list(rows)
    for b_id, n in (await signal_counts(session, ids, place)).items():
        rows[b_id].signals = n
    polls = await session.execute(
        select(Poll.bottleneck_id, func.count())
        .where(Poll.bottleneck_id.in_(ids))
        .group_by(Poll.bottleneck_id)
    )
    for b_id, n in polls.all():
        rows[b_id].polls = n
    # people, not rows: each person once, by their latest vote
    for b_id, (people, recognition) in (
        await counting.recognition_per_bottleneck(session, ids)
    ).items():
        rows[b_id].votes, rows[b_id].recognition = people, recognition
    feedback = await session.scalars(
        select(Feedback).where(Feedback.bottleneck_id.in_(ids)).order_by(Feedback.at, Feedback.id)
    )
    for item in feedback.all():
        rows[item.bottleneck_id].last_feedback = item


BOARD_STAGES: tuple[Stage, ...] = (*PIPELINE, *OUTCOMES)


def columns(rows: list[Row]) -> list[tuple[Stage, list[Row]]]:
    """The board: one column per stage in pipeline order, then parked and not recognised."""
    return [(stage, [r for r in rows if r.bottleneck.stage is stage]) for stage in BOARD_STAGES]
