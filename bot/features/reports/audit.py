"""The audit log of staff actions, read: the newest entries for ``/status audit`` and the
dashboard, the whole log as CSV or JSON (``python -m bot audit``, written by the one
export writer). Entries hold member numbers, roles, commands and numbers — never a
member's words or platform id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core import audit
from bot.core.i18n import t
from bot.core.members import shown_name
from bot.features.reports import writers
from bot.features.reports.export import CSV, JSON, ExportFile
from bot.features.reports.tables import Cell, Table
from bot.settings import Community
from bot.storage.models import AuditEntry, Member

COLUMNS = ("nr", "tijd", "wie", "lid", "rol", "actie", "details", "uitkomst")
FORMATS = ("csv", "json")
NAME = "auditlog"


@dataclass(frozen=True)
class Entry:
    entry: AuditEntry
    who: str  # the member as shown (an erased one is no name), or "the command line"


async def entries(session: AsyncSession, limit: int | None = None, lang: str = "nl") -> list[Entry]:
    """Oldest first; with ``limit`` the newest ``limit``."""
    query = (
        select(AuditEntry, Member)
        .outerjoin(Member, Member.id == AuditEntry.member_id)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    rows = list(reversed((await session.execute(query)).all()))
    return [
        Entry(entry, shown_name(member, lang=lang) if member else t(lang, "audit-cli"))
        for entry, member in rows
    ]


def table(found: list[Entry]) -> Table:
    """The entries as the exported table (names without the chat's "@")."""
    rows: list[tuple[Cell, ...]] = [
        (e.id, e.at, x.who.removeprefix("@"), e.member_id, e.role, e.action, e.detail, e.outcome)
        for x in found
        for e in (x.entry,)
    ]
    return Table(NAME, COLUMNS, rows)


async def export(
    sessions: async_sessionmaker[AsyncSession],
    community: Community,
    fmt: str,
    now: datetime,
    by: Member | None = None,
) -> ExportFile:
    """The whole log as CSV (for a Dutch spreadsheet, as every export) or JSON; the export
    itself is an entry too, by ``by`` (None: the command line)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown audit format {fmt!r}")
    async with sessions() as session, session.begin():
        audit.record(session, now, by, "audit export", f"formaat:{fmt}")
        await session.flush()
        found = table(await entries(session, lang=community.language))
    zone = ZoneInfo(community.timezone)
    if fmt == "json":
        return ExportFile(f"{NAME}.json", JSON, writers.to_json([found], zone))
    return ExportFile(f"{NAME}.csv", CSV, writers.to_csv(found, zone))
