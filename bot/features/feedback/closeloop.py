"""Close the loop: every stage move and every feedback item reaches each involved person
(contributed a linked signal or voted) once, in their language, if they want messages.
Each message is recorded as a ``Notice``, which also answers the staff's question
"whose contributors have heard nothing for N days?"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.context import Tx
from bot.core.i18n import stage_label, t
from bot.core.replies import Reply
from bot.features.bottlenecks.events import StageMoved
from bot.features.bottlenecks.queries import involved
from bot.storage.models import Bottleneck, Member, Notice, Poll, Signal, Vote
from bot.vocabulary.stages import OPEN_STAGES

STAGE, FEEDBACK = "stage", "feedback"


async def notify(
    tx: Tx, bottleneck: Bottleneck, kind: str, ref_id: int, render: Callable[[str], Reply]
) -> int:
    """DM ``render(language)`` to each involved member who wants messages and did not get
    this update yet; return how many were reached."""
    already = set(
        (
            await tx.session.scalars(
                select(Notice.member_id).where(Notice.kind == kind, Notice.ref_id == ref_id)
            )
        ).all()
    )
    sent = 0
    for member in await involved(tx.session, bottleneck.id, exclude=tx.member.id):
        if not member.notify or member.id in already:
            continue
        tx.session.add(
            Notice(
                kind=kind,
                ref_id=ref_id,
                bottleneck_id=bottleneck.id,
                member_id=member.id,
                at=tx.now,
            )
        )
        tx.dm(member, render(member.language))
        sent += 1
    return sent


async def stage_moved(tx: Tx, moved: StageMoved) -> int:
    """Listens to ``StageMoved``: everyone involved hears about the move, once."""
    bottleneck, change = moved.bottleneck, moved.change

    def render(lang: str) -> Reply:
        reason = "\n" + t(lang, "loop-stage-reason", reason=change.reason) if change.reason else ""
        return Reply(
            title=t(lang, "loop-stage-title", nr=bottleneck.id),
            text=t(
                lang,
                "loop-stage",
                title=bottleneck.title,
                frm=stage_label(change.from_stage, lang) if change.from_stage else "-",
                to=stage_label(change.to_stage, lang),
                reason=reason,
                nr=bottleneck.id,
            ),
        )

    return await notify(tx, bottleneck, STAGE, change.id, render)


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
    wants = dict((await session.execute(select(Member.id, Member.notify))).all())
    found: list[Quiet] = []
    query = (
        select(Bottleneck)
        .where(Bottleneck.merged_into_id.is_(None), Bottleneck.stage.in_(OPEN_STAGES))
        .order_by(Bottleneck.id)
    )
    for bottleneck in (await session.scalars(query)).all():
        people = [(m, at) for (b, m), at in first.items() if b == bottleneck.id and wants.get(m)]
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
