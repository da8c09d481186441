"""Tables as files: a workbook (openpyxl), CSV for a Dutch spreadsheet (UTF-8 with BOM,
``;``, one table per file, local time) and JSON. Text that a spreadsheet would run as a
formula is neutralised in CSV and XLSX alike (``neutralise``)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from bot.features.reports.tables import Cell, Table

# A cell starting with one of these is read as a formula (or DDE) by spreadsheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_TIME = "%Y-%m-%d %H:%M"
XLSX_TIME = "dd-mm-yyyy hh:mm"
SHEET_NAME_MAX = 31
WIDE = {"titel": 50, "tekst": 80, "laatste_terugkoppeling": 60}


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


def to_csv(table: Table, zone: ZoneInfo) -> bytes:
    """One table; Excel and LibreOffice in Dutch open it with the right columns and
    accents (the BOM says UTF-8, ``;`` is the Dutch list separator)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_csv_cell(v, zone) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def _json_cell(value: Cell, zone: ZoneInfo) -> str | int | None:
    return local(value, zone).isoformat() if isinstance(value, datetime) else value


def to_json(tables: list[Table], zone: ZoneInfo) -> bytes:
    data = {
        table.name: [
            {k: _json_cell(v, zone) for k, v in record.items()} for record in table.records()
        ]
        for table in tables
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_xlsx(sheets: list[tuple[str, Table]], zone: ZoneInfo) -> bytes:
    """A workbook with one sheet per (title, table)."""
    book = Workbook()
    book.remove(book.active)
    for title, table in sheets:
        _sheet(book, title, table, zone)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(book: Workbook, title: str, table: Table, zone: ZoneInfo) -> None:
    sheet = book.create_sheet(_sheet_title(title))
    sheet.append(list(table.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_xlsx_cell(v, zone) for v in row])
    for index, name in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = WIDE.get(name, max(12, len(name) + 2))
        for cell in sheet[letter][1:]:
            if isinstance(cell.value, datetime):
                cell.number_format = XLSX_TIME
            elif name in WIDE:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = sheet.dimensions


def _xlsx_cell(value: Cell, zone: ZoneInfo) -> str | int | datetime | None:
    if isinstance(value, datetime):
        return local(value, zone).replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, str):
        return neutralise(value)
    return value


def _sheet_title(title: str) -> str:
    cleaned = "".join(c for c in title if c not in "[]:*?/\\")
    return cleaned[:SHEET_NAME_MAX] or "blad"
