"""A member's message is stored without waiting for Slack to say her name (users.info is a
round trip, and rate-limited): a new member is named by her user id until Slack answered,
a known member keeps the name she has."""

from __future__ import annotations

import asyncio

import pytest
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


@pytest.mark.parametrize("way", ["message_now", "message"])
async def test_slack_is_asked_her_name_only_once_her_message_is_stored(slack, monkeypatch, way):
    """Asked at once, the answer's rename ran beside the message's own transaction and
    waited on (or held up) her new member row. ``way``: stored before the acknowledgement,
    or from the inbox after it."""
    ts = await call_ts(slack)
    slack.fake.names["UNOOR"] = "Noor"
    core, go_on, used = slack.app.core, asyncio.Event(), []

    def held(name: str):
        storing = getattr(core, name)

        async def storing_held(*args, **kwargs):
            used.append(name)
            await go_on.wait()
            return await storing(*args, **kwargs)

        monkeypatch.setattr(core, name, storing_held)

    held("message_now")
    held("message")
    if way == "message_now":  # stored at once only when every role is known
        for group in ("SSTAFF", "SAMBAS"):
            await slack.bot.directory.group(group)
    else:
        monkeypatch.setattr(core.storing, "at_once", 0)  # as while others take the room
    body = slack.message_event("event_thread_reply", thread_ts=ts, user="UNOOR")

    def asked_about(user: str) -> int:
        return [c["user"] for c in slack.fake.to("users.info")].count(user)

    sending = asyncio.create_task(slack.event(body))
    try:
        await asyncio.sleep(0.3)
        assert used == [way]
        assert asked_about("UNOOR") == 0
    finally:
        go_on.set()  # a failing check must not leave the message held for good
    assert (await sending)[0] == 200
    for _ in range(200):
        if await name_of(slack, "UNOOR") == "Noor":
            break
        await asyncio.sleep(0.01)
    assert len(await signals(slack)) == 1
    assert await name_of(slack, "UNOOR") == "Noor"
    assert asked_about("UNOOR") == 1
