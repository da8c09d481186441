"""The audit log of staff actions, read: the newest entries for ``/status audit`` and the
whole log as JSON or CSV (``python -m bot audit``). Entries hold member numbers, roles,
commands and numbers — never a member's words or platform id."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core import audit
from bot.core.i18n import t
from bot.core.members import shown_name
from bot.storage.models import AuditEntry, Member

FIELDS = ("nr", "tijd", "wie", "lid", "rol", "actie", "details", "uitkomst")


async def entries(
    session: AsyncSession, limit: int | None = None, lang: str = "nl"
) -> list[dict[str, Any]]:
    """Oldest first; with ``limit`` the newest ``limit``."""
    query = (
        select(AuditEntry, Member)
        .outerjoin(Member, Member.id == AuditEntry.member_id)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    rows = list(reversed((await session.execute(query)).all()))
    return [
        {
            "nr": entry.id,
            "tijd": entry.at.isoformat(),
            "wie": shown_name(member, lang=lang) if member else t(lang, "audit-cli"),
            "lid": entry.member_id or "",
            "rol": entry.role,
            "actie": entry.action,
            "details": entry.detail,
            "uitkomst": entry.outcome,
        }
        for entry, member in rows
    ]


async def export(sessions: async_sessionmaker[AsyncSession], fmt: str, now: datetime) -> str:
    """The whole log; the export itself is an entry too."""
    async with sessions() as session, session.begin():
        audit.record(session, now, None, "audit export", f"formaat:{fmt}")
        await session.flush()
        rows = await entries(session)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
