"""My data (see, export, erase) and settings; the staff exports are in test_exports."""

import json

from sqlalchemy import select

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
