"""The Discord sender: fan-out, rate limits, DM pacing, idempotency, mentions, splitting."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.core.replies import Reply
from bot.outbox.delivery import Delivery, RetryLater
from bot.storage.models import OutboxMessage
from tests.handlers.discord.conftest import Bot, text_of
from tests.handlers.discord.fake_discord import CHANNELS
from tests.handlers.discord.test_calls import post_call
from tests.handlers.discord.test_components import press, start_poll

FEEDBACK = "De overdracht staat nu op de agenda van de Verbindingsroute."


async def dm_texts(bot: Bot, person) -> list[str]:  # type: ignore[no-untyped-def]
    channel = bot.fake._dm_channels.get(person.id)
    return [text_of(r.body) for r in bot.fake.sent("POST", rf"/channels/{channel}/messages")]


async def test_feedback_reaches_each_involved_member_once(bot: Bot) -> None:
    _, thread_id = await post_call(bot)
    await bot.fake.dispatch(
        "MESSAGE_CREATE",
        bot.fake.thread_message(bot.sanne, thread_id, "Er is geen warme overdracht."),
    )
    await bot.fake.dispatch(
        "MESSAGE_CREATE",
        bot.fake.thread_message(bot.sanne, thread_id, "En de dossiers komen te laat."),
    )
    await bot.fake.dispatch(
        "MESSAGE_CREATE", bot.fake.dm_message(bot.joris, "Ouders moeten alles zelf doorgeven.")
    )
    card = await start_poll(bot)
    for nr in (1, 2, 3):
        await bot.answers(await bot.slash(bot.vera, "knelpunt", "koppel", signaal=nr, knelpunt=1))
    await bot.answers(await press(bot, bot.sanne, card, "poll:1v0:recognised:yes"))
    await bot.answers(await press(bot, bot.ahmed, card, "poll:1v0:recognised:partly"))

    done = await bot.slash(bot.vera, "terugkoppeling", knelpunt=1, tekst=FEEDBACK)
    await bot.answers(done)
    for person in (bot.sanne, bot.joris, bot.ahmed):

        async def got(person=person) -> bool:  # type: ignore[no-untyped-def]
            return any(FEEDBACK in t for t in await dm_texts(bot, person))

        await bot.fake.wait_for(got)
    for person in (bot.sanne, bot.joris, bot.ahmed):
        assert sum(FEEDBACK in t for t in await dm_texts(bot, person)) == 1
    assert not any(FEEDBACK in t for t in await dm_texts(bot, bot.vera))
    news = bot.fake.sent("POST", rf"/channels/{CHANNELS['news']}/messages")
    assert len(news) == 1 and FEEDBACK in text_of(news[0].body)


async def test_a_429_on_a_dm_is_honoured(bot: Bot) -> None:
    await bot.noticed(bot.joris)
    dm = bot.fake.dm_message(bot.joris, "De BSO sluit te vroeg.")
    channel = dm["channel_id"]
    bot.fake.fail("POST", rf"/channels/{channel}/messages", 429, retry_after=2.5)
    await bot.fake.dispatch("MESSAGE_CREATE", dm)
    await bot.fake.wait_for(lambda: bot.fake.sent("POST", rf"/channels/{channel}/messages"))

    async def rescheduled() -> OutboxMessage | None:
        async with bot.app.sessions() as session:
            row = await session.scalar(
                select(OutboxMessage).where(
                    OutboxMessage.target_kind == "dm", OutboxMessage.status == "pending"
                )
            )
        return row if row is not None and "429" in (row.last_error or "") else None

    row = await bot.fake.wait_for(rescheduled)
    wait = row.next_attempt_at - bot.app.clock.now()
    assert timedelta(seconds=2.5) <= wait < timedelta(seconds=30)
    await bot.client.drainer.drain_once()
    assert len(bot.fake.sent("POST", rf"/channels/{channel}/messages")) == 1  # still waiting

    bot.app.clock.advance(wait)
    await bot.client.drainer.drain_once()
    attempts = bot.fake.sent("POST", rf"/channels/{channel}/messages")
    assert len(attempts) == 2 and "#1" in text_of(attempts[1].body)


async def test_opening_dms_too_fast_slows_down_instead_of_failing(bot: Bot) -> None:
    await bot.noticed(bot.joris)
    sender = bot.client.sender
    bot.fake.fail(
        "POST", r"/users/@me/channels", 400, body={"message": "Opening DMs too fast", "code": 40003}
    )
    await bot.fake.dispatch("MESSAGE_CREATE", bot.fake.dm_message(bot.joris, "Een signaal."))

    async def rescheduled() -> OutboxMessage | None:
        async with bot.app.sessions() as session:
            row = await session.scalar(
                select(OutboxMessage).where(OutboxMessage.target_kind == "dm")
            )
        return row if row is not None and "40003" in (row.last_error or "") else None

    row = await bot.fake.wait_for(rescheduled)
    assert sender.dm_interval >= 1.0  # and slower from now on
    assert row.status == "pending" and row.next_attempt_at > bot.app.clock.now()


async def test_a_resend_after_a_crash_does_not_duplicate(bot: Bot) -> None:
    """The same row sent twice (a crash between send and commit) is one message."""
    row = await bot.channel_row("news", Reply(text="Nieuws"))
    delivery = Delivery(row, Reply(text="Nieuws").to_dict(), None)
    first = await bot.client.sender.send(delivery)
    second = await bot.client.sender.send(delivery)
    assert first.message_id == second.message_id
    assert len([m for m in bot.fake.messages.values() if m["channel_id"] == CHANNELS["news"]]) == 1


async def test_mass_mentions_are_never_sent(bot: Bot) -> None:
    interaction = await bot.slash(
        bot.vera, "oproep", "open", vraag="@everyone @here wie herkent dit? <@&300000000000000002>"
    )
    await bot.answers(interaction)
    posts = await bot.fake.wait_for(
        lambda: bot.fake.sent("POST", rf"/channels/{CHANNELS['calls']}/messages")
    )
    assert "wie herkent dit?" in text_of(posts[0].body)
    # Even a raw mass mention that reaches the sender does not ping anyone.
    raw = Reply(text="@everyone kijk!")
    await bot.client.sender.send(Delivery(await bot.channel_row("news", raw), raw.to_dict(), None))
    bodies = bot.message_bodies()
    assert bodies and all(b["allowed_mentions"]["parse"] == [] for b in bodies)


async def test_thread_messages_go_to_the_calls_thread(bot: Bot) -> None:
    _, thread_id = await post_call(bot)
    await bot.answers(await bot.slash(bot.vera, "oproep", "sluit", nr=1))
    posts = await bot.fake.wait_for(
        lambda: bot.fake.sent("POST", rf"/channels/{thread_id}/messages")
    )
    assert "#1" in text_of(posts[0].body)


async def test_long_texts_are_split_with_buttons_on_the_last_part(bot: Bot) -> None:
    from bot.core.replies import Choice

    text = ("Dit is een lange zin over de overdracht van opvang naar school. " * 80).strip()
    reply = Reply(text=text, rows=((Choice("poll:9:recognised:yes", "Ja"),),))
    row = await bot.channel_row("polls", reply)
    sent = await bot.client.sender.send(Delivery(row, reply.to_dict(), None))
    parts = bot.fake.sent("POST", rf"/channels/{CHANNELS['polls']}/messages")
    assert len(parts) == 3
    assert all(len(p.body["content"]) <= 2000 for p in parts)
    assert " ".join(p.body["content"] for p in parts) == text  # cut between words
    assert [bool(p.body.get("components")) for p in parts] == [False, False, True]
    assert len({p.body["nonce"] for p in parts}) == 3
    assert sent.message_id == bot.fake.messages[sent.message_id]["id"]


async def test_retry_later_is_raised_for_a_rate_limited_post(bot: Bot) -> None:
    bot.fake.fail("POST", rf"/channels/{CHANNELS['news']}/messages", 429, retry_after=7)
    row = await bot.channel_row("news", Reply(text="x"))
    try:
        await bot.client.sender.send(Delivery(row, Reply(text="x").to_dict(), None))
    except RetryLater as exc:
        assert exc.seconds == 7
    else:
        raise AssertionError("a 429 must become RetryLater")


def test_member_text_cannot_add_masked_links_or_formatting():
    from bot.core.replies import Reply
    from bot.handlers.discord.render import message_bodies

    text = "> [Klik hier](https://evil.example/x)\n# Kop\nEen ||spoiler|| en ~~weg~~ en **vet**"
    (body,) = message_bodies(Reply(text=text))
    shown = body["content"]
    assert "\\[Klik hier\\](https://evil.example/x)" in shown
    assert "\\# Kop" in shown and "\\|\\|spoiler\\|\\|" in shown and "\\~\\~weg\\~\\~" in shown
    assert shown.startswith("> ") and "**vet**" in shown  # the bot's own markdown stays
