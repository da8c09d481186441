"""Poll results counted in SQL equal the Python counting they replaced (issue 13): for
random votes — ambassador polls, erased and domain-less members, ties in time, empty
texts, voters who change their domain after voting (the tally reads the domain kept on the
vote) — the tally, the bottleneck figures (each person once, latest vote) and the pages
of needs (each need exactly once, in voting order)."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from bot.features.polls import counting
from bot.settings import PollRules
from bot.storage.database import create_engine, sessionmaker
from bot.storage.models import Bottleneck, Member, Poll, Vote
from bot.vocabulary.enums import Audience, Domain, Recognition, Role, Urgency
from tests.conftest import migrated_template
from tests.helpers import python_counted, python_latest, python_tally

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
RULES = PollRules()


# -- random communities ------------------------------------------------------------------------

members = st.lists(
    st.tuples(st.sampled_from(list(Role)), st.sampled_from([*Domain, None]), st.booleans()),
    min_size=1, max_size=6)
polls = st.lists(st.tuples(st.integers(1, 2), st.sampled_from(list(Audience))),
                 min_size=1, max_size=3)
vote = st.tuples(
    st.sampled_from([*Recognition, None]), st.sampled_from([*Urgency, None]),
    st.sampled_from([None, "", "Meer tijd", "Een vast formulier", "Minder wachten"]),
    st.integers(0, 1))  # minutes after T0: ties are likely


async def _fill(session: Any, people: list[Any], made: list[Any], cast: dict[Any, Any]) -> None:
    await session.execute(insert(Member), [
        {"id": i, "platform": "console", "platform_user_id": None if erased else f"u{i}",
         "display_name": f"Lid {i}", "role": role, "domain": domain, "created_at": T0}
        for i, (role, domain, erased) in enumerate(people, start=1)])
    await session.execute(insert(Bottleneck), [
        {"id": b, "title": f"K{b}", "created_by": 1, "created_at": T0, "updated_at": T0}
        for b in (1, 2)])
    await session.execute(insert(Poll), [
        {"id": p, "bottleneck_id": b, "audience": a, "created_by": 1, "created_at": T0}
        for p, (b, a) in enumerate(made, start=1)])
    rows = [
        {"poll_id": p, "member_id": m, "recognition": r, "urgency": u, "needed": n,
         "created_at": T0, "updated_at": T0 + timedelta(minutes=at)}
        for (p, m), (r, u, n, at) in cast.items()
        if p <= len(made) and m <= len(people)]
    if rows:
        await session.execute(insert(Vote), rows)


async def _move(session: Any, moved: dict[int, Domain | None]) -> None:
    """Voters change their domain after voting, as /mijn instellingen domein: does."""
    for i, domain in moved.items():
        member = await session.get(Member, i)
        if member is not None:
            member.domain = domain
    await session.flush()


async def _check(url: str, people: list[Any], made: list[Any], cast: dict[Any, Any],
                 moved: dict[int, Domain | None]) -> None:
    engine = create_engine(url)
    try:
        async with sessionmaker(engine)() as session:
            await _fill(session, people, made, cast)
            await _move(session, moved)
            for poll in (await session.scalars(select(Poll))).all():
                old = python_tally(await python_counted(session, poll))
                new = await counting.tally(session, poll, RULES)
                assert (new.votes, new.recognition, new.urgency, new.by_domain) == old[:4]
                assert new.needed == len(old[4])
                pages = [await counting.needs(session, poll, page, size=2)
                         for page in range(1, new.needed // 2 + 3)]
                assert [n for page in pages for n in page] == old[4]  # each once, in order
                assert await counting.voters(session, poll) == old[0]
            figures = await counting.recognition_per_bottleneck(session, [1, 2])
            for b in (1, 2):
                people_, counts = await python_latest(session, b)
                assert figures.get(b, (0, Counter())) == (people_, counts)
    finally:
        await engine.dispose()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=members, made=polls,
       cast=st.dictionaries(st.tuples(st.integers(1, 3), st.integers(1, 6)), vote, max_size=18),
       moved=st.dictionaries(st.integers(1, 6), st.sampled_from([*Domain, None]), max_size=4))
def test_sql_counting_equals_python_counting(people, made, cast, moved) -> None:  # type: ignore[no-untyped-def]
    folder = Path(tempfile.mkdtemp(prefix="sb-counting-"))
    try:
        shutil.copyfile(migrated_template(), folder / "bot.db")
        asyncio.run(_check(f"sqlite:///{folder / 'bot.db'}", people, made, cast, moved))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
