"""The outbox's write side: a new row in the caller's transaction. The kernel writes
every outgoing message through ``add``; this module knows nothing of the kernel."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy import insert as sa_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.compiler import InsertmanyvaluesSentinelOpts

from bot.storage.models import OutboxMessage

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
STATUSES = (PENDING, SENDING, SENT, FAILED)
# edit: new content for the post about ``subject`` (found through its ``PostRef``)
TARGET_KINDS = ("channel", "thread", "dm", "ephemeral", "reaction", "edit")
PRIVATE_KINDS = ("dm", "ephemeral", "reaction")  # what only one person saw
BLANK = {"text": ""}  # an emptied payload (retention, erasure) that still reads as a reply


def values(
    *,
    platform: str,
    target_kind: str,
    payload: dict[str, Any],
    now: datetime,
    channel_key: str | None = None,
    subject: str | None = None,
    member_id: int | None = None,
    reply_ref: str | None = None,
    not_before: datetime | None = None,
) -> dict[str, Any]:
    """A pending row's columns; ``payload`` is the neutral reply as JSON. ``not_before``:
    not sent before then (edits wait a moment so a burst coalesces)."""
    return {
        "platform": platform,
        "target_kind": target_kind,
        "channel_key": channel_key,
        "subject": subject,
        "member_id": member_id,
        "reply_ref": reply_ref,
        "payload": payload,
        "status": PENDING,
        "attempts": 0,
        "next_attempt_at": not_before or now,
        "created_at": now,
    }


def add(session: AsyncSession, **columns: Any) -> OutboxMessage:
    """A pending row as an object in ``session`` (``values`` names the columns)."""
    row = OutboxMessage(**values(**columns))
    session.add(row)
    return row


async def insert(session: AsyncSession, rows: list[dict[str, Any]]) -> list[int]:
    """Pending rows (``values``) in one statement; their ids, in no particular order. One
    INSERT of many rows costs about what the ORM spends on one."""
    if not rows:
        return []
    written = await session.scalars(INSERT, rows)
    return sorted(written.all())


async def insert_together(
    session: AsyncSession, groups: list[list[dict[str, Any]]]
) -> list[list[int]]:
    """The rows of several units (a batch of messages) in one statement; each unit's ids.
    PostgreSQL says which id went with which row. SQLite gives each new row the next
    rowid, in the order of the rows, while this transaction holds the write lock: the
    ids sorted are the rows' ids in order."""
    rows = [row for group in groups for row in group]
    if not rows:
        return [[] for _ in groups]
    if _ordered_in_one(session):
        ids = list((await session.scalars(INSERT_ORDERED, rows)).all())
    else:
        ids = sorted((await session.scalars(INSERT, rows)).all())
    found, start = [], 0
    for group in groups:
        found.append(ids[start : start + len(group)])
        start += len(group)
    return found


def _ordered_in_one(session: AsyncSession) -> bool:
    """Whether the database says which id went with which row of one INSERT (SQLite
    cannot: SQLAlchemy would send a row at a time to find out)."""
    dialect = session.bind.dialect if session.bind is not None else None
    if dialect is None:
        return False
    return not dialect.insertmanyvalues_implicit_sentinel & NOT_SUPPORTED


NOT_SUPPORTED = InsertmanyvaluesSentinelOpts.NOT_SUPPORTED  # a flag: 1 is true
OUTBOX = cast(Table, OutboxMessage.__table__)
INSERT = sa_insert(OUTBOX).returning(OUTBOX.c.id)  # a Core insert: no objects to track
INSERT_ORDERED = sa_insert(OUTBOX).returning(OUTBOX.c.id, sort_by_parameter_order=True)


async def waiting_edit(session: AsyncSession, platform: str, subject: str) -> OutboxMessage | None:
    """An edit of this post that no drainer has claimed yet; locked, so a drainer cannot
    claim it while its content is replaced (PostgreSQL; SQLite writes one at a time)."""
    return await session.scalar(
        select(OutboxMessage)
        .where(
            OutboxMessage.platform == platform,
            OutboxMessage.subject == subject,
            OutboxMessage.target_kind == "edit",
            OutboxMessage.status == PENDING,
        )
        .order_by(OutboxMessage.id.desc())
        .limit(1)
        .with_for_update()
    )
