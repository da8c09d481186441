"""Agenda follow-up: the date reminds staff (once, also after downtime); an earlier step's
outcome can be updated; the timeline shows both."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.scheduling.due import run_due, run_through
from tests.helpers import Harness
from tests.scheduling.support import rows

STEP = ('@vera:staf /knelpunt nieuw titel:"Wachtlijst"',
        '/knelpunt agendeer nr:1 tafel:"Verbindingsroute" actie:kennisdeling '
        'uitkomst:"Besproken" vervolg:2026-11-20')


async def test_follow_up_reminds_staff_once_in_the_morning(app, clock):
    h = Harness(app)
    out = await h.run(*STEP)
    assert "vastgelegd als stap #1" in out
    clock.set(datetime(2026, 11, 20, 7, 59, tzinfo=UTC))
    assert (await run_due(app)).follow_ups == []
    clock.set(datetime(2026, 11, 20, 8, 0, tzinfo=UTC))  # 09:00 in Amsterdam that day
    assert (await run_due(app)).follow_ups == [1]
    assert (await run_due(app)).follow_ups == []  # never twice
    (post,) = await rows(app, channel_key="staff")
    assert "Vervolg vandaag: knelpunt #1 Wachtlijst" in post.payload["title"]
    assert 'stap:1 uitkomst:"..."' in post.payload["text"]


async def test_update_an_earlier_step_and_see_both_in_the_timeline(app, clock):
    h = Harness(app)
    await h.run(*STEP)
    clock.advance(days=2)
    out = await h.run('/knelpunt agendeer nr:1 stap:1 uitkomst:"Handreiking komt er" '
                      "vervolg:2027-01-15")
    assert "Stap #1 van knelpunt #1 is bijgewerkt" in out
    await run_through(app, clock.now(), datetime(2026, 11, 21, tzinfo=UTC))
    assert await rows(app, channel_key="staff") == []  # the date moved: no reminder on the 20th
    clock.set(datetime(2027, 1, 15, 9, 0, tzinfo=UTC))
    assert (await run_due(app)).follow_ups == [1]
    shown = await h.run("/knelpunt toon nr:1")
    assert "stap #1: geagendeerd bij Verbindingsroute (kennisdeling, -) — uitkomst: Besproken" in shown
    assert "stap #1 bijgewerkt — uitkomst: Handreiking komt er — vervolg op 15 jan 2027" in shown
    assert "staf herinnerd aan het vervolg van stap #1" in shown


async def test_bad_updates_are_refused(app):
    h = Harness(app)
    await h.run(*STEP, '/knelpunt nieuw titel:"Ander"')
    assert "hoort niet bij knelpunt #2" in await h.run('/knelpunt agendeer nr:2 stap:1 uitkomst:"x"')
    assert "Geef `uitkomst:` of `vervolg:`" in await h.run("/knelpunt agendeer nr:1 stap:1")
    assert "Geef `tafel:` en `actie:`" in await h.run("/knelpunt agendeer nr:1")
    assert "in het verleden" in await h.run("/knelpunt agendeer nr:1 stap:1 vervolg:2020-01-01")
