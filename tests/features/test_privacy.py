"""My data (see, export, erase) and settings; the staff exports are in test_exports."""

import json

from sqlalchemy import select
from sqlalchemy import text as sql

from bot.storage.database import create_engine
from bot.storage.migrate import upgrade
from bot.storage.models import Member, Signal, Vote
from tests.helpers import Harness

FLOW = ('@vera:staf /oproep open vraag:"Waar loop je tegenaan?"',
        "@sanne:lid thread 1 Mijn verhaal", '@sanne /signaal tekst:"Geheim" anoniem:ja',
        '@vera /knelpunt nieuw titel:"K1" signaal:1', "@vera /knelpunt koppel signaal:2 knelpunt:1",
        "@vera /peiling start knelpunt:1", '@sanne klik "Herken ik"')


async def test_my_data_show_export_and_erase(app):
    h = Harness(app)
    await h.run(*FLOW)
    assert "2 signalen, 1 stem," in await h.run("@sanne /mijn gegevens")
    exported = await h.run("@sanne /mijn gegevens export")
    data = json.loads(exported.split("```json", 1)[1].split("```", 1)[0])
    assert [s["tekst"] for s in data["signalen"]] == ["Mijn verhaal", "Geheim"]
    assert data["stemmen"][0]["herkend"] == "ja"
    out = await h.run("@sanne /mijn gegevens verwijder")
    assert "Weet je het zeker?" in out
    await h.run('@sanne klik "Nee, toch niet"')
    async with app.sessions() as s:
        assert (await s.get(Signal, 1)).text == "Mijn verhaal"
    async with app.sessions() as s:
        sanne = await s.scalar(select(Member).where(Member.platform_user_id == "sanne"))
    await h.run("@sanne /mijn gegevens verwijder", '@sanne klik "Ja, wis mijn gegevens"')
    async with app.sessions() as s:
        signals = (await s.scalars(select(Signal))).all()
        assert all(x.text is None and x.member_id is None for x in signals)
        assert (await s.scalar(select(Vote))).recognition.value == "ja"  # the count stays
        tombstone = await s.get(Member, sanne.id)
        assert (tombstone.platform_user_id, tombstone.display_name) == (None, "")
    assert "2 signalen" in await h.run("@vera /knelpunt toon nr:1")


async def test_settings_language_and_notifications(app):
    h = Harness(app)
    out = await h.run("@sanne:lid /mijn instellingen taal:en meldingen:uit domein:zorg")
    assert "language en · notifications uit · domain zorg" in out
    assert "Call #" not in out
    out = await h.run("@sanne /mijn instellingen taal:fr")
    assert "can be: nl, en" in out


async def test_members_erased_by_an_earlier_version_become_tombstones(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        await upgrade(engine, "0006")
        async with engine.begin() as conn:
            for user, name in (("U1", "verwijderd"), ("U2", "Sanne")):
                await conn.execute(sql(
                    "INSERT INTO members (platform, platform_user_id, display_name, role, "
                    "language, news, created_at) VALUES ('slack', :u, :n, 'lid', 'nl', "
                    "'uit', '2026-01-01 00:00:00')"), {"u": user, "n": name})
        await upgrade(engine)
        async with engine.connect() as conn:
            found = (await conn.execute(sql(
                "SELECT platform_user_id, display_name, erased_at IS NOT NULL FROM members "
                "ORDER BY id"))).all()
        assert [tuple(r) for r in found] == [(None, "", 1), ("U2", "Sanne", 0)]
    finally:
        await engine.dispose()
