"""The triage card: buttons that update the card, the bottleneck select, and a form."""

from __future__ import annotations

from bot.storage.models import Signal
from bot.vocabulary.enums import SignalStatus
from tests.handlers.discord.conftest import Bot


async def triage_card(bot: Bot) -> tuple[dict, dict]:
    """Joris DMs a signal, Vera creates a bottleneck and opens the triage queue."""
    await bot.fake.dispatch(
        "MESSAGE_CREATE",
        bot.fake.dm_message(bot.joris, "Gastouders krijgen de toeslag pas maanden later."),
    )
    await bot.fake.wait_for(lambda: bot.rows(Signal))
    await bot.answers(
        await bot.slash(bot.vera, "knelpunt", "nieuw", titel="Kinderopvangtoeslag komt te laat")
    )
    queue = await bot.slash(bot.vera, "ordenen")
    await bot.answers(queue)
    card = next(
        m
        for m in reversed(list(bot.fake.messages.values()))
        if any(
            c["custom_id"].startswith("triage:")
            for row in m["components"]
            for c in row["components"]
        )
    )
    return queue, await bot.recorded(card)


async def test_the_select_links_the_signal_to_a_bottleneck(bot: Bot) -> None:
    _, card = await triage_card(bot)
    select = card["components"][-1]["components"][0]
    assert select["type"] == 3 and select["custom_id"] == "triage:1v0:link"
    assert select["options"][0]["value"] == "1"

    picked = bot.fake.press(bot.vera, card["id"], "triage:1v0:link", value="1")
    await bot.fake.dispatch("INTERACTION_CREATE", picked)
    await bot.answers(picked)
    signal = (await bot.rows(Signal))[0]
    assert signal.bottleneck_id == 1 and signal.status is SignalStatus.LINKED


async def test_a_button_updates_the_card_in_place(bot: Bot) -> None:
    _, card = await triage_card(bot)
    pressed = bot.fake.press(bot.vera, card["id"], "triage:1v0:relevant")
    await bot.fake.dispatch("INTERACTION_CREATE", pressed)
    edits = await bot.fake.wait_for(
        lambda: bot.fake.sent("PATCH", rf"/webhooks/\d+/{pressed['token']}/messages/@original")
    )
    assert edits[0].body["components"]  # the card stays usable
    assert (await bot.rows(Signal))[0].status is SignalStatus.RELEVANT

    # The form button on the updated card (now version 1) still opens its modal; the title
    # starts empty (staff's own words, never a copy of the member's).
    opened = bot.fake.press(bot.vera, card["id"], "triage:1v1:new")
    await bot.fake.dispatch("INTERACTION_CREATE", opened)
    modal = (await bot.callback(opened)).body
    assert modal["type"] == 9
    fields = [row["components"][0] for row in modal["data"]["components"]]
    assert [f["custom_id"] for f in fields] == ["titel", "omschrijving"]
    assert not fields[0].get("value")


async def test_members_cannot_triage(bot: Bot) -> None:
    _, card = await triage_card(bot)
    pressed = bot.fake.press(bot.sanne, card["id"], "triage:1v0:irrelevant")
    await bot.fake.dispatch("INTERACTION_CREATE", pressed)
    assert "staf" in (await bot.answers(pressed))[0]
    assert (await bot.rows(Signal))[0].status is SignalStatus.NEW
