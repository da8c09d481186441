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
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bot.features.reports.tables import Cell, Line, Table

# A cell starting with one of these is read as a formula (or DDE) by spreadsheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_TIME = "%Y-%m-%d %H:%M"
XLSX_TIME = "dd-mm-yyyy hh:mm"
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
    """A workbook with one sheet per (title, table), written row by row (openpyxl's
    write-only mode) to a temporary file and handed on from there."""
    with tempfile.TemporaryDirectory(prefix="sb-export-") as folder:
        path = Path(folder) / "export.xlsx"
        book = Workbook(write_only=True)
        for title, table in sheets:
            await _sheet(book, title, table, zone)
        book.save(path)
        with path.open("rb") as file:
            while chunk := file.read(CHUNK):
                yield chunk


def _new_sheet(book: Workbook, title: str, table: Table) -> WriteOnlyWorksheet:
    sheet = book.create_sheet(_sheet_title(title))
    for index, name in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = WIDE.get(name, max(12, len(name) + 2))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_styled(sheet, name, font=bold) for name in table.columns])
    return sheet


async def _sheet(book: Workbook, title: str, table: Table, zone: ZoneInfo) -> None:
    sheet = _new_sheet(book, title, table)
    written = 0
    async for batch in table.batches():
        _sheet_rows(sheet, table, batch, zone)
        written += len(batch)
    _close_sheet(sheet, table, written)


def _close_sheet(sheet: WriteOnlyWorksheet, table: Table, rows: int) -> None:
    if rows:
        last = get_column_letter(len(table.columns))
        sheet.auto_filter.ref = f"A1:{last}{rows + 1}"


WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet_rows(
    sheet: WriteOnlyWorksheet, table: Table, rows: Iterable[Line], zone: ZoneInfo
) -> None:
    wide = [name in WIDE for name in table.columns]
    for row in rows:
        cells: list[Any] = []
        for value, is_wide in zip(row, wide, strict=True):
            cell = _xlsx_cell(value, zone)
            if isinstance(cell, datetime):
                cells.append(_styled(sheet, cell, number_format=XLSX_TIME))
            elif is_wide and cell is not None:
                cells.append(_styled(sheet, cell, alignment=WRAP))
            else:
                cells.append(cell)
        sheet.append(cells)


def _styled(sheet: WriteOnlyWorksheet, value: Any, **style: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _xlsx_cell(value: Cell, zone: ZoneInfo) -> str | int | datetime | None:
    if isinstance(value, datetime):
        return local(value, zone).replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, str):
        return neutralise(value)
    return value


def _sheet_title(title: str) -> str:
    cleaned = "".join(c for c in title if c not in "[]:*?/\\")
    return cleaned[:SHEET_NAME_MAX] or "blad"
