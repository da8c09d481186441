"""The first-contact notice (once, in her language, with the privacy statement) and the
audit log of staff actions (written by the kernel, shown with `/status audit`, exported)."""

from __future__ import annotations

import asyncio
import csv
import io
import json

import pytest
from sqlalchemy import select

from bot.core.context import Actor
from bot.features.reports import audit
from bot.features.reports.export import export
from bot.settings import Community, Privacy
from bot.storage.models import AuditEntry, Member
from bot.vocabulary.enums import Role
from tests.helpers import Harness

OPEN = '@vera:staf /oproep open vraag:"Waar loop je tegenaan?"'
NOTICE = "Zo gaat Ons netwerk met je gegevens om"


def notices(out: str, who: str) -> int:
    return out.count(f"[dm @{who}] **🔐 {NOTICE}**")


async def test_the_notice_comes_once_at_her_first_reply_dm_or_vote(app):
    h = Harness(app)
    out = await h.run(OPEN, "@sanne:lid /help", "@sanne /mijn gegevens")
    assert NOTICE not in out  # looking around stores nothing of hers
    out = await h.run("@sanne thread 1 Eerste", "@sanne dm Tweede", '@sanne /signaal tekst:"x"')
    assert notices(out, "sanne") == 1
    assert out.index(NOTICE) < out.index("signaal #1")  # before anything else
    assert "365 dagen" in out and "24 uur" in out and "`/mijn gegevens verwijder`" in out
    await h.run('@vera /knelpunt nieuw titel:"K"', "@vera /peiling start knelpunt:1")
    out = await h.run('@ahmed:lid klik "Herken ik"', '@ahmed klik "Deels"')
    assert notices(out, "ahmed") == 1
    await h.run('@vera /bijeenkomst nieuw titel:"Webinar" soort:webinar start:"2026-12-20 14:00"')
    out = await h.run("@lotte:lid klik event:1:rsvp:yes", "@sanne klik event:1:rsvp:maybe")
    assert notices(out, "lotte") == 1 and notices(out, "sanne") == 0
    async with app.sessions() as s:
        noticed = {m.platform_user_id: m.noticed_at is not None
                   for m in (await s.scalars(select(Member))).all()}
    assert noticed == {"vera": False, "sanne": True, "ahmed": True, "lotte": True}


async def test_a_refused_vote_brings_no_notice(app):
    h = Harness(app)
    await h.run(OPEN, '@vera /knelpunt nieuw titel:"K"', "@vera /peiling start knelpunt:1",
                "@vera /peiling sluit nr:1")
    out = await h.run("@sanne:lid /stem peiling:1 herkend:ja")
    assert "gesloten" in out and NOTICE not in out


async def test_the_notice_in_english(app):
    h = Harness(app)
    out = await h.run(OPEN, "@noah:lid /mijn instellingen taal:en", "@noah thread 1 Waiting lists")
    assert "How Ons netwerk handles your data" in out and "365 days" in out


class TestWithAPrivacyStatement:
    @pytest.fixture
    def community(self) -> Community:
        return Community(privacy=Privacy(statement_url="https://example.org/privacy"))

    async def test_the_notice_links_it(self, app):
        out = await Harness(app).run(OPEN, "@sanne:lid thread 1 Iets")
        assert "Lees de privacyverklaring: https://example.org/privacy" in out


def test_a_statement_url_must_be_a_web_address():
    with pytest.raises(ValueError, match="https://"):
        Privacy(statement_url="privacy.html")


STAFF_ACTIONS = (
    OPEN,
    "@sanne:lid thread 1 Geen plek voor ouders",
    "@sanne thread 1 Zelfde verhaal",
    "@vera /ordenen",
    "@vera klik relevant",
    '@vera klik "Nieuw knelpunt" titel:"Geen ontmoetingsplek"',
    '@vera /knelpunt nieuw titel:"Dubbel knelpunt"',
    "@vera /knelpunt samenvoegen van:2 naar:1",
    '@vera /knelpunt fase nr:1 fase:toetsen toelichting:"Tekst van de staf"',
    '@vera /terugkoppeling knelpunt:1 tekst:"Vrije tekst van de staf"',
    "@sanne /ordenen",  # refused: staff only
    "@sanne klik triage:2v0:relevant",  # refused: a staff-only button
)


async def entries(app) -> list[tuple[str, str, str, str]]:
    async with app.sessions() as s:
        rows = (await s.scalars(select(AuditEntry).order_by(AuditEntry.id))).all()
    return [(e.role, e.action, e.detail, e.outcome) for e in rows]


async def test_the_kernel_audits_every_staff_action_and_refusal(app):
    h = Harness(app)
    await h.run(*STAFF_ACTIONS[:-1])
    # a staff-only button pressed by a member (crafted: she never saw it)
    await app.core.press(Actor("console", "sanne", "sanne", reply_ref="console:sanne"),
                         "triage:2v0:relevant")
    await export(app.sessions, app.community, "csv", app.clock.now(), table="signalen")
    assert await entries(app) == [
        ("staf", "oproep open", "vraag:…", "ok"),
        ("staf", "ordenen", "", "ok"),
        ("staf", "knop triage", "triage:1v0:relevant", "ok"),
        ("staf", "knop triage", "triage:1v1:new", "ok"),  # the form's title is not recorded
        ("staf", "knelpunt nieuw", "titel:…", "ok"),
        ("staf", "knelpunt samenvoegen", "van:2 naar:1", "ok"),
        ("staf", "knelpunt fase", "nr:1 fase:toetsen toelichting:…", "ok"),
        ("staf", "terugkoppeling", "knelpunt:1 tekst:…", "ok"),
        ("lid", "ordenen", "error-role", "geweigerd"),
        ("lid", "knop triage", "error-staff-only", "geweigerd"),
        ("cli", "export", "formaat:csv tabel:signalen", "ok"),
    ]


async def test_a_members_own_refusals_are_audited_too(app):
    h = Harness(app)
    await h.run(OPEN, "@sanne:lid thread 1 Iets", '@vera /knelpunt nieuw titel:"K"',
                "@vera /peiling start knelpunt:1 doelgroep:ambassadeurs",
                '@kees:lid klik "Herken ik"', "@kees /mijn signalen signaal:1 gebruik:staf")
    refused = [(role, action, detail) for role, action, detail, outcome in await entries(app)
               if outcome == "geweigerd"]
    assert refused == [("lid", "knop poll", "poll-ambassadors-only"),
                       ("lid", "mijn signalen", "signal-not-yours")]


async def test_status_audit_shows_the_newest_entries_to_staff(app):
    h = Harness(app)
    await h.run(*STAFF_ACTIONS[:-1])
    out = await h.run("@vera /status audit")
    assert "Auditlog: wat de staf deed" in out
    assert "@vera (staf): knelpunt samenvoegen van:2 naar:1" in out
    assert "⛔ geweigerd: @sanne (lid): ordenen error-role" in out
    assert "Vrije tekst van de staf" not in out
    assert "Alleen de staf" in await h.run("@sanne /status audit")


async def test_the_audit_log_exports_as_csv_and_json(app, clock):
    h = Harness(app)
    await h.run(*STAFF_ACTIONS[:-1])
    file = await audit.export(app.sessions, app.community, "csv", clock.now())
    assert file.name == "auditlog.csv" and file.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(file.data.decode("utf-8-sig")), delimiter=";"))
    assert list(rows[0]) == list(audit.COLUMNS)
    assert [r["actie"] for r in rows][-3:] == ["terugkoppeling", "ordenen", "audit export"]
    assert rows[-2]["wie"] == "sanne" and rows[-2]["uitkomst"] == "geweigerd"
    assert rows[-1]["tijd"] == "2026-11-02 10:00"  # local time, as every export
    file = await audit.export(app.sessions, app.community, "json", clock.now())
    data = json.loads(file.data)["auditlog"]
    assert data[-1]["actie"] == "audit export" and data[-1]["wie"] == "(opdrachtregel)"
    text = json.dumps(data, ensure_ascii=False)
    for free_text in ("Geen plek voor ouders", "Vrije tekst van de staf", "Tekst van de staf",
                      "Geen ontmoetingsplek", "Waar loop je tegenaan"):
        assert free_text not in text


async def test_a_replayed_request_is_audited_and_noticed_once(any_app):
    """A request stored in the inbox runs once, also when a replay after a crash races the
    first run: one audit entry (a staff command, a refusal), one first-contact notice."""
    app = any_app
    vera = Actor("console", "vera", "vera", Role.STAFF, "console:vera")
    sanne = Actor("console", "sanne", "sanne", Role.MEMBER, "console:sanne")
    requests = ((vera, '/oproep open vraag:"Waar loop je tegenaan?"'),
                (sanne, '/signaal tekst:"Geen plek"'), (sanne, "/ordenen"))
    for n, (who, line) in enumerate(requests):
        row = await app.inbox.persist("console", f"replayed-{n}", "command", {"text": line})
        await asyncio.gather(*(app.core.command(who, line, inbound=row) for _ in range(3)))
    assert await entries(app) == [("staf", "oproep open", "vraag:…", "ok"),
                                  ("lid", "ordenen", "error-role", "geweigerd")]
    out = await Harness(app).delivered()
    assert notices(out, "sanne") == 1 and out.count("signaal #1") == 1
