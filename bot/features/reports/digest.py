"""The weekly digest: what moved since the previous one, posted in the news channel.
The slot (day and time in the community's time zone) comes from config; each slot is
handled once (a ``JobRun`` row), also across restarts. A late digest (the bot was down)
still goes out and covers everything since the last digest that was handled."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.core.context import Tx
from bot.core.i18n import stage_label, t
from bot.core.replies import Reply
from bot.features.events.queries import upcoming_query
from bot.features.polls import service as polls
from bot.features.signals.visibility import counted
from bot.settings import Digest
from bot.storage.models import (
    Bottleneck,
    Event,
    Feedback,
    JobRun,
    Poll,
    ShareItem,
    Signal,
    StageChange,
)
from bot.vocabulary.consent import Place

JOB = "digest:weekly"
WEEK = timedelta(days=7)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def latest_slot(now: datetime, digest: Digest, zone: ZoneInfo) -> datetime:
    """The most recent configured digest moment at or before ``now`` (UTC)."""
    weekday = DAYS.index(digest.day_of_week.strip().lower()[:3])
    local = now.astimezone(zone)
    for back in range(8):
        day = local.date() - timedelta(days=back)
        if day.weekday() != weekday:
            continue
        slot = datetime.combine(day, time(digest.hour, digest.minute), tzinfo=zone)
        if slot <= local:
            return slot.astimezone(now.tzinfo)
    raise AssertionError("a weekly slot always exists within 8 days")


async def build(tx: Tx, since: datetime, until: datetime, lang: str) -> Reply | None:
    """What moved in [since, until); None when nothing did."""
    s = tx.session
    sections: list[str] = []
    titles = {b.id: b.title for b in (await s.scalars(select(Bottleneck))).all()}

    moves: dict[int, list[StageChange]] = defaultdict(list)
    created: list[int] = []
    for change in (
        await s.scalars(
            select(StageChange)
            .where(StageChange.at >= since, StageChange.at < until)
            .order_by(StageChange.id)
        )
    ).all():
        if change.from_stage is None:
            created.append(change.bottleneck_id)
        else:
            moves[change.bottleneck_id].append(change)
    if created:
        sections.append(t(lang, "digest-new"))
        sections += [t(lang, "digest-item", nr=b, title=titles.get(b, "?")) for b in created]
    if moves:
        sections.append(t(lang, "digest-moved"))
        for b, changes in moves.items():
            steps = [c.from_stage for c in changes[:1] if c.from_stage]
            steps += [c.to_stage for c in changes]
            path = " → ".join(stage_label(stage, lang) for stage in steps)
            sections.append(t(lang, "digest-move", nr=b, title=titles.get(b, "?"), path=path))

    closed = (
        await s.scalars(
            select(Poll).where(Poll.closed_at >= since, Poll.closed_at < until).order_by(Poll.id)
        )
    ).all()
    if closed:
        sections.append(t(lang, "digest-polls"))
        for poll in closed:
            res = await polls.result(tx, poll)
            verdict = "digest-poll-broad" if res.broadly_recognised else "digest-poll-not-broad"
            sections.append(
                t(
                    lang,
                    verdict,
                    nr=poll.id,
                    b=poll.bottleneck_id,
                    votes=res.votes,
                    title=titles.get(poll.bottleneck_id, "?"),
                )
            )

    fed = (
        await s.scalars(
            select(Feedback).where(Feedback.at >= since, Feedback.at < until).order_by(Feedback.id)
        )
    ).all()
    shared = (
        await s.scalars(
            select(ShareItem)
            .where(ShareItem.at >= since, ShareItem.at < until)
            .order_by(ShareItem.id)
        )
    ).all()
    if fed or shared:
        sections.append(t(lang, "digest-reported"))
        for fb in fed:
            b = fb.bottleneck_id
            sections.append(t(lang, "digest-feedback", nr=b, title=titles.get(b, "?")))
        for share in shared:
            b = share.bottleneck_id
            sections.append(
                t(lang, "digest-share", nr=b, title=titles.get(b, "?"), form=share.form.value)
            )

    signals = await s.scalar(
        select(func.count()).where(
            Signal.created_at >= since, Signal.created_at < until, counted(Place.PUBLIC)
        )
    )
    if not sections and not signals:
        return None
    head = [t(lang, "digest-signals", count=signals or 0)]
    if until - since > WEEK + timedelta(hours=1):  # a catch-up of more than one week
        head.insert(0, t(lang, "digest-since", since=tx.day(since, lang)))
    coming = (
        await s.scalars(upcoming_query(until).where(Event.starts_at < until + timedelta(days=14)))
    ).all()
    if coming:
        sections.append(t(lang, "digest-events"))
        sections += [
            t(lang, "digest-event", nr=e.id, title=e.title, when=tx.when(e.starts_at, lang))
            for e in coming
        ]
    sections += ["", t(lang, "digest-more")]
    return Reply(title=t(lang, "digest-title"), text="\n".join([*head, "", *sections]))


async def run(tx: Tx) -> str:
    """Handle the current digest slot once: ``posted``, ``empty``, ``baseline`` (first
    start: no digest right away), or ``done`` (already handled). However late it runs,
    it covers everything since the last handled slot, so no week's news is lost."""
    digest = tx.community.digest
    if not digest.enabled:
        return "disabled"
    slot = latest_slot(tx.now, digest, tx.zone)
    s = tx.session
    if await s.scalar(select(JobRun.id).where(JobRun.job == JOB, JobRun.slot == slot)):
        return "done"
    # "skipped" rows (older versions skipped late digests) cover nothing: look past them
    previous = await s.scalar(
        select(func.max(JobRun.slot)).where(JobRun.job == JOB, JobRun.status != "skipped")
    )
    if previous is None:
        status = "baseline"
    else:
        reply = await build(tx, _utc(previous, slot), slot, tx.community.language)
        status = "empty" if reply is None else "posted"
        if reply is not None:
            tx.post("news", reply)
    # unique (job, slot): a second process handling the same slot fails and rolls back
    s.add(JobRun(job=JOB, slot=slot, status=status, at=tx.now))
    await s.flush()
    return status


def _utc(value: datetime | str, like: datetime) -> datetime:
    """``max()`` bypasses the column type on SQLite; restore an aware UTC datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=like.tzinfo)
