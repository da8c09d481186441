"""Thread replies under a call and DMs become signals: persisted first, once."""

from datetime import timedelta

from tests.handlers.slack.harness import text_of


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
