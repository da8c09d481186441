"""Rows a batch writes at its end (``bot.storage.later``): the ids given out are the ids
the rows get, also when the batch keeps more rows than it expected, and a row written
after the batch gets one of its own."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.storage import later
from bot.storage.models import Signal
from bot.vocabulary.enums import Consent, SignalSource, SignalStatus


def signal(text: str) -> dict[str, object]:
    return {
        "source": SignalSource.COMMAND, "text": text, "status": SignalStatus.NEW,
        "consent": Consent.COUNT, "created_at": datetime(2026, 11, 2, tzinfo=UTC),
        "platform": "console",
    }  # fmt: skip


async def test_ids_given_out_are_the_rows_ids_beyond_what_was_expected(any_app):
    async with any_app.sessions() as session, session.begin():
        first = await later.insert_id_later(session, Signal, signal("eerst"))  # at once
        later.defer(session, 2)
        given = [await later.insert_id_later(session, Signal, signal(f"s{i}")) for i in range(5)]
        await later.write(session)
        after = await later.insert_id_later(session, Signal, signal("daarna"))  # at once again
    assert len({first, *given, after}) == 7
    async with any_app.sessions() as session:
        stored = dict((await session.execute(select(Signal.text, Signal.id))).all())
    assert stored == {"eerst": first, **{f"s{i}": nr for i, nr in enumerate(given)}, "daarna": after}
