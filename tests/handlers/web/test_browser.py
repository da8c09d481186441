"""End to end in a real headless browser: Playwright driving Debian's chromium. A staff
member signs in through the link from /dashboard, opens the board, filters a domain, opens
a bottleneck, sees its chart drawn, downloads the workbook and the dossier; a screenshot of
the board is saved as a test artifact. Required in CI (BOT_REQUIRE_BROWSER=1, set by
.ci/run); on a machine without chromium it skips and says why."""

from __future__ import annotations

import asyncio
import os
import re
import socket
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bot.handlers.web import server
from bot.settings import Community
from tests.handlers.web.conftest import FLOW, SECRET, web_app
from tests.helpers import Harness

CHROMIUM = os.environ.get("BOT_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("BOT_TEST_ARTIFACTS", "test-artifacts"))
EXTRA = (  # more on the board, so the screenshot shows a pipeline
    '@vera /knelpunt nieuw titel:"Overdracht school en opvang" domein:kinderopvang',
    "@vera /knelpunt fase nr:3 fase:toetsen",
    "@vera /knelpunt fase nr:3 fase:verdiepen",
    '@vera /knelpunt nieuw titel:"Ouders vinden elkaar niet" domein:domeinoverstijgend',
    "@vera /knelpunt fase nr:4 fase:toetsen",
    "@vera /knelpunt fase nr:4 fase:agenderen",
    '@vera /knelpunt nieuw titel:"Verzuim zonder melding" domein:onderwijs',
)


def browser_or_skip() -> str:
    if Path(CHROMIUM).exists():
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        return CHROMIUM
    message = (f"no chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium) "
               "or set BOT_CHROMIUM to run the browser test")
    if os.environ.get("BOT_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_staff_signs_in_finds_a_story_and_downloads_the_files(sqlite_url, clock, tmp_path):
    chromium = browser_or_skip()
    from playwright.async_api import async_playwright  # dev extra; only with a browser

    port = free_port()
    community = Community.model_validate({"dashboard": {"base_url": f"http://127.0.0.1:{port}"}})
    app = await web_app(sqlite_url, community, clock, tmp_path / "files", SECRET)
    serving = asyncio.create_task(server.serve(app, host="127.0.0.1", port=port))
    console = Harness(app)
    await console.run(*FLOW, *EXTRA)
    link = re.search(r"http://127\.0\.0\.1:\d+/dashboard/login/\S+",
                     await console.run("@vera /dashboard")).group(0)
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium, args=args)
            context = await browser.new_context(accept_downloads=True, locale="nl-NL",
                                                viewport={"width": 1440, "height": 900})
            page = await context.new_page()
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            for _ in range(100):  # the server needs a moment to listen
                try:
                    await page.goto(link)
                    break
                except Exception:
                    await asyncio.sleep(0.05)

            # sign in through the link
            await page.get_by_role("button", name="Inloggen").click()
            await page.wait_for_url("**/dashboard/board")
            assert await page.get_by_role("heading", name="Alle knelpunten per fase").is_visible()
            await page.screenshot(path=str(ARTIFACTS / "dashboard-board.png"), full_page=True)

            # filter a domain with the keyboard-reachable form
            await page.get_by_label("Domein").select_option("zorg")
            await page.get_by_role("button", name="Toon").click()
            await page.wait_for_url("**domein=zorg**")
            titles = await page.locator(".card h3").all_inner_texts()
            assert titles == ["#1 Wachtlijsten jeugdzorg"]

            # open the bottleneck: its story and its chart, drawn by plotly.js from the bot
            await page.get_by_role("link", name="#1 Wachtlijsten jeugdzorg").click()
            await page.wait_for_url("**/dashboard/bottlenecks/1")
            await page.locator(".chart[data-drawn=true] svg.main-svg").first.wait_for()
            assert await page.locator(".chart[data-drawn=true]").count() == 2
            await page.screenshot(path=str(ARTIFACTS / "dashboard-bottleneck.png"), full_page=True)
            assert await page.get_by_text("financiering: Geen budget", exact=True).is_visible()
            table = page.get_by_role("table", name="Herkenning per domein (de cijfers van de grafiek)")
            assert "zorg" in await table.inner_text()

            # the dossier as PDF
            async with page.expect_download() as pdf_download:
                await page.get_by_role("link", name="Dossier als PDF").click()
            pdf = await (await pdf_download.value).path()
            text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
            assert "Dossier knelpunt #1: Wachtlijsten jeugdzorg" in text

            # the workbook from the board
            await page.get_by_role("link", name="Terug naar het overzicht").click()
            async with page.expect_download() as xlsx_download:
                await page.get_by_role("link", name="Werkboek (Excel)").click()
            download = await xlsx_download.value
            assert download.suggested_filename == "signaalbot-export.xlsx"
            saved = tmp_path / download.suggested_filename
            await download.save_as(saved)
            book = load_workbook(str(saved))
            assert book.sheetnames[0] == "Overzicht"

            # on a fresh page the first Tab reaches the skip link (keyboard users)
            await page.reload()
            await page.keyboard.press("Tab")
            assert await page.evaluate("document.activeElement.className") == "skip"
            assert problems == []  # no script errors, no Content-Security-Policy violations
            await browser.close()
    finally:
        serving.cancel()
        await asyncio.gather(serving, return_exceptions=True)
        await app.close()
