"""Test helpers: drive the console platform and read what the bot sent."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sqlalchemy import JSON, String, Text, select

from bot.app import App
from bot.features.polls.counting import newer
from bot.handlers.console.session import ConsoleSession
from bot.storage.models import Base, Member, OutboxMessage, Poll, Vote
from bot.vocabulary.enums import Audience, Recognition, Role, Urgency


class Harness:
    """Runs console lines against an app and keeps the printed output."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.output: list[str] = []
        self.session = ConsoleSession(app, self.output.append)

    async def run(self, *lines: str) -> str:
        """Run lines; return what the bot printed for them."""
        start = len(self.output)
        for line in lines:
            await self.session.line(line)
        return "\n".join(self.output[start:])

    async def delivered(self) -> str:
        """Deliver what the core wrote outside ``run`` (direct core calls); return it."""
        start = len(self.output)
        await self.session.flush()
        return "\n".join(self.output[start:])

    async def outbox(self) -> list[OutboxMessage]:
        async with self.app.sessions() as session:
            return list((await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
                        .all())

    async def last_id(self) -> int:
        rows = await self.outbox()
        return rows[-1].id if rows else 0

    async def dms_to(self, after: int = 0) -> list[str]:
        """Names of members who received a DM (outbox id > ``after``), one entry per DM."""
        async with self.app.sessions() as session:
            rows = await session.execute(
                select(Member.platform_user_id).join(OutboxMessage,
                                                     OutboxMessage.member_id == Member.id)
                .where(OutboxMessage.target_kind == "dm", OutboxMessage.id > after)
                .order_by(OutboxMessage.id))
            return [r[0] for r in rows]


async def traces(app: App, *needles: str) -> list[tuple[str, str, str]]:
    """Every (table, column, needle) where a needle occurs (case-insensitive) in any text
    or JSON column of any table: the test of "leaves no trace"."""
    wanted = [n.lower() for n in needles if n]
    found = []
    async with app.sessions() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)
                       or isinstance(getattr(c.type, "impl", None), String | Text | JSON)]
            for column in columns:
                for (value,) in await session.execute(select(column)):
                    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) \
                        else value
                    found += [(table.name, column.name, n) for n in wanted if n in shown.lower()]
    return sorted(set(found))


# -- poll counting as Python did it before SQL did (the oracle of tests/features) -----------


def _counts(poll: Poll, member: Member) -> bool:
    return poll.audience is not Audience.AMBASSADORS or member.role is Role.AMBASSADOR


def python_tally(rows: list[tuple[Vote, Member]]) -> tuple[Any, ...]:
    recognition: Counter[Recognition] = Counter()
    urgency: Counter[Urgency] = Counter()
    by_domain: dict[str, Counter[Recognition]] = {}
    needed = []
    for vote, member in rows:
        if vote.recognition:
            recognition[vote.recognition] += 1
            domain = member.domain.value if member.domain else "onbekend"
            by_domain.setdefault(domain, Counter())[vote.recognition] += 1
        if vote.urgency:
            urgency[vote.urgency] += 1
        if vote.needed:
            needed.append(vote.needed)
    return len(rows), recognition, urgency, by_domain, needed


async def python_counted(session: Any, poll: Poll) -> list[tuple[Vote, Member]]:
    rows = await session.execute(
        select(Vote, Member).join(Member, Member.id == Vote.member_id)
        .where(Vote.poll_id == poll.id).order_by(Vote.id))
    return [(v, m) for v, m in rows.all() if _counts(poll, m)]


async def python_latest(session: Any, bottleneck_id: int) -> tuple[int, Counter[Recognition]]:
    rows = await session.execute(
        select(Vote, Member, Poll).join(Member, Member.id == Vote.member_id)
        .join(Poll, Poll.id == Vote.poll_id).where(Poll.bottleneck_id == bottleneck_id))
    latest: dict[int, Vote] = {}
    for vote, member, poll in rows.all():
        if _counts(poll, member):
            seen = latest.get(member.id)
            if seen is None or newer(vote, seen):
                latest[member.id] = vote
    return len(latest), Counter(v.recognition for v in latest.values() if v.recognition)
