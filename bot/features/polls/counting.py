"""Who counts, and once: each person has one vote per poll; after a merge a person who
voted in both polls keeps their latest vote (``fold``); an ambassador poll counts only
ambassadors; a bottleneck's figures count each person once, by their latest vote across
its polls (``latest_per_person``). Results and exports report people, not rows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.settings import PollRules
from bot.storage.models import Member, Poll, Vote
from bot.vocabulary import polls as rule
from bot.vocabulary.enums import Audience, Recognition, Role, Urgency


def counts(poll: Poll, member: Member) -> bool:
    """Whether this member's vote counts in this poll: an ambassador poll counts only
    ambassadors (staff see it but do not vote); other polls count everyone."""
    return poll.audience is not Audience.AMBASSADORS or member.role is Role.AMBASSADOR


def newer(a: Vote, b: Vote) -> bool:
    """Whether ``a`` is the later vote: the last change wins; on a tie the later row."""
    return (a.updated_at, a.id) > (b.updated_at, b.id)


@dataclass
class Result:
    votes: int  # people whose vote counts
    recognition: Counter[Recognition]
    urgency: Counter[Urgency]
    by_domain: dict[str, Counter[Recognition]]
    rules: PollRules
    needed: list[str] = field(default_factory=list)

    @property
    def recognised_share(self) -> float:
        return rule.share(self.recognition, *rule.RECOGNISING)

    @property
    def broadly_recognised(self) -> bool:
        return rule.broadly_recognised(
            self.recognition, self.rules.min_votes, self.rules.min_recognised_share
        )


def tally(rows: list[tuple[Vote, Member]], rules: PollRules) -> Result:
    res = Result(len(rows), Counter(), Counter(), {}, rules)
    for vote, member in rows:
        if vote.recognition:
            res.recognition[vote.recognition] += 1
            domain = member.domain.value if member.domain else "onbekend"
            res.by_domain.setdefault(domain, Counter())[vote.recognition] += 1
        if vote.urgency:
            res.urgency[vote.urgency] += 1
        if vote.needed:
            res.needed.append(vote.needed)
    return res


async def counted(session: AsyncSession, poll: Poll) -> list[tuple[Vote, Member]]:
    """The votes that count in this poll: one per person (a row per member and poll)."""
    rows = (
        await session.execute(
            select(Vote, Member)
            .join(Member, Member.id == Vote.member_id)
            .where(Vote.poll_id == poll.id)
            .order_by(Vote.id)
        )
    ).all()
    return [(v, m) for v, m in rows if counts(poll, m)]


async def latest_per_person(session: AsyncSession, bottleneck_id: int) -> list[tuple[Vote, Member]]:
    """A bottleneck's votes with each person once: their latest counting vote across all
    its polls (also polls that came with a merge)."""
    rows = (
        await session.execute(
            select(Vote, Member, Poll)
            .join(Member, Member.id == Vote.member_id)
            .join(Poll, Poll.id == Vote.poll_id)
            .where(Poll.bottleneck_id == bottleneck_id)
        )
    ).all()
    latest: dict[int, tuple[Vote, Member]] = {}
    for vote, member, poll in rows:
        if not counts(poll, member):
            continue
        seen = latest.get(member.id)
        if seen is None or newer(vote, seen[0]):
            latest[member.id] = (vote, member)
    return [latest[k] for k in sorted(latest)]


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
