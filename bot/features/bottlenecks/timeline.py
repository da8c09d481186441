"""A bottleneck's timeline: the answer to "which steps were taken?"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.context import Tx
from bot.core.i18n import cause_label, day, stage_label, t, when
from bot.core.members import shown_name
from bot.core.replies import Reply
from bot.features.bottlenecks.queries import involved_count, signal_counts, viewer
from bot.storage.models import (
    AgendaItem,
    AgendaUpdate,
    Bottleneck,
    Cause,
    Feedback,
    Member,
    Poll,
    ShareItem,
    StageChange,
)

Step = TypeVar("Step", StageChange, Cause, ShareItem, AgendaItem, Poll, Feedback)


async def _of(session: AsyncSession, model: type[Step], bottleneck_id: int) -> Sequence[Step]:
    """A bottleneck's rows of one kind, oldest first."""
    query = select(model).where(model.bottleneck_id == bottleneck_id).order_by(model.id)
    return (await session.scalars(query)).all()


async def entries(
    session: AsyncSession, b: Bottleneck, lang: str, zone: ZoneInfo
) -> list[tuple[datetime, str]]:
    """Every step taken, oldest first, as (moment, line in ``lang``); also for the
    dashboard and the dossier, which have no chat request."""
    changes = await _of(session, StageChange, b.id)
    names = await _names(session, {c.by_member_id for c in changes}, lang)
    out: list[tuple[datetime, str]] = []

    for c in changes:
        if c.from_stage is None:
            line = t(lang, "tl-created", who=names.get(c.by_member_id, "?"))
        else:
            line = t(
                lang,
                "tl-stage",
                frm=stage_label(c.from_stage, lang),
                to=stage_label(c.to_stage, lang),
                who=names.get(c.by_member_id, "?"),
            )
            if c.reason:
                line += t(lang, "tl-reason", reason=c.reason)
        out.append((c.at, line))
    for cause in await _of(session, Cause, b.id):
        expert = t(lang, "tl-expert", expert=cause.expert) if cause.expert else ""
        out.append(
            (
                cause.at,
                t(
                    lang,
                    "tl-cause",
                    area=cause_label(cause.area, lang),
                    text=cause.text,
                    expert=expert,
                ),
            )
        )
    for item in await _of(session, ShareItem, b.id):
        out.append((item.at, t(lang, "tl-share", form=item.form.value, text=item.text)))
    for a in await _of(session, AgendaItem, b.id):
        out += await _agenda(session, a, lang, zone)
    for poll in await _of(session, Poll, b.id):
        out.append((poll.created_at, t(lang, "tl-poll", nr=poll.id)))
        if poll.merged_into_id:
            line = t(lang, "tl-poll-merged", nr=poll.id, into=poll.merged_into_id)
            out.append((poll.closed_at or poll.created_at, line))
        elif poll.closed_at:
            out.append((poll.closed_at, t(lang, "tl-poll-closed", nr=poll.id)))
    for f in await _of(session, Feedback, b.id):
        out.append((f.at, t(lang, "tl-feedback", text=f.text)))
    merged = (
        await session.scalars(select(Bottleneck).where(Bottleneck.merged_into_id == b.id))
    ).all()
    for m in merged:
        out.append((m.merged_at or m.updated_at, t(lang, "tl-merged", nr=m.id, title=m.title)))
    out.sort(key=lambda e: e[0])
    return out


async def _names(session: AsyncSession, ids: set[int], lang: str) -> dict[int, str]:
    """The names of these members (only these: a community may have 10,000)."""
    found = await session.scalars(select(Member).where(Member.id.in_(ids)))
    return {m.id: shown_name(m, lang=lang).lstrip("@") for m in found.all()}


async def _agenda(
    session: AsyncSession, a: AgendaItem, lang: str, zone: ZoneInfo
) -> list[tuple[datetime, str]]:
    """An agenda step, each later update of it, and the follow-up reminder."""
    line = t(
        lang,
        "tl-agenda",
        step=a.id,
        table=a.table_name,
        action=a.action.value,
        date=when(a.date, lang, zone) if a.date else "-",
    )
    if a.outcome:
        line += t(lang, "tl-outcome", outcome=a.outcome)
    updates = (
        await session.scalars(
            select(AgendaUpdate)
            .where(AgendaUpdate.agenda_item_id == a.id)
            .order_by(AgendaUpdate.id)
        )
    ).all()
    if a.follow_up and not any(u.follow_up for u in updates):  # else an update shows it
        line += t(lang, "tl-follow-up", date=day(a.follow_up, lang, zone))
    out = [(a.at, line)]
    for u in updates:
        text = t(lang, "tl-agenda-update", step=a.id)
        if u.outcome:
            text += t(lang, "tl-outcome", outcome=u.outcome)
        if u.follow_up:
            text += t(lang, "tl-follow-up", date=day(u.follow_up, lang, zone))
        out.append((u.at, text))
    if a.follow_up_done_at:
        out.append((a.follow_up_done_at, t(lang, "tl-follow-up-reminded", step=a.id)))
    return out


async def render(tx: Tx, b: Bottleneck) -> Reply:
    session, lang = tx.session, tx.lang
    count = (await signal_counts(session, [b.id], viewer(tx))).get(b.id, 0)
    people = await involved_count(session, b.id)
    head = [
        t(
            lang,
            "bottleneck-head",
            stage=stage_label(b.stage, lang),
            domain=b.domain.value if b.domain else "-",
            count=count,
            people=people,
        )
    ]
    if b.merged_into_id:
        head.append(t(lang, "bottleneck-merged", nr=b.id, into=b.merged_into_id))
    if b.description:
        head.append(b.description)
    lines = [*head, "", t(lang, "tl-head")]
    lines += [f"• {tx.when(at)} — {text}" for at, text in await entries(session, b, lang, tx.zone)]
    return Reply(title=t(lang, "bottleneck-title", nr=b.id, title=b.title), text="\n".join(lines))
