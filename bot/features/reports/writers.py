"""Tables as files: a workbook (openpyxl), CSV for a Dutch spreadsheet (UTF-8 with BOM,
``;``, one table per file, local time) and JSON. Text that a spreadsheet would run as a
formula is neutralised in CSV and XLSX alike (``neutralise``). Each writer also streams:
it takes a table's rows a batch at a time and gives the file a chunk at a time
(``csv_chunks``, ``json_chunks``, ``xlsx_chunks``), so memory stays flat."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import AsyncIterator, Iterable
from datetime import datetime
from functools import partial
from json.encoder import encode_basestring
from zoneinfo import ZoneInfo

from bot.features.reports import workbook
from bot.features.reports.tables import Cell, Line, Table

# A cell starting with one of these is read as a formula (or DDE) by spreadsheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_TIME = "%Y-%m-%d %H:%M"
SHEET_NAME_MAX = 31
WIDE = {"titel": 50, "tekst": 80, "laatste_terugkoppeling": 60}
CHUNK = 1 << 20  # bytes of a written workbook handed on at a time
BOM = "\ufeff"


def neutralise(value: str) -> str:
    """Text as text: a leading apostrophe stops a spreadsheet from running ``=HYPERLINK``
    or ``@SUM`` a member typed (CSV and XLSX)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    """Wall-clock time in the community's zone, to the second."""
    return moment.astimezone(zone).replace(microsecond=0)


def _csv_cell(value: Cell, zone: ZoneInfo) -> str | int:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return local(value, zone).strftime(CSV_TIME)
    if isinstance(value, str):
        return neutralise(value)
    return value


def _csv_text(rows: Iterable[Line], zone: ZoneInfo) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([_csv_cell(v, zone) for v in row] for row in rows)
    return buffer.getvalue()


def to_csv(table: Table, zone: ZoneInfo) -> bytes:
    """One table; Excel and LibreOffice in Dutch open it with the right columns and
    accents (the BOM says UTF-8, ``;`` is the Dutch list separator)."""
    return (BOM + _csv_text([table.columns, *table.rows], zone)).encode("utf-8")


async def csv_chunks(table: Table, zone: ZoneInfo) -> AsyncIterator[bytes]:
    """``to_csv``, a batch of rows at a time."""
    yield (BOM + _csv_text([table.columns], zone)).encode("utf-8")
    async for batch in table.batches():
        yield _csv_text(batch, zone).encode("utf-8")


def _json_cell(value: Cell, zone: ZoneInfo) -> str | int | None:
    return local(value, zone).isoformat() if isinstance(value, datetime) else value


def _json_value(value: str | int | None) -> str:
    """A scalar as ``json.dumps(..., ensure_ascii=False)`` writes it (C-fast for text)."""
    if isinstance(value, str):
        return encode_basestring(value)
    return json.dumps(value)


def _json_records(table: Table, rows: Iterable[Line], zone: ZoneInfo) -> list[str]:
    """Each row as ``json.dumps(..., indent=2)`` writes it inside a table's list (written
    by hand: with ``indent`` the json module takes its slow pure-Python path)."""
    keys = [f"      {encode_basestring(name)}: " for name in table.columns]
    return [
        "    {\n"
        + ",\n".join(k + _json_value(_json_cell(v, zone)) for k, v in zip(keys, row, strict=True))
        + "\n    }"
        for row in rows
    ]


def to_json(tables: list[Table], zone: ZoneInfo) -> bytes:
    data = {
        table.name: [
            {k: _json_cell(v, zone) for k, v in record.items()} for record in table.records()
        ]
        for table in tables
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


async def json_chunks(tables: list[Table], zone: ZoneInfo) -> AsyncIterator[bytes]:
    """``to_json`` to the byte, a batch of rows at a time."""
    yield b"{"
    for index, table in enumerate(tables):
        head = json.dumps(table.name, ensure_ascii=False)
        yield f"{',' if index else ''}\n  {head}: [".encode()
        written = False
        async for batch in table.batches():
            records = _json_records(table, batch, zone)
            if records:
                yield (("," if written else "") + "\n" + ",\n".join(records)).encode("utf-8")
                written = True
        yield b"\n  ]" if written else b"]"
    yield b"\n}\n" if tables else b"}\n"


async def xlsx_chunks(sheets: list[tuple[str, Table]], zone: ZoneInfo) -> AsyncIterator[bytes]:
    """A workbook with one sheet per (title, table), written a row at a time to a
    temporary file (``workbook``) and handed on from there."""
    parts = [
        (
            _sheet_title(title),
            table.columns,
            [WIDE.get(name, max(12, len(name) + 2)) for name in table.columns],
            [name in WIDE for name in table.columns],
            table.batches(),
        )
        for title, table in sheets
    ]
    with tempfile.TemporaryFile() as file:
        await workbook.write(file, parts, partial(_xlsx_cell, zone=zone))
        file.seek(0)
        while chunk := file.read(CHUNK):
            yield chunk


def _xlsx_cell(value: Cell, zone: ZoneInfo) -> str | int | datetime | None:
    if isinstance(value, datetime):
        return local(value, zone).replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, str):
        return neutralise(value)
    return value


def _sheet_title(title: str) -> str:
    cleaned = "".join(c for c in title if c not in "[]:*?/\\")
    return cleaned[:SHEET_NAME_MAX] or "blad"
