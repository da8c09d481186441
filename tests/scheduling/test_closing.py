"""Calls and polls close at their close time; a closed poll posts its result with the
per-domain break-down and the broadly-recognised verdict. Once, also after a restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.scheduling.due import run_due
from bot.settings import Community, PollRules
from tests.conftest import make_app
from tests.helpers import Harness
from tests.scheduling.support import rows

CLOSE = datetime(2026, 11, 6, 16, 0, tzinfo=UTC)  # "2026-11-06 17:00" in Amsterdam


@pytest.fixture
def community() -> Community:
    return Community(polls=PollRules(min_votes=3, min_recognised_share=0.6))


async def test_call_closes_on_time_and_thanks_its_thread_once(app, clock):
    h = Harness(app)
    await h.run(
        '@vera:staf /oproep open vraag:"Waar loop je tegenaan?" sluit:"2026-11-06 17:00"',
        "@sanne:lid thread 1 Geen plek voor ouders",
        '@vera /oproep open vraag:"Zonder sluitdatum"',
    )
    clock.set(CLOSE - timedelta(minutes=1))
    assert (await run_due(app)).closed_calls == []
    clock.set(CLOSE)
    assert (await run_due(app)).closed_calls == [1]
    assert (await run_due(app)).closed_calls == []
    await h.session.flush()
    out = "\n".join(h.output)
    assert out.count("[thread oproep 1]") == 1
    out = await h.run("@sanne thread 1 Nog iets")
    assert "#1" in out  # the call is closed: the bot says so instead of taking it in
    assert "Zonder sluitdatum" in await h.run("/oproep lijst")


async def _poll_with_votes(h: Harness) -> None:
    await h.run(
        '@vera:staf /knelpunt nieuw titel:"Wachtlijst jeugdhulp" domein:jeugdhulp',
        '/peiling start knelpunt:1 sluit:"2026-11-06 17:00"',
    )
    for name, domain, answer in (
        ("sanne", "zorg", "ja"),
        ("ahmed", "zorg", "deels"),
        ("joke", "onderwijs", "ja"),
        ("piet", "onderwijs", "nee"),
    ):
        await h.run(
            f"@{name}:lid /mijn instellingen domein:{domain}",
            f"@{name} /stem peiling:1 herkend:{answer} urgentie:hoog",
        )


async def test_poll_closes_and_posts_result_with_domains_and_verdict(app, clock):
    h = Harness(app)
    await _poll_with_votes(h)
    clock.set(CLOSE)
    report = await run_due(app)
    assert report.closed_polls == [1]
    await h.session.flush()
    out = "\n".join(h.output)
    assert "[#peilingen] **📊 Uitslag peiling #1**" in out
    assert "4 stemmen" in out
    assert "• onderwijs: ja 1, deels 0, nee 1 — 50% herkent het" in out
    assert "• zorg: ja 1, deels 1, nee 0 — 100% herkent het" in out
    assert "Breed herkend" in out or "breed herkend" in out
    out = await h.run("@sanne /stem peiling:1 herkend:nee")
    assert "gesloten" in out
    assert (await run_due(app)).closed_polls == []


async def test_poll_closing_survives_a_restart_once(any_app, database_url, community, clock):
    h = Harness(any_app)
    await _poll_with_votes(h)
    await any_app.close()  # down over the close time
    clock.set(CLOSE + timedelta(hours=3))
    again = await make_app(database_url, community, clock)
    try:
        assert (await run_due(again)).closed_polls == [1]
        assert (await run_due(again)).closed_polls == []
        results = [
            r for r in await rows(again, channel_key="polls") if "Uitslag" in r.payload["title"]
        ]
        assert len(results) == 1
    finally:
        await again.close()
