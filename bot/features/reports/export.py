"""The one export writer, for ``python -m bot export`` and the dashboard alike: a workbook
(overview, a sheet per domain, the signals), CSV for a Dutch spreadsheet (one table per
file), JSON, and a PDF dossier per bottleneck. Signals appear as each member allowed
(``bot.features.signals.visibility``): the tables at the export place (quotes never with a
name, staff-only signals not at all), a dossier at the public place (quotes only). Every
export is recorded in the audit log, by whom it was made (``by``; None: the command line)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core import audit
from bot.core.i18n import t
from bot.features.reports import dossier, tables, writers
from bot.features.reports.story import story
from bot.features.signals.visibility import Place
from bot.settings import Community
from bot.storage.models import Bottleneck, Member

FORMATS = ("xlsx", "csv", "json", "dossier")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
JSON = "application/json"
PDF = "application/pdf"
WORKBOOK_NAME = "signaalbot-export"


@dataclass(frozen=True)
class ExportFile:
    name: str
    mime: str
    data: bytes


class NotFound(LookupError):
    """The bottleneck asked for does not exist."""


async def export(
    sessions: async_sessionmaker[AsyncSession],
    community: Community,
    fmt: str,
    now: datetime,
    *,
    bottleneck: int | None = None,
    table: str | None = None,
    lang: str | None = None,
    by: Member | None = None,
) -> list[ExportFile]:
    """The files of one export. ``table``: only that CSV table (``knelpunten``,
    ``signalen``); ``bottleneck``: only that dossier (else one per bottleneck)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    lang = lang or community.language
    zone = ZoneInfo(community.timezone)
    async with sessions() as session, session.begin():
        audit.record(session, now, by, "export", _detail(fmt, bottleneck, table))
        if fmt == "dossier":
            return await _dossiers(session, community, lang, zone, now, bottleneck)
        overview = await tables.bottlenecks(session)
        signals = await tables.signals(session, lang)
    if fmt == "json":
        data = writers.to_json([overview, signals], zone)
        return [ExportFile(f"{WORKBOOK_NAME}.json", JSON, data)]
    if fmt == "csv":
        chosen = [x for x in (overview, signals) if table in (None, x.name)]
        return [ExportFile(f"{x.name}.csv", CSV, writers.to_csv(x, zone)) for x in chosen]
    sheets = [
        (t(lang, "export-sheet-overview"), overview),
        *((x.name, x) for x in tables.per_domain(overview)),
        (t(lang, "export-sheet-signals"), signals),
    ]
    return [ExportFile(f"{WORKBOOK_NAME}.xlsx", XLSX, writers.to_xlsx(sheets, zone))]


def _detail(fmt: str, bottleneck: int | None, table: str | None) -> str:
    parts = [f"formaat:{fmt}"]
    if bottleneck is not None:
        parts.append(f"knelpunt:{bottleneck}")
    if table is not None:
        parts.append(f"tabel:{table}")
    return " ".join(parts)


async def _dossiers(
    session: AsyncSession,
    community: Community,
    lang: str,
    zone: ZoneInfo,
    now: datetime,
    nr: int | None,
) -> list[ExportFile]:
    if nr is None:
        query = select(Bottleneck.id).where(Bottleneck.merged_into_id.is_(None))
        numbers = list((await session.scalars(query.order_by(Bottleneck.id))).all())
    else:
        numbers = [nr]
    files = []
    for number in numbers:
        found = await story(session, number, community, lang, Place.PUBLIC)
        if found is None:
            raise NotFound(number)
        data = dossier.pdf(found, lang, zone, community.name, now)
        files.append(ExportFile(dossier_name(number), PDF, data))
    return files


def dossier_name(nr: int) -> str:
    return f"dossier-knelpunt-{nr}.pdf"
