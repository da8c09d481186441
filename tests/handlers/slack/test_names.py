"""A member's message is stored without waiting for Slack to say her name (users.info is a
round trip, and rate-limited): a new member is named by her user id until Slack answered,
a known member keeps the name she has."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.storage.models import Member, Signal
from tests.handlers.slack.test_signals import call_ts


async def name_of(slack, user: str) -> str | None:
    async with slack.app.sessions() as session:
        return await session.scalar(
            select(Member.display_name).where(Member.platform_user_id == user)
        )


async def signals(slack) -> list[Signal]:
    async with slack.app.sessions() as session:
        return list((await session.scalars(select(Signal))).all())


async def test_a_new_member_is_stored_before_slack_says_her_name(slack):
    ts = await call_ts(slack)
    slack.fake.names["UNOOR"] = "Noor"
    answer = slack.fake.held["users.info"] = asyncio.Event()
    body = slack.message_event("event_thread_reply", thread_ts=ts, user="UNOOR")
    sending = asyncio.create_task(slack.event(body))
    for _ in range(200):  # stored while users.info has not answered
        if await signals(slack):
            break
        await asyncio.sleep(0.01)
    assert len(await signals(slack)) == 1
    assert await name_of(slack, "UNOOR") == "UNOOR"
    answer.set()
    assert (await sending)[0] == 200
    assert await name_of(slack, "UNOOR") == "Noor"  # renamed once Slack answered
    assert [c["user"] for c in slack.fake.to("users.info")].count("UNOOR") == 1


async def test_a_known_member_keeps_her_name_when_slack_does_not_answer(slack):
    ts = await call_ts(slack)
    slack.fake.names["UNOOR"] = "Noor"
    first = slack.message_event("event_thread_reply", thread_ts=ts, user="UNOOR", ts="1.1")
    await slack.event(first)
    assert await name_of(slack, "UNOOR") == "Noor"
    slack.bot.directory._names.clear()  # as after a restart
    slack.fake.fail("users.info", status=200, error="user_not_found", retry_after=None, times=3)
    second = slack.message_event("event_thread_reply", thread_ts=ts, user="UNOOR", ts="1.2")
    await slack.event(second)
    assert len(await signals(slack)) == 2
    assert await name_of(slack, "UNOOR") == "Noor"  # not her user id
