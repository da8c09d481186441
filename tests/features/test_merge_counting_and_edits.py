"""Merges count people once, ambassador polls count only ambassadors, poll and event posts
show running counts through edits in place (coalesced), outdated poll cards are refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select

from bot.core.context import Actor
from bot.features.reports.export import export
from bot.storage.models import Member, OutboxMessage, Poll, Vote
from bot.vocabulary.enums import Recognition, Role
from tests.helpers import Harness

TWO = (
    '@vera:staf /knelpunt nieuw titel:"Wachtlijst jeugdhulp"',
    '@vera /knelpunt nieuw titel:"Lange wachtlijst jeugdzorg"',
    "@vera /peiling start knelpunt:1",
    "@vera /peiling start knelpunt:2",
)


async def votes(app) -> list[Vote]:
    async with app.sessions() as s:
        return list((await s.scalars(select(Vote).order_by(Vote.id))).all())


async def test_a_merge_counts_each_person_once_with_the_latest_vote(app, clock):
    h = Harness(app)
    await h.run(*TWO, "@sanne:lid /stem peiling:2 herkend:nee",
                "@lotte:lid /stem peiling:2 herkend:ja", "@piet:lid /stem peiling:2 herkend:ja",
                "@kees:lid /stem peiling:1 herkend:deels")
    clock.advance(minutes=5)
    await h.run("@sanne /stem peiling:1 herkend:ja urgentie:hoog")  # later: this one wins
    clock.advance(minutes=5)
    await h.run('@lotte /stem peiling:1 herkend:nee nodig:"Meer handen"')
    clock.advance(minutes=5)
    await h.run("@lotte /stem peiling:2 herkend:deels")  # her latest, in the other poll
    out = await h.run("@vera /knelpunt samenvoegen van:2 naar:1")
    assert "samengevoegd met #1" in out
    async with app.sessions() as s:
        polls = (await s.scalars(select(Poll).order_by(Poll.id))).all()
    assert [(p.bottleneck_id, p.closed_at is not None, p.merged_into_id) for p in polls] == [
        (1, False, None), (1, True, 1)]  # one open poll: #2 closed into #1
    rows = await votes(app)
    assert sorted(v.member_id for v in rows) == sorted({v.member_id for v in rows})  # one each
    by_name = {}
    async with app.sessions() as s:
        for v in rows:
            by_name[(await s.get(Member, v.member_id)).platform_user_id] = v
    assert {n: v.recognition for n, v in by_name.items()} == {
        "sanne": Recognition.YES, "lotte": Recognition.PARTLY, "piet": Recognition.YES,
        "kees": Recognition.PARTLY}
    assert by_name["lotte"].needed == "Meer handen"  # what she wrote is kept
    out = await h.run("@vera /peiling uitslag nr:1")
    assert "4 stemmen" in out and "ja 2 (50%) · deels 2 (50%) · nee 0" in out
    assert "peiling #2 gesloten en opgegaan in peiling #1" in await h.run("@vera /knelpunt toon nr:1")
    assert "opgegaan in peiling #1" in await h.run("@piet /stem peiling:2 herkend:nee")
    data = await exported(app)
    (b,) = data["knelpunten"]
    assert (b["stemmen"], b["herkend_ja"], b["herkend_deels"], b["peilingen"]) == (4, 2, 2, 2)


async def test_exports_count_people_across_a_bottlenecks_polls(app, clock):
    h = Harness(app)
    await h.run(TWO[0], "@vera /peiling start knelpunt:1", "@sanne:lid /stem peiling:1 herkend:nee",
                "@vera /peiling sluit nr:1", "@vera /peiling start knelpunt:1")
    clock.advance(minutes=1)
    await h.run("@sanne /stem peiling:2 herkend:ja")
    (b,) = (await exported(app))["knelpunten"]
    assert (b["stemmen"], b["herkend_ja"], b["herkend_nee"]) == (1, 1, 0)


async def test_only_one_open_poll_per_bottleneck(app):
    h = Harness(app)
    out = await h.run(TWO[0], "@vera /peiling start knelpunt:1", "@vera /peiling start knelpunt:1")
    assert "heeft al een open peiling: #1" in out


async def test_a_moved_poll_stays_open_and_its_old_cards_are_refused_with_a_fresh_one(app):
    h = Harness(app)
    await h.run(*TWO[:2], "@vera /peiling start knelpunt:2", '@sanne:lid klik "Herken ik"')
    await h.run("@vera /knelpunt samenvoegen van:2 naar:1")
    out = await h.run('@kees:lid klik "Herken ik"')  # kees still has the old card
    assert "niet meer actueel" in out and "Knelpunt #1: **Wachtlijst jeugdhulp**" in out
    assert len(await votes(app)) == 1
    out = await h.run('@kees klik "Herken ik"')  # the fresh card
    assert "Je stem in peiling #1 is opgeslagen" in out


async def test_ambassador_polls_count_only_ambassadors(app):
    h = Harness(app)
    await h.run(TWO[0], "@vera /peiling start knelpunt:1 doelgroep:ambassadeurs",
                "@fatima:ambassadeur /stem peiling:1 herkend:ja")
    assert "alleen voor ambassadeurs" in await h.run("@vera /stem peiling:1 herkend:nee")
    assert "alleen voor ambassadeurs" in await h.run('@sanne:lid klik "Herken ik niet"')
    async with app.sessions() as s, s.begin():  # a staff vote stored before this rule
        vera = await s.scalar(select(Member).where(Member.platform_user_id == "vera"))
        now = datetime(2026, 11, 2, 9, tzinfo=UTC)
        s.add(Vote(poll_id=1, member_id=vera.id, recognition=Recognition.NO, created_at=now,
                   updated_at=now))
    out = await h.run("@vera /peiling uitslag nr:1")
    assert "1 stem" in out and "ja 1 (100%)" in out and "nee 0" in out
    (b,) = (await exported(app))["knelpunten"]
    assert (b["stemmen"], b["herkend_nee"]) == (1, 0)


async def test_poll_post_shows_the_running_count_in_one_coalesced_edit(app):
    h = Harness(app)
    await h.run(TWO[0], "@vera /peiling start knelpunt:1")
    out = await h.run('@sanne:lid klik "Herken ik"', '@kees:lid klik "Deels"',
                      '@lotte:lid klik "Herken ik"', '@lotte klik "Urgentie hoog"')
    assert "bijgewerkt" not in out  # edits wait a moment, so a burst becomes one
    async with app.sessions() as s:
        edits = (await s.scalars(select(OutboxMessage).where(
            OutboxMessage.target_kind == "edit"))).all()
    assert len(edits) == 1
    out = await h.run("wacht 1m")
    assert out.count("[bijgewerkt: peiling 1]") == 1 and "Tot nu toe 3 stemmen." in out
    await h.run('@piet:lid klik "Herken ik"', "wacht 1m")
    out = await h.run("@vera /peiling sluit nr:1", "wacht 1m")
    assert "[bijgewerkt: peiling 1]" in out and "Deze peiling is gesloten" in out


async def test_event_post_shows_rsvp_counts_newest_content_wins(app):
    h = Harness(app)
    await h.run('@vera:staf /bijeenkomst nieuw titel:Webinar soort:webinar start:"2026-11-20 14:00"',
                '@sanne:lid klik "Ik kom"', '@kees:lid klik "Ik kom"', '@lotte:lid klik "Misschien"',
                '@kees klik "Kan niet"')
    out = await h.run("wacht 1m")
    assert out.count("[bijgewerkt: bijeenkomst 1]") == 1 and "1 komen, 1 misschien" in out
    out = await h.run("@vera /bijeenkomst annuleer nr:1", "wacht 1m")
    edited = out[out.index("[bijgewerkt: bijeenkomst 1]"):]
    assert "Geannuleerd" in edited and "[Ik kom]" not in edited  # no buttons left


async def test_an_edit_waits_for_the_post_it_edits(app):
    h = Harness(app)
    vera = Actor("console", "vera", "vera", Role.STAFF, "console:vera")
    await app.core.command(vera, '/bijeenkomst nieuw titel:W soort:webinar start:"2026-11-20 14:00"')
    sanne = Actor("console", "sanne", "sanne", Role.MEMBER, "console:sanne")
    await app.core.press(sanne, "event:1:rsvp:yes")
    h.session.clock.advance(minutes=1)
    async with app.sessions() as s:
        kinds = [r.target_kind for r in (await s.scalars(select(OutboxMessage))).all()]
    assert "edit" in kinds
    out = await h.delivered()
    assert out.index("[#bijeenkomsten]") < out.index("[bijgewerkt: bijeenkomst 1]")


async def exported(app) -> dict:
    """The JSON export, read back."""
    (file,) = await export(app.sessions, app.community, "json", app.clock.now())
    return json.loads(file.data)
