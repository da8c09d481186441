"""A bottleneck's whole story in one object: the question, its signals (as the visibility
rule allows them in a place), poll results, causes, shared stories, agenda steps,
feedback with how many it reached, and the timeline. The dashboard's bottleneck page, the
print-ready dossier and the PDF dossier all render this."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.features.bottlenecks.queries import involved_count, signal_counts
from bot.features.bottlenecks.timeline import entries
from bot.features.feedback.closeloop import FEEDBACK
from bot.features.polls.counting import Result
from bot.features.polls.service import tally
from bot.features.signals.visibility import Place, Shown, shown
from bot.settings import Community
from bot.storage.models import (
    AgendaItem,
    Bottleneck,
    Call,
    Cause,
    Feedback,
    Member,
    Notice,
    Poll,
    ShareItem,
    Signal,
)

Row = TypeVar("Row", Cause, ShareItem, AgendaItem, Poll, Feedback)


@dataclass(frozen=True)
class SignalView:
    signal: Signal
    shown: Shown


@dataclass(frozen=True)
class PollView:
    poll: Poll
    result: Result


@dataclass(frozen=True)
class FeedbackView:
    item: Feedback
    reached: int  # members who got it personally


@dataclass(frozen=True)
class Story:
    bottleneck: Bottleneck
    questions: list[str]  # what the calls asked that its signals answered
    signals: list[SignalView]  # as ``place`` may show them (in public: quotes only)
    counted: int  # how many signals ``place`` counts (staff-only ones are no public number)
    polls: list[PollView]
    causes: Sequence[Cause]
    shares: Sequence[ShareItem]
    agenda: Sequence[AgendaItem]
    feedback: list[FeedbackView]
    involved: int
    timeline: list[tuple[datetime, str]]


async def _of(session: AsyncSession, model: type[Row], bottleneck_id: int) -> Sequence[Row]:
    query = select(model).where(model.bottleneck_id == bottleneck_id).order_by(model.id)
    return (await session.scalars(query)).all()


async def story(
    session: AsyncSession, nr: int, community: Community, lang: str, place: Place
) -> Story | None:
    """The story of bottleneck ``nr`` (None: no such bottleneck) with its signals as
    ``place`` may show them."""
    bottleneck = await session.get(Bottleneck, nr)
    if bottleneck is None:
        return None
    polls = [
        PollView(p, await tally(session, p, community.polls)) for p in await _of(session, Poll, nr)
    ]
    return Story(
        bottleneck=bottleneck,
        questions=await _questions(session, nr),
        signals=await _signals(session, nr, place),
        counted=(await signal_counts(session, [nr], place)).get(nr, 0),
        polls=polls,
        causes=await _of(session, Cause, nr),
        shares=await _of(session, ShareItem, nr),
        agenda=await _of(session, AgendaItem, nr),
        feedback=await _feedback(session, nr),
        involved=await involved_count(session, nr),
        timeline=await entries(session, bottleneck, lang, ZoneInfo(community.timezone)),
    )


async def _signals(session: AsyncSession, nr: int, place: Place) -> list[SignalView]:
    rows = await session.execute(
        select(Signal, Member)
        .outerjoin(Member, Member.id == Signal.member_id)
        .where(Signal.bottleneck_id == nr)
        .order_by(Signal.id)
    )
    out = []
    for signal, member in rows.all():
        seen = shown(signal, member, place)
        if seen is not None:
            out.append(SignalView(signal, seen))
    return out


async def _questions(session: AsyncSession, nr: int) -> list[str]:
    asked = select(Signal.call_id).where(Signal.bottleneck_id == nr, Signal.call_id.is_not(None))
    about = Call.id.in_(asked) | (Call.bottleneck_id == nr)
    calls = await session.scalars(select(Call.question).where(about).order_by(Call.id))
    return list(dict.fromkeys(calls.all()))


async def _feedback(session: AsyncSession, nr: int) -> list[FeedbackView]:
    reached = dict(
        (
            await session.execute(
                select(Notice.ref_id, func.count())
                .where(Notice.kind == FEEDBACK, Notice.bottleneck_id == nr)
                .group_by(Notice.ref_id)
            )
        ).all()
    )
    return [FeedbackView(f, reached.get(f.id, 0)) for f in await _of(session, Feedback, nr)]
