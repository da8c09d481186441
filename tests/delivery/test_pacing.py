"""Pacing: never faster than the platform allows, per channel and for the whole bot, and
close to the allowed rate (a fan-out must not crawl either)."""

from __future__ import annotations

import asyncio

from bot.core.replies import Reply
from bot.delivery.pacing import Pacer
from bot.outbox import rows as outbox
from bot.settings import Pacing
from bot.storage.models import OutboxMessage
from tests.delivery.support import (
    FakePlatform,
    dms,
    drain_until_done,
    drainer,
    max_in_window,
    members,
    posts,
    rows,
)


def answer(session, member_id: int, reply_ref: str, clock) -> OutboxMessage:  # type: ignore[no-untyped-def]
    """An interaction answer to one member, as the core writes it."""
    return outbox.add(
        session,
        platform="discord",
        target_kind="ephemeral",
        member_id=member_id,
        reply_ref=reply_ref,
        payload=Reply(text="Gelukt").to_dict(),
        now=clock.now(),
    )


def test_the_bucket_allows_a_burst_then_the_rate() -> None:
    pacer = Pacer(Pacing(rate=10, burst=3, channel_messages=0, headroom=1.0))
    slots = [pacer.book(f"dm:{i}", 100.0).at - 100.0 for i in range(6)]
    assert [round(s, 3) for s in slots] == [0, 0, 0, 0.1, 0.2, 0.3]


def test_a_429_pauses_and_rebooks_what_was_booked_before() -> None:
    pacer = Pacer(Pacing(rate=10, burst=1, channel_messages=0, headroom=1.0))
    booked = pacer.book("a", 0.0)
    pacer.pause("a", 5.0)
    assert not pacer.still_valid("a", booked)
    assert pacer.earliest("b", 0.0) == 5.0  # a global pause stops every channel
    pacer.pause("c", 9.0, scope="channel")
    assert pacer.earliest("c", 5.0) == 9.0 and pacer.earliest("d", 5.0) == 5.0


def test_two_drainers_share_the_budget() -> None:
    pacer = Pacer(Pacing(rate=50, burst=10, channel_messages=5, headroom=1.0), share=2)
    assert pacer.rate == 25 and pacer.channel_count == 2  # 2 + 2 per 5 s stays within 5


async def test_posts_in_one_discord_channel_keep_to_five_per_five_seconds(app, clock) -> None:
    platform = FakePlatform(clock)
    ids = await posts(app, "calls", 30)
    await drain_until_done(drainer(app, platform), clock)
    times = platform.times("calls")
    assert sorted(int(a.key) for a in platform.arrivals) == ids  # all, in order
    assert [int(a.key) for a in platform.arrivals] == ids
    assert max_in_window(times, 5.0) <= 5
    # ... and not much slower: 25 after the first burst of 5 at about one per second
    assert times[-1] - times[0] < 25 / 0.9


async def test_slack_sends_one_message_per_second_per_channel_within_the_workspace_budget(
    app, clock
) -> None:
    platform = FakePlatform(clock, platform="slack")
    ids = await members(app, 40, platform="slack")
    await dms(app, ids, platform="slack")
    await posts(app, "news", 6, platform="slack")
    await posts(app, "events", 6, platform="slack")
    await drain_until_done(drainer(app, platform), clock)
    assert len(platform.arrivals) == 52
    for channel in ("news", "events"):
        assert max_in_window(platform.times(channel), 1.0) <= 1
    everything = platform.times()
    assert max_in_window(everything, 1.0) <= 5 + 5  # burst plus one second of rate
    assert max_in_window(everything, 4.0) <= 5 + 4 * 5


async def test_a_fan_out_uses_the_global_rate_but_never_exceeds_it(app, clock) -> None:
    platform = FakePlatform(clock)
    await dms(app, await members(app, 300))
    d = drainer(app, platform)
    await drain_until_done(d, clock)
    times = platform.times()
    assert len(times) == 300 and len(set(platform.accepted)) == 300
    assert max(platform.requests.values()) == 1
    assert max_in_window(times, 1.0) <= 50
    assert max_in_window(times, 3.0) <= 3 * 50
    achieved = (len(times) - 1) / (times[-1] - times[0])
    assert achieved >= 0.9 * 50


async def test_urgent_answers_go_before_a_running_fan_out(app, clock) -> None:
    platform = FakePlatform(clock)
    people = await members(app, 200)
    await dms(app, people)
    await posts(app, "calls", 1)
    async with app.sessions() as session, session.begin():
        answer(session, people[0], "interaction:1", clock)
    await drain_until_done(drainer(app, platform), clock)
    order = [a.lane for a in platform.arrivals]
    kinds = {r.id: r.target_kind for r in await rows(app)}
    first_two = [kinds[int(a.key)] for a in platform.arrivals[:2]]
    assert first_two == ["ephemeral", "channel"] and len(order) == 202


async def test_interaction_answers_pass_no_channel_window(app, clock) -> None:
    """One staff member doing 20 actions: each answer goes to its own interaction and
    waits for no channel's window (Discord limits channels, not interaction webhooks);
    DMs to the same member still keep theirs."""
    platform = FakePlatform(clock)
    (staff,) = await members(app, 1)
    started = clock.now().timestamp()
    async with app.sessions() as session, session.begin():
        for i in range(20):
            answer(session, staff, f"command:1:token{i}", clock)
    await dms(app, [staff] * 10)
    await drain_until_done(drainer(app, platform), clock)
    kinds = {r.id: r.target_kind for r in await rows(app)}
    answers = [a.at.timestamp() for a in platform.arrivals if kinds[int(a.key)] == "ephemeral"]
    direct = [a.at.timestamp() for a in platform.arrivals if kinds[int(a.key)] == "dm"]
    assert len(answers) == 20 and max(answers) - started < 0.5
    assert len(direct) == 10 and max_in_window(direct, 5.0) <= 5


async def test_an_answer_written_during_a_fan_out_goes_out_at_once(app, clock) -> None:
    """A staff member presses a button while 200 DMs go out at 50/s: her answer is
    claimed when the core wakes the drainer, not at the fan-out's next claim."""
    platform = FakePlatform(clock)
    people = await members(app, 200)
    await dms(app, people)
    d = drainer(app, platform)
    written: list[float] = []

    async def press() -> None:
        async with d.sessions() as session, session.begin():
            row = answer(session, people[0], "command:1:token", clock)
            await session.flush()
            written.append(clock.now().timestamp())
        d.wake()
        answers.append(row.id)

    answers: list[int] = []
    tasks = []

    def press_at_60(delivery, n):  # type: ignore[no-untyped-def]
        if n == 60:
            tasks.append(asyncio.ensure_future(press()))

    platform.after = press_at_60
    await drain_until_done(d, clock)
    await asyncio.gather(*tasks)
    (arrival,) = [a.at.timestamp() for a in platform.arrivals if a.key == str(answers[0])]
    assert len(platform.arrivals) == 201
    assert arrival - written[0] < 0.1  # the fan-out's claims come every half second
