"""RSVP buttons on an event card."""

from __future__ import annotations

from bot.storage.models import Rsvp
from tests.handlers.discord.conftest import Bot
from tests.handlers.discord.fake_discord import CHANNELS


async def test_rsvp_buttons_record_and_change_the_answer(bot: Bot) -> None:
    planned = await bot.slash(
        bot.vera,
        "bijeenkomst",
        "nieuw",
        titel="Intervisie overdracht",
        soort="intervisie",
        start="2026-12-03 14:00",
    )
    await bot.answers(planned)

    def card() -> dict | None:
        return next(
            (
                m
                for m in bot.fake.messages.values()
                if m["channel_id"] == CHANNELS["events"] and m["components"]
            ),
            None,
        )

    event = await bot.recorded(await bot.fake.wait_for(card))
    ids = [c["custom_id"] for row in event["components"] for c in row["components"]]
    assert "event:1:rsvp:yes" in ids

    for answer in ("yes", "maybe"):
        pressed = bot.fake.press(bot.sanne, event["id"], f"event:1:rsvp:{answer}")
        await bot.fake.dispatch("INTERACTION_CREATE", pressed)
        await bot.answers(pressed)
    rsvps = await bot.rows(Rsvp)
    assert [r.answer.value for r in rsvps] == ["misschien"]


async def test_rsvps_edit_the_event_post_once_with_the_newest_counts(bot: Bot) -> None:
    planned = await bot.slash(bot.vera, "bijeenkomst", "nieuw", titel="Webinar",
                              soort="webinar", start="2026-12-03 14:00")
    await bot.answers(planned)
    posted = await bot.fake.wait_for(lambda: next(
        (m for m in bot.fake.messages.values()
         if m["channel_id"] == CHANNELS["events"] and m["components"]), None))
    event = await bot.recorded(posted)
    for person in (bot.sanne, bot.ahmed):
        pressed = bot.fake.press(person, event["id"], "event:1:rsvp:yes")
        await bot.fake.dispatch("INTERACTION_CREATE", pressed)
        await bot.answers(pressed)
    path = rf"/channels/{CHANNELS['events']}/messages/{event['id']}"
    assert not bot.fake.sent("PATCH", path)  # edits wait a moment and coalesce
    bot.app.clock.advance(seconds=10)
    edits = await bot.fake.wait_for(lambda: bot.fake.sent("PATCH", path))
    assert len(edits) == 1
    assert "2 komen" in str(bot.fake.messages[event["id"]]["embeds"])
    assert bot.fake.messages[event["id"]]["components"]  # the buttons stay
async def test_ics_arrives_as_a_file_attachment(bot: Bot) -> None:
    planned = await bot.slash(
        bot.vera, "bijeenkomst", "nieuw", titel="Webinar", soort="webinar",
        start="2026-12-03 14:00",
    )
    await bot.answers(planned)
    asked = await bot.slash(bot.sanne, "bijeenkomst", "ics", nr="1")
    [text] = await bot.answers(asked)
    assert "bijeenkomst-1.ics" in text and "calendar.google.com" in text
    [sent] = bot.fake.sent("POST", rf"/webhooks/\d+/{asked['token']}")
    assert sent.body["flags"] == 64  # still only for sanne
    assert sent.body["attachments"] == [{"id": 0, "filename": "bijeenkomst-1.ics"}]
    ics = sent.body["files"]["bijeenkomst-1.ics"].decode("utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and "SUMMARY:Webinar" in ics
