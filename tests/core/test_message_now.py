"""A message arriving while there is room beside those being stored is stored as her
signal in one transaction of its own (``Core.message_now``, issue 13), without an inbox
row: the signal's unique platform message id tells a retry apart, whichever way the
retry comes. Whatever it cannot do alone (a refusal, a failure, the room taken by others
being stored) leaves nothing behind, so the usual way (persist, then process) ends
exactly as if the short way had never been tried."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, func, select

from bot.app import App
from bot.core.context import Actor, Incoming
from bot.outbox import rows as outbox_rows
from bot.storage.models import InboundEvent, Member, OutboxMessage, Signal
from tests.core.test_message_batches import (
    calls_opened,
    incoming,
    member,
    open_calls,
    outcome,
)


async def rows(app: App, model: Any) -> int:
    async with app.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_message_at_a_quiet_moment_is_stored_in_one_commit_without_an_inbox_row(any_app):
    await open_calls(any_app)
    commits: list[frozenset[str]] = []
    any_app.core.listeners.append(commits.append)
    reply = Incoming("thread", "Er is geen plek", "m1", call_id=1)

    assert await any_app.core.message_now(member(1), reply)

    assert len(commits) == 1 and {"signals", "outbox"} <= commits[0]
    assert "inbound_events" not in commits[0]
    stored, sent = await outcome(any_app)
    assert stored == Counter({("lid1", "m1", 1): 1})
    assert sent[("lid1", "ephemeral")] == 1  # her thank-you
    assert await rows(any_app, InboundEvent) == 0


async def test_her_member_and_the_call_are_looked_up_in_one_select(any_app):
    """A message stored on its own pays a round trip per statement: the call her reply
    goes to comes with her member, for a known and for a new member."""
    await open_calls(any_app)
    assert await any_app.core.message_now(member(1), Incoming("thread", "Eerste", "m0", call_id=1))
    selects: list[str] = []

    def executed(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    event.listen(any_app.engine.sync_engine, "before_cursor_execute", executed)
    try:
        for nr, sender in enumerate((member(1), member(2)), start=1):  # known, then new
            reply = Incoming("thread", "Er is geen plek", f"m{nr}", call_id=1)
            assert await any_app.core.message_now(sender, reply)
    finally:
        event.remove(any_app.engine.sync_engine, "before_cursor_execute", executed)
    assert len(selects) == 2 and all("calls" in s and "members" in s for s in selects)
    stored, sent = await outcome(any_app)
    assert stored == Counter({("lid1", "m0", 1): 1, ("lid1", "m1", 1): 1, ("lid2", "m2", 1): 1})
    assert sent[("lid2", "ephemeral")] == 1


async def test_a_reply_to_a_call_that_is_not_there_leaves_nothing(any_app):
    await open_calls(any_app)
    reply = Incoming("thread", "Er is geen plek", "m1", call_id=99)
    assert not await any_app.core.message_now(member(1), reply)
    assert (await rows(any_app, InboundEvent), await rows(any_app, Signal)) == (0, 0)
    assert not await _members_named(any_app, "lid1")


async def test_a_retry_after_the_short_way_stores_nothing_whichever_way_it_comes(any_app):
    await open_calls(any_app)
    reply = Incoming("thread", "Er is geen plek", "m1", call_id=1)
    assert await any_app.core.message_now(member(1), reply)

    assert await any_app.core.message_now(member(1), reply)  # handled: stored before
    await _usual(any_app, member(1), reply, "m1")  # the inbox keys a message on its id

    stored, sent = await outcome(any_app)
    assert stored == Counter({("lid1", "m1", 1): 1})
    assert sent[("lid1", "ephemeral")] == 1
    assert await any_app.inbox.pending("console") == []


async def test_the_short_way_stores_nothing_of_a_message_in_the_inbox_already(any_app):
    """A redelivery stored the short way while the first copy waits in the inbox: one
    signal; the inbox row is then processed without a second."""
    await open_calls(any_app)
    reply = Incoming("thread", "Er is geen plek", "m1", call_id=1)
    row = await any_app.inbox.persist("console", "m1", "thread", {"text": reply.text})
    assert row is not None

    assert await any_app.core.message_now(member(1), reply)
    await any_app.core.message(member(1), reply, inbound=row)

    stored, sent = await outcome(any_app)
    assert stored == Counter({("lid1", "m1", 1): 1})
    assert sent[("lid1", "ephemeral")] == 1
    assert await any_app.inbox.pending("console") == []


async def test_a_message_without_its_platform_id_goes_the_usual_way(any_app):
    """Without the platform's id a retry could not be told apart: the inbox keys it."""
    await open_calls(any_app)
    reply = Incoming("thread", "Er is geen plek", None, call_id=1)
    assert not await any_app.core.message_now(member(1), reply)
    assert await rows(any_app, Signal) == 0


async def test_a_refused_message_leaves_nothing_and_is_refused_the_usual_way(any_app):
    await open_calls(any_app)
    lost = Incoming("thread", "Waar hoort dit?", "m8", thread_ref="onbekend")  # no call's
    before = await rows(any_app, OutboxMessage)

    assert not await any_app.core.message_now(member(8), lost)
    assert (await rows(any_app, InboundEvent), await rows(any_app, Signal)) == (0, 0)
    assert await rows(any_app, OutboxMessage) == before
    assert not await _members_named(any_app, "lid8")

    row = await any_app.inbox.persist("console", "k8", "thread", {})
    await any_app.core.message(member(8), lost, inbound=row)
    _, sent = await outcome(any_app)
    assert sent == Counter({("lid8", "ephemeral!"): 1})  # refused once, by the usual way
    assert await any_app.inbox.pending("console") == []


async def test_while_the_room_is_taken_by_others_being_stored_it_goes_the_usual_way(any_app):
    await open_calls(any_app)
    reply = Incoming("thread", "Er is geen plek", "m1", call_id=1)
    storing = any_app.core.storing
    with contextlib.ExitStack() as others:  # as many others as may be stored at once
        for _ in range(storing.at_once):
            others.enter_context(storing.one())
        assert not await any_app.core.message_now(member(1), reply)
    assert (await rows(any_app, InboundEvent), await rows(any_app, Signal)) == (0, 0)
    assert storing.count == 0


async def test_beside_one_being_stored_postgresql_stores_at_once_sqlite_waits(any_app):
    """PostgreSQL writes transactions side by side: a message arriving while another is
    being stored need not go the longer way (inbox, then a batch). SQLite writes one at a
    time: it would only queue on the write lock."""
    await open_calls(any_app)
    reply = Incoming("thread", "Er is geen plek", "m1", call_id=1)
    postgres = any_app.engine.dialect.name == "postgresql"
    with any_app.core.storing.one():
        assert await any_app.core.message_now(member(1), reply) is postgres
    assert await rows(any_app, Signal) == int(postgres)


async def test_two_first_messages_of_a_new_member_at_once_make_one_member_one_notice(any_app):
    """On PostgreSQL both are stored at once, side by side: one creates her, the other
    waits for that row and finds it; the privacy notice goes out once. On SQLite the
    second goes the usual way."""
    await open_calls(any_app)
    new = member(5)
    replies = [Incoming("thread", f"Bericht {i}", f"m{i}", call_id=1) for i in (1, 2)]
    at_once = await asyncio.gather(*(any_app.core.message_now(new, r) for r in replies))
    for i, (reply, stored) in enumerate(zip(replies, at_once, strict=True)):
        if not stored:
            await _usual(any_app, new, reply, f"k{i}")
    assert at_once == (
        [True, True] if any_app.engine.dialect.name == "postgresql" else [True, False]
    )
    assert len(await _members_named(any_app, "lid5")) == 1
    stored, sent = await outcome(any_app)
    assert stored == Counter({("lid5", "m1", 1): 1, ("lid5", "m2", 1): 1})
    assert sent[("lid5", "ephemeral")] == 2
    assert sent[("lid5", "dm")] == 1  # the privacy notice, once


async def test_a_failure_halfway_leaves_nothing(any_app, monkeypatch):
    await open_calls(any_app)
    commits: list[frozenset[str]] = []
    any_app.core.listeners.append(commits.append)

    async def broken(*_args: Any) -> list[int]:
        raise RuntimeError("the outbox is unwell")

    monkeypatch.setattr(outbox_rows, "insert", broken)
    reply = Incoming("thread", "Er is geen plek", "m1", call_id=1)
    assert not await any_app.core.message_now(member(1), reply)
    assert commits == []
    assert (await rows(any_app, InboundEvent), await rows(any_app, Signal)) == (0, 0)
    assert not await _members_named(any_app, "lid1")
    assert any_app.core.storing.count == 0


async def _members_named(app: App, user_id: str) -> list[Member]:
    async with app.sessions() as session:
        found = await session.scalars(select(Member).where(Member.platform_user_id == user_id))
        return list(found.all())


# -- the property: the short way ends as the usual way would -------------------------------

# (sender, kind, message number, the short way first?): kinds as in test_message_batches
step = st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 6), st.booleans())


async def _usual(app: App, actor: Actor, message: Incoming, key: str) -> None:
    row = await app.inbox.persist("console", key, "thread", {"text": message.text})
    if row is not None:
        await app.core.message(actor, message, inbound=row)


async def _run(steps: list[tuple[int, int, int, bool]], short_way: bool) -> object:
    """Each step a delivery of its own (its own inbox key); a message number that comes
    again is a redelivery of that message."""
    async with calls_opened() as app:
        usual = 0
        for nr, (sender, kind, message_nr, first) in enumerate(steps):
            actor, message, key = member(sender), incoming(kind, message_nr), f"k{nr}"
            short = short_way and first
            if not (short and await app.core.message_now(actor, message)):
                await _usual(app, actor, message, key)
                usual += 1
            # after every step: what went the usual way is in the inbox, processed; what
            # went the short way left no row; no message is a signal twice
            assert await app.inbox.pending("console") == []
            assert await rows(app, InboundEvent) == usual
            assert app.core.storing.count == 0
            stored, _ = await outcome(app)
            assert set(stored.values()) <= {1}
        return await outcome(app)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=10))
def test_the_short_way_ends_as_the_usual_way(steps):
    assert asyncio.run(_run(steps, short_way=True)) == asyncio.run(_run(steps, short_way=False))
