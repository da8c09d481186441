"""The exported tables: the overview of bottlenecks, one per domain, the signals and what
people wrote is needed in the polls. Every export format (workbook, CSV, JSON) writes
these same tables. The long ones (signals, needs) come in batches while the file is
written (``Table.more``), so an export's memory stays flat however many there are."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.i18n import t
from bot.features.polls.counting import every_need
from bot.features.reports.archive import every
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
TABLES = ("knelpunten", "signalen", "nodig")  # the CSV files, one table each
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

NEED_COLUMNS = ("peiling", "knelpunt", "datum", "tekst")  # "wat is er nodig", no names
Line = tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    name: str  # the file or sheet name
    columns: tuple[str, ...]
    rows: list[Line]
    more: AsyncIterator[list[Line]] | None = None  # read while written; once only

    def records(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    async def batches(self) -> AsyncIterator[list[Line]]:
        """All rows, a batch at a time."""
        if self.rows:
            yield self.rows
        if self.more is not None:
            async for batch in self.more:
                yield batch


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


def signals(session: AsyncSession, lang: str) -> Table:
    """The signals as the export place shows them; read while written."""
    return Table("signalen", SIGNAL_COLUMNS, [], _signal_rows(session, lang))


async def _signal_rows(session: AsyncSession, lang: str) -> AsyncIterator[list[Line]]:
    anonymous = t(lang, "name-anonymous")
    async for batch in every(session, Place.EXPORT):
        yield [
            (
                s.id,
                s.domain.value if s.domain else "",
                s.status.value,
                s.source.value,
                s.call_id,
                s.bottleneck_id,
                seen.author or anonymous,
                s.consent.value,
                s.created_at,
                seen.text or "",
            )
            for s, seen in batch
        ]


def needs(session: AsyncSession) -> Table:
    """What people wrote is needed, per poll (never who wrote it); read while written."""
    return Table("nodig", NEED_COLUMNS, [], _need_rows(session))


async def _need_rows(session: AsyncSession) -> AsyncIterator[list[Line]]:
    async for batch in every_need(session):
        yield list(batch)
