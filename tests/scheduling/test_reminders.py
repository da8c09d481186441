"""Reminders: DST-correct moments, sent once at the right time, to the right people;
late ones within the grace period still go, later ones are recorded as missed and
reported to staff; a restart or a crash in the middle neither loses nor doubles one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.core.context import Tx
from bot.delivery.drainer import deliver_in_order
from bot.features.events import reminders as events
from bot.handlers.console.session import ConsoleSender
from bot.scheduling.due import run_due
from bot.storage.models import OutboxMessage
from tests.conftest import make_app
from tests.helpers import Harness
from tests.scheduling.support import dm_names, local, reminders, rows


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# The last Sundays of March and October 2026 and 2027 (Europe/Amsterdam changes at 01:00 UTC).
DST_CASES = [
    pytest.param(
        "webinar",
        "2026-03-29 10:00",
        None,
        {"1d": utc(2026, 3, 28, 9, 0), "1h": utc(2026, 3, 29, 7, 0)},
        id="2026-03 day before keeps the wall-clock time",
    ),
    pytest.param(
        "webinar",
        "2026-03-29 03:30",
        "1h,2h",
        {"1h": utc(2026, 3, 29, 0, 30), "2h": utc(2026, 3, 28, 23, 30)},
        id="2026-03 hours count real time across the gap",
    ),
    pytest.param(
        "webinar",
        "2026-10-25 10:00",
        None,
        {"1d": utc(2026, 10, 24, 8, 0), "1h": utc(2026, 10, 25, 8, 0)},
        id="2026-10 day before keeps the wall-clock time",
    ),
    pytest.param(
        "intervisie",
        "2026-10-25 02:30",
        "1h,1d",
        {"1h": utc(2026, 10, 24, 23, 30), "1d": utc(2026, 10, 24, 0, 30)},
        id="2026-10 ambiguous hour",
    ),
    pytest.param(
        "studiemiddag",
        "2027-03-28 13:00",
        None,
        {"7d": utc(2027, 3, 21, 12, 0), "1d": utc(2027, 3, 27, 12, 0)},
        id="2027-03 week and day before",
    ),
    pytest.param(
        "webinar",
        "2027-10-31 19:00",
        None,
        {"1d": utc(2027, 10, 30, 17, 0), "1h": utc(2027, 10, 31, 17, 0)},
        id="2027-10 evening webinar",
    ),
]


@pytest.mark.parametrize(("kind", "start", "offsets", "expected"), DST_CASES)
async def test_reminders_across_dst_are_sent_once_at_the_right_moment(
    app, clock, kind, start, offsets, expected
):
    h = Harness(app)
    day = datetime.fromisoformat(start).replace(tzinfo=UTC)
    clock.set(day - timedelta(days=21))
    extra = f" herinneringen:{offsets}" if offsets else ""
    await h.run(
        f'@vera:staf /bijeenkomst nieuw titel:"Avond" soort:{kind} start:"{start}"{extra}',
        "@sanne:lid klik Ik kom",
        "@joke:lid klik Misschien",
        "@ahmed:lid klik Kan niet",
    )
    planned = await reminders(app)
    assert {k: r.due_at for k, r in planned.items()} == expected, {
        k: local(r.due_at) for k, r in planned.items()
    }
    for label, due in sorted(expected.items(), key=lambda item: item[1]):
        clock.set(due - timedelta(minutes=1))
        assert (await run_due(app)).reminders_sent == []
        clock.set(due)
        report = await run_due(app)
        assert report.reminders_sent == [planned[label].id]
        assert (await run_due(app)).reminders_sent == []  # never twice
    await h.session.flush()  # deliver through the console
    out = "\n".join(h.output)
    assert out.count("[#bijeenkomsten] **⏰ Herinnering: Avond**") == len(expected)
    assert sorted(await dm_names(app, "Herinnering")) == sorted(["joke", "sanne"] * len(expected))


async def _event_with_people(h: Harness, clock) -> datetime:  # type: ignore[no-untyped-def]
    clock.set(utc(2026, 11, 2, 9, 0))
    await h.run(
        '@vera:staf /bijeenkomst nieuw titel:"Werksessie" soort:werksessie '
        'start:"2026-11-10 14:00"',
        "@sanne:lid klik Ik kom",
        "@joke:lid klik Misschien",
    )
    return utc(2026, 11, 9, 13, 0)  # 1d before, 14:00 CET


async def test_late_within_grace_is_sent_beyond_grace_is_missed_and_reported(app, clock):
    h = Harness(app)
    due = await _event_with_people(h, clock)
    clock.set(due + timedelta(minutes=59))  # the bot was down; grace is 60 minutes
    assert len((await run_due(app)).reminders_sent) == 1

    await h.run(
        '@vera /bijeenkomst nieuw titel:"Later" soort:werksessie start:"2026-11-20 14:00"',
        "@sanne klik Ik kom",
    )
    clock.set(utc(2026, 11, 19, 13, 0) + timedelta(minutes=61))
    report = await run_due(app)
    assert report.reminders_sent == [] and len(report.reminders_missed) == 1
    assert (await reminders(app, 2))["1d"].status == "missed"
    staff = await rows(app, channel_key="staff")
    assert len(staff) == 1
    assert (
        'Herinnering 1d voor bijeenkomst #2 "Later" is niet verstuurd' in staff[0].payload["text"]
    )
    assert await dm_names(app, "Later") == []
    again = await run_due(app)
    assert again.reminders_missed == [] and again.reminders_sent == []
    assert len(await rows(app, channel_key="staff")) == 1


async def test_restart_between_due_and_sent_sends_once(any_app, database_url, community, clock):
    h = Harness(any_app)
    due = await _event_with_people(h, clock)
    clock.set(due)
    first = await run_due(any_app)  # rows written; the bot stops before delivering them
    assert len(first.reminders_sent) == 1 and len(first.outbox) == 3  # post + two DMs
    await any_app.close()

    again = await make_app(database_url, community, clock)
    try:
        clock.advance(minutes=5)
        assert (await run_due(again)).outbox == []
        out: list[str] = []
        sender = ConsoleSender(out.append, community.channels.model_dump())
        # the reminder post and two DMs, plus the RSVP-count edit of the event post
        assert await deliver_in_order(again.sessions, sender, clock) == 4
        assert await deliver_in_order(again.sessions, sender, clock) == 0
        assert sum("Herinnering: Werksessie" in line for line in out) == 3
        assert sum(line.startswith("[bijgewerkt: bijeenkomst") for line in out) == 1
    finally:
        await again.close()


async def test_down_at_the_moment_restart_within_grace_sends_once(
    any_app, database_url, community, clock
):
    due = await _event_with_people(Harness(any_app), clock)
    await any_app.close()  # down before the reminder fell due
    clock.set(due + timedelta(minutes=20))
    again = await make_app(database_url, community, clock)
    try:
        assert len((await run_due(again)).reminders_sent) == 1
        assert (await run_due(again)).outbox == []
        assert sorted(await dm_names(again, "Herinnering")) == ["joke", "sanne"]
    finally:
        await again.close()


async def test_crash_in_the_middle_of_a_fan_out_loses_and_doubles_nothing(
    any_app, clock, monkeypatch
):
    h = Harness(any_app)
    due = await _event_with_people(h, clock)
    await h.run(
        '@vera /bijeenkomst nieuw titel:"Tweede" soort:werksessie start:"2026-11-10 15:00"',
        "@sanne klik Ik kom",
        "@ahmed:lid klik Ik kom",
    )
    before = len(await rows(any_app))
    real_dm = Tx.dm
    calls = {"n": 0}

    def flaky_dm(self, member, reply):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 4:  # the second DM of the second reminder
            raise ConnectionError("crash mid fan-out")
        real_dm(self, member, reply)

    monkeypatch.setattr(Tx, "dm", flaky_dm)
    clock.set(due + timedelta(hours=1))
    report = await run_due(any_app)
    assert len(report.reminders_sent) == 1  # the first went through; the second rolled back
    assert len(await rows(any_app)) - before == 3
    statuses = [(await reminders(any_app, e))["1d"].status for e in (1, 2)]
    assert statuses == ["sent", "pending"]

    monkeypatch.setattr(Tx, "dm", real_dm)
    report = await run_due(any_app)
    assert len(report.reminders_sent) == 1
    assert len(await rows(any_app)) - before == 6
    assert sorted(await dm_names(any_app, "Herinnering: Tweede")) == ["ahmed", "sanne"]
    async with any_app.sessions() as session:
        posts = await session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.channel_key == "events", OutboxMessage.target_kind == "channel")
        )
    assert posts == 2 + 2  # two event cards, two reminder posts


async def test_changed_start_replans_and_a_sent_reminder_goes_again(app, clock):
    h = Harness(app)
    due = await _event_with_people(h, clock)
    clock.set(due)
    assert len((await run_due(app)).reminders_sent) == 1
    await h.run('@vera /bijeenkomst wijzig nr:1 start:"2026-11-12 14:00"')
    planned = await reminders(app)
    assert planned["1d"].status == events.PENDING
    assert planned["1d"].due_at == utc(2026, 11, 11, 13, 0)
    clock.set(utc(2026, 11, 11, 13, 0))
    assert len((await run_due(app)).reminders_sent) == 1


async def test_run_through_keeps_each_reminder_on_its_own_moment(app, clock):
    from bot.scheduling.due import run_through

    h = Harness(app)
    await _event_with_people(h, clock)
    start = clock.now()
    clock.advance(days=10)  # past the event: a plain run_due would report both as missed
    report = await run_through(app, start, clock.now())
    assert len(report.reminders_sent) == 1 and report.reminders_missed == []
    assert (await reminders(app))["1d"].done_at == utc(2026, 11, 9, 13, 0)
