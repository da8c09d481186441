"""Export for staff and partners: bottlenecks (stage, domain, signal count, poll results,
last feedback) and signals per domain. What of each signal goes in follows the member's
choice (``bot.features.signals.disclosure``, place EXPORT): words only when she agreed to
be quoted (and then never with her name), anonymous signals without a name, staff-only
signals not at all (not even in the counts)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core import audit
from bot.features.signals.disclosure import counted, disclose
from bot.storage.models import Bottleneck, Feedback, Member, Poll, Signal, Vote
from bot.vocabulary.consent import Place
from bot.vocabulary.enums import Recognition

BOTTLENECK_FIELDS = (
    "nr",
    "titel",
    "fase",
    "domein",
    "signalen",
    "peilingen",
    "stemmen",
    "herkend_ja",
    "herkend_deels",
    "herkend_nee",
    "laatste_terugkoppeling",
    "laatste_terugkoppeling_datum",
)
SIGNAL_FIELDS = (
    "nr",
    "domein",
    "status",
    "bron",
    "oproep",
    "knelpunt",
    "van",
    "gebruik",
    "datum",
    "tekst",
)


async def collect(session: AsyncSession) -> dict[str, list[dict[str, Any]]]:
    return {"knelpunten": await _bottlenecks(session), "signalen": await _signals(session)}


async def _bottlenecks(session: AsyncSession) -> list[dict[str, Any]]:
    rows = (
        await session.scalars(
            select(Bottleneck).where(Bottleneck.merged_into_id.is_(None)).order_by(Bottleneck.id)
        )
    ).all()
    signals = (await session.scalars(select(Signal).where(counted(Place.EXPORT)))).all()
    polls = (await session.scalars(select(Poll))).all()
    votes = (
        await session.execute(select(Vote, Poll.bottleneck_id).join(Poll, Poll.id == Vote.poll_id))
    ).all()
    feedback = (await session.scalars(select(Feedback).order_by(Feedback.at))).all()
    out = []
    for b in rows:
        mine = [v for v, bid in votes if bid == b.id]
        last = [f for f in feedback if f.bottleneck_id == b.id][-1:]
        out.append(
            {
                "nr": b.id,
                "titel": b.title,
                "fase": b.stage.value,
                "domein": b.domain.value if b.domain else "",
                "signalen": sum(1 for s in signals if s.bottleneck_id == b.id),
                "peilingen": sum(1 for p in polls if p.bottleneck_id == b.id),
                "stemmen": len(mine),
                "herkend_ja": sum(1 for v in mine if v.recognition is Recognition.YES),
                "herkend_deels": sum(1 for v in mine if v.recognition is Recognition.PARTLY),
                "herkend_nee": sum(1 for v in mine if v.recognition is Recognition.NO),
                "laatste_terugkoppeling": last[0].text if last else "",
                "laatste_terugkoppeling_datum": last[0].at.isoformat() if last else "",
            }
        )
    return out


async def _signals(session: AsyncSession) -> list[dict[str, Any]]:
    rows = (
        await session.execute(
            select(Signal, Member)
            .outerjoin(Member, Member.id == Signal.member_id)
            .order_by(Signal.domain, Signal.id)
        )
    ).all()
    out = []
    for s, m in rows:
        shown = disclose(s, m, Place.EXPORT)
        if shown is None:
            continue
        out.append(
            {
                "nr": s.id,
                "domein": s.domain.value if s.domain else "",
                "status": s.status.value,
                "bron": s.source.value,
                "oproep": s.call_id or "",
                "knelpunt": s.bottleneck_id or "",
                "van": shown.who("nl"),
                "gebruik": s.consent.value,
                "datum": s.created_at.isoformat(),
                "tekst": shown.text or "",
            }
        )
    return out


async def export(
    sessions: async_sessionmaker[AsyncSession], fmt: str, now: datetime | None = None
) -> str:
    """The export as text; it is recorded in the audit log (by the command line)."""
    async with sessions() as session, session.begin():
        data = await collect(session)
        audit.record(session, now or datetime.now(UTC), None, "export", f"formaat:{fmt}")
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return (
        _csv("knelpunten", BOTTLENECK_FIELDS, data["knelpunten"])
        + "\n"
        + _csv("signalen", SIGNAL_FIELDS, data["signalen"])
    )


def _csv(name: str, fields: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    buffer.write(f"# {name}\n")
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
