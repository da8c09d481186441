"""The first-contact notice (once, in her language, with the privacy statement) and the
audit log of staff actions (written by the kernel, shown with `/status audit`, exported)."""

from __future__ import annotations

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
    "@sanne klik triage:2:relevant",  # refused: a staff-only button
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
                         "triage:2:relevant")
    await export(app.sessions, "csv")
    assert await entries(app) == [
        ("staf", "oproep open", "vraag:…", "ok"),
        ("staf", "ordenen", "", "ok"),
        ("staf", "knop triage", "triage:1:relevant", "ok"),
        ("staf", "knop triage", "triage:1:new", "ok"),  # the form's title is not recorded
        ("staf", "knelpunt nieuw", "titel:…", "ok"),
        ("staf", "knelpunt samenvoegen", "van:2 naar:1", "ok"),
        ("staf", "knelpunt fase", "nr:1 fase:toetsen toelichting:…", "ok"),
        ("staf", "terugkoppeling", "knelpunt:1 tekst:…", "ok"),
        ("lid", "ordenen", "error-role", "geweigerd"),
        ("lid", "knop triage", "error-staff-only", "geweigerd"),
        ("cli", "export", "formaat:csv", "ok"),
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
    rows = list(csv.DictReader(io.StringIO(await audit.export(app.sessions, "csv", clock.now()))))
    assert rows[0].keys() == set(audit.FIELDS)
    assert [r["actie"] for r in rows][-3:] == ["terugkoppeling", "ordenen", "audit export"]
    assert rows[-2]["wie"] == "@sanne" and rows[-2]["uitkomst"] == "geweigerd"
    data = json.loads(await audit.export(app.sessions, "json", clock.now()))
    assert data[-1]["actie"] == "audit export" and data[-1]["wie"] == "(opdrachtregel)"
    text = json.dumps(data, ensure_ascii=False)
    for free_text in ("Geen plek voor ouders", "Vrije tekst van de staf", "Tekst van de staf",
                      "Geen ontmoetingsplek", "Waar loop je tegenaan"):
        assert free_text not in text
