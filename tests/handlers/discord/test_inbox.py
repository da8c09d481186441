"""Discord messages go through the shared inbox: stored before they are handled, once per
message, and replayed when a crash left one stored but unhandled."""

from __future__ import annotations

from bot.handlers.discord.sender import message_ref
from bot.storage.models import InboundEvent, Signal
from bot.vocabulary.enums import SignalSource
from tests.handlers.discord.conftest import Bot


async def test_a_dm_is_stored_with_its_text_then_processed_once(bot: Bot) -> None:
    dm = bot.fake.dm_message(bot.joris, "De BSO sluit te vroeg.")
    await bot.fake.dispatch("MESSAGE_CREATE", dm)
    await bot.fake.dispatch("MESSAGE_CREATE", dm)  # a gateway replay after a reconnect
    (signal,) = await bot.fake.wait_for(lambda: bot.rows(Signal))
    assert signal.text == "De BSO sluit te vroeg."
    (row,) = await bot.fake.wait_for(
        lambda: bot.rows(InboundEvent, InboundEvent.processed_at.is_not(None))
    )
    assert row.platform == "discord"
    assert row.event_key == message_ref(dm["channel_id"], dm["id"])


async def test_a_message_stored_before_a_crash_is_handled_at_the_next_start(bot: Bot) -> None:
    await bot.stop()
    dm = bot.fake.dm_message(bot.joris, "Opgeslagen, maar nooit verwerkt.")
    key = message_ref(dm["channel_id"], dm["id"])
    payload = {"author": bot.joris.id, "name": "Joris", "text": dm["content"], "thread": None}
    assert await bot.app.inbox.persist("discord", key, "dm", payload) is not None
    assert await bot.rows(Signal) == []
    await bot.start()
    (signal,) = await bot.fake.wait_for(lambda: bot.rows(Signal))
    assert signal.text == "Opgeslagen, maar nooit verwerkt." and signal.source.value == "dm"
    await bot.fake.wait_for(
        lambda: bot.rows(InboundEvent, InboundEvent.processed_at.is_not(None))
    )


async def test_a_thread_reply_is_stored_at_once_a_dm_is_stored_first(
    bot: Bot, monkeypatch
) -> None:
    """A server message carries its author's roles: at a quiet moment the reply is stored
    as her signal in one transaction, without an inbox row. A DM's author is asked of
    Discord first, so the DM is stored in the inbox before that question (a gateway
    message is not sent again)."""
    from tests.handlers.discord.test_calls import post_call

    _, thread_id = await post_call(bot)
    persisted: list[str] = []
    persist = bot.app.inbox.persist

    async def recorded(platform: str, key: str, kind: str, payload: dict) -> int | None:  # type: ignore[type-arg]
        persisted.append(kind)
        return await persist(platform, key, kind, payload)

    monkeypatch.setattr(bot.app.inbox, "persist", recorded)
    reply = bot.fake.thread_message(bot.sanne, thread_id, "Er is geen warme overdracht.")
    await bot.fake.dispatch("MESSAGE_CREATE", reply)
    (signal,) = await bot.fake.wait_for(lambda: bot.rows(Signal))
    assert signal.call_id == 1 and persisted == []
    dm = bot.fake.dm_message(bot.joris, "De BSO sluit te vroeg.")
    await bot.fake.dispatch("MESSAGE_CREATE", dm)
    await bot.fake.wait_for(lambda: bot.rows(Signal, Signal.source == SignalSource.DM))
    assert persisted == ["dm"]
    (row,) = await bot.rows(InboundEvent, InboundEvent.kind.in_(("thread", "dm")))
    assert row.kind == "dm" and row.processed_at is not None


async def test_a_failure_before_the_short_way_still_stores_the_reply(bot: Bot) -> None:
    from tests.handlers.discord.test_calls import post_call

    _, thread_id = await post_call(bot)
    assert bot.client is not None
    message, failed = bot.client._message, []

    async def once(kind: str, key: str, data: dict) -> object:  # type: ignore[type-arg]
        if not failed:
            failed.append(kind)
            raise ValueError("unforeseen")
        return await message(kind, key, data)

    bot.client._message = once  # type: ignore[method-assign]
    reply = bot.fake.thread_message(bot.sanne, thread_id, "Er is geen warme overdracht.")
    await bot.fake.dispatch("MESSAGE_CREATE", reply)
    (signal,) = await bot.fake.wait_for(lambda: bot.rows(Signal))
    assert signal.call_id == 1 and failed == ["thread"]
