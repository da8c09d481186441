"""Access: every page and file refuses without a staff session; sign-in links are signed,
short-lived and single use; sessions expire; cookies, CSRF and security headers."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.__main__ import main
from bot.handlers.web.server import web_application
from tests.handlers.web.conftest import FLOW, LINK, SECRET, web_app
from tests.helpers import Harness

PAGES = (
    "/dashboard/", "/dashboard/board", "/dashboard/board?domein=zorg", "/dashboard/bottlenecks/1",
    "/dashboard/bottlenecks/1/dossier", "/dashboard/signals", "/dashboard/triage",
    "/dashboard/waiting", "/dashboard/events", "/dashboard/deliveries", "/dashboard/audit",
    "/dashboard/polls/1/needs",
)
FILES = (
    "/dashboard/export.xlsx", "/dashboard/export.json", "/dashboard/export/knelpunten.csv",
    "/dashboard/export/signalen.csv", "/dashboard/export/nodig.csv",
    "/dashboard/bottlenecks/1/dossier.pdf",
    "/dashboard/events/1.ics", "/dashboard/audit.csv",
)
FORMS = ("/dashboard/logout", "/dashboard/language")
SECRETS = ("Wachtlijsten", "Geheim verhaal", "BEGIN:VCALENDAR", "PK\x03\x04", "%PDF")


async def refused_everywhere(dash, status: int = 401) -> None:
    for path in (*PAGES, *FILES):
        async with dash.client.get(path, allow_redirects=False) as response:
            body = await response.text(errors="replace")
            assert response.status == status, path
            assert not any(secret in body for secret in SECRETS), path
            assert response.headers["Cache-Control"] == "no-store", path
    for path in FORMS:
        async with dash.client.post(path, data={"taal": "en"}, allow_redirects=False) as response:
            assert response.status == status, path


async def test_every_page_and_file_refuses_without_a_session(dash):
    await dash.console.run(*FLOW)
    await refused_everywhere(dash)
    _, html = await dash.get("/dashboard/board")
    assert "Vraag een nieuwe link met `/dashboard`" in html
    dash.client.session.cookie_jar.update_cookies({"signaalbot_session": "made-up"})
    await refused_everywhere(dash)


async def test_a_link_signs_in_once_and_sets_a_safe_cookie(dash):
    await dash.console.run(*FLOW)
    path = await dash.link()
    for _ in range(2):  # opening (or a chat app previewing) the link does not use it
        status, html = await dash.get(path)
        assert status == 200 and "als vera" in html and 'method="post"' in html
    async with dash.client.post(path, allow_redirects=False) as response:
        assert response.status == 303 and response.headers["Location"] == "/dashboard/board"
        cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/dashboard" in cookie
    assert "Secure" not in cookie  # http://localhost; an https:// base_url adds it
    for path_ in (*PAGES, *FILES):
        async with dash.client.get(path_, allow_redirects=False) as response:
            assert response.status in (200, 303), path_
    # the same link again: refused, and the session it made stays the only one
    other = TestClient(TestServer(web_application(dash.app)))
    await other.start_server()
    try:
        async with other.post(path, allow_redirects=False) as response:
            assert response.status == 403
            assert "al gebruikt" in await response.text()
    finally:
        await other.close()


async def test_expired_forged_and_unknown_links_are_refused(dash, clock):
    path = await dash.link()
    clock.advance(minutes=16)  # links last 15 minutes
    status, html = await dash.get(path)
    assert status == 403 and "verlopen" in html
    async with dash.client.post(path, allow_redirects=False) as response:
        assert response.status == 403
    fresh = await dash.link()
    token, _, signature = fresh.rpartition("/")[2].partition(".")
    forged = [
        f"/dashboard/login/{token}.{signature[:-2]}xx",  # a changed signature
        f"/dashboard/login/{token[:-2]}xx.{signature}",  # a changed token
        f"/dashboard/login/{token}",  # no signature
        "/dashboard/login/..",
    ]
    for bad in forged:
        async with dash.client.post(bad, allow_redirects=False) as response:
            assert response.status in (401, 403, 404), bad
            set_cookie = response.headers.get("Set-Cookie", "Max-Age=0")
            assert "Max-Age=0" in set_cookie  # no session, at most the old cookie cleared
    status, html = await dash.get(forged[0])
    assert status == 403 and "klopt niet" in html
    await refused_everywhere(dash)


async def test_members_cannot_get_in(dash):
    out = await dash.console.run("@sanne:lid /dashboard")
    assert "Alleen de staf kan `/dashboard` gebruiken." in out and "/dashboard/login/" not in out
    path = await dash.link("@vera:staf")
    await dash.console.run("@vera:lid /help")  # vera is no longer staff on her platform
    status, html = await dash.get(path)
    assert status == 403 and "alleen voor de staf" in html
    await dash.console.run("@vera:staf /help")
    assert (await dash.sign_in()).status == 303
    assert (await dash.get("/dashboard/board"))[0] == 200
    await dash.console.run("@vera:lid /help")  # demoted during a session: out at once
    await refused_everywhere(dash)


async def test_sessions_expire_and_sign_out(dash, clock):
    await dash.sign_in()
    clock.advance(minutes=59)
    assert (await dash.get("/dashboard/board"))[0] == 200
    clock.advance(minutes=59)  # still active: the idle time counts from the last page
    assert (await dash.get("/dashboard/board"))[0] == 200
    clock.advance(minutes=61)
    await refused_everywhere(dash)
    await dash.sign_in()
    for _ in range(9):  # however active, a session ends after 8 hours
        clock.advance(minutes=55)
        await dash.get("/dashboard/board")
    assert (await dash.get("/dashboard/board"))[0] == 401
    await dash.sign_in()
    token = await dash.csrf()
    async with dash.client.post("/dashboard/logout", data={"csrf": token}) as response:
        assert response.status == 200 and "uitgelogd" in await response.text()
    await refused_everywhere(dash)


async def test_every_form_needs_its_csrf_token(dash):
    await dash.sign_in()
    token = await dash.csrf()
    for data in ({"taal": "en"}, {"taal": "en", "csrf": "wrong"}):
        async with dash.client.post("/dashboard/language", data=data, allow_redirects=False) as r:
            assert r.status == 403 and "Formulier geweigerd" in await r.text()
    cross = {"Sec-Fetch-Site": "cross-site"}
    async with dash.client.post("/dashboard/logout", data={"csrf": token}, headers=cross) as r:
        assert r.status == 403
    assert (await dash.get("/dashboard/board"))[0] == 200  # still signed in
    _, html = await dash.get("/dashboard/board")
    forms = re.findall(r'<form method="post".*?</form>', html, re.S)
    assert forms and all(f'name="csrf" value="{token}"' in form for form in forms)
    async with dash.client.post("/dashboard/language", data={"taal": "en", "csrf": token},
                                allow_redirects=False) as r:
        assert r.status == 303


async def test_security_headers_on_pages_errors_and_files(dash):
    await dash.console.run(*FLOW)
    await dash.sign_in()
    for path in ("/dashboard/board", "/dashboard/export.xlsx", "/dashboard/nope",
                 "/dashboard/static/dashboard.css", "/dashboard/login/x.y"):
        async with dash.client.get(path) as response:
            headers = response.headers
            assert "script-src 'self'" in headers["Content-Security-Policy"], path
            assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
            assert headers["X-Frame-Options"] == "DENY"
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert headers["Referrer-Policy"] == "same-origin"
    async with dash.client.get("/dashboard/nope") as response:
        assert response.status == 404 and "Niet gevonden" in await response.text()
    # static assets hold no data and need no session (the sign-in page uses them)
    dash.client.session.cookie_jar.clear()
    for name in ("dashboard.css", "dashboard.js", "plotly.min.js"):
        async with dash.client.get(f"/dashboard/static/{name}") as response:
            assert response.status == 200
    for name in ("server.py", "..%2Fserver.py", "%2E%2E%2Fview.py"):
        async with dash.client.get(f"/dashboard/static/{name}") as response:
            assert response.status == 404 and "import" not in await response.text()


async def test_without_a_secret_the_dashboard_is_off(sqlite_url, community, clock, tmp_path):
    app = await web_app(sqlite_url, community, clock, tmp_path, None)
    try:
        out = await Harness(app).run("@vera:staf /dashboard")
        assert "Het dashboard staat uit" in out
    finally:
        await app.close()


async def test_dashboard_link_on_the_command_line(sqlite_url, monkeypatch, capsys, dash):
    monkeypatch.setenv("BOT_WEB_SECRET", SECRET)

    async def link(name: str) -> tuple[int, str, str]:
        code = await asyncio.to_thread(main, ["--database", sqlite_url, "dashboard-link", name])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    code, out, _ = await link("staf")  # the console's own staff member, as it starts
    assert code == 0
    path = LINK.search(out).group(1)
    async with dash.client.post(path, allow_redirects=False) as response:
        assert response.status == 303
    await dash.console.run("@sanne:lid /help")
    code, _, err = await link("sanne")
    assert code == 2 and "Geen stafmedewerker" in err
    monkeypatch.delenv("BOT_WEB_SECRET")
    code, _, err = await link("staf")
    assert code == 2 and "BOT_WEB_SECRET" in err


@pytest.mark.parametrize("minutes", [5])
async def test_links_follow_the_community_settings(dash, clock, minutes):
    dash.app.community.dashboard.link_minutes = minutes
    path = await dash.link()
    clock.advance(timedelta(minutes=minutes, seconds=1))
    assert (await dash.get(path))[0] == 403


async def test_sign_ins_and_files_are_in_the_audit_log_and_its_page(dash, clock):
    """The dashboard does not pass through Core.command, so it records its own: each
    sign-in (and a refused one), each file downloaded, each audit-log download."""
    await dash.console.run(*FLOW)
    used = await dash.link()
    assert (await dash.client.post(used, allow_redirects=False)).status == 303
    async with dash.client.post(used, allow_redirects=False) as response:
        assert response.status == 403  # used: refused, and recorded
    for path in ("/dashboard/export/signalen.csv", "/dashboard/bottlenecks/1/dossier.pdf"):
        async with dash.client.get(path) as response:
            assert response.status == 200
    async with dash.client.get("/dashboard/audit.csv") as response:
        assert response.status == 200
        log = (await response.read()).decode("utf-8-sig")
    status, html = await dash.get("/dashboard/audit")
    assert status == 200 and "Auditlog: wat de staf deed" in html
    for shown in ("dashboard aanmelden", "formaat:csv tabel:signalen",
                  "formaat:dossier knelpunt:1", "audit export", "geweigerd"):
        assert shown in html, shown
    assert "dashboard aanmelden;link #1;ok" in log.replace('"', "")
    assert "dashboard aanmelden;used;geweigerd" in log.replace('"', "")
    for secret in ("Wachtlijsten zijn te lang", "Geheim verhaal", "/dashboard/login/"):
        assert secret not in html and secret not in log
