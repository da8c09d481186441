"""Triage (step 2), merging duplicates, and feedback (step 7) to exactly those involved."""

from sqlalchemy import select

from bot.features.triage.service import suggest_domain
from bot.storage.models import Bottleneck, Poll, Signal
from bot.vocabulary.enums import Domain, SignalStatus
from tests.helpers import Harness

CALL = '@vera:staf /oproep open vraag:"Waar loop je tegenaan?"'


async def signal(app, nr: int) -> Signal:
    async with app.sessions() as s:
        return await s.get(Signal, nr)


def test_domain_suggestion_from_keywords():
    assert suggest_domain("De bso en de gastouder") is Domain.KINDEROPVANG
    assert suggest_domain("Mijn kind zit thuis, school belt niet") is Domain.ONDERWIJS
    assert suggest_domain("school en huisarts") is Domain.DOMEINOVERSTIJGEND  # a tie
    assert suggest_domain("Het weer is mooi") is None


async def test_triage_queue_in_order_with_actions(app):
    h = Harness(app)
    await h.run(CALL, "@sanne:lid thread 1 De bso en school stemmen niets af",
                "@kees:lid thread 1 Reclame voor mijn bedrijf", "@lotte:lid thread 1 Zelfde als Sanne")
    out = await h.run("@vera /ordenen")
    assert "Ordenen: signaal #1" in out and "voorstel: domeinoverstijgend" in out
    await h.run("@vera klik relevant", "@vera klik kinderopvang")
    s1 = await signal(app, 1)
    assert (s1.status, s1.domain) == (SignalStatus.RELEVANT, Domain.KINDEROPVANG)
    out = await h.run('@vera klik "Nieuw knelpunt" titel:"School en opvang werken langs elkaar"')
    assert "Knelpunt #1 is aangemaakt" in out and "Ordenen: signaal #2" in out
    out = await h.run('@vera klik "Niet relevant"')
    assert "Ordenen: signaal #3" in out
    assert (await signal(app, 2)).status is SignalStatus.NOT_RELEVANT
    out = await h.run('@vera klik "#1 School en opvang werken langs elkaar"')
    assert "Alles is geordend" in out
    s3 = await signal(app, 3)
    assert (s3.status, s3.bottleneck_id, s3.domain) == (SignalStatus.LINKED, 1,
                                                        Domain.KINDEROPVANG)


async def test_triage_suggests_similar_bottlenecks(app):
    h = Harness(app)
    await h.run('@vera:staf /knelpunt nieuw titel:"Wachtlijst voor jeugd-ggz is te lang"',
                '@vera /knelpunt nieuw titel:"Geen plek voor ouders in de wijk"',
                "@sanne:lid dm De wachtlijst voor de jeugd-ggz is echt te lang bij ons")
    out = await h.run("@vera /ordenen")
    assert "Lijkt op: #1 Wachtlijst voor jeugd-ggz is te lang" in out
    assert "[Koppel aan #1]" in out and "Koppel aan #2" not in out
    await h.run('@vera klik "Koppel aan #1"')
    assert (await signal(app, 1)).bottleneck_id == 1


async def test_members_cannot_triage(app):
    h = Harness(app)
    await h.run("@sanne:lid dm Iets")
    assert "Alleen de staf" in await h.run("@sanne /ordenen")
    from bot.core.context import Actor
    from bot.vocabulary.enums import Role

    await app.core.press(Actor("console", "sanne", "sanne", Role.MEMBER, "console:sanne"),
                         "triage:1:irrelevant")
    assert "alleen de staf" in (await h.delivered()).lower()
    assert (await signal(app, 1)).status is SignalStatus.NEW


async def test_merge_moves_signals_and_polls_and_counts_people_once(app):
    h = Harness(app)
    await h.run(CALL, "@sanne:lid thread 1 A", "@sanne thread 1 B", "@kees:lid thread 1 C",
                '@vera /knelpunt nieuw titel:"Eén" signaal:1', '@vera /knelpunt nieuw titel:"Twee"',
                "@vera /knelpunt koppel signaal:2 knelpunt:2", "@vera /knelpunt koppel signaal:3 knelpunt:2",
                "@vera /peiling start knelpunt:2", '@sanne klik "Herken ik"')
    out = await h.run("@vera /knelpunt samenvoegen van:2 naar:1")
    assert "samengevoegd met #1" in out
    async with app.sessions() as s:
        assert {x.bottleneck_id for x in (await s.scalars(select(Signal))).all()} == {1}
        assert (await s.get(Poll, 1)).bottleneck_id == 1
        assert (await s.get(Bottleneck, 2)).merged_into_id == 1
    shown = await h.run("@vera /knelpunt toon nr:1")
    assert "3 signalen · 2 betrokkenen" in shown  # sanne (2 signals + a vote) counts once
    assert 'knelpunt #2 "Twee" is hierin opgegaan' in shown
    assert "samengevoegd met #1. Gebruik #1" in await h.run("@vera /peiling start knelpunt:2")
    assert "#2" not in await h.run("@vera /knelpunt lijst")
    assert "met zichzelf" in await h.run("@vera /knelpunt samenvoegen van:1 naar:1")


async def test_feedback_reaches_exactly_those_involved_once(app):
    h = Harness(app)
    await h.run(CALL, "@sanne:lid thread 1 Eerste", "@sanne thread 1 Tweede",
                "@ahmed:ambassadeur dm Derde", "@kees:lid thread 1 Ander onderwerp",
                '@vera /knelpunt nieuw titel:"K1" signaal:1', "@vera /knelpunt koppel signaal:2 knelpunt:1",
                "@vera /knelpunt koppel signaal:3 knelpunt:1", '@vera /knelpunt nieuw titel:"K2" signal:4',
                "@vera /peiling start knelpunt:1", '@lotte:lid klik "Herken ik"', '@ahmed klik Deels',
                "@piet:lid /mijn instellingen meldingen:uit", '@piet klik "Herken ik"',
                '@vera klik "Herken ik"')
    before = await h.last_id()
    out = await h.run('@vera /terugkoppeling knelpunt:1 tekst:"Besproken aan de landelijke tafel"')
    assert "[#nieuws] **🔁 Terugkoppeling over knelpunt #1: K1**" in out
    assert sorted(await h.dms_to(before)) == ["ahmed", "lotte", "sanne"]  # not kees, piet (uit), vera
    assert "gestuurd aan 3 betrokkenen" in out


async def test_my_signals_shows_bottleneck_and_stage(app):
    h = Harness(app)
    await h.run(CALL, "@sanne:lid thread 1 Eerste", "@sanne dm Tweede",
                '@vera /knelpunt nieuw titel:"K1" signaal:1', "@vera /knelpunt fase nr:1 fase:toetsen")
    out = await h.run("@sanne /mijn signalen")
    assert '#1' in out and '→ knelpunt #1 "K1", fase: toetsen' in out
    assert "→ nog niet bekeken door de staf" in out
