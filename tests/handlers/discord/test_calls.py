"""Slash commands, calls with their thread, thread replies and DMs becoming signals."""

from __future__ import annotations

import time

from bot.storage.models import PostRef, Signal
from tests.handlers.discord.conftest import Bot, text_of
from tests.handlers.discord.fake_discord import CHANNELS

QUESTION = "Waar loop je in de praktijk tegenaan bij de overstap van opvang naar school?"


async def post_call(bot: Bot) -> tuple[dict, str]:
    """Vera (staff) posts an open call; returns the interaction and the thread id."""
    interaction = await bot.slash(
        bot.vera,
        "oproep",
        "open",
        vraag=QUESTION,
        reden="We willen weten wat ouders en leraren merken.",
    )
    threads = await bot.fake.wait_for(
        lambda: bot.fake.sent("POST", rf"/channels/{CHANNELS['calls']}/messages/\d+/threads")
    )
    await bot.fake.wait_for(lambda: bot.rows(PostRef))  # the outbox recorded the post
    return interaction, threads[0].path.split("/")[-2]


async def test_slash_command_is_deferred_and_the_call_posted_with_a_thread(bot: Bot) -> None:
    started = time.monotonic()
    interaction, thread_id = await post_call(bot)

    callback = await bot.callback(interaction)
    assert callback.body["type"] == 5  # deferred: the slow work comes after
    assert callback.body["data"]["flags"] & 64  # ephemeral
    assert callback.at - started < 3
    post = bot.fake.sent("POST", rf"/channels/{CHANNELS['calls']}/messages")[0]
    assert callback.at <= post.at  # acknowledged before the work was done
    assert QUESTION in text_of(post.body)
    assert post.body["allowed_mentions"] == {"parse": []}
    assert post.body["enforce_nonce"] is True and post.body["nonce"]
    posted = next(m for m in bot.fake.messages.values() if m["channel_id"] == CHANNELS["calls"])
    assert thread_id == posted["id"]  # the public thread is opened on the call's message
    thread = bot.fake.threads[thread_id]
    assert thread["thread_metadata"]["auto_archive_duration"] == 10080
    answer = (await bot.answers(interaction))[0]
    assert "#1" in answer and "oproep" in answer.lower()

    refs = await bot.fake.wait_for(lambda: bot.rows(PostRef))  # recorded after the send
    assert [(r.subject, r.thread_id) for r in refs] == [("call:1", thread_id)]


async def test_thread_reply_and_dm_become_signals_once(bot: Bot) -> None:
    _, thread_id = await post_call(bot)
    await bot.fake.wait_for(lambda: bot.fake.sent("POST", r"/webhooks/.*"))

    reply = bot.fake.thread_message(bot.sanne, thread_id, "Er is geen warme overdracht.")
    await bot.fake.dispatch("MESSAGE_CREATE", reply)
    await bot.fake.dispatch("MESSAGE_CREATE", reply)  # a replay after a reconnect
    dm = bot.fake.dm_message(bot.joris, "De BSO sluit te vroeg voor werkende ouders.")
    await bot.fake.dispatch("MESSAGE_CREATE", dm)

    async def two_signals() -> list[Signal] | None:
        found = await bot.rows(Signal)
        return found if len(found) >= 2 else None

    signals = await bot.fake.wait_for(two_signals)
    by_source = {s.source.value: s for s in signals}
    assert by_source["thread"].call_id == 1
    assert by_source["thread"].text == "Er is geen warme overdracht."
    assert by_source["dm"].call_id == 1  # the only open call
    # The thread reply gets a ✅; the DM author a thank-you by DM.
    reaction = rf"/channels/{thread_id}/messages/{reply['id']}/reactions/✅/@me"
    await bot.fake.wait_for(lambda: bot.fake.sent("PUT", reaction))
    await bot.fake.wait_for(lambda: bot.fake.sent("POST", r"/users/@me/channels"))
    assert len(await bot.rows(Signal)) == 2
    assert len(bot.fake.sent("PUT", r"/channels/.*/reactions/.*")) == 1


async def test_chat_in_other_channels_is_ignored(bot: Bot) -> None:
    from tests.handlers.discord.fake_discord import GENERAL

    await post_call(bot)
    chat = bot.fake.thread_message(bot.sanne, GENERAL, "Goedemorgen allemaal!")
    await bot.fake.dispatch("MESSAGE_CREATE", chat)
    dm = bot.fake.dm_message(bot.joris, "Een signaal")
    await bot.fake.dispatch("MESSAGE_CREATE", dm)
    signals = await bot.fake.wait_for(lambda: bot.rows(Signal))
    assert [s.text for s in signals] == ["Een signaal"]


async def test_thread_replies_take_the_roles_from_the_message_not_a_look_up(bot: Bot) -> None:
    """A server message carries its author's roles: no REST member look-up per message,
    and the role is the one Discord sent (an ambassador stays an ambassador)."""
    from bot.storage.models import Member
    from bot.vocabulary.enums import Role

    _, thread_id = await post_call(bot)
    before = len(bot.fake.sent("GET", r"/guilds/\d+/members/\d+"))
    for n, text in enumerate(("Geen overdracht.", "Te laat.", "Geen plek.")):
        reply = bot.fake.thread_message(bot.ahmed, thread_id, f"{text} ({n})")
        await bot.fake.dispatch("MESSAGE_CREATE", reply)

    async def three() -> list[Signal] | None:
        found = await bot.rows(Signal)
        return found if len(found) >= 3 else None

    await bot.fake.wait_for(three)
    assert len(bot.fake.sent("GET", r"/guilds/\d+/members/\d+")) == before
    (ahmed,) = await bot.rows(Member, Member.platform_user_id == bot.ahmed.id)
    assert ahmed.role is Role.AMBASSADOR


async def test_replies_under_two_calls_each_land_under_their_own_call(bot: Bot) -> None:
    # the client remembers which call a thread is and hands the core its number
    _, first = await post_call(bot)
    await bot.slash(bot.vera, "oproep", "open", vraag="En op school?")
    threads = await bot.fake.wait_for(
        lambda: (
            bot.fake.sent("POST", rf"/channels/{CHANNELS['calls']}/messages/\d+/threads")
            if len(bot.fake.sent("POST", rf"/channels/{CHANNELS['calls']}/messages/\d+/threads"))
            > 1
            else None
        )
    )
    second = threads[1].path.split("/")[-2]
    for n, thread in enumerate([first, second, second, first]):
        reply = bot.fake.thread_message(bot.sanne, thread, f"Antwoord {n}")
        await bot.fake.dispatch("MESSAGE_CREATE", reply)

    async def four() -> list[Signal] | None:
        found = await bot.rows(Signal)
        return found if len(found) >= 4 else None

    signals = await bot.fake.wait_for(four)
    assert {s.text: s.call_id for s in signals} == {
        "Antwoord 0": 1,
        "Antwoord 1": 2,
        "Antwoord 2": 2,
        "Antwoord 3": 1,
    }
