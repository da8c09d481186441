"""A report-back to many goes in chunks, each its own transaction with a durable cursor:
still once per person, respecting preferences, and resumed after a crash mid-way."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from bot.features.feedback import closeloop, service
from bot.scheduling import due
from bot.storage.models import Feedback, Member, Notice, OutboxMessage, Signal
from bot.vocabulary.enums import SignalSource
from bot.vocabulary.news import NewsPreference
from tests.helpers import Harness


class Crash(Exception):
    """The process dies in the middle of a chunk."""


async def involve(app, count: int) -> dict[int, NewsPreference]:  # type: ignore[no-untyped-def]
    """``count`` members with a signal linked to bottleneck 1; every fifth wants nothing."""
    now = app.clock.now()
    prefs = {}
    async with app.sessions() as session, session.begin():
        for i in range(count):
            news = NewsPreference.OFF if i % 5 == 4 else NewsPreference.ALL
            member = Member(
                platform="console",
                platform_user_id=f"lid{i}",
                display_name=f"Lid {i}",
                news=news,
                created_at=now,
                noticed_at=now,
            )
            session.add(member)
            await session.flush()
            prefs[member.id] = news
            session.add(
                Signal(
                    member_id=member.id,
                    source=SignalSource.DM,
                    text=f"Signaal {i}",
                    bottleneck_id=1,
                    created_at=now,
                    platform="console",
                )
            )
    return prefs


async def feedback_dms(app) -> Counter[int]:  # type: ignore[no-untyped-def]
    async with app.sessions() as session:
        rows = await session.scalars(select(OutboxMessage).where(OutboxMessage.target_kind == "dm"))
        return Counter(
            r.member_id for r in rows if "Wat er gebeurde met knelpunt" in str(r.payload)
        )


@pytest.fixture
def small_chunks(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(closeloop, "CHUNK", 4)
    monkeypatch.setattr(due, "CHUNK_PAUSE", 0)


async def test_a_report_back_in_chunks_reaches_each_once_after_a_crash(app, small_chunks):
    h = Harness(app)
    await h.run('@vera:staf /knelpunt nieuw titel:"Wachtlijsten jeugdzorg"')
    prefs = await involve(app, 23)
    wanting = {m for m, news in prefs.items() if news is NewsPreference.ALL}
    out = await h.run('@vera /terugkoppeling knelpunt:1 tekst:"Besproken aan de landelijke tafel"')
    assert f"{len(wanting)} " in out  # the answer counts everyone, not the first chunk
    first = await feedback_dms(app)
    assert 0 < len(first) < len(wanting)  # only the first chunk went with the command

    # a chunk dies half-way: its transaction leaves nothing behind
    with pytest.raises(Crash):
        async with due.system_tx(app, app.clock.now()) as tx:
            await service.report_more(tx, 1)
            raise Crash
    assert await feedback_dms(app) == first

    await due.run_due(app)  # the restart's sweep resumes from the cursor
    sent = await feedback_dms(app)
    assert set(sent) == wanting and set(sent.values()) == {1}
    async with app.sessions() as session:
        notices = (await session.scalars(select(Notice.member_id))).all()
        item = await session.get(Feedback, 1)
    assert sorted(notices) == sorted(wanting)
    assert item is not None and item.report_cursor is None
    assert await due.report_back(app, 1) == 1  # done: a late wake-up sends nothing
    assert await feedback_dms(app) == sent


async def test_a_rewound_cursor_sends_no_doubles(any_app, small_chunks):  # type: ignore[no-untyped-def]
    """The notice's unique index, not the cursor, decides who still gets the DM: a chunk
    that runs again over members it reached (a cursor read stale, or reset) sends nothing
    to them, on SQLite and PostgreSQL alike."""
    h = Harness(any_app)
    await h.run('@vera:staf /knelpunt nieuw titel:"Wachtlijsten jeugdzorg"')
    prefs = await involve(any_app, 11)
    wanting = {m for m, news in prefs.items() if news is NewsPreference.ALL}
    await h.run('@vera /terugkoppeling knelpunt:1 tekst:"Besproken aan de landelijke tafel"')
    await due.report_back(any_app, 1)
    sent = await feedback_dms(any_app)
    assert set(sent) == wanting

    async with any_app.sessions() as session, session.begin():
        item = await session.get(Feedback, 1)
        assert item is not None
        item.report_cursor = 0  # back to the start
    assert await due.report_back(any_app, 1) > 1  # it walked every chunk again ...
    assert await feedback_dms(any_app) == sent  # ... and wrote to no one twice
    async with any_app.sessions() as session:
        notices = (await session.scalars(select(Notice.member_id))).all()
    assert sorted(notices) == sorted(wanting)
