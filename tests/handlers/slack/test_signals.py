"""Thread replies under a call and DMs become signals: persisted first, once."""

import asyncio
import json
from datetime import timedelta

from bot.handlers.slack import bolt
from tests.handlers.slack.harness import signed_headers, text_of


async def call_ts(slack) -> str:
    await slack.command('/oproep open vraag:"Waar loop je tegenaan?"')
    rows = [r for r in await slack.outbox() if r.target_kind == "channel"]
    return rows[0].platform_message_id


async def test_thread_reply_under_a_call_becomes_a_signal(slack):
    ts = await call_ts(slack)
    body = slack.message_event("event_thread_reply", thread_ts=ts)
    status, _ = await slack.event(body)
    assert status == 200
    (signal,) = await slack.signals()
    assert signal.call_id == 1 and signal.source.value == "thread"
    assert signal.platform_message_id == f"C_CALLS:{body['event']['ts']}"
    assert "geen plek waar ouders" in signal.text
    (reaction,) = slack.fake.to("reactions.add")
    assert reaction["channel"] == "C_CALLS" and reaction["timestamp"] == body["event"]["ts"]
    (row,) = await slack.messages_inbound()
    assert row.processed_at is not None


async def test_replies_under_two_calls_each_land_under_their_own_call(slack):
    # the handler remembers which call a thread is and hands the core its number
    first = await call_ts(slack)
    await slack.command('/oproep open vraag:"En op school?"')
    second = [r for r in await slack.outbox() if r.target_kind == "channel"][1].platform_message_id
    for n, ts in enumerate([first, second, second, first]):
        body = slack.message_event("event_thread_reply", thread_ts=ts, ts=f"1700000100.00{n}")
        assert (await slack.event(body))[0] == 200
    assert [s.call_id for s in await slack.signals()] == [1, 2, 2, 1]


async def test_dm_to_the_bot_becomes_a_signal_and_is_thanked(slack):
    await call_ts(slack)
    await slack.event(slack.message_event("event_dm"))
    (signal,) = await slack.signals()
    assert signal.source.value == "dm" and signal.call_id == 1  # the only open call
    notice, thanks = slack.dms("UAHMED")  # his first contact: the privacy notice first
    assert "met je gegevens om" in notice
    assert "signaal #1" in thanks and "Hoe mag de staf je woorden gebruiken" in thanks
    assert slack.fake.to("conversations.open")[0]["users"] == "UAHMED"


async def test_the_same_event_delivered_three_times_is_stored_once(slack):
    ts = await call_ts(slack)
    body = slack.message_event("event_thread_reply", thread_ts=ts)
    for retry in (None, 1, 2):
        status, _ = await slack.event(body, retry=retry)
        assert status == 200
    assert len(await slack.messages_inbound()) == 1
    assert len(await slack.signals()) == 1
    assert len(slack.fake.to("reactions.add")) == 1


async def test_a_redelivery_with_a_new_event_id_is_not_doubled(slack):
    ts = await call_ts(slack)
    body = slack.message_event("event_thread_reply", thread_ts=ts)
    await slack.event(body)
    body["event_id"] = "Ev0OTHER999"
    await slack.event(body)
    assert len(await slack.signals()) == 1


async def test_a_crash_after_the_ack_loses_nothing(slack, slack_app, fake):
    """Stored before the ack but never processed (the process died): replayed at start."""
    from tests.handlers.slack.harness import SlackHarness

    await call_ts(slack)
    body = slack.message_event("event_dm")
    row_id = await slack.bot.store("dm", body)  # what the middleware did
    assert await slack.signals() == []
    restarted = SlackHarness(slack_app, fake)
    assert await restarted.bot.recover() == 1
    (signal,) = await slack.signals()
    assert signal.source.value == "dm"
    assert await restarted.bot.recover() == 0
    (row,) = await slack.messages_inbound()
    assert row.id == row_id and row.processed_at is not None


async def test_messages_that_are_not_signals_are_ignored_and_not_stored(slack):
    ts = await call_ts(slack)
    other = slack.message_event("event_thread_reply", thread_ts="1790000999.000001")
    bot_reply = slack.message_event(
        "event_thread_reply", thread_ts=ts, bot_id="BBOT", ts="1790000200.000555"
    )
    edited = slack.message_event(
        "event_thread_reply", thread_ts=ts, subtype="message_changed", ts="1790000200.000556"
    )
    top_level = slack.message_event("event_thread_reply", thread_ts=None, ts="1790000200.7")
    for body in (other, bot_reply, edited, top_level):
        status, _ = await slack.event(body)
        assert status == 200
    assert await slack.messages_inbound() == []
    assert await slack.signals() == []


async def test_reply_to_a_closed_call_is_kept_and_explained(slack):
    ts = await call_ts(slack)
    await slack.command("/oproep sluit nr:1")
    await slack.event(slack.message_event("event_thread_reply", thread_ts=ts))
    (signal,) = await slack.signals()
    assert signal.call_id is None
    assert any("gesloten" in text for text in slack.dms("USANNE"))
    (thanks,) = [p for p in slack.posts("C_CALLS") if p.get("thread_ts") == ts]
    assert "#1" in text_of(thanks)  # the closing thank-you went into the call's thread


async def test_a_failed_processing_is_replayed_later_but_not_too_soon(slack, clock):
    await call_ts(slack)
    await slack.bot.store("dm", slack.message_event("event_dm"))
    assert await slack.bot.recover(min_age=timedelta(seconds=60)) == 0  # maybe in flight
    clock.advance(seconds=61)
    assert await slack.bot.recover(min_age=timedelta(seconds=60)) == 1
    (signal,) = await slack.signals()
    assert signal.source.value == "dm"


async def test_a_burst_of_replies_is_each_stored_acknowledged_and_answered_once(slack, fake):
    """Many replies at once, some sent twice (Slack retries): every one is stored once,
    processed once and answered once; a handful are processed at a time."""
    ts = await call_ts(slack)
    fake.forget()
    running = most = 0
    handle = slack.bot._handle

    async def counted(row):  # type: ignore[no-untyped-def]
        nonlocal running, most
        running += 1
        most = max(most, running)
        try:
            await handle(row)
        finally:
            running -= 1

    slack.bot._handle = counted
    bodies = []
    for n in range(40):
        body = slack.message_event(
            "event_thread_reply", thread_ts=ts, ts=f"1790000300.{n:06d}", user=f"ULID{n % 25}"
        )
        body["event_id"] = f"EvBURST{n}"
        bodies.append(json.dumps(body))

    async def send(raw: str) -> int:
        headers = signed_headers(raw, "application/json")
        async with slack.http.post(slack.endpoint, data=raw.encode(), headers=headers) as resp:
            return resp.status

    statuses = await asyncio.gather(*(send(raw) for raw in bodies + bodies[:10]))
    await slack.bot.settle()
    await slack.deliver()
    assert set(statuses) == {200}
    signals = await slack.signals()
    assert len(signals) == 40 and len({s.platform_message_id for s in signals}) == 40
    assert all(row.processed_at is not None for row in await slack.messages_inbound())
    assert len(await slack.messages_inbound()) == 40
    assert len(fake.to("reactions.add")) == 40
    assert most <= bolt.PROCESSING


def handed_after_ack(slack) -> list[object]:  # type: ignore[no-untyped-def]
    """What the middleware hands over for processing after the acknowledgement."""
    handed: list[object] = []
    after_ack = slack.bot._after_ack

    def recorded(context):  # type: ignore[no-untyped-def]
        handed.append(context)
        after_ack(context)

    slack.bot._after_ack = recorded
    return handed


async def test_a_reply_at_a_quiet_moment_is_stored_before_the_acknowledgement(slack):
    """Nothing else being stored (and her role known without asking Slack): the reply and
    its inbox row commit together before Slack gets its 200, so nothing is left to
    process after the acknowledgement."""
    ts = await call_ts(slack)
    await slack.event(slack.message_event("event_thread_reply", thread_ts=ts, ts="1790000400.1"))
    await slack.bot.settle()  # the first reply had Slack asked for the user groups
    handed = handed_after_ack(slack)
    body = slack.message_event("event_thread_reply", thread_ts=ts)
    status, _ = await slack.event(body, deliver=False)
    assert status == 200 and handed == []
    signal = (await slack.signals())[-1]
    assert signal.call_id == 1 and signal.platform_message_id == f"C_CALLS:{body['event']['ts']}"
    assert all(row.processed_at is not None for row in await slack.messages_inbound())
    status, _ = await slack.event(body, retry=1, deliver=False)  # Slack's retry: once
    assert status == 200 and len(await slack.signals()) == 2 and handed == []


async def test_the_acknowledgement_never_waits_for_a_question_to_slack(slack, fake):
    """When her role needs a user group's members from Slack, the reply is stored and
    acknowledged first and processed after (where the question may take its time)."""
    ts = await call_ts(slack)
    fake.forget()
    handed = handed_after_ack(slack)
    status, _ = await slack.event(slack.message_event("event_thread_reply", thread_ts=ts))
    assert status == 200 and len(handed) == 1
    await slack.bot.settle()
    assert len(await slack.signals()) == 1
    assert fake.to("usergroups.users.list")  # asked after the acknowledgement


async def test_a_failure_before_the_short_way_still_stores_the_reply(slack):
    """Reading the message for the short way fails (an unforeseen payload): it is stored
    the usual way all the same, and processing it is where the failure is dealt with."""
    ts = await call_ts(slack)
    await slack.event(slack.message_event("event_thread_reply", thread_ts=ts, ts="1790000400.1"))
    await slack.bot.settle()
    message, failed = slack.bot._message, []

    async def once(kind, event):  # type: ignore[no-untyped-def]
        if not failed:
            failed.append(kind)
            raise ValueError("unforeseen")
        return await message(kind, event)

    slack.bot._message = once
    status, _ = await slack.event(slack.message_event("event_thread_reply", thread_ts=ts))
    await slack.bot.settle()
    assert status == 200 and failed == ["thread"]
    assert len(await slack.signals()) == 2
    assert all(row.processed_at is not None for row in await slack.messages_inbound())
