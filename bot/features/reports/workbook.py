"""The workbook (XLSX) written as its XML parts, a row at a time, into the zip: what
openpyxl would write for these tables (bold header, frozen first row, column widths, an
auto filter, dates as date cells, wrapped long text), but at the speed of string joins,
so 100,000 signals take seconds, not the quarter of a minute openpyxl's writer needs.
Cells hold what ``writers`` prepared: text (already neutralised), integers, naive local
datetimes, or None."""

from __future__ import annotations

import re
import zipfile
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
# Characters XML 1.0 cannot hold (a member may paste them): left out of a cell.
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# cellXfs in styles.xml: 0 plain, 1 bold (the header), 2 a date, 3 wrapped text
BOLD, DATE, WRAP = 1, 2, 3
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" \
formatCode="dd-mm-yyyy hh:mm"/></numFmts><fonts count="2"><font><sz val="11"/><name \
val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills \
count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill \
patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/>\
<bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" \
fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" \
fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" \
xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" \
applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" \
applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs><cellStyles \
count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""

Cell = str | int | datetime | None
Rows = AsyncIterator[list[tuple[Cell, ...]]]


def _text(value: str) -> str:
    return escape(ILLEGAL.sub("", value))


def _cell(ref: str, value: Cell, wrap: bool) -> str:
    if value is None or value == "":  # an empty cell, as openpyxl leaves it
        return ""
    if isinstance(value, str):
        style = f' s="{WRAP}"' if wrap else ""
        text = _text(value)
        return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    if isinstance(value, datetime):
        return f'<c r="{ref}" s="{DATE}"><v>{to_excel(value)}</v></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def _head(columns: tuple[str, ...], widths: list[int]) -> str:
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
        for i, w in enumerate(widths, start=1)
    )
    header = "".join(
        f'<c r="{get_column_letter(i)}1" s="{BOLD}" t="inlineStr"><is><t>{_text(name)}</t></is></c>'
        for i, name in enumerate(columns, start=1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}" '
        f'xmlns:r="{RELS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" '
        'topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection '
        'pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
        f'<row r="1">{header}</row>'
    )


async def _sheet(
    out: IO[bytes],
    columns: tuple[str, ...],
    widths: list[int],
    wide: list[bool],
    rows: Rows,
    convert: Callable[[Any], Cell],
) -> None:
    letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
    out.write(_head(columns, widths).encode("utf-8"))
    number = 1
    async for batch in rows:
        lines = []
        for row in batch:
            number += 1
            cells = "".join(
                _cell(f"{letter}{number}", convert(value), is_wide)
                for letter, value, is_wide in zip(letters, row, wide, strict=True)
            )
            lines.append(f'<row r="{number}">{cells}</row>')
        out.write("".join(lines).encode("utf-8"))
    out.write(b"</sheetData>")
    if number > 1:
        out.write(f'<autoFilter ref="A1:{letters[-1]}{number}"/>'.encode())
    out.write(b"</worksheet>")


def _package(titles: list[str]) -> dict[str, str]:
    """Every part but the sheets: content types, relations, the workbook, the styles."""
    xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    numbers = range(1, len(titles) + 1)
    sheets = "".join(
        f'<sheet name={quoteattr(title)} sheetId="{n}" r:id="rId{n}"/>'
        for n, title in zip(numbers, titles, strict=True)
    )
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{SHEET_TYPE}"/>'
        for n in numbers
    )
    sheet_rels = "".join(
        f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in numbers
    )
    office = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    return {
        "[Content_Types].xml": (
            f'{xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{office}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{office}.styles+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            f'{xml}<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{xml}<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{sheets}</sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{xml}<Relationships xmlns="{PACKAGE}">{sheet_rels}<Relationship '
            f'Id="rId{len(titles) + 1}" Type="{RELS}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": STYLES,
    }


async def write(
    out: IO[bytes],
    sheets: list[tuple[str, tuple[str, ...], list[int], list[bool], Rows]],
    convert: Callable[[Any], Cell],
) -> None:
    """The workbook into ``out``: per sheet its title, columns, column widths, which
    columns wrap, and its rows (``convert`` turns a value into a cell)."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for name, text in _package([title for title, *_ in sheets]).items():
            book.writestr(name, text)
        for n, (_, columns, widths, wide, rows) in enumerate(sheets, start=1):
            with book.open(f"xl/worksheets/sheet{n}.xml", "w") as part:
                await _sheet(part, columns, widths, wide, rows, convert)
