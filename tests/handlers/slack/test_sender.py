"""The Slack sender at the HTTP edge: 429s, escaping, long texts, fallbacks."""

import json
from datetime import timedelta

from sqlalchemy import select

from bot.core.replies import Reply
from bot.handlers.slack.blocks import BLOCKS_MAX, SECTION_MAX, escape, render, split_text
from bot.outbox import rows as outbox
from bot.storage.models import OutboxMessage
from tests.handlers.slack.harness import text_of


async def rows(slack) -> list[OutboxMessage]:
    async with slack.app.sessions() as session:
        return list((await session.scalars(select(OutboxMessage))).all())


async def test_429_is_retried_after_retry_after(slack, clock):
    slack.fake.fail("chat.postMessage", status=429, retry_after=7)
    await slack.command('/oproep open vraag:"Waar loop je tegenaan?"')
    post = next(r for r in await rows(slack) if r.target_kind == "channel")
    assert post.status == "pending" and post.attempts == 1
    assert post.next_attempt_at >= clock.now() + timedelta(seconds=7)
    clock.advance(seconds=3)
    assert await slack.deliver() == 0  # not before Retry-After
    clock.advance(seconds=60)
    await slack.deliver()
    post = next(r for r in await rows(slack) if r.target_kind == "channel")
    assert post.status == "sent"
    assert len(slack.posts("C_CALLS")) == 2  # the refused try and the real one


async def test_mass_mentions_in_user_text_are_escaped(slack):
    await slack.command('/oproep open vraag:"<!channel> kom allemaal <@U123> & <https://x.nl|x>"')
    (post,) = slack.posts("C_CALLS")
    sent = json.dumps(post)
    assert "<!channel>" not in sent and "<@U123>" not in sent and "<https://" not in sent
    shown = text_of(post)
    assert "&lt;" in shown and "channel&gt;" in shown and "&amp;" in shown


def test_bold_markdown_becomes_slack_bold_and_text_is_escaped():
    (message,) = render(Reply(text="**Open oproepen**\n• #1 a < b", title="T"))
    assert message.blocks[0]["type"] == "header"
    assert message.blocks[1]["text"]["text"] == "*Open oproepen*\n• #1 a &lt; b"
    assert escape("<!here>") == "&lt;!here&gt;"


def test_long_texts_are_split_within_block_kit_limits():
    line = "Een lange regel over een knelpunt in de praktijk. " * 4
    text = "\n".join([line] * 4000)  # ~800,000 characters
    messages = render(Reply(text=text, title="Export"))
    assert len(messages) > 1
    for message in messages:
        assert len(message.blocks) <= BLOCKS_MAX
        for block in message.blocks:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= SECTION_MAX
    joined = "\n".join(
        b["text"]["text"] for m in messages for b in m.blocks if b["type"] == "section"
    )
    assert joined.count("knelpunt") == text.count("knelpunt")
    assert all(len(chunk) <= 10 for chunk in split_text("x" * 35, 10))


async def test_ephemeral_falls_back_to_response_url_outside_the_bots_channels(slack):
    slack.fake.not_in_channel.add("C_RANDOM")
    await slack.command("/oproep lijst", user="USANNE", channel="C_RANDOM")
    (answer,) = slack.fake.to("response_url")
    assert answer["response_type"] == "ephemeral"
    assert "oproep" in text_of(answer).lower()


async def test_thread_post_waits_for_its_parent_and_permanent_errors_fail(slack, clock):
    await slack.command('/oproep open vraag:"Vraag?"', deliver=False)
    await slack.command("/oproep sluit nr:1", deliver=False)
    slack.fake.fail("chat.postMessage", status=200, error="channel_not_found", retry_after=None)
    await slack.deliver()
    states = {r.target_kind: r.status for r in await rows(slack)}
    assert states["channel"] == "failed"  # the channel is gone: never retried
    assert states["thread"] == "pending"  # its parent was never posted: wait


async def test_reaction_and_dm_channel_reuse(slack):
    async with slack.app.sessions() as session, session.begin():
        for _ in range(2):
            outbox.add(
                session,
                platform="slack",
                target_kind="reaction",
                payload=Reply(text="white_check_mark").to_dict(),
                now=slack.app.clock.now(),
                reply_ref="C_CALLS:1790000200.000100",
            )
    slack.fake.fail("reactions.add", status=200, error="already_reacted", retry_after=None)
    await slack.deliver()
    assert {r.status for r in await rows(slack)} == {"sent"}


async def test_a_post_whose_answer_got_lost_is_not_posted_twice(slack, clock):
    """Slack posted the call but the answer never arrived (a 500): the retry finds the
    message by its metadata (the outbox row id) instead of posting it again."""
    slack.fake.fail("chat.postMessage", status=500, error="internal_error", done=True)
    await slack.command('/oproep open vraag:"Waar loop je tegenaan?"')
    clock.advance(seconds=120)
    await slack.deliver()
    post = next(r for r in await rows(slack) if r.target_kind == "channel")
    assert post.status == "sent"
    assert len(slack.posts("C_CALLS")) == 1  # only the first, lost-answer call
    (kept,) = slack.fake.messages["C_CALLS"]
    assert post.platform_message_id == kept["ts"]
    assert slack.fake.to("conversations.history")[0]["include_all_metadata"] in (True, "1", 1)


def test_empty_reply_renders_without_blocks():
    (message,) = render(Reply(text=""))
    assert message.blocks == [] and message.text.strip() == ""
