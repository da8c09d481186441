"""Discord messages go through the shared inbox: stored before they are handled, once per
message, and replayed when a crash left one stored but unhandled."""

from __future__ import annotations

from bot.handlers.discord.sender import message_ref
from bot.storage.models import InboundEvent, Signal
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
