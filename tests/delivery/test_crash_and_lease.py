"""A drainer that dies in the middle of a fan-out: a new one resumes; nothing is lost and
nothing is doubled (counted per row id at the fake platform). Leases bring back rows
that were claimed by a drainer that died."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.outbox.store import claim
from bot.settings import DeliverySettings
from tests.delivery.support import (
    Crash,
    FakePlatform,
    dms,
    drain_until_done,
    drainer,
    members,
    posts,
    rows,
)


async def test_dying_before_a_send_loses_and_doubles_nothing(app, clock) -> None:
    platform = FakePlatform(clock)
    ids = await dms(app, await members(app, 60))

    def die_at_21(delivery, n):  # type: ignore[no-untyped-def]
        if n == 21:
            raise Crash

    platform.hook = die_at_21
    with pytest.raises(Crash):
        await drainer(app, platform, concurrency=1).drain_once()
    assert len(platform.accepted) == 20
    # a new process leaves the dead one's claim alone until its lease runs out ...
    platform.hook = None
    fresh = drainer(app, platform, concurrency=1)
    await fresh.drain_once()
    assert platform.requests["21"] == 1 and "21" not in platform.accepted
    # ... then sends the rest, each once
    clock.advance(seconds=DeliverySettings().lease_seconds)
    await drain_until_done(fresh, clock)
    assert sorted(platform.accepted) == sorted(str(i) for i in ids)
    assert set(platform.accepted.values()) == {1}
    assert {k for k, n in platform.requests.items() if n > 1} == {"21"}
    assert all(r.status == "sent" for r in await rows(app))


async def test_dying_after_a_send_resends_with_the_same_key(app, clock) -> None:
    """The platform took the message but the drainer died before recording it: the
    resend carries the same idempotency key, so the platform keeps one message."""
    platform = FakePlatform(clock)
    ids = await dms(app, await members(app, 80))
    died_on: list[str] = []

    def die_after_30(delivery, n):  # type: ignore[no-untyped-def]
        if n == 30:
            died_on.append(delivery.key)
            raise Crash

    platform.after = die_after_30
    with pytest.raises(Crash):
        await drainer(app, platform, concurrency=4).drain_once()
    platform.after = None
    clock.advance(seconds=DeliverySettings().lease_seconds + 1)
    await drain_until_done(drainer(app, platform, concurrency=4), clock)

    assert sorted(platform.accepted) == sorted(str(i) for i in ids)  # nothing lost
    assert set(platform.accepted.values()) == {1}  # nothing doubled
    resent = {k for k, n in platform.requests.items() if n > 1}
    assert died_on[0] in resent and len(resent) <= 4  # only what was in flight
    assert platform.attempts_seen[died_on[0]] == [1, 2]
    assert all(r.status == "sent" for r in await rows(app))


async def test_a_stopped_drainer_in_a_running_loop_is_resumed_by_the_next(app, clock) -> None:
    """``run()`` cancelled mid fan-out (the process is stopped): a new drainer finishes."""
    platform = FakePlatform(clock)
    ids = await dms(app, await members(app, 120))
    first = drainer(app, platform)
    stop_after = 50

    def cancel_at(delivery, n):  # type: ignore[no-untyped-def]
        if n == stop_after:
            task.cancel()

    import asyncio

    platform.after = cancel_at
    task = asyncio.create_task(first.run())
    with pytest.raises(asyncio.CancelledError):
        await task
    platform.after = None
    assert stop_after <= len(platform.accepted) < len(ids)
    clock.advance(seconds=DeliverySettings().lease_seconds + 1)
    await drain_until_done(drainer(app, platform), clock)
    assert sorted(platform.accepted) == sorted(str(i) for i in ids)
    assert set(platform.accepted.values()) == {1}


async def test_a_leased_row_waits_for_its_lease_then_counts_as_an_attempt(app, clock) -> None:
    settings = DeliverySettings(max_attempts=3)
    (row_id,) = await dms(app, await members(app, 1))
    async with app.sessions() as session, session.begin():  # a drainer claims and dies
        (_claimed,) = await claim(
            session, platform="discord", now=clock.now(), settings=settings, limit=10
        )
    platform = FakePlatform(clock)
    d = drainer(app, platform, max_attempts=3)
    assert await d.drain_once() == 0
    clock.advance(seconds=settings.lease_seconds - 1)
    assert await d.drain_once() == 0
    clock.advance(seconds=1)
    assert await d.drain_once() == 1
    (row,) = await rows(app)
    assert (row.status, row.attempts) == ("sent", 2)
    assert platform.attempts_seen[str(row_id)] == [2]


async def test_a_row_that_keeps_killing_its_drainer_fails_after_max_attempts(app, clock) -> None:
    settings = DeliverySettings(max_attempts=2)
    await dms(app, await members(app, 1))
    for _ in range(2):
        async with app.sessions() as session, session.begin():
            assert await claim(
                session, platform="discord", now=clock.now(), settings=settings, limit=10
            )
        clock.advance(seconds=settings.lease_seconds)
    async with app.sessions() as session, session.begin():
        assert (
            await claim(session, platform="discord", now=clock.now(), settings=settings, limit=10)
            == []
        )
    (row,) = await rows(app)
    assert row.status == "failed" and "lease expired" in row.last_error


async def test_a_late_result_does_not_overwrite_the_next_claim(app, clock) -> None:
    """A drainer that lost its lease (it was too slow) cannot record over the new owner."""
    from bot.outbox.delivery import Sent
    from bot.outbox.store import Result, record

    settings = DeliverySettings()
    await dms(app, await members(app, 1))
    async with app.sessions() as session, session.begin():
        (old,) = await claim(
            session, platform="discord", now=clock.now(), settings=settings, limit=1
        )
    clock.advance(seconds=settings.lease_seconds)
    async with app.sessions() as session, session.begin():
        (new,) = await claim(
            session, platform="discord", now=clock.now(), settings=settings, limit=1
        )
    async with app.sessions() as session, session.begin():
        late = Result(old, "retry", error="too slow", delay=5)
        assert await record(session, [late], clock.now(), settings) == [False]
        done = Result(new, "sent", sent=Sent("m1", "dm"))
        assert await record(session, [done], clock.now(), settings) == [True]
    (row,) = await rows(app)
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, None)


async def test_a_long_pause_gives_claimed_rows_back_instead_of_holding_them(app, clock) -> None:
    """A 429 asking for two minutes: held rows go back to pending (no lease runs out
    under a live drainer) and go out after the pause."""
    from bot.outbox.delivery import RetryLater

    platform = FakePlatform(clock)
    ids = await dms(app, await members(app, 40))
    start = clock.now()

    def slow_down(delivery, n):  # type: ignore[no-untyped-def]
        if n == 3:
            raise RetryLater(120, "429 global")

    platform.hook = slow_down
    d = drainer(app, platform)
    await d.drain_once()
    waiting = [r for r in await rows(app) if r.status != "sent"]
    assert waiting and all(r.status == "pending" for r in waiting)
    assert all(r.next_attempt_at >= start + timedelta(seconds=119) for r in waiting)
    assert d.stats["released"] > 0
    await drain_until_done(d, clock)
    assert sorted(platform.accepted) == sorted(str(i) for i in ids)
    assert set(platform.accepted.values()) == {1}


async def test_a_thread_post_waits_for_the_post_that_opens_its_thread(app, clock) -> None:
    platform = FakePlatform(clock)
    opened: set[str] = set()

    def needs_opener(delivery, n):  # type: ignore[no-untyped-def]
        row = delivery.message
        if row.target_kind == "thread" and row.subject not in opened:
            raise AssertionError("thread post before its opening post")

    def remember(delivery, n):  # type: ignore[no-untyped-def]
        if delivery.message.target_kind == "channel":
            opened.add(delivery.message.subject)

    platform.hook, platform.after = needs_opener, remember
    await posts(app, "calls", 1, subject="call:1")
    await posts(app, "calls", 3, target_kind="thread", subject="call:1")
    await drain_until_done(drainer(app, platform), clock)
    assert len(platform.accepted) == 4 and all(r.status == "sent" for r in await rows(app))


async def test_a_batch_of_results_is_recorded_row_by_row_in_one_go(any_app, clock) -> None:
    """Results of every kind written together (one UPDATE per kind): each row gets its
    own outcome, and a row whose claim was lost meanwhile is left alone."""
    from sqlalchemy import update

    from bot.outbox.delivery import Sent
    from bot.outbox.store import Result, record
    from bot.storage.models import OutboxMessage

    app = any_app
    settings = DeliverySettings()
    await dms(app, await members(app, 5))
    async with app.sessions() as session, session.begin():
        batch = await claim(session, platform="discord", now=clock.now(), settings=settings, limit=5)
    lost = batch[4].row.id
    async with app.sessions() as session, session.begin():  # another drainer took it over
        await session.execute(
            update(OutboxMessage).where(OutboxMessage.id == lost).values(attempts=2)
        )
    later = clock.now() + timedelta(seconds=30)
    results = [
        Result(batch[0], "sent", sent=Sent("m1", "dm")),
        Result(batch[1], "sent", sent=Sent("m2", "dm")),
        Result(batch[2], "retry", error="429", delay=30),
        Result(batch[3], "release", at=later),
        Result(batch[4], "failed", error="too late"),
    ]
    async with app.sessions() as session, session.begin():
        assert await record(session, results, clock.now(), settings) == [True] * 4 + [False]
    found = {r.id: r for r in await rows(app)}
    first, second, retried, released, other = (found[c.row.id] for c in batch)
    assert (first.status, first.platform_message_id) == ("sent", "m1")
    assert (second.status, second.platform_message_id) == ("sent", "m2")
    assert (retried.status, retried.last_error, retried.attempts) == ("pending", "429", 1)
    assert retried.next_attempt_at >= later
    assert (released.status, released.attempts, released.next_attempt_at) == ("pending", 0, later)
    assert (other.status, other.attempts) == ("sending", 2)
