"""Consent per signal: the member chooses how her words may be used when she answers
(default from config), changes it later from `/mijn signalen`, and every output honours it:
the staff's triage card, the bottleneck's form, public counts (timeline, lists, the call's
thread, the digest), the JSON/CSV/workbook export (with the choice in ``gebruik``) and the
dossier (quotes only, never a name)."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from bot.core.context import Actor
from bot.features.reports.export import export
from bot.features.signals.visibility import Place, shown
from bot.scheduling.due import run_due
from bot.settings import Community, Privacy
from bot.storage.models import Member, Signal
from bot.vocabulary.enums import Consent, SignalStatus
from tests.helpers import Harness

OPEN = '@vera:staf /oproep open vraag:"Waar loop je tegenaan?"'
QUOTE, COUNT, STAFF = ("Citeren mag: de wachtlijst is te lang",
                       "Alleen tellen: de bso sluit te vroeg",
                       "Alleen staf: mijn teamleider weet ervan")
FLOW = (
    OPEN,
    f"@sanne:lid thread 1 {QUOTE}",
    '@sanne klik "Citeren zonder naam"',
    f"@ahmed:lid thread 1 {COUNT}",  # no choice: the default, only counted
    f"@lotte:lid thread 1 {STAFF}",
    '@lotte klik "Alleen voor de staf"',
    '@vera /knelpunt nieuw titel:"K1" signaal:1',
    "@vera /knelpunt koppel signaal:2 knelpunt:1",
    "@vera /knelpunt koppel signaal:3 knelpunt:1",
)


async def consents(app) -> list[Consent]:
    async with app.sessions() as s:
        return list((await s.scalars(select(Signal.consent).order_by(Signal.id))).all())


async def test_the_choice_when_answering_and_the_default(app):
    h = Harness(app)
    out = await h.run(OPEN, "@sanne:lid thread 1 Eerste signaal")
    assert "Hoe mag de staf je woorden gebruiken? Nu: **alleen meetellen**" in out
    assert "[Citeren zonder naam] [Alleen meetellen] [Alleen voor de staf]" in out
    assert "citeren zonder naam" in await h.run('@sanne klik "Citeren zonder naam"')
    out = await h.run("@sanne dm Tweede signaal")  # a DM: the thanks carry the question
    assert "signaal #2 bij oproep #1" in out and "[Alleen voor de staf]" in out
    await h.run('@sanne klik "Alleen voor de staf"')
    await h.run('@sanne /signaal tekst:"Derde" gebruik:citeren')
    assert await consents(app) == [Consent.QUOTE, Consent.STAFF, Consent.QUOTE]


class TestTheDefaultComesFromConfig:
    @pytest.fixture
    def community(self) -> Community:
        return Community(privacy=Privacy(default_consent="staf"))

    async def test_a_signal_without_a_choice_gets_it(self, app):
        h = Harness(app)
        out = await h.run(OPEN, "@sanne:lid thread 1 Iets")
        assert "Nu: **alleen voor de staf**" in out
        assert "zonder keuze: alleen voor de staf" in out  # the first-contact notice says so
        assert await consents(app) == [Consent.STAFF]


async def test_change_it_later_from_my_signals_and_only_her_own(app):
    h = Harness(app)
    await h.run(*FLOW)
    out = await h.run("@ahmed /mijn signalen")
    assert "gebruik: alleen meetellen" in out
    out = await h.run("@ahmed /mijn signalen signaal:2 gebruik:citeren")
    assert "Signaal #2: citeren zonder naam" in out
    assert "Dit signaal is van iemand anders" in await h.run(
        "@ahmed /mijn signalen signaal:1 gebruik:staf")
    assert "Geef het signaal en de keuze" in await h.run("@ahmed /mijn signalen signaal:2")
    await app.core.press(Actor("console", "ahmed", "ahmed", reply_ref="console:ahmed"),
                         "signal:1:consent:staff")
    assert "van iemand anders" in await h.delivered()
    assert await consents(app) == [Consent.QUOTE, Consent.QUOTE, Consent.STAFF]


async def test_staff_see_every_text_with_the_choice_and_no_title_is_copied(app):
    h = Harness(app)
    await h.run(*FLOW[:6])
    for nr, text, choice in ((1, QUOTE, "citeren zonder naam"), (2, COUNT, "alleen meetellen"),
                             (3, STAFF, "alleen voor de staf")):
        out = await h.run("@vera /ordenen")
        assert f"signaal #{nr}" in out and text in out
        assert f"Gebruik volgens het lid: {choice}" in out
        await h.run('@vera klik "Niet relevant"')
    # the "new bottleneck" form starts empty: a title in staff's own words, never hers
    await h.run("@kees:lid dm Een lang verhaal over de opvang", "@vera /ordenen")
    card = [r for r in await h.outbox() if r.target_kind == "ephemeral"][-1]
    form = next(c["form"] for row in card.payload["rows"] for c in row if c["form"])
    assert [f["value"] for f in form["fields"]] == ["", ""]


async def test_public_counts_leave_out_staff_only_signals(app, clock):
    h = Harness(app)
    await run_due(app)  # the digest's first slot is its baseline
    await h.run(*FLOW)
    assert "2 signalen" in await h.run("@ahmed /knelpunt toon nr:1")  # not a public number
    assert "3 signalen" in await h.run("@vera /knelpunt toon nr:1")  # staff count them all
    assert "· 2 signalen" in await h.run("@ahmed /knelpunt lijst")
    assert "— 2 reacties" in await h.run("@ahmed /oproep lijst")
    await h.run("@vera /oproep sluit nr:1")
    thread = [r for r in await h.outbox() if r.target_kind == "thread"][-1]
    assert "Dank voor 2 reacties" in thread.payload["text"]
    clock.advance(timedelta(days=7))
    await run_due(app)
    news = [r for r in await h.outbox() if r.channel_key == "news"][-1]
    assert "2 nieuwe signalen deze week" in news.payload["text"]


async def _export(app, fmt: str, **options) -> dict[str, bytes]:
    files = await export(app.sessions, app.community, fmt, app.clock.now(), **options)
    return {f.name: f.data for f in files}


async def test_the_export_follows_each_choice(app):
    h = Harness(app)
    await h.run(*FLOW, '@sanne /signaal tekst:"Anoniem en citeren" anoniem:ja gebruik:citeren')
    data = json.loads((await _export(app, "json"))["signaalbot-export.json"])
    rows = {r["nr"]: (r["van"], r["tekst"], r["gebruik"]) for r in data["signalen"]}
    assert rows == {
        1: ("anoniem", QUOTE, "citeren"),  # quoted, never with her name
        2: ("ahmed", "", "tellen"),  # counted: no words
        4: ("anoniem", "Anoniem en citeren", "citeren"),
    }  # 3 (staff only) is not exported at all, nor counted
    assert data["knelpunten"][0]["signalen"] == 2
    files = await _export(app, "csv")
    text = b"".join(files.values()).decode("utf-8-sig")
    signals = list(csv.DictReader(io.StringIO(files["signalen.csv"].decode("utf-8-sig")),
                                  delimiter=";"))
    assert [(r["nr"], r["van"], r["gebruik"], r["tekst"]) for r in signals] == [
        ("1", "anoniem", "citeren", QUOTE), ("2", "ahmed", "tellen", ""),
        ("4", "anoniem", "citeren", "Anoniem en citeren")]
    overview = list(csv.DictReader(io.StringIO(files["knelpunten.csv"].decode("utf-8-sig")),
                                   delimiter=";"))
    assert overview[0]["signalen"] == "2"
    assert STAFF not in text and COUNT not in text and "lotte" not in text


async def test_the_dossier_quotes_only_with_consent_and_never_a_name(app):
    h = Harness(app)
    await h.run(*FLOW)
    (pdf,) = (await _export(app, "dossier", bottleneck=1)).values()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert QUOTE in flat and "anoniem" in flat  # quoted without her name
    assert COUNT not in flat and STAFF not in flat
    assert "sanne" not in flat and "ahmed" not in flat and "lotte" not in flat
    assert "2 signalen" in flat  # the staff-only signal is no public number


@pytest.mark.parametrize("consent", list(Consent))
@pytest.mark.parametrize("anonymous", [False, True])
def test_the_rule_in_one_table(consent, anonymous):
    """Who may see what, per place: the one function every output asks."""
    author = Member(platform="console", platform_user_id="sanne", display_name="sanne")
    signal = Signal(
        text="Woorden", consent=consent, anonymous=anonymous, status=SignalStatus.LINKED
    )
    owner = shown(signal, author, Place.OWNER)
    staff = shown(signal, author, Place.STAFF)
    exported = shown(signal, author, Place.EXPORT)
    public = shown(signal, author, Place.PUBLIC)  # the dossier
    assert owner == (owner.__class__("Woorden", "sanne"))
    assert staff.text == "Woorden" and staff.author == (None if anonymous else "sanne")
    if consent is Consent.STAFF:
        assert exported is None and public is None
        return
    quoted = consent is Consent.QUOTE
    assert exported.text == ("Woorden" if quoted else None)
    assert exported.author == (None if anonymous or quoted else "sanne")
    # in public a signal is only a quote, never with a name
    assert public == (owner.__class__("Woorden", None) if quoted else None)
    signal.status = SignalStatus.NEW  # not (yet) found relevant: no quote in public
    assert shown(signal, author, Place.PUBLIC) is None
    assert shown(signal, author, Place.STAFF) == staff
