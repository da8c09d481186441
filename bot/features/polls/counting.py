"""Who counts, and once: each person has one vote per poll; after a merge a person who
voted in both polls keeps their latest vote (``fold``); an ambassador poll counts only
ambassadors; a bottleneck's figures count each person once, by their latest vote across
its polls (``recognition_per_bottleneck``). Results and exports report people, not rows.
Everything is counted in SQL: a poll with 100,000 votes loads no vote."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import PollRules
from bot.storage.models import Member, Poll, Vote
from bot.vocabulary import polls as rule
from bot.vocabulary.enums import Audience, Recognition, Role, Urgency

NEEDS_PAGE = 10  # "wat is er nodig" texts per page of a result in chat


def counting(poll: Poll) -> ColumnElement[bool]:
    """SQL: the votes that count in this poll, one per person (a row per member and poll);
    an ambassador poll counts only ambassadors (staff see it but do not vote). Join
    ``Member`` on the vote's member."""
    where = Vote.poll_id == poll.id
    if poll.audience is Audience.AMBASSADORS:
        where = where & (Member.role == Role.AMBASSADOR)
    return where


Query = TypeVar("Query", bound=Select[*tuple[Any, ...]])


def _counted(query: Query, poll: Poll) -> Query:
    """``query`` over the poll's counting votes; ``Member`` joined only when the audience
    needs her role (a poll for everyone reads its votes alone, from an index)."""
    query = query.select_from(Vote)
    if poll.audience is Audience.AMBASSADORS:
        query = query.join(Member, Member.id == Vote.member_id)
    return query.where(counting(poll))


def newer(a: Vote, b: Vote) -> bool:
    """Whether ``a`` is the later vote: the last change wins; on a tie the later row."""
    return (a.updated_at, a.id) > (b.updated_at, b.id)


# What was written under "wat is er nodig?" (an empty text is no answer). Written out
# (no bound parameter), so the planner sees it is the predicate of the partial index
# ``ix_votes_needed`` (migration 0008).
WROTE = Vote.needed.is_not(None) & (Vote.needed != literal_column("''"))


@dataclass
class Result:
    votes: int  # people whose vote counts
    recognition: Counter[Recognition]
    urgency: Counter[Urgency]
    by_domain: dict[str, Counter[Recognition]]
    rules: PollRules
    needed: int = 0  # people who wrote what is needed (the texts: ``needs``)

    @property
    def recognised_share(self) -> float:
        return rule.share(self.recognition, *rule.RECOGNISING)

    @property
    def broadly_recognised(self) -> bool:
        return rule.broadly_recognised(
            self.recognition, self.rules.min_votes, self.rules.min_recognised_share
        )


async def tally(session: AsyncSession, poll: Poll, rules: PollRules) -> Result:
    """The poll's counting votes counted in SQL: one GROUP BY over the index
    ``ix_votes_tally``, which holds each voter's current domain (``Vote.voter_domain``, kept
    by triggers), so a poll for everyone joins no member; the needs counted from theirs."""
    columns = (Vote.recognition, Vote.urgency, Vote.voter_domain)
    query = _counted(select(*columns, func.count()), poll).group_by(*columns)
    res = Result(0, Counter(), Counter(), {}, rules)
    for recognition, urgency, domain, n in (await session.execute(query)).all():
        res.votes += n
        if recognition is not None:
            res.recognition[recognition] += n
            place = domain.value if domain else "onbekend"
            res.by_domain.setdefault(place, Counter())[recognition] += n
        if urgency is not None:
            res.urgency[urgency] += n
    wrote = _counted(select(func.count()), poll).where(WROTE)
    res.needed = int(await session.scalar(wrote) or 0)
    return res


async def voters(session: AsyncSession, poll: Poll) -> int:
    """How many people's votes count (the card's running count)."""
    return int(await session.scalar(_counted(select(func.count()), poll)) or 0)


async def needs(session: AsyncSession, poll: Poll, page: int, size: int = NEEDS_PAGE) -> list[str]:
    """Page ``page`` (from 1) of what people wrote is needed, in the order they voted."""
    query = _counted(select(Vote.needed), poll).where(WROTE).order_by(Vote.id)
    found = await session.scalars(query.offset((page - 1) * size).limit(size))
    return [n for n in found.all() if n]


def counts_anywhere() -> ColumnElement[bool]:
    """SQL: votes that count in their poll (join ``Poll`` and ``Member``)."""
    return (Poll.audience != Audience.AMBASSADORS) | (Member.role == Role.AMBASSADOR)


async def every_need(
    session: AsyncSession, size: int = 2000
) -> AsyncIterator[list[tuple[int, int, datetime, str]]]:
    """Every need written in every poll as (poll, bottleneck, when, text), per poll in
    voting order, ``size`` at a time while the database reads on (the exports)."""
    query = (
        select(Vote.poll_id, Poll.bottleneck_id, Vote.updated_at, Vote.needed)
        .join(Poll, Poll.id == Vote.poll_id)
        .join(Member, Member.id == Vote.member_id)
        .where(WROTE, counts_anywhere())
        .order_by(Vote.poll_id, Vote.id)
        .execution_options(yield_per=size)
    )
    async for part in (await session.stream(query)).partitions():
        yield [(p, b, at, text or "") for p, b, at, text in part]


async def recognition_per_bottleneck(
    session: AsyncSession, ids: list[int]
) -> dict[int, tuple[int, Counter[Recognition]]]:
    """Per bottleneck: its people and their recognition, each person once by their latest
    counting vote across all its polls (also polls that came with a merge)."""
    ranked = (
        select(
            Poll.bottleneck_id.label("bottleneck"),
            Vote.recognition.label("recognition"),
            func.row_number()
            .over(
                partition_by=(Poll.bottleneck_id, Vote.member_id),
                order_by=(Vote.updated_at.desc(), Vote.id.desc()),
            )
            .label("rank"),
        )
        .join(Poll, Poll.id == Vote.poll_id)
        .join(Member, Member.id == Vote.member_id)
        .where(Poll.bottleneck_id.in_(ids), counts_anywhere())
        .subquery()
    )
    query = (
        select(ranked.c.bottleneck, ranked.c.recognition, func.count())
        .where(ranked.c.rank == 1)
        .group_by(ranked.c.bottleneck, ranked.c.recognition)
    )
    out: dict[int, tuple[int, Counter[Recognition]]] = {}
    for b_id, recognition, n in (await session.execute(query)).all():
        people, counts = out.get(b_id, (0, Counter()))
        if recognition is not None:
            counts[recognition] += n
        out[b_id] = (people + n, counts)
    return out


async def fold(session: AsyncSession, source: Poll, target: Poll) -> None:
    """Move ``source``'s votes into ``target``: a person who voted in both keeps the
    later vote (what they wrote under "wat is er nodig?" is kept either way)."""
    mine = {
        v.member_id: v
        for v in (await session.scalars(select(Vote).where(Vote.poll_id == target.id))).all()
    }
    for vote in (await session.scalars(select(Vote).where(Vote.poll_id == source.id))).all():
        kept = mine.get(vote.member_id)
        if kept is None:
            vote.poll_id = target.id
            continue
        if newer(vote, kept):
            kept.recognition, kept.urgency = vote.recognition, vote.urgency
            kept.needed = vote.needed or kept.needed
            kept.updated_at = vote.updated_at
        else:
            kept.needed = kept.needed or vote.needed
        await session.delete(vote)
    await session.flush()
