"""What a signed-in staff member sees: the board with filters, a bottleneck's whole story
with charts and the tables beside them, the archive, the triage queue, who waits for
feedback, events, failed deliveries, and the files (read back)."""

from __future__ import annotations

import csv
import io
import json
import re

from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from bot.handlers.web import pages
from bot.outbox.rows import FAILED
from bot.storage.models import OutboxMessage
from tests.handlers.web.conftest import FLOW


def columns(html: str) -> dict[str, list[str]]:
    """Board column id -> the card titles in it."""
    found: dict[str, list[str]] = {}
    for column in re.findall(r'<section class="column".*?</section>', html, re.S):
        stage = re.search(r'id="col-([^"]+)"', column).group(1)
        found[stage] = re.findall(r'<h3><a href="/dashboard/bottlenecks/\d+">([^<]+)</a>', column)
    return found


def cards(html: str) -> list[str]:
    return [title for titles in columns(html).values() for title in titles]


async def test_the_board_shows_every_stage_and_filters_by_domain_and_search(dash):
    await dash.console.run(*FLOW)
    await dash.sign_in()
    status, html = await dash.get("/dashboard/board")
    assert status == 200
    board = columns(html)
    assert list(board)[:7] == [
        "oogsten", "toetsen", "verdiepen", "delen", "agenderen", "terugkoppelen", "afgerond"]
    assert board["toetsen"] == ["#1 Wachtlijsten jeugdzorg"]
    assert board["oogsten"] == ["#2 Lege klassen"]
    assert "2 knelpunten" in html and "100% herkent het" in html
    _, html = await dash.get("/dashboard/board?domein=onderwijs")
    assert columns(html)["toetsen"] == [] and columns(html)["oogsten"] == ["#2 Lege klassen"]
    assert '<option value="onderwijs" selected>' in html
    _, html = await dash.get("/dashboard/board?q=wachtlijst")
    assert cards(html) == ["#1 Wachtlijsten jeugdzorg"]
    _, html = await dash.get("/dashboard/board?q=%232")
    assert cards(html) == ["#2 Lege klassen"]
    _, html = await dash.get("/dashboard/board?domein=nergens&q=%25")
    assert "0 knelpunten" in html  # an unknown domain shows all; '%' is taken literally


async def test_a_bottleneck_page_tells_the_whole_story(dash):
    await dash.console.run(*FLOW)
    await dash.sign_in()
    status, html = await dash.get("/dashboard/bottlenecks/1")
    assert status == 200
    assert "#1 Wachtlijsten jeugdzorg" in html
    assert "aangemaakt door vera" in html and "fase oogsten → toetsen door vera" in html
    # signals: names, anonymity, and member text escaped, never markup
    assert "Wachtlijsten zijn te lang" in html and ">sanne<" in html
    assert "Geheim verhaal" in html and ">anoniem<" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # the poll: charts (Plotly figures) with a table of the same numbers beside each
    figures = re.findall(r'<script type="application/json" id="(fig-[^"]+)">(.*?)</script>', html, re.S)
    assert [name for name, _ in figures] == ["fig-rec-1", "fig-urg-1"]
    recognition = json.loads(figures[0][1])
    bars = {bar["name"]: dict(zip(bar["y"], bar["x"], strict=True)) for bar in recognition["data"]}
    assert bars["Herken ik"] == {"onderwijs": 0, "zorg": 1}
    assert bars["Deels"] == {"onderwijs": 1, "zorg": 0}
    assert "<caption>Herkenning per domein (de cijfers van de grafiek)</caption>" in html
    assert re.search(r"<th scope=\"row\">zorg</th><td>1</td><td>0</td><td>0</td><td>100%</td>", html)
    assert "financiering: Geen budget" in html
    assert "<td>Landelijke tafel</td><td>onderzoek</td>" in html and "1 feb 2027" in html
    assert "Besproken aan tafel (persoonlijk bij 2 mensen)" in html
    assert '<script src="/dashboard/static/plotly.min.js" defer></script>' in html
    assert (await dash.get("/dashboard/bottlenecks/99"))[0] == 404


async def test_every_need_of_a_poll_on_pages_without_names(dash, monkeypatch):
    """Chat shows ten needs a page; the dashboard lists them all (a page at a time)."""
    monkeypatch.setattr(pages, "NEEDS_PAGE", 2)
    await dash.console.run(*FLOW)
    await dash.console.run('@piet klik "Wat is er nodig?" nodig:"<b>Meer</b> plekken"',
                           '@sanne /stem peiling:1 herkend:ja nodig:"Kortere wachttijd"',
                           '@kees /stem peiling:1 herkend:nee nodig:"Een loket"')
    await dash.sign_in()
    _, html = await dash.get("/dashboard/bottlenecks/1")
    assert 'href="/dashboard/polls/1/needs"' in html and "3 antwoorden in peiling #1" in html
    status, first = await dash.get("/dashboard/polls/1/needs")
    _, second = await dash.get("/dashboard/polls/1/needs?pagina=2")
    assert status == 200 and "Pagina 1 van 2" in first and 'href="?pagina=2"' in first
    assert "&lt;b&gt;Meer&lt;/b&gt; plekken" in first and "<b>Meer" not in first
    assert "Kortere wachttijd" in first and "Een loket" in second and "Een loket" not in first
    assert "piet" not in first.split("<main")[-1] and "kees" not in second.split("<main")[-1]
    assert (await dash.get("/dashboard/polls/99/needs"))[0] == 404


async def test_the_print_ready_dossier_quotes_only_what_may_leave(dash):
    await dash.console.run(*FLOW)
    await dash.sign_in()
    status, html = await dash.get("/dashboard/bottlenecks/1/dossier")
    assert status == 200
    assert "Dossier knelpunt #1: Wachtlijsten jeugdzorg" in html
    assert "<q>Waar loop je tegenaan?</q>" in html
    assert "&#34;Geheim verhaal&#34; — anoniem" in html or '"Geheim verhaal" — anoniem' in html
    assert "data-print" in html
    assert "Nog niet geordend" not in html
    # only counted (sanne's, piet's): no quote, no name; but they count
    assert "Wachtlijsten zijn te lang" not in html and "geen plek" not in html
    assert "sanne" not in html and "piet" not in html
    assert "3 signalen" in html
    _, page = await dash.get("/dashboard/bottlenecks/1")  # staff read every signal
    assert "Wachtlijsten zijn te lang" in page and "sanne" in page


async def test_archive_triage_waiting_events_and_deliveries(dash, clock):
    await dash.console.run(*FLOW)
    await dash.sign_in()
    _, html = await dash.get("/dashboard/signals?domein=zorg")
    assert "Wachtlijsten zijn te lang" in html and "Nog niet geordend" not in html
    _, html = await dash.get("/dashboard/signals?status=nieuw")
    assert "Nog niet geordend" in html and "Wachtlijsten zijn te lang" not in html
    _, html = await dash.get("/dashboard/signals?q=geheim")
    assert "Geheim verhaal" in html and "1 signaal" in html
    _, html = await dash.get("/dashboard/triage")
    assert "Nog niet geordend" in html and "1 signaal wacht" in html
    _, html = await dash.get("/dashboard/waiting")
    assert "Iedereen hoorde in de laatste 30 dagen iets." in html  # the feedback reached them
    clock.advance(days=40)
    await dash.sign_in()  # the old session went idle
    _, html = await dash.get("/dashboard/waiting?dagen=30")
    assert "#1 Wachtlijsten jeugdzorg" in html and "2 van 2" in html and "40 dagen" in html
    _, html = await dash.get("/dashboard/events")
    assert "Webinar wachtlijsten" in html and "/dashboard/events/1.ics" in html
    assert "calendar.google.com" in html
    async with dash.app.sessions() as session, session.begin():
        row = await session.get(OutboxMessage, 1)
        row.status, row.last_error = FAILED, "slack error: channel_not_found"
    _, html = await dash.get("/dashboard/deliveries")
    assert "slack error: channel_not_found" in html


async def test_files_download_and_open(dash):
    await dash.console.run(*FLOW)
    await dash.sign_in()
    async with dash.client.get("/dashboard/export.xlsx") as response:
        assert response.status == 200
        assert response.content_type.endswith("spreadsheetml.sheet")
        assert "signaalbot-export.xlsx" in response.headers["Content-Disposition"]
        book = load_workbook(io.BytesIO(await response.read()))
    assert book.sheetnames[0] == "Overzicht" and book.sheetnames[-2:] == ["Signalen", "Nodig"]
    async with dash.client.get("/dashboard/export/signalen.csv") as response:
        raw = await response.read()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert {r["van"] for r in rows} >= {"anoniem", "sanne"}
    assert (await dash.get("/dashboard/export/geheim.csv"))[0] == 404
    async with dash.client.get("/dashboard/export.json") as response:
        assert json.loads(await response.read())["knelpunten"][0]["nr"] == 1
    async with dash.client.get("/dashboard/bottlenecks/1/dossier.pdf") as response:
        assert response.content_type == "application/pdf"
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(await response.read())).pages)
    assert "Wachtlijsten jeugdzorg" in text
    assert (await dash.get("/dashboard/bottlenecks/9/dossier.pdf"))[0] == 404
    async with dash.client.get("/dashboard/events/1.ics") as response:
        assert response.content_type == "text/calendar"
        event = Calendar.from_ical(await response.read()).walk("VEVENT")[0]
    assert str(event["summary"]) == "Webinar wachtlijsten"


async def test_english_per_session(dash):
    await dash.console.run(*FLOW)
    await dash.sign_in()
    token = await dash.csrf()
    async with dash.client.post("/dashboard/language", data={"csrf": token, "taal": "en",
                                "terug": "/dashboard/bottlenecks/1"}, allow_redirects=False) as r:
        assert r.status == 303 and r.headers["Location"] == "/dashboard/bottlenecks/1"
    _, html = await dash.get("/dashboard/bottlenecks/1")
    assert '<html lang="en">' in html and "Timeline" in html and "Tijdlijn" not in html
    assert "created by vera" in html
