"""Triage without holes: "Dubbel" links the duplicate to a signal or bottleneck so its
reporter hears back; a press on an outdated card is refused with a fresh card."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.core.context import Actor
from bot.storage.models import Signal
from bot.vocabulary.enums import Role, SignalStatus
from tests.helpers import Harness

CALL = '@vera:staf /oproep open vraag:"Waar loop je tegenaan?"'


async def signal(app, nr: int) -> Signal:
    async with app.sessions() as s:
        found = await s.get(Signal, nr)
        assert found is not None
        return found


async def test_a_press_on_an_outdated_card_is_refused_with_a_fresh_card(app):
    h = Harness(app)
    await h.run(CALL, "@sanne:lid thread 1 Geen plek voor ouders in de wijk",
                "@vera /ordenen", "@mila:staf /ordenen")  # both hold the card of signal 1
    await h.run('@vera klik "Nieuw knelpunt" titel:"Geen plek om elkaar te ontmoeten"')
    out = await h.run('@mila klik "Niet relevant"')  # her card is older than Vera's change
    assert "Deze kaart was niet meer actueel" in out and "status: gekoppeld" in out
    s1 = await signal(app, 1)
    assert (s1.status, s1.bottleneck_id) == (SignalStatus.LINKED, 1)  # not niet-relevant
    out = await h.run('@mila klik "Niet relevant"')  # the fresh card works
    s1 = await signal(app, 1)
    assert (s1.status, s1.bottleneck_id) == (SignalStatus.NOT_RELEVANT, None)
    assert "gemarkeerd als niet relevant" in out


async def test_a_command_in_between_also_outdates_the_card(app):
    h = Harness(app)
    await h.run(CALL, "@sanne:lid thread 1 Iets", '@vera /knelpunt nieuw titel:"K1"',
                "@vera /ordenen", "@vera /knelpunt koppel signaal:1 knelpunt:1")
    assert "niet meer actueel" in await h.run("@vera klik relevant")
    assert (await signal(app, 1)).status is SignalStatus.LINKED


async def test_cards_from_before_versions_are_refused(app):
    h = Harness(app)
    await h.run(CALL, "@sanne:lid thread 1 Iets")
    vera = Actor("console", "vera", "vera", Role.STAFF, "console:vera")
    await app.core.press(vera, "triage:1:irrelevant")  # an old id without a version
    assert "niet meer actueel" in await h.delivered()
    assert (await signal(app, 1)).status is SignalStatus.NEW


async def test_two_presses_at_once_only_one_wins(any_app):
    h = Harness(any_app)
    await h.run(CALL, "@sanne:lid thread 1 Iets", '@vera /knelpunt nieuw titel:"K1"')
    vera = Actor("console", "vera", "vera", Role.STAFF, "console:vera")
    mila = Actor("console", "mila", "mila", Role.STAFF, "console:mila")
    await asyncio.gather(any_app.core.press(vera, "triage:1v0:link:1"),
                         any_app.core.press(mila, "triage:1v0:irrelevant"))
    out = await h.delivered()
    assert out.count("niet meer actueel") == 1
    s1 = await signal(any_app, 1)
    assert (s1.status, s1.bottleneck_id) in ((SignalStatus.LINKED, 1),
                                             (SignalStatus.NOT_RELEVANT, None))
    assert s1.version == 1


async def test_duplicate_of_a_signal_is_linked_and_its_reporter_hears_back(app):
    h = Harness(app)
    await h.run(CALL, "@sanne:lid thread 1 Er is geen plek waar ouders elkaar ontmoeten",
                "@kees:lid thread 1 Ouders hebben geen plek om elkaar te ontmoeten",
                "@vera /ordenen", '@vera klik "Nieuw knelpunt" titel:"Geen plek om elkaar te ontmoeten"')
    out = await h.run("@vera klik Dubbel")
    assert "Signaal #2 is dubbel met welk signaal of knelpunt?" in out
    assert "lijkt op signaal #1" in out and "[Zelfde als signaal #1]" in out
    assert "[Dubbel met knelpunt #1]" in out
    out = await h.run('@vera klik "Zelfde als signaal #1"')
    assert "dubbel met signaal #1 en telt mee bij knelpunt #1" in out
    s2 = await signal(app, 2)
    assert (s2.status, s2.duplicate_of_id, s2.bottleneck_id) == (SignalStatus.DUPLICATE, 1, 1)
    assert '→ knelpunt #1 "Geen plek om elkaar te ontmoeten"' in await h.run("@kees /mijn signalen")
    before = await h.last_id()
    out = await h.run('@vera /terugkoppeling knelpunt:1 tekst:"Er komt een ouderkamer"')
    assert "gestuurd aan 2 betrokkenen" in out
    assert sorted(await h.dms_to(after=before)) == ["kees", "sanne"]
    assert "2 signalen · 2 betrokkenen" in await h.run("@vera /knelpunt toon nr:1")


async def test_a_duplicate_follows_its_original(app):
    h = Harness(app)
    await h.run(CALL, "@sanne:lid thread 1 De wachtlijst is lang",
                "@kees:lid thread 1 Lange wachtlijst", "@vera /ordenen", "@vera klik relevant",
                '@vera /knelpunt nieuw titel:"Wachtlijst"')
    await h.run("@vera /ordenen")  # signal 1 is relevant, still in the queue: it comes first
    await h.run("@vera klik Dubbel")  # on signal 1 itself: no copy of itself is offered
    assert "[Zelfde als signaal #1]" not in "\n".join(h.output[-3:])
    await h.run("@vera klik Terug", "@vera klik relevant")
    vera = Actor("console", "vera", "vera", Role.STAFF, "console:vera")
    s2 = await signal(app, 2)
    await app.core.press(vera, f"triage:2v{s2.version}:dup:s1")
    assert "nog bij geen knelpunt" in await h.delivered()
    await h.run("@vera /knelpunt koppel signaal:1 knelpunt:1")
    assert (await signal(app, 2)).bottleneck_id == 1  # followed
    await h.run("@vera /ordenen")
    s1 = await signal(app, 1)
    await app.core.press(vera, f"triage:1v{s1.version}:irrelevant")
    s2 = await signal(app, 2)
    assert (s2.status, s2.bottleneck_id) == (SignalStatus.DUPLICATE, None)  # follows again
    async with app.sessions() as s:
        both = (await s.scalars(select(Signal))).all()
    assert not any(x.status is SignalStatus.NOT_RELEVANT and x.bottleneck_id for x in both)


async def test_duplicate_of_a_bottleneck_and_bad_targets(app):
    h = Harness(app)
    await h.run(CALL, "@sanne:lid thread 1 Iets", "@kees:lid thread 1 Iets anders",
                "@lotte:lid thread 1 Nog iets", '@vera /knelpunt nieuw titel:"K1"',
                "@vera /ordenen", "@vera klik Dubbel")
    out = await h.run('@vera klik "#1 K1"')  # from the drop-down
    assert "Signaal #1 is dubbel met knelpunt #1" in out
    vera = Actor("console", "vera", "vera", Role.STAFF, "console:vera")
    s2 = await signal(app, 2)
    await app.core.press(vera, f"triage:2v{s2.version}:dup:s2")
    assert "kan niet dubbel zijn met zichzelf" in await h.delivered()
    await app.core.press(vera, f"triage:2v{s2.version}:dup:s3")
    assert "Signaal #3 is nog niet als relevant beoordeeld" in await h.delivered()
    await app.core.press(vera, f"triage:2v{s2.version}:dup:s9")
    assert "bestaat niet" in await h.delivered()
    assert (await signal(app, 2)).status is SignalStatus.NEW
