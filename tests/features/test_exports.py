"""The staff exports, read back the way their users open them: the workbook with openpyxl,
CSV as a Dutch spreadsheet reads it, JSON, and the PDF dossier with a text extractor. Each
signal appears as its author allowed (tests/features/test_consent.py has the whole rule):
here sanne and piet let their words be quoted, never with a name; kees only counted."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from bot.__main__ import main
from bot.features.reports.export import NotFound, export
from bot.features.reports.tables import Table
from bot.features.reports.writers import FORMULA_START, neutralise, to_csv
from tests.helpers import Harness

ZONE = ZoneInfo("Europe/Amsterdam")
FORMULA = '=HYPERLINK("http://example.invalid","klik")'
FLOW = (
    '@vera:staf /oproep open vraag:"Waar loop je tegenaan?"',
    "@sanne:lid /mijn instellingen domein:zorg",
    "@sanne thread 1 Mijn verhaal over wachtlijsten",
    '@sanne klik "Citeren zonder naam"',
    "@piet:lid /mijn instellingen domein:onderwijs",
    f"@piet thread 1 {FORMULA}",
    '@piet klik "Citeren zonder naam"',
    '@sanne /signaal tekst:"Geheim verhaal" anoniem:ja gebruik:citeren',
    '@vera /knelpunt nieuw titel:"Wachtlijsten jeugdzorg" domein:zorg signaal:1',
    "@vera /knelpunt koppel signaal:2 knelpunt:1",
    "@vera /knelpunt koppel signaal:3 knelpunt:1",
    '@vera /knelpunt nieuw titel:"Lege klassen" domein:onderwijs',
    "@kees:lid dm Dit hoort er niet bij",
    "@vera /ordenen",
    "@vera klik \"Niet relevant\"",
    "@vera /knelpunt fase nr:1 fase:toetsen",
    "@vera /peiling start knelpunt:1",
    '@sanne klik "Herken ik"',
    "@piet klik Deels",
    '@piet klik "Urgentie hoog"',
    '@vera /knelpunt oorzaak nr:1 gebied:financiering tekst:"Geen budget" expert:"Dr. Jansen"',
    '@vera /knelpunt agendeer nr:1 tafel:"Landelijke tafel" actie:onderzoek vervolg:2027-02-01',
    '@vera /terugkoppeling knelpunt:1 tekst:"Besproken aan tafel"',
)


async def _files(app, fmt: str, **options) -> dict[str, bytes]:
    files = await export(app.sessions, app.community, fmt, app.clock.now(), **options)
    return {f.name: f.data for f in files}


async def test_workbook_has_the_overview_a_sheet_per_domain_and_the_signals(any_app):
    out = await Harness(any_app).run(*FLOW)
    assert "⚠️" not in out, out
    [data] = (await _files(any_app, "xlsx")).values()
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        "Overzicht", "onderwijs", "zorg", "jeugdhulp", "kinderopvang", "domeinoverstijgend",
        "Signalen", "Nodig",
    ]
    overview = [[c.value for c in row] for row in book["Overzicht"].iter_rows()]
    head = overview[0]
    first = dict(zip(head, overview[1], strict=True))
    assert (first["nr"], first["titel"], first["fase"], first["domein"]) == (
        1, "Wachtlijsten jeugdzorg", "toetsen", "zorg")
    assert (first["signalen"], first["stemmen"], first["herkend_ja"], first["herkend_deels"]) == (
        3, 2, 1, 1)
    assert first["herkend_procent"] == 100
    assert first["laatste_terugkoppeling"] == "Besproken aan tafel"
    # local time (the clock stands at 09:00 UTC = 10:00 in Amsterdam), a real date cell
    assert first["laatste_terugkoppeling_datum"] == datetime(2026, 11, 2, 10, 0)
    assert book["Overzicht"]["M2"].number_format == "dd-mm-yyyy hh:mm"
    zorg = [[c.value for c in row] for row in book["zorg"].iter_rows()]
    assert [r[1] for r in zorg[1:]] == ["Wachtlijsten jeugdzorg"]
    assert [r[1] for r in list(book["onderwijs"].iter_rows(values_only=True))[1:]] == [
        "Lege klassen"]
    signals = list(book["Signalen"].iter_rows(values_only=True))
    by_text = {row[-1]: dict(zip(signals[0], row, strict=True)) for row in signals[1:]}
    assert by_text["Geheim verhaal"]["van"] == "anoniem"
    assert by_text["Mijn verhaal over wachtlijsten"]["van"] == "anoniem"  # a quote: no name
    assert by_text["Mijn verhaal over wachtlijsten"]["gebruik"] == "citeren"
    assert (by_text[None]["van"], by_text[None]["gebruik"]) == ("kees", "tellen")  # no words
    # a formula a member typed stays text, on the sheet and in the cell's type
    assert "'" + FORMULA in by_text
    cell = next(c for c in book["Signalen"]["J"] if c.value == "'" + FORMULA)
    assert cell.data_type == "s"


async def test_csv_opens_in_a_dutch_spreadsheet_one_table_per_file(app):
    await Harness(app).run(*FLOW)
    files = await _files(app, "csv")
    assert sorted(files) == ["knelpunten.csv", "nodig.csv", "signalen.csv"]
    raw = files["signalen.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: accents survive
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == "nr;domein;status;bron;oproep;knelpunt;van;gebruik;datum;tekst"
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert sorted((r["nr"], r["van"], r["gebruik"]) for r in rows) == [
        ("1", "anoniem", "citeren"), ("2", "anoniem", "citeren"), ("3", "anoniem", "citeren"),
        ("4", "kees", "tellen")]
    assert "sanne" not in text and "piet" not in text
    assert all(r["datum"] == "2026-11-02 10:00" for r in rows)  # local, no microseconds
    assert any(r["tekst"] == "'" + FORMULA for r in rows)
    assert not any(r["tekst"].startswith(FORMULA_START) for r in rows)
    bottlenecks = list(csv.DictReader(
        io.StringIO(files["knelpunten.csv"].decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [b["titel"] for b in bottlenecks] == ["Wachtlijsten jeugdzorg", "Lege klassen"]
    assert "#" not in files["knelpunten.csv"].decode("utf-8-sig").splitlines()[0]
    only = await _files(app, "csv", table="signalen")
    assert list(only) == ["signalen.csv"]


async def test_json_keeps_the_tables_and_hides_anonymous_names(app):
    await Harness(app).run(*FLOW)
    [data] = (await _files(app, "json")).values()
    parsed = json.loads(data)
    assert [b["titel"] for b in parsed["knelpunten"]] == ["Wachtlijsten jeugdzorg", "Lege klassen"]
    authors = {s["tekst"]: s["van"] for s in parsed["signalen"]}
    assert authors["Geheim verhaal"] == "anoniem"
    assert parsed["signalen"][0]["datum"] == "2026-11-02T10:00:00+01:00"


async def test_every_need_is_in_each_export_without_a_name(app):
    """What people wrote is needed: all of it (chat shows a page), per poll, no names."""
    h = Harness(app)
    await h.run(*FLOW)
    await h.run(*(f'@lid{i}:lid /stem peiling:1 herkend:ja nodig:"Nodig {i}; =SOM(A1)"'
                  for i in range(12)))
    await h.run('@piet klik "Wat is er nodig?" nodig:"Meer budget"')
    wanted = {f"Nodig {i}; =SOM(A1)" for i in range(12)} | {"Meer budget"}
    parsed = json.loads((await _files(app, "json"))["signaalbot-export.json"])
    assert {n["tekst"] for n in parsed["nodig"]} == wanted and len(parsed["nodig"]) == 13
    assert set(parsed["nodig"][0]) == {"peiling", "knelpunt", "datum", "tekst"}
    assert {(n["peiling"], n["knelpunt"]) for n in parsed["nodig"]} == {(1, 1)}
    text = (await _files(app, "csv", table="nodig"))["nodig.csv"].decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert {r["tekst"] for r in rows} == wanted and "piet" not in text
    [data] = (await _files(app, "xlsx")).values()
    sheet = list(load_workbook(io.BytesIO(data))["Nodig"].iter_rows(values_only=True))
    assert sheet[0] == ("peiling", "knelpunt", "datum", "tekst") and len(sheet) == 14


async def test_streamed_json_is_the_json_module_to_the_byte():
    """The JSON export is written a batch at a time; the bytes are json.dumps's."""
    from bot.features.reports.writers import json_chunks, to_json

    async def batches():
        yield [(2, "ë \"x\"", None)]
        yield []
        yield [(3, "", datetime(2026, 1, 1, 12, tzinfo=ZONE))]

    for tables in ([], [Table("a", ("n", "t", "d"), [])],
                   [Table("a", ("n", "t", "d"), [(1, "x", None)]), Table("b", ("k",), [])]):
        assert b"".join([c async for c in json_chunks(tables, ZONE)]) == to_json(tables, ZONE)
    streamed = Table("a", ("n", "t", "d"), [(1, "x", None)], batches())
    whole = Table("a", ("n", "t", "d"), [(1, "x", None), (2, "ë \"x\"", None),
                                         (3, "", datetime(2026, 1, 1, 12, tzinfo=ZONE))])
    assert b"".join([c async for c in json_chunks([streamed, Table("b", ("k",), [])], ZONE)]) \
        == to_json([whole, Table("b", ("k",), [])], ZONE)


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


async def test_dossier_pdf_tells_the_story_with_the_quotes_consent_allows(any_app):
    await Harness(any_app).run(*FLOW)
    files = await _files(any_app, "dossier", bottleneck=1)
    assert list(files) == ["dossier-knelpunt-1.pdf"]
    text = " ".join(_pdf_text(files["dossier-knelpunt-1.pdf"]).split())
    assert "Dossier knelpunt #1: Wachtlijsten jeugdzorg" in text
    assert "Waar loop je tegenaan?" in text  # the question
    assert '"Mijn verhaal over wachtlijsten" — anoniem, zorg' in text  # never a name
    assert '"Geheim verhaal" — anoniem' in text
    assert "sanne" not in text and "piet" not in text
    assert "Dit hoort er niet bij" not in text  # not relevant: not linked, not quoted
    assert "Herkenning" in text and "Peiling #1: 2 stemmen." in text
    assert "onderwijs 0 1 0 100%" in text and "zorg 1 0 0 100%" in text
    assert "financiering: Geen budget (expert: Dr. Jansen)" in text
    assert "Landelijke tafel — onderzoek" in text and "vervolg: 1 feb 2027" in text
    assert "Besproken aan tafel (persoonlijk bij 2 mensen)" in text
    assert "Tijdlijn" in text and "aangemaakt door vera" in text
    every = await _files(any_app, "dossier")
    assert sorted(every) == ["dossier-knelpunt-1.pdf", "dossier-knelpunt-2.pdf"]
    with pytest.raises(NotFound):
        await _files(any_app, "dossier", bottleneck=99)


async def test_the_command_line_writes_each_format(app, tmp_path, monkeypatch, capsys):
    await Harness(app).run(*FLOW)
    url = str(app.engine.url).replace("+aiosqlite", "")
    monkeypatch.delenv("BOT_WEB_SECRET", raising=False)
    base = ["--database", url, "export"]

    async def run(*args: str) -> int:  # main() runs its own event loop
        return await asyncio.to_thread(main, [*base, *args])

    assert await run("--format", "xlsx", "--out", str(tmp_path / "werk.xlsx")) == 0
    assert load_workbook(tmp_path / "werk.xlsx").sheetnames[0] == "Overzicht"
    assert await run("--format", "csv", "--out", str(tmp_path / "csv")) == 0
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "knelpunten.csv", "nodig.csv", "signalen.csv"]
    assert await run("--format", "dossier", "--knelpunt", "1", "--out", str(tmp_path)) == 0
    assert "Wachtlijsten" in _pdf_text((tmp_path / "dossier-knelpunt-1.pdf").read_bytes())
    assert await run("--format", "dossier", "--knelpunt", "7") == 2
    assert "Knelpunt #7 bestaat niet." in capsys.readouterr().err
    assert await run("--format", "json") == 0
    assert json.loads(capsys.readouterr().out)["knelpunten"][0]["nr"] == 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_no_cell_can_start_a_formula_and_the_text_is_kept(text):
    safe = neutralise(text)
    assert not safe.startswith(FORMULA_START)
    assert safe in (text, "'" + text)
    table = Table("t", ("tekst",), [(text,)])
    [row] = list(csv.reader(io.StringIO(to_csv(table, ZONE).decode("utf-8-sig"), newline=""),
                            delimiter=";"))[1:]
    assert row == [safe]


async def test_workbook_cells_keep_types_and_drop_what_xml_cannot_hold():
    """The workbook's own XML writer: text, numbers, local dates as date cells, empty
    cells, markup as text, and control characters a member pasted left out."""
    from bot.features.reports.writers import xlsx_chunks

    moment = datetime(2026, 11, 2, 9, 30, tzinfo=ZONE)
    table = Table("t", ("nr", "tekst", "datum"), [
        (1, "<b>a & b</b>\x07", moment), (2, "", None), (3, "=SOM(A1)", None)])
    data = b"".join([c async for c in xlsx_chunks([("Blad", table)], ZONE)])
    sheet = load_workbook(io.BytesIO(data))["Blad"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [("nr", "tekst", "datum"), (1, "<b>a & b</b>", datetime(2026, 11, 2, 9, 30)),
                    (2, None, None), (3, "'=SOM(A1)", None)]
    assert sheet["C2"].number_format == "dd-mm-yyyy hh:mm" and sheet["A1"].font.b
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:C4"
