"""Rows a batch writes together at its end, with their ids given out before: a batch of
messages stores one signal each, and each thank-you needs its signal's number at once. One
INSERT of many rows instead of one statement per message (``Core._together``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import dialect_name, insert_id

LATER = "signaalbot_later"  # session.info: the rows waiting (``Later``), while a batch runs


@dataclass
class Later:
    expected: int  # rows the batch will probably keep per table: ids asked for at once
    ids: dict[Table, list[int]] = field(default_factory=dict)  # given out, not used yet
    rows: dict[Table, list[dict[str, Any]]] = field(default_factory=dict)


def defer(session: AsyncSession, expected: int) -> None:
    """From now on ``insert_id_later`` in this session keeps its rows for ``write``."""
    session.info[LATER] = Later(expected)


async def insert_id_later(
    session: AsyncSession, model: type[Any], values: dict[str, Any]
) -> int | None:
    """``insert_id``; while a batch defers (``defer``) the row waits for ``write`` and its
    id is given out now. A unique row like it makes ``write`` fail (then the batch runs
    one by one, where ``insert_id`` says None)."""
    later = cast("Later | None", session.info.get(LATER))
    if later is None:
        return await insert_id(session, model, values)
    table = cast(Table, model.__table__)
    ids = later.ids.get(table)
    kept = later.rows.setdefault(table, [])
    if not ids:
        after = kept[-1]["id"] if kept else 0
        ids = later.ids[table] = await _next_ids(session, table, later.expected, after)
    nr = ids.pop(0)
    kept.append({**values, "id": nr})
    return nr


async def write(session: AsyncSession) -> None:
    """The rows kept so far, one INSERT per table; deferring ends."""
    later = cast("Later | None", session.info.pop(LATER, None))
    for table, rows in (later.rows if later else {}).items():
        await session.execute(insert(table), rows)


async def _next_ids(session: AsyncSession, table: Table, count: int, after: int) -> list[int]:
    """Ids no other row has or will get, above ``after`` (the last one given out).
    PostgreSQL: from the table's sequence (an id given out and not used is a gap, as after
    a rollback). SQLite: the next rowids, which no one else takes while this transaction
    holds the write lock."""
    if dialect_name(session) == "postgresql":
        return list(await session.scalars(_sequence(table), {"count": count}))
    top = max(await session.scalar(select(func.max(table.c.id))) or 0, after)
    return list(range(top + 1, top + 1 + count))


@cache  # built once per table
def _sequence(table: Table) -> Any:
    serial = func.pg_get_serial_sequence(table.name, "id")
    return select(func.nextval(serial)).select_from(func.generate_series(1, bindparam("count")))
