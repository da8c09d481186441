"""429 answers, backoff and the maximum number of attempts; failures are visible to staff."""

from __future__ import annotations

import itertools
from datetime import timedelta

from bot.outbox.delivery import PermanentFailure, RetryLater
from tests.delivery.support import (
    FakePlatform,
    dms,
    drain_until_done,
    drainer,
    members,
    posts,
    rows,
)
from tests.helpers import Harness


async def test_a_429_pauses_the_platform_for_retry_after_and_the_row_goes_again(app, clock) -> None:
    platform = FakePlatform(clock)
    ids = await dms(app, await members(app, 20))
    refused = str(ids[7])
    refused_at = []

    def hook(delivery, n):  # type: ignore[no-untyped-def]
        if delivery.key == refused and delivery.attempt == 1:
            refused_at.append(clock.now())
            raise RetryLater(3.0, "429 on POST /channels/1/messages")

    platform.hook = hook
    await drain_until_done(drainer(app, platform), clock)
    assert sorted(platform.accepted) == sorted(str(i) for i in ids)
    assert platform.requests[refused] == 2 and max(platform.accepted.values()) == 1
    # after the 429 nothing at all for three seconds
    refused_at = refused_at[0]
    quiet = [
        a for a in platform.arrivals if refused_at < a.at < refused_at + timedelta(seconds=2.99)
    ]
    assert quiet == []
    (row,) = [r for r in await rows(app) if str(r.id) == refused]
    assert row.status == "sent" and row.attempts == 2


async def test_a_429_for_one_channel_pauses_only_that_channel(app, clock) -> None:
    platform = FakePlatform(clock)
    await posts(app, "calls", 3)
    await dms(app, await members(app, 30))
    refused: list[int] = []

    def hook(delivery, n):  # type: ignore[no-untyped-def]
        if delivery.message.channel_key == "calls" and not refused:
            refused.append(delivery.message.id)
            raise RetryLater(10.0, "429 on this route", scope="channel")

    platform.hook = hook
    start = clock.now()
    await drain_until_done(drainer(app, platform), clock)
    dm_times = [a.at for a in platform.arrivals if a.lane.startswith("member:")]
    assert len(dm_times) == 30 and max(dm_times) < start + timedelta(seconds=2)
    call_times = [a.at for a in platform.arrivals if a.lane == "calls"]
    assert len(call_times) == 3 and min(call_times) >= start + timedelta(seconds=10)


async def test_transient_errors_back_off_then_fail_and_staff_see_it(app, clock) -> None:
    h = Harness(app)
    await h.run("@vera:staf /help")  # vera exists as staff
    platform = FakePlatform(clock)
    (failing,) = await dms(app, await members(app, 1))
    tried_at = []

    def hook(delivery, n):  # type: ignore[no-untyped-def]
        tried_at.append(clock.now())
        raise RetryLater(0, "HTTP 502 on POST /channels/9/messages")

    platform.hook = hook
    await drain_until_done(drainer(app, platform, max_attempts=4, backoff_seconds=2), clock)
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(tried_at)]
    assert [round(g) for g in gaps] == [2, 4, 8]
    (row,) = [r for r in await rows(app) if r.id == failing]
    assert row.status == "failed" and row.attempts == 4 and "HTTP 502" in row.last_error

    out = await h.run("@vera /status")
    assert "1 mislukt" in out and f"#{failing}" in out and "HTTP 502" in out
    assert "4 pogingen" in out and "bericht aan lid 0" in out


async def test_a_permanent_failure_fails_at_once(app, clock) -> None:
    platform = FakePlatform(clock)
    (_row_id,) = await dms(app, await members(app, 1))

    def hook(delivery, n):  # type: ignore[no-untyped-def]
        raise PermanentFailure("50007: cannot send messages to this user")

    platform.hook = hook
    await drain_until_done(drainer(app, platform), clock)
    (row,) = await rows(app)
    assert (row.status, row.attempts) == ("failed", 1)
    assert sum(platform.requests.values()) == 1


async def test_a_sender_bug_is_retried_not_fatal(app, clock) -> None:
    platform = FakePlatform(clock)
    ids = await dms(app, await members(app, 3))

    def hook(delivery, n):  # type: ignore[no-untyped-def]
        if n == 1:
            raise KeyError("oops")

    platform.hook = hook
    await drain_until_done(drainer(app, platform), clock)
    assert sorted(platform.accepted) == sorted(str(i) for i in ids)
    assert all(r.status == "sent" for r in await rows(app))


async def test_status_is_for_staff_only_and_lists_waiting_messages(app, clock) -> None:
    h = Harness(app)
    await dms(app, await members(app, 2))
    out = await h.run("@vera:staf /status")
    assert "discord: 2 wachtend" in out and "Niets mislukt" in out
    assert "Oudste wachtende bericht" in out
    refused = await h.run("@sanne:lid /status")
    assert "Alleen de staf" in refused and "wachtend" not in refused
