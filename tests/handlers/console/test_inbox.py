"""The console's messages go through the same inbox as the chat platforms."""

from __future__ import annotations

from sqlalchemy import select

from bot.handlers.console.session import process
from bot.storage.models import InboundEvent, Signal
from tests.helpers import Harness


async def test_console_messages_are_stored_then_processed(app):
    h = Harness(app)
    await h.run("@sanne:lid dm Er is geen plek voor ouders.")
    async with app.sessions() as session:
        (row,) = (await session.scalars(select(InboundEvent))).all()
        (signal,) = (await session.scalars(select(Signal))).all()
    assert row.platform == "console" and row.kind == "dm" and row.processed_at is not None
    assert signal.platform_message_id == row.event_key


async def test_a_stored_console_message_is_replayed_once(app):
    payload = {"user": "kees", "role": "lid", "text": "Achtergebleven bericht", "call": None}
    row_id = await app.inbox.persist("console", "console-left-behind", "dm", payload)
    assert await app.inbox.replay("console", lambda i: process(app, i)) == 1
    assert await app.inbox.replay("console", lambda i: process(app, i)) == 0
    async with app.sessions() as session:
        (signal,) = (await session.scalars(select(Signal))).all()
    assert signal.text == "Achtergebleven bericht" and row_id
