"""The dashboard under test: the real aiohttp application on loopback, a staff member who
asks for a sign-in link with /dashboard in the console, and a client that keeps cookies."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

from bot.app import App, build_app
from bot.handlers.web.server import web_application
from bot.settings import Community, Settings
from tests.helpers import Harness

SECRET = "test-secret-that-is-long-enough"
LINK = re.compile(r"http://localhost:3000(/dashboard/login/\S+)")
# A community as staff would see it: bottlenecks in two domains, an anonymous signal that
# may be quoted, signals only to be counted (the default), a signal with markup in it, a poll with votes from two domains, a cause, an agenda step.
FLOW = (
    '@vera:staf /oproep open vraag:"Waar loop je tegenaan?"',
    "@sanne:lid /mijn instellingen domein:zorg",
    "@sanne thread 1 Wachtlijsten zijn te lang",
    "@piet:lid /mijn instellingen domein:onderwijs",
    "@piet thread 1 <script>alert(1)</script> geen plek",
    '@sanne /signaal tekst:"Geheim verhaal" anoniem:ja gebruik:citeren',  # may be quoted
    '@vera /knelpunt nieuw titel:"Wachtlijsten jeugdzorg" domein:zorg signaal:1',
    "@vera /knelpunt koppel signaal:2 knelpunt:1",
    "@vera /knelpunt koppel signaal:3 knelpunt:1",
    '@vera /knelpunt nieuw titel:"Lege klassen" domein:onderwijs',
    "@kees:lid dm Nog niet geordend",
    "@vera /knelpunt fase nr:1 fase:toetsen",
    "@vera /peiling start knelpunt:1",
    '@sanne klik "Herken ik"',
    "@piet klik Deels",
    '@piet klik "Urgentie hoog"',
    '@vera /knelpunt oorzaak nr:1 gebied:financiering tekst:"Geen budget"',
    '@vera /knelpunt agendeer nr:1 tafel:"Landelijke tafel" actie:onderzoek vervolg:2027-02-01',
    '@vera /terugkoppeling knelpunt:1 tekst:"Besproken aan tafel"',
    '@vera /bijeenkomst nieuw titel:"Webinar wachtlijsten" soort:webinar start:"2026-12-03 14:00"',
    "@sanne klik event:1:rsvp:yes",
)


class Dashboard:
    def __init__(self, app: App, client: TestClient) -> None:
        self.app = app
        self.client = client
        self.console = Harness(app)

    async def link(self, who: str = "@vera:staf") -> str:
        """The path of a fresh sign-in link, asked for with /dashboard in the console."""
        out = await self.console.run(f"{who} /dashboard")
        found = LINK.search(out)
        assert found, out
        return found.group(1)

    async def sign_in(self, who: str = "@vera:staf") -> ClientResponse:
        path = await self.link(who)
        return await self.client.post(path, allow_redirects=False)

    async def get(self, path: str) -> tuple[int, str]:
        async with self.client.get(path, allow_redirects=False) as response:
            return response.status, await response.text()

    async def csrf(self, path: str = "/dashboard/board") -> str:
        _, html = await self.get(path)
        found = re.search(r'name="csrf" value="([^"]+)"', html)
        assert found, html[:500]
        return found.group(1)


async def web_app(url: str, community: Community, clock, files: Path, secret: str | None) -> App:
    settings = Settings(
        BOT_DATABASE_URL=url, BOT_FILES_DIR=str(files), **({"BOT_WEB_SECRET": secret} if secret else {})
    )
    return await build_app(settings, community, clock=clock, platforms=["console"])


@pytest.fixture
async def dash(sqlite_url, community, clock, tmp_path) -> AsyncIterator[Dashboard]:
    app = await web_app(sqlite_url, community, clock, tmp_path / "files", SECRET)
    client = TestClient(TestServer(web_application(app)))
    await client.start_server()
    try:
        yield Dashboard(app, client)
    finally:
        await client.close()
        await app.close()
