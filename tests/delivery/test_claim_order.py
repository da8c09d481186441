"""The claim order (issue 13): answers a member waits for, then public posts, then DMs,
oldest first within each — kept on every row however it was written, so a claim reads
it from an index instead of sorting the whole backlog."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.replies import Reply
from bot.outbox import rows as outbox
from bot.outbox.store import claim
from bot.storage.models import URGENCY, OutboxMessage

KINDS = ["dm", "channel", "ephemeral", "reaction", "dm", "edit", "ephemeral", "dm"]


def _columns(app, kind: str, n: int) -> dict[str, object]:
    return dict(
        platform="slack",
        target_kind=kind,
        channel_key="C1" if kind == "channel" else None,
        reply_ref=f"ref{n}",
        payload=Reply(text=f"{kind} {n}").to_dict(),
        now=app.clock.now(),
    )


def _row(app, kind: str, n: int) -> dict[str, object]:
    return outbox.values(**_columns(app, kind, n))


async def test_every_way_of_writing_a_row_keeps_its_claim_order(any_app) -> None:
    app = any_app
    async with app.sessions() as session, session.begin():
        for n, kind in enumerate(KINDS):  # one object at a time, as a unit of work adds
            outbox.add(session, **_columns(app, kind, n))
        await outbox.insert(session, [_row(app, k, n) for n, k in enumerate(KINDS)])
        groups = [[_row(app, k, n) for n, k in enumerate(KINDS[:4])], [_row(app, "dm", 9)]]
        await outbox.insert_together(session, groups)
    async with app.sessions() as session:
        found = await session.execute(select(OutboxMessage.target_kind, OutboxMessage.urgency))
        pairs = found.all()
    assert len(pairs) == 2 * len(KINDS) + 5
    assert all(urgency == URGENCY.get(kind, 2) for kind, urgency in pairs)


async def test_a_claim_takes_answers_then_posts_then_dms_oldest_first(any_app) -> None:
    app = any_app
    async with app.sessions() as session, session.begin():
        ids = await outbox.insert(session, [_row(app, k, n) for n, k in enumerate(KINDS * 3)])
    kind_of = dict(zip(sorted(ids), KINDS * 3, strict=True))
    expected = sorted(ids, key=lambda i: (URGENCY.get(kind_of[i], 2), i))
    taken: list[int] = []
    while len(taken) < len(ids):  # a few rows at a time, as a drainer with little room
        async with app.sessions() as session, session.begin():
            batch = await claim(
                session, platform="slack", now=app.clock.now(),
                settings=app.community.delivery, limit=5,
            )  # fmt: skip
        assert batch, "every pending row is due"
        taken += [c.row.id for c in batch]
    assert taken == expected
