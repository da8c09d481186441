"""Messages that arrive together are stored together (issue 13): one transaction for the
batch, each sender still gets her own answer, and a refused or duplicate message in a batch
costs the others nothing — the outcome equals handling them one by one."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, insert, select

from bot.app import App
from bot.clock import FakeClock
from bot.core import members
from bot.core.context import Actor, Incoming
from bot.settings import Community
from bot.storage.models import Member, OutboxMessage, Signal
from bot.vocabulary.enums import Role
from tests.conftest import make_app, migrated_template

STAFF = Actor("console", "vera", "vera", Role.STAFF, "console:vera")
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def member(i: int) -> Actor:
    return Actor("console", f"lid{i}", f"Lid {i}", Role.MEMBER, f"console:lid{i}")


async def open_calls(app: App) -> None:
    await app.core.command(STAFF, '/oproep open vraag:"Waar loop je tegenaan?"')  # call 1
    await app.core.command(STAFF, '/oproep open vraag:"En thuis?"')  # call 2, closed now
    await app.core.command(STAFF, "/oproep sluit nr:2")


async def outcome(
    app: App,
) -> tuple[Counter[tuple[str, str, int | None]], Counter[tuple[str, str]]]:
    """What was stored (sender, message id, call) and what each sender was sent (kind,
    whether it is a refusal), as multisets: the order of row numbers may differ."""
    async with app.sessions() as session:
        stored = (
            await session.execute(
                select(Member.platform_user_id, Signal.platform_message_id, Signal.call_id).join(
                    Member, Member.id == Signal.member_id
                )
            )
        ).all()
        sent = (
            await session.execute(
                select(Member.platform_user_id, OutboxMessage.target_kind, OutboxMessage.payload)
                .join(Member, Member.id == OutboxMessage.member_id)
                .where(Member.role == Role.MEMBER)
            )
        ).all()
    return (
        Counter((u or "", m or "", c) for u, m, c in stored),
        Counter(
            (u or "", f"{kind}{'!' if '⚠️' in p.get('text', '') else ''}") for u, kind, p in sent
        ),
    )


async def test_messages_arriving_together_share_a_commit_and_each_gets_her_answer(any_app):
    await open_calls(any_app)
    commits: list[frozenset[str]] = []
    any_app.core.listeners.append(commits.append)
    outgoing: list[str] = []  # the INSERTs of outbox rows

    def executed(_conn, _cursor, statement, *_args) -> None:
        if statement.startswith("INSERT INTO outbox"):
            outgoing.append(statement)

    event.listen(any_app.engine.sync_engine, "before_cursor_execute", executed)
    senders = [member(i) for i in range(30)]
    results = await asyncio.gather(
        *(
            any_app.core.message(a, Incoming("thread", f"Signaal {i}", f"m{i}", call_id=1))
            for i, a in enumerate(senders)
        )
    )
    event.remove(any_app.engine.sync_engine, "before_cursor_execute", executed)
    assert len(commits) < len(senders) // 2  # stored in batches, not one commit each
    # each batch's answers, reactions and notices in one INSERT (not a row at a time)
    assert len(outgoing) == len(commits)
    stored, _ = await outcome(any_app)
    assert stored == Counter((f"lid{i}", f"m{i}", 1) for i in range(30))
    async with any_app.sessions() as session:
        for actor, ids in zip(senders, results, strict=True):
            rows = await session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids)))
            owners = {
                await session.scalar(
                    select(Member.platform_user_id).where(Member.id == r.member_id)
                )
                for r in rows.all()
            }
            assert owners == {actor.user_id}  # her own answer, reaction and notice only


async def test_a_refused_or_repeated_message_in_a_batch_costs_the_others_nothing(any_app):
    await open_calls(any_app)
    good = [(member(i), Incoming("thread", f"Signaal {i}", f"m{i}", call_id=1)) for i in range(8)]
    lost = (member(8), Incoming("thread", "Waar hoort dit?", "m8", thread_ref="onbekend"))
    again = (member(0), Incoming("thread", "Signaal 0", "m0", call_id=1))
    await asyncio.gather(*(any_app.core.message(a, m) for a, m in [*good, lost, again]))
    stored, sent = await outcome(any_app)
    assert stored == Counter((f"lid{i}", f"m{i}", 1) for i in range(8))  # m0 once, m8 none
    assert sent[("lid8", "ephemeral!")] == 1  # the refusal, said once
    assert all(sent[(f"lid{i}", "ephemeral")] == 1 for i in range(8))


async def numbers_told(app: App) -> None:
    """Each signal's number is told to its sender only (her thank-you's buttons carry it),
    and every signal's sender is told its number."""
    async with app.sessions() as session:
        owner = dict((await session.execute(select(Signal.id, Signal.member_id))).all())
        told = (
            await session.execute(
                select(OutboxMessage.member_id, OutboxMessage.payload).where(
                    OutboxMessage.target_kind.in_(["ephemeral", "dm"])
                )
            )
        ).all()
    numbers = {
        (member_id, int(nr))
        for member_id, payload in told
        for nr in re.findall(r"signal:(\d+):", json.dumps(payload))
    }
    assert numbers == {(member_id, nr) for nr, member_id in owner.items()}


async def test_a_batch_writes_its_signals_and_new_members_in_one_insert_each(any_app):
    await open_calls(any_app)
    statements: Counter[str] = Counter()

    def executed(_conn, _cursor, statement, *_args) -> None:
        statements[" ".join(statement.split()[:3])] += 1

    commits: list[frozenset[str]] = []
    any_app.core.listeners.append(commits.append)
    event.listen(any_app.engine.sync_engine, "before_cursor_execute", executed)
    batch = [(member(i), Incoming("thread", f"Signaal {i}", f"m{i}", call_id=1)) for i in range(20)]
    await asyncio.gather(*(any_app.core.message(a, m) for a, m in batch))
    event.remove(any_app.engine.sync_engine, "before_cursor_execute", executed)
    # twenty first-time members: a row each, but one statement per table and batch
    assert len(commits) <= 2
    assert statements["INSERT INTO signals"] == len(commits)
    assert statements["INSERT INTO members"] == len(commits)
    assert statements["UPDATE members SET"] <= len(commits)  # noticed: no claim each
    await numbers_told(any_app)
    async with any_app.sessions() as session:  # the notice went out and is remembered
        noticed = await session.scalars(select(Member.noticed_at).where(Member.role == Role.MEMBER))
        assert all(noticed.all())
    # a signal stored the usual way afterwards gets a number of its own
    await any_app.core.message(member(50), Incoming("thread", "Later", "m50", call_id=1))
    await numbers_told(any_app)


# -- the property: together equals one by one ---------------------------------------------------

# (sender, kind, message number): kind 0 a reply under the open call, 1 under the closed
# one, 2 under a thread that is no call (refused), 3 a DM
message = st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 6))


def incoming(kind: int, nr: int) -> Incoming:
    text, ref = f"Bericht {nr}", f"m{nr}"
    if kind == 3:
        return Incoming("dm", text, ref)
    if kind == 2:
        return Incoming("thread", text, ref, thread_ref="onbekend")
    return Incoming("thread", text, ref, call_id=kind + 1)


@asynccontextmanager
async def calls_opened() -> AsyncIterator[App]:
    """An app of its own on a fresh SQLite file, its calls opened (a property's example
    cannot take a fixture)."""
    folder = Path(tempfile.mkdtemp(prefix="sb-batch-"))
    try:
        shutil.copyfile(migrated_template(), folder / "bot.db")
        app = await make_app(f"sqlite:///{folder / 'bot.db'}", Community(), FakeClock(T0))
        try:
            await open_calls(app)
            yield app
        finally:
            await app.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def _outcome_of(messages: list[tuple[int, int, int]], together: bool) -> object:
    async with calls_opened() as app:
        work = [app.core.message(member(s), incoming(k, n)) for s, k, n in messages]
        if together:  # bounded: a batch that never ends fails the test, not hangs it
            await asyncio.wait_for(asyncio.gather(*work), 60)
        else:
            for one in work:
                await asyncio.wait_for(one, 60)
        await numbers_told(app)
        return await outcome(app)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(message, min_size=2, max_size=12))
def test_messages_stored_together_end_as_if_handled_one_by_one(messages):
    together = asyncio.run(_outcome_of(messages, together=True))
    one_by_one = asyncio.run(_outcome_of(messages, together=False))
    assert together == one_by_one


async def test_a_batch_claims_its_inbox_rows_once(any_app):
    # one stored row handed in twice (a listener and a replay at once) and one processed
    # already: the batch stores the first once and leaves the other alone
    await open_calls(any_app)
    rows = [
        await any_app.inbox.persist("console", f"m{i}", "thread", {"text": f"Signaal {i}"})
        for i in range(3)
    ]
    await any_app.inbox.done(rows[2])
    handed = [(0, rows[0]), (1, rows[0]), (2, rows[1]), (3, rows[2])]
    first = Incoming("thread", "Eerst", "m9", call_id=1)  # keeps the writer busy: a batch
    await asyncio.gather(
        any_app.core.message(member(9), first),
        *(
            any_app.core.message(
                member(i), Incoming("thread", f"Signaal {i}", f"m{i}", call_id=1), inbound=row
            )
            for i, row in handed
        )
    )
    stored, _ = await outcome(any_app)
    mine = sorted(s for s in stored if s[0] != "lid9")
    assert mine in ([("lid0", "m0", 1), ("lid2", "m2", 1)], [("lid1", "m1", 1), ("lid2", "m2", 1)])
    assert await any_app.inbox.pending("console") == []


async def test_a_new_member_someone_else_created_meanwhile_is_found_not_doubled(
    any_app, monkeypatch
):
    # her row appears between the batch's look-up and its INSERT (another process's
    # first message of hers): the INSERT leaves her out and her message finds the row
    await open_calls(any_app)
    real = members.insert_objects

    async def meanwhile(session, model, rows):
        await session.execute(insert(Member).values({**rows[0], "display_name": "Al bekend"}))
        return await real(session, model, rows)

    monkeypatch.setattr(members, "insert_objects", meanwhile)
    batch = [(member(i), Incoming("thread", f"Signaal {i}", f"m{i}", call_id=1)) for i in range(6)]
    await asyncio.gather(*(any_app.core.message(a, m) for a, m in batch))
    stored, _ = await outcome(any_app)
    assert stored == Counter((f"lid{i}", f"m{i}", 1) for i in range(6))
    async with any_app.sessions() as session:
        found = (await session.scalars(select(Member).where(Member.role == Role.MEMBER))).all()
    assert sorted(m.platform_user_id for m in found) == [f"lid{i}" for i in range(6)]
    await numbers_told(any_app)
