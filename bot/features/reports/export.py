"""The one export writer, for ``python -m bot export`` and the dashboard alike: a workbook
(overview, a sheet per domain, the signals), CSV for a Dutch spreadsheet (one table per
file), JSON, and a PDF dossier per bottleneck. Signals appear as each member allowed
(``bot.features.signals.visibility``): the tables at the export place (quotes never with a
name, staff-only signals not at all), a dossier at the public place (quotes only). Every
export is recorded in the audit log, by whom it was made (``by``; None: the command line)."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import ParamSpec
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
P = ParamSpec("P")
SPOOL = 1 << 20  # bytes of an export kept in memory before it goes to a temporary file


@dataclass(frozen=True)
class ExportFile:
    name: str
    mime: str
    data: bytes


Chunks = Callable[[], AsyncIterator[bytes]]


@dataclass(frozen=True)
class Streamed:
    """A file written while it is read: ``chunks()`` reads the database in its own
    transaction and gives the file a piece at a time (memory stays flat)."""

    name: str
    mime: str
    chunks: Chunks


class NotFound(LookupError):
    """The bottleneck asked for does not exist."""


async def streamed(
    sessions: async_sessionmaker[AsyncSession],
    community: Community,
    fmt: str,
    now: datetime,
    *,
    bottleneck: int | None = None,
    table: str | None = None,
    lang: str | None = None,
    by: Member | None = None,
) -> list[Streamed]:
    """The files of one export. ``table``: only that CSV table (``knelpunten``,
    ``signalen``, ``nodig``); ``bottleneck``: only that dossier (else one per bottleneck).
    The export is recorded in the audit log first."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    lang = lang or community.language
    zone = ZoneInfo(community.timezone)
    async with sessions() as session, session.begin():
        audit.record(session, now, by, "export", _detail(fmt, bottleneck, table))
        if fmt == "dossier":
            return await _dossiers(session, community, lang, zone, now, bottleneck)
    if fmt == "json":
        write = partial(writers.json_chunks, zone=zone)
        return [Streamed(f"{WORKBOOK_NAME}.json", JSON, _reading(sessions, lang, write))]
    if fmt == "csv":
        return [
            Streamed(f"{name}.csv", CSV, _reading(sessions, lang, _csv_of(name, zone)))
            for name in tables.TABLES
            if table in (None, name)
        ]

    def sheets(found: list[tables.Table]) -> AsyncIterator[bytes]:
        overview, signals, needs = found
        return writers.xlsx_chunks(
            [
                (t(lang, "export-sheet-overview"), overview),
                *((x.name, x) for x in tables.per_domain(overview)),
                (t(lang, "export-sheet-signals"), signals),
                (t(lang, "export-sheet-needs"), needs),
            ],
            zone,
        )

    return [Streamed(f"{WORKBOOK_NAME}.xlsx", XLSX, _reading(sessions, lang, sheets))]


def _collected(
    make: Callable[P, Awaitable[list[Streamed]]],
) -> Callable[P, Awaitable[list[ExportFile]]]:
    async def collect(*args: P.args, **kwargs: P.kwargs) -> list[ExportFile]:
        found = await make(*args, **kwargs)
        return [ExportFile(f.name, f.mime, b"".join([c async for c in f.chunks()])) for f in found]

    return collect


# ``streamed``, each file whole in memory (tests, the small files)
export = _collected(streamed)


def _csv_of(name: str, zone: ZoneInfo) -> Callable[[list[tables.Table]], AsyncIterator[bytes]]:
    def write(found: list[tables.Table]) -> AsyncIterator[bytes]:
        [chosen] = [x for x in found if x.name == name]
        return writers.csv_chunks(chosen, zone)

    return write


def _reading(
    sessions: async_sessionmaker[AsyncSession],
    lang: str,
    write: Callable[[list[tables.Table]], AsyncIterator[bytes]],
) -> Chunks:
    """The tables read in one transaction while ``write`` turns them into a file, spooled
    to disk; handed on after the commit, so a slow download never holds the database."""

    async def chunks() -> AsyncIterator[bytes]:
        with tempfile.SpooledTemporaryFile(max_size=SPOOL) as spool:
            async with sessions() as session, session.begin():
                found = [
                    await tables.bottlenecks(session),
                    tables.signals(session, lang),
                    tables.needs(session),
                ]
                async for chunk in write(found):
                    spool.write(chunk)
            spool.seek(0)
            while piece := spool.read(SPOOL):
                yield piece

    return chunks


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
) -> list[Streamed]:
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
        files.append(whole(ExportFile(dossier_name(number), PDF, data)))
    return files


def whole(file: ExportFile) -> Streamed:
    """A file already in memory, as one chunk."""

    async def chunks() -> AsyncIterator[bytes]:
        yield file.data

    return Streamed(file.name, file.mime, chunks)


def dossier_name(nr: int) -> str:
    return f"dossier-knelpunt-{nr}.pdf"
