"""Socket Mode delivers the same payloads without signatures; Bolt's dispatch is the same
path, so persisting first also happens before the Socket Mode acknowledgement."""

from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import func, select

from bot.delivery.drainer import deliver_in_order
from bot.handlers.slack.bolt import SlackBot
from bot.storage.models import InboundEvent
from tests.handlers.slack.harness import TOKEN, payload


async def test_socket_mode_command_and_dm(slack_app, fake):
    bot = SlackBot(slack_app, AsyncWebClient(token=TOKEN, base_url=fake.api_url), socket_mode=True)
    command = dict(
        payload("slash_command"), command="/oproep", text='open vraag:"Waar loop je tegenaan?"'
    )
    response = await bot.bolt.async_dispatch(AsyncBoltRequest(body=command, mode="socket_mode"))
    assert response.status == 200
    event = payload("event_dm")
    response = await bot.bolt.async_dispatch(AsyncBoltRequest(body=event, mode="socket_mode"))
    assert response.status == 200
    async with slack_app.sessions() as session:  # both stored before the ack returned
        assert await session.scalar(select(func.count()).select_from(InboundEvent)) == 2
    await bot.settle()
    await deliver_in_order(slack_app.sessions, bot.sender, slack_app.clock)
    # the call; ahmed's first-contact privacy notice, then his thanks
    assert [p["channel"] for p in fake.to("chat.postMessage")] == [
        "C_CALLS",
        "DUAHMED",
        "DUAHMED",
    ]
    assert await slack_app.inbox.pending("slack") == []
