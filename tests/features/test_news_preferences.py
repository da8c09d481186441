"""News preferences (``/mijn instellingen meldingen:alles|terugkoppeling|uit``): every path
that writes to many members goes through ``Tx.fan_out`` and honours them the same way."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from bot.scheduling.due import run_due
from bot.storage.database import create_engine
from bot.storage.migrate import upgrade
from bot.vocabulary.news import NewsKind, NewsPreference, wants
from tests.helpers import Harness
from tests.scheduling.support import dm_names

PEOPLE = (
    "@anna:ambassadeur /mijn instellingen meldingen:alles",
    "@bert:ambassadeur /mijn instellingen meldingen:terugkoppeling",
    "@cor:ambassadeur /mijn instellingen meldingen:uit",
)


def test_the_rule_in_one_table():
    assert all(wants(NewsPreference.ALL, kind) for kind in NewsKind)
    assert {k for k in NewsKind if wants(NewsPreference.FEEDBACK, k)} == {
        NewsKind.FEEDBACK, NewsKind.EVENT}
    assert {k for k in NewsKind if wants(NewsPreference.OFF, k)} == {NewsKind.EVENT}


async def test_each_path_honours_the_preference(app, clock):
    h = Harness(app)
    out = await h.run(*PEOPLE)
    assert "meldingen terugkoppeling" in out and "Je krijgt alleen terugkoppeling" in out
    await h.run(
        "@anna /signaal tekst:Een", "@bert /signaal tekst:Twee", "@cor /signaal tekst:Drie",
        '@vera:staf /knelpunt nieuw titel:"Wachtlijst" signaal:1',
        "/knelpunt koppel signaal:2 knelpunt:1", "/knelpunt koppel signaal:3 knelpunt:1",
    )
    # a targeted call and a poll invitation: only "alles"
    await h.run('@vera /oproep gericht knelpunt:1 vraag:"Wat zou helpen?"',
                "@vera /peiling start knelpunt:1 doelgroep:ambassadeurs")
    assert await dm_names(app, "Wat zou helpen?") == ["anna"]
    assert await dm_names(app, "Peiling #1") == ["anna"]
    # stage news: only "alles", in the daily bundle
    await h.run("@vera /knelpunt fase nr:1 fase:toetsen")
    clock.set(datetime(2026, 11, 2, 16, 0, tzinfo=UTC))
    await run_due(app)
    assert await dm_names(app, "Nieuws over knelpunten") == ["anna"]
    # feedback: "alles" and "terugkoppeling", at once
    await h.run('@vera /terugkoppeling knelpunt:1 tekst:"Besproken"')
    assert sorted(await dm_names(app, "Besproken")) == ["anna", "bert"]
    # events they signed up for: everyone, also "uit" (they asked for it)
    await h.run('@vera /bijeenkomst nieuw titel:Webinar soort:webinar start:"2026-11-20 14:00"',
                '@anna klik "Ik kom"', '@bert klik "Ik kom"', '@cor klik "Ik kom"',
                '@vera /bijeenkomst wijzig nr:1 plek:Utrecht')
    assert sorted(await dm_names(app, "Webinar")) == ["anna", "bert", "cor"]


async def test_my_data_shows_the_preference(app):
    h = Harness(app)
    await h.run("@anna:lid /mijn instellingen meldingen:terugkoppeling")
    assert "meldingen: terugkoppeling" in await h.run("@anna /mijn gegevens")
    assert "kan zijn: alles, terugkoppeling, uit" in await h.run(
        "@anna /mijn instellingen meldingen:aan")


async def test_notify_off_becomes_uit_when_migrating(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        await upgrade(engine, "0003")
        async with engine.begin() as conn:
            for user, notify in (("a", True), ("b", False)):
                await conn.execute(text(
                    "INSERT INTO members (platform, platform_user_id, display_name, role, "
                    "language, notify, created_at) VALUES ('console', :u, :u, 'lid', 'nl', "
                    ":n, '2026-01-01 00:00:00')"), {"u": user, "n": notify})
        await upgrade(engine)
        async with engine.connect() as conn:
            found = (await conn.execute(text(
                "SELECT platform_user_id, news FROM members ORDER BY platform_user_id"))).all()
        assert [tuple(r) for r in found] == [("a", "alles"), ("b", "uit")]
    finally:
        await engine.dispose()
