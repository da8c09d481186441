"""Group commit: members' messages that arrive together share a transaction, each in its
own savepoint. Every one is stored once; one that is refused or fails rolls back alone
and is answered as before; a replay of a handled inbox row does nothing."""

import asyncio

from sqlalchemy import func, select

from bot.core.context import Actor, Incoming
from bot.storage.models import InboundEvent, OutboxMessage, Signal
from bot.vocabulary.enums import Role
from tests.helpers import Harness

OPEN = '@vera:staf /oproep open vraag:"Waar loop je tegenaan?"'


def member(n: int) -> Actor:
    return Actor("console", f"lid{n}", f"Lid {n}", Role.MEMBER)


async def count(app, model) -> int:  # type: ignore[no-untyped-def]
    async with app.sessions() as s:
        return int(await s.scalar(select(func.count()).select_from(model)) or 0)


async def test_messages_at_once_share_commits_and_are_each_stored_once(any_app):
    await Harness(any_app).run(OPEN)
    commits = []
    any_app.core.listeners.append(lambda: commits.append(1))
    any_app.core.grouped.batches.size = 10
    sent = [
        any_app.core.message(member(n % 12), Incoming("thread", f"Signaal {n}", f"m{n}", call_id=1))
        for n in range(40)
    ]
    answers = await asyncio.gather(*sent)
    assert await count(any_app, Signal) == 40
    assert all(len(rows) >= 2 for rows in answers)  # a ✅ and the consent question each
    assert 4 <= len(commits) < 40  # groups of at most 10, not one commit per message


async def test_a_refused_message_rolls_back_alone_and_is_answered(any_app):
    await Harness(any_app).run(OPEN)
    good = [Incoming("thread", f"Goed {n}", f"g{n}", call_id=1) for n in range(5)]
    refused = Incoming("thread", "Onder een oproep die er niet is", "x1", call_id=99)
    answers = await asyncio.gather(
        *(any_app.core.message(member(n), incoming) for n, incoming in enumerate(good)),
        any_app.core.message(member(9), refused),
    )
    async with any_app.sessions() as s:
        texts = (await s.scalars(select(Signal.text).order_by(Signal.id))).all()
        (apology,) = await s.scalars(select(OutboxMessage).where(OutboxMessage.id == answers[-1][0]))
    assert texts == [f"Goed {n}" for n in range(5)]
    assert "⚠️" in apology.payload["text"]  # the refusal, as without grouping


async def test_a_handled_inbox_row_is_not_handled_again(any_app):
    await Harness(any_app).run(OPEN)
    row = await any_app.inbox.persist("console", "k1", "thread", {})
    assert row is not None
    incoming = Incoming("thread", "Eén keer", "k1", call_id=1)
    first, again = await asyncio.gather(
        any_app.core.message(member(1), incoming, inbound=row),
        any_app.core.message(member(1), incoming, inbound=row),
    )
    assert first and again == []
    assert await count(any_app, Signal) == 1
    assert await count(any_app, InboundEvent) == 1
