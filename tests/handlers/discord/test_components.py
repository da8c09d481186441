"""Poll buttons, the "wat is er nodig?" modal, roles, and buttons after a restart."""

from __future__ import annotations

from bot.storage.models import Call, OutboxMessage, Vote
from tests.handlers.discord.conftest import Bot
from tests.handlers.discord.fake_discord import CHANNELS


async def start_poll(bot: Bot, **options: str) -> dict:
    """Vera creates a bottleneck and starts a poll; returns the posted poll card."""
    await bot.answers(
        await bot.slash(
            bot.vera, "knelpunt", "nieuw", titel="Geen warme overdracht van opvang naar school"
        )
    )
    await bot.answers(await bot.slash(bot.vera, "peiling", "start", knelpunt=1, **options))

    def card() -> dict | None:
        return next(
            (
                m
                for m in bot.fake.messages.values()
                if m["channel_id"] == CHANNELS["polls"] and m["components"]
            ),
            None,
        )

    return await bot.recorded(await bot.fake.wait_for(card))


def custom_ids(message: dict) -> list[str]:
    return [c["custom_id"] for row in message["components"] for c in row["components"]]


async def press(bot: Bot, person, message: dict, custom_id: str) -> dict:
    interaction = bot.fake.press(person, message["id"], custom_id)
    await bot.fake.dispatch("INTERACTION_CREATE", interaction)
    return interaction


async def test_poll_card_has_the_core_ids_as_custom_ids(bot: Bot) -> None:
    card = await start_poll(bot)
    assert custom_ids(card) == [
        "poll:1v0:recognised:yes",
        "poll:1v0:recognised:partly",
        "poll:1v0:recognised:no",
        "poll:1v0:urgency:low",
        "poll:1v0:urgency:medium",
        "poll:1v0:urgency:high",
        "poll:1v0:needed",
    ]
    assert all(len(row["components"]) <= 5 for row in card["components"])


async def test_button_vote_and_vote_change(bot: Bot) -> None:
    card = await start_poll(bot)
    first = await press(bot, bot.sanne, card, "poll:1v0:recognised:yes")
    assert "opgeslagen" in (await bot.answers(first))[0]
    callback = await bot.callback(first)
    assert callback.body["type"] == 6  # deferred update: no "thinking" message

    second = await press(bot, bot.sanne, card, "poll:1v0:recognised:no")
    assert "gewijzigd" in (await bot.answers(second))[0]
    votes = await bot.rows(Vote)
    assert [(v.recognition.value, v.poll_id) for v in votes] == [("nee", 1)]


async def test_needed_button_opens_a_modal_and_the_submit_is_stored(bot: Bot) -> None:
    card = await start_poll(bot)
    opened = await press(bot, bot.sanne, card, "poll:1v0:needed")
    callback = await bot.callback(opened)
    assert callback.body["type"] == 9  # a modal
    modal = callback.body["data"]
    assert modal["custom_id"] == "poll:1v0:needed"
    field = modal["components"][0]["components"][0]
    assert field["custom_id"] == "nodig" and field["style"] == 2

    submit = bot.fake.submit(
        bot.sanne,
        card["id"],
        "poll:1v0:needed",
        nodig="Een vast overdrachtsformulier tussen opvang en school.",
    )
    await bot.fake.dispatch("INTERACTION_CREATE", submit)
    assert "opgeslagen" in (await bot.answers(submit))[0]
    votes = await bot.rows(Vote)
    assert votes[0].needed == "Een vast overdrachtsformulier tussen opvang en school."


async def test_roles_from_config_are_enforced(bot: Bot) -> None:
    refused = await bot.slash(bot.sanne, "oproep", "open", vraag="Mag ik dit?")
    assert "Alleen de staf" in (await bot.answers(refused))[0]
    assert await bot.rows(Call) == []
    assert not bot.fake.sent("POST", rf"/channels/{CHANNELS['calls']}/messages")

    # Ambassadors (configured by role id) may vote in an ambassadors-only poll; members not.
    card = await start_poll(bot, doelgroep="ambassadeurs")
    member = await press(bot, bot.sanne, card, "poll:1v0:recognised:yes")
    assert "ambassadeur" in (await bot.answers(member))[0].lower()
    ambassador = await press(bot, bot.ahmed, card, "poll:1v0:recognised:yes")
    assert "opgeslagen" in (await bot.answers(ambassador))[0]
    assert [v.recognition.value for v in await bot.rows(Vote)] == ["ja"]


async def test_buttons_and_modals_keep_working_after_a_restart(bot: Bot) -> None:
    card = await start_poll(bot)
    await bot.restart()

    vote = await press(bot, bot.joris, card, "poll:1v0:urgency:high")
    assert "opgeslagen" in (await bot.answers(vote))[0]
    opened = await press(bot, bot.joris, card, "poll:1v0:needed")
    assert (await bot.callback(opened)).body["type"] == 9
    submit = bot.fake.submit(bot.joris, card["id"], "poll:1v0:needed", nodig="Meer tijd.")
    await bot.fake.dispatch("INTERACTION_CREATE", submit)
    await bot.answers(submit)
    votes = await bot.rows(Vote)
    assert [(v.urgency.value, v.needed) for v in votes] == [("hoog", "Meer tijd.")]


async def test_a_click_that_beats_the_recording_still_finds_its_form(bot: Bot) -> None:
    """The outbox records a sent message a moment after Discord has it; a very fast
    click on its form button waits for that instead of failing."""
    import asyncio
    from types import SimpleNamespace

    import discord

    from bot.core.replies import Choice, Form, FormField, Reply
    from bot.handlers.discord.components import find_form

    form = Form("poll:7:needed", "Wat is er nodig?", (FormField("nodig", "Wat?"),))
    reply = Reply(text="kaart", rows=((Choice("poll:7:needed", "Nodig", form=form),),))
    message = SimpleNamespace(id=1234, created_at=discord.utils.utcnow())

    async def record_late() -> None:
        await asyncio.sleep(0.3)
        now = bot.app.clock.now()
        async with bot.app.sessions() as session, session.begin():
            session.add(
                OutboxMessage(
                    platform="discord",
                    target_kind="channel",
                    channel_key="polls",
                    payload=reply.to_dict(),
                    status="sent",
                    attempts=1,
                    next_attempt_at=now,
                    created_at=now,
                    sent_at=now,
                    platform_message_id="1234",
                )
            )

    late = asyncio.create_task(record_late())
    found = await find_form(bot.app.sessions, message, "poll:7:needed")  # type: ignore[arg-type]
    await late
    assert found == form
