"""Close the loop: every feedback item reaches each involved person (contributed a linked
or duplicate signal, or voted) once, at once, in their language, if their preference
allows it; every stage move is queued for the daily news bundle (``news``). Each message
that reached someone is recorded as a ``Notice``, which also answers the staff's question
"whose contributors have heard nothing for N days?"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.context import Tx, reachable
from bot.core.i18n import stage_label
from bot.core.replies import Reply
from bot.features.bottlenecks.events import StageMoved
from bot.features.bottlenecks.queries import involved, involved_ids
from bot.storage.database import insert_new
from bot.storage.models import Bottleneck, Feedback, Member, Notice, Poll, Signal, Vote
from bot.vocabulary.enums import Consent
from bot.vocabulary.news import NewsKind, NewsPreference, wants
from bot.vocabulary.stages import OPEN_STAGES

STAGE, FEEDBACK = NewsKind.STAGE.value, NewsKind.FEEDBACK.value


async def noticed(
    tx: Tx, members: list[Member], kind: str, ref_id: int, bottleneck_id: int
) -> None:
    """Record that these members heard about this update (once each, ever): one INSERT
    for all (as ORM objects, SQLite would get one INSERT each, to read each new id back)."""
    if not members:
        return
    rows = [
        {
            "kind": kind,
            "ref_id": ref_id,
            "bottleneck_id": bottleneck_id,
            "member_id": member.id,
            "at": tx.now,
        }
        for member in members
    ]
    await tx.session.execute(insert(Notice), rows)


# Recipients per transaction: a report-back to 100,000 holds the write lock for one chunk
# at a time, so intake slips in between chunks.
CHUNK = 50


async def feedback_chunk(
    tx: Tx, item: Feedback, render: Callable[[str], Reply], chunk: int | None = None
) -> int:
    """DM ``render(language)`` to the next ``chunk`` involved members after the item's
    cursor whose preference wants feedback and who did not get it yet; move the cursor
    (None: everyone is done) in the same transaction. Returns how many were reached."""
    chunk = chunk or CHUNK
    page = await involved_after(tx.session, item.bottleneck_id, item.report_cursor or 0, chunk)
    wanting = reachable((m for m in page if m.id != item.by_member_id), NewsKind.FEEDBACK)
    fresh = await _claim_notices(tx, wanting, item)
    replies: dict[str, Reply] = {}  # one text per language, not one per member

    def reply(member: Member) -> Reply:
        if member.language not in replies:
            replies[member.language] = render(member.language)
        return replies[member.language]

    reached = tx.fan_out(fresh, NewsKind.FEEDBACK, reply)
    item.report_cursor = page[-1].id if len(page) == chunk else None
    return len(reached)


async def _claim_notices(tx: Tx, members: list[Member], item: Feedback) -> list[Member]:
    """Record the item's notice for these members in one ``INSERT … ON CONFLICT DO
    NOTHING``; returns those who had none yet (who get the DM). The unique index answers
    "reached already?" per row. A separate look-up of the chunk's notices ran on
    PostgreSQL as a scan of all the item's notices (statistics stale while the report-back
    fills the table), so chunks grew from 28 to 83 ms over 100,000 members."""
    rows = [
        {
            "kind": FEEDBACK,
            "ref_id": item.id,
            "bottleneck_id": item.bottleneck_id,
            "member_id": member.id,
            "at": tx.now,
        }
        for member in members
    ]
    new = {
        member_id
        for (member_id,) in await insert_new(tx.session, Notice, rows, (Notice.member_id,))
    }
    return [member for member in members if member.id in new]


async def involved_after(
    session: AsyncSession, bottleneck_id: int, after: int, limit: int
) -> list[Member]:
    """The next ``limit`` involved members by id after ``after`` (``involved`` in pages).
    Each source is read as a range of an index — signals per (bottleneck, consent, member),
    votes per (poll, member) — and the pages merged here: the cost of a page does not
    grow with the bottleneck's size."""
    sources = [
        select(Signal.member_id).where(
            Signal.bottleneck_id == bottleneck_id,
            Signal.consent == consent,
            Signal.member_id > after,
        )
        for consent in Consent
    ]
    polls = await session.scalars(select(Poll.id).where(Poll.bottleneck_id == bottleneck_id))
    sources += [
        select(Vote.member_id).where(Vote.poll_id == poll_id, Vote.member_id > after)
        for poll_id in polls.all()
    ]
    ids: set[int] = set()
    for source in sources:
        page = source.distinct().order_by(source.selected_columns[0]).limit(limit)
        ids.update(i for i in (await session.scalars(page)).all() if i is not None)
    first = sorted(ids)[:limit]
    if not first:
        return []
    found = await session.scalars(select(Member).where(Member.id.in_(first)).order_by(Member.id))
    return list(found.all())


async def still_to_reach(session: AsyncSession, item: Feedback) -> int:
    """How many involved members after the cursor want feedback (the chunks to come)."""
    prefs = [p for p in NewsPreference if wants(p, NewsKind.FEEDBACK)]
    count = await session.scalar(
        select(func.count())
        .select_from(Member)
        .where(
            Member.id.in_(involved_ids(item.bottleneck_id)),
            Member.id > (item.report_cursor or 0),
            Member.id != item.by_member_id,
            Member.platform_user_id.is_not(None),  # not erased
            Member.news.in_(prefs),
        )
    )
    return int(count or 0)


async def stage_moved(tx: Tx, moved: StageMoved) -> int:
    """Listens to ``StageMoved``: everyone involved who wants stage news gets it in their
    next daily bundle (``news.send_bundles``); returns how many will."""
    bottleneck, change = moved.bottleneck, moved.change
    people = await involved(tx.session, bottleneck.id, exclude=tx.member.id)
    queued = tx.fan_out(people, NewsKind.STAGE, bottleneck_id=bottleneck.id, ref_id=change.id)
    return len(queued)


# -- who heard nothing for a while ------------------------------------------------------------


@dataclass
class Quiet:
    bottleneck: Bottleneck
    waiting: int  # involved people (who want messages) without news for N days
    involved: int
    silent_since: datetime  # the oldest "last heard" among them


async def _first_contributions(session: AsyncSession) -> dict[tuple[int, int], datetime]:
    signals = select(Signal.bottleneck_id, Signal.member_id, func.min(Signal.created_at)).where(
        Signal.bottleneck_id.is_not(None), Signal.member_id.is_not(None)
    )
    votes = select(Poll.bottleneck_id, Vote.member_id, func.min(Vote.created_at)).join(
        Poll, Poll.id == Vote.poll_id
    )
    first: dict[tuple[int, int], datetime] = {}
    for query in (
        signals.group_by(Signal.bottleneck_id, Signal.member_id),
        votes.group_by(Poll.bottleneck_id, Vote.member_id),
    ):
        for b_id, m_id, at in (await session.execute(query)).all():
            if b_id is None or m_id is None:
                continue
            at = _aware(at)
            key = (b_id, m_id)
            first[key] = min(first.get(key, at), at)
    return first


def _aware(value: Any) -> datetime:
    """Aggregates bypass the column type on SQLite: make them UTC-aware again."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    moment: datetime = value.replace(tzinfo=UTC) if value.tzinfo is None else value
    return moment


async def quiet(session: AsyncSession, now: datetime, days: int) -> list[Quiet]:
    """Open bottlenecks with people who contributed or voted and heard nothing about it
    (no stage move, no feedback reached them) for at least ``days`` days."""
    limit = now - timedelta(days=days)
    first = await _first_contributions(session)
    heard = {
        (b_id, m_id): _aware(at)
        for b_id, m_id, at in (
            await session.execute(
                select(Notice.bottleneck_id, Notice.member_id, func.max(Notice.at)).group_by(
                    Notice.bottleneck_id, Notice.member_id
                )
            )
        ).all()
    }
    prefs: dict[int, NewsPreference] = {
        m_id: news for m_id, news in (await session.execute(select(Member.id, Member.news))).all()
    }
    found: list[Quiet] = []
    query = (
        select(Bottleneck)
        .where(Bottleneck.merged_into_id.is_(None), Bottleneck.stage.in_(OPEN_STAGES))
        .order_by(Bottleneck.id)
    )
    for bottleneck in (await session.scalars(query)).all():
        people = [
            (m, at)
            for (b, m), at in first.items()
            if b == bottleneck.id and wants(prefs.get(m, NewsPreference.OFF), NewsKind.FEEDBACK)
        ]
        last = [heard.get((bottleneck.id, m), at) for m, at in people]
        waiting = [at for at in last if at <= limit]
        if waiting:
            found.append(Quiet(bottleneck, len(waiting), len(people), min(waiting)))
    found.sort(key=lambda q: q.silent_since)
    return found


async def cmd_quiet(tx: Tx, args: dict[str, Any]) -> None:
    days = args.get("dagen") or 30
    found = await quiet(tx.session, tx.now, days)
    if not found:
        tx.answer(Reply(text=tx.t("loop-quiet-none", days=days)))
        return
    lines = [tx.t("loop-quiet-head", days=days)]
    for q in found:
        lines.append(
            tx.t(
                "loop-quiet-item",
                nr=q.bottleneck.id,
                title=q.bottleneck.title,
                stage=stage_label(q.bottleneck.stage, tx.lang),
                waiting=q.waiting,
                involved=q.involved,
                days=(tx.now - q.silent_since).days,
            )
        )
    lines.append(tx.t("loop-quiet-hint"))
    tx.answer(Reply(text="\n".join(lines)))
