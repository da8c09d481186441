"""The exported tables: the overview of bottlenecks, one per domain, and the signals.
Every export format (workbook, CSV, JSON) writes these same tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.i18n import t
from bot.features.reports.archive import archive
from bot.features.reports.overview import Row, overview
from bot.features.signals.visibility import Place
from bot.vocabulary.enums import Domain, Recognition

Cell = str | int | datetime | None

BOTTLENECK_COLUMNS = (
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
    "herkend_procent",
    "laatste_terugkoppeling",
    "laatste_terugkoppeling_datum",
    "bijgewerkt",
)
TABLES = ("knelpunten", "signalen")  # the CSV files, one table each
SIGNAL_COLUMNS = (
    "nr",
    "domein",
    "status",
    "bron",
    "oproep",
    "knelpunt",
    "van",
    "gebruik",  # the member's consent: why a text is empty, or a name missing
    "datum",
    "tekst",
)


@dataclass(frozen=True)
class Table:
    name: str  # the file or sheet name
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]

    def records(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _bottleneck(row: Row) -> tuple[Cell, ...]:
    b, last = row.bottleneck, row.last_feedback
    counted = sum(row.recognition.values())
    return (
        b.id,
        b.title,
        b.stage.value,
        b.domain.value if b.domain else "",
        row.signals,
        row.polls,
        row.votes,
        row.recognition[Recognition.YES],
        row.recognition[Recognition.PARTLY],
        row.recognition[Recognition.NO],
        round(row.recognised_share * 100) if counted else None,
        last.text if last else "",
        last.at if last else None,
        b.updated_at,
    )


async def bottlenecks(session: AsyncSession) -> Table:
    rows = await overview(session, Place.EXPORT)
    return Table("knelpunten", BOTTLENECK_COLUMNS, [_bottleneck(r) for r in rows])


def per_domain(overview_table: Table) -> list[Table]:
    """One table per domain with its bottlenecks (the workbook's domain sheets)."""
    domain_at = BOTTLENECK_COLUMNS.index("domein")
    return [
        Table(d.value, BOTTLENECK_COLUMNS, [r for r in overview_table.rows if r[domain_at] == d])
        for d in Domain
    ]


async def signals(session: AsyncSession, lang: str) -> Table:
    anonymous = t(lang, "name-anonymous")
    rows: list[tuple[Cell, ...]] = [
        (
            s.id,
            s.domain.value if s.domain else "",
            s.status.value,
            s.source.value,
            s.call_id,
            s.bottleneck_id,
            entry.shown.author or anonymous,
            s.consent.value,
            s.created_at,
            entry.shown.text or "",
        )
        for entry in await archive(session, Place.EXPORT)
        for s in (entry.signal,)
    ]
    return Table("signalen", SIGNAL_COLUMNS, rows)
