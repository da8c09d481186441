"""The outbox rows' life cycle in short transactions, so no transaction is open while a
message travels over the network:

    pending --claim--> sending (leased) --record--> sent | pending (retry) | failed

A claim sets ``status = "sending"``, counts the attempt and leases the row until
``next_attempt_at`` (the lease expiry while sending). A row whose lease ran out (its
drainer died mid-send) can be claimed again; the row id stays the idempotency key, so the
platform can recognise the resend. Results are recorded only while the claim still holds
(same status and attempt number), so a drainer that lost its lease cannot overwrite the
newer owner's result."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any, cast

from sqlalchemy import (
    CursorResult,
    Table,
    Update,
    and_,
    bindparam,
    case,
    exists,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from bot.outbox.delivery import Delivery, Sent
from bot.outbox.rows import FAILED, PENDING, SENDING, SENT
from bot.settings import DeliverySettings
from bot.storage.models import Member, OutboxMessage, PostRef

log = logging.getLogger(__name__)

# Lanes of interaction answers start with this: platforms pace them apart from channels.
INTERACTION_LANE = "interaction:"


@dataclass
class Claimed:
    row: OutboxMessage  # detached snapshot taken at claim time
    recipient: Member | None
    lease_until: datetime

    @property
    def fence(self) -> int:
        """The attempt number this claim made; a result is recorded only while it holds."""
        return self.row.attempts

    def delivery(self) -> Delivery:
        return Delivery(self.row, self.row.payload, self.recipient, self.fence)

    @property
    def lane(self) -> str:
        """What must go out in order and shares a per-channel budget."""
        row = self.row
        if row.target_kind == "channel":
            return f"channel:{row.channel_key}"
        if row.target_kind in ("thread", "edit"):
            return f"{row.target_kind}:{row.subject}"
        if row.target_kind == "ephemeral" and row.reply_ref:
            # an answer to one interaction: its own lane, outside any channel's window
            return f"{INTERACTION_LANE}{row.reply_ref}"
        if row.target_kind in ("dm", "ephemeral") and row.member_id is not None:
            return f"member:{row.member_id}"
        return f"{row.target_kind}:{row.reply_ref}"


@dataclass(frozen=True)
class Result:
    """What happened to one claimed row. ``kind``: sent, retry, failed or release."""

    claimed: Claimed
    kind: str
    sent: Sent | None = None
    error: str | None = None
    delay: float = 0.0  # retry: seconds the platform asked to wait (at least)
    scope: str = "global"  # retry: what the wait applies to (global or channel)
    at: datetime | None = None  # release: when the row may be claimed again


def backoff(attempt: int, settings: DeliverySettings) -> float:
    return float(min(settings.backoff_max_seconds, settings.backoff_seconds * 2 ** (attempt - 1)))


async def claim(
    session: AsyncSession,
    *,
    platform: str,
    now: datetime,
    settings: DeliverySettings,
    limit: int,
    ids: Sequence[int] | None = None,
    urgent_first: bool = True,
    kinds: Sequence[str] | None = None,
) -> list[Claimed]:
    """Lease up to ``limit`` due rows (only of ``kinds`` when given; run inside a
    transaction). Rows whose lease ran out (their drainer died mid-send) go back to
    pending first, or fail once they had their attempts; then one ``UPDATE … RETURNING``
    leases pending rows in the order they go out, read from an index. On PostgreSQL rows
    that another drainer is claiming are skipped (``FOR UPDATE SKIP LOCKED``); SQLite takes
    the write lock for the whole (short) transaction, so one claim runs at a time."""
    params: dict[str, Any] = {"b_platform": platform, "b_now": now}
    if ids is not None:
        params["b_ids"] = list(ids)
    if kinds is not None:
        params["b_kinds"] = list(kinds)
    shape = (ids is not None, kinds is not None)
    await _expired(session, _expired_statement(*shape), params, settings.max_attempts)
    lease_until = now + timedelta(seconds=settings.lease_seconds)
    params |= {"b_limit": limit, "b_lease_until": lease_until}
    found = await session.execute(_claim_statement(urgent_first, *shape), params)
    rows = [OutboxMessage(**row) for row in found.mappings()]
    rows.sort(key=_by_order if urgent_first else _by_id)
    members = await _members(session, {r.member_id for r in rows if r.member_id})
    return [Claimed(r, members.get(r.member_id or 0), lease_until) for r in rows]


OUTBOX = cast(Table, OutboxMessage.__table__)


async def _expired(
    session: AsyncSession, statement: Update, params: dict[str, Any], max_attempts: int
) -> None:
    """Rows whose lease ran out: pending again (sent again with the same key), or failed
    once they had all their attempts."""
    reason = f"no answer after {max_attempts} attempts (lease expired)"
    found = await session.execute(
        statement, params | {"b_max_attempts": max_attempts, "b_gave_up": reason}
    )
    for row in found:
        if row.status == FAILED:
            log.warning("outbox row %s (%s %s) failed: %s",
                        row.id, row.platform, row.target_kind, reason)  # fmt: skip
        else:
            log.warning("outbox row %s: lease expired; sending again with the same key", row.id)


@cache  # built once per shape, values bound at each claim: a drainer claims all day
def _expired_statement(by_ids: bool, by_kinds: bool) -> Update:
    c = OUTBOX.c
    give_up = c.attempts >= bindparam("b_max_attempts")
    now = bindparam("b_now", type_=c.next_attempt_at.type)
    return (
        update(OUTBOX)
        .where(_due(SENDING, by_ids, by_kinds))
        .values(
            status=case((give_up, FAILED), else_=PENDING),
            next_attempt_at=case((give_up, now), else_=c.next_attempt_at),
            last_error=case((give_up, bindparam("b_gave_up")), else_=c.last_error),
        )
        .returning(c.id, c.status, c.platform, c.target_kind)
    )


@cache
def _claim_statement(urgent_first: bool, by_ids: bool, by_kinds: bool) -> Update:
    c = OUTBOX.c
    chosen = (
        select(c.id)
        .where(_due(PENDING, by_ids, by_kinds))
        .order_by(*((c.urgency, c.id) if urgent_first else (c.id,)))
        .limit(bindparam("b_limit"))
        .with_for_update(skip_locked=True)
        .correlate(None)
    )
    return (
        update(OUTBOX)
        .where(c.id.in_(chosen.scalar_subquery()))
        .values(
            status=SENDING,
            attempts=c.attempts + 1,
            next_attempt_at=bindparam("b_lease_until", type_=c.next_attempt_at.type),
        )
        .returning(*OUTBOX.c)
    )


def _due(status: str, by_ids: bool, by_kinds: bool) -> ColumnElement[bool]:
    c, earlier = OUTBOX.c, OUTBOX.alias("earlier").c
    # A thread post or an edit waits until the channel post it belongs to has been sent.
    opener_unsent = exists().where(
        earlier.platform == c.platform,
        earlier.target_kind == "channel",
        earlier.subject == c.subject,
        earlier.status.in_((PENDING, SENDING)),
        earlier.id < c.id,
    )
    conditions = [
        c.platform == bindparam("b_platform"),
        c.status == status,  # pending to claim; sending (with its lease run out) to expire
        c.next_attempt_at <= bindparam("b_now", type_=c.next_attempt_at.type),
        or_(c.target_kind.not_in(("thread", "edit")), ~opener_unsent),
    ]
    if by_ids:
        conditions.append(c.id.in_(bindparam("b_ids", expanding=True)))
    if by_kinds:
        conditions.append(c.target_kind.in_(bindparam("b_kinds", expanding=True)))
    return and_(*conditions)


def _by_order(row: OutboxMessage) -> tuple[int, int]:
    return row.urgency, row.id


def _by_id(row: OutboxMessage) -> int:
    return row.id


async def _members(session: AsyncSession, ids: set[int]) -> dict[int, Member]:
    if not ids:
        return {}
    found = await session.scalars(select(Member).where(Member.id.in_(ids)))
    return {m.id: m for m in found}


async def record(
    session: AsyncSession, results: Sequence[Result], now: datetime, settings: DeliverySettings
) -> list[bool]:
    """Write results (inside a transaction); False for a row whose claim no longer holds.
    A batch costs one read of the claims that still hold and one UPDATE per kind of
    result (sent, retry, ...) for all its rows, not a statement per row; a single result
    just its UPDATE, whose row count tells whether the claim held."""
    if len(results) == 1:
        oks = [await _record_one(session, results[0], now, settings)]
    else:
        oks = await _record_many(session, results, now, settings)
    for result, ok in zip(results, oks, strict=True):
        if not ok:
            log.warning("outbox row %s: claim lost before its result was recorded", _id(result))
        elif result.kind == "sent" and result.sent is not None:
            await _post_ref(session, result.claimed.row, result.sent)
    return oks


async def _record_one(
    session: AsyncSession, result: Result, now: datetime, settings: DeliverySettings
) -> bool:
    params = _params(result, now, settings)
    outcome = await session.execute(_update(_columns(params)), params)
    return cast(CursorResult[Any], outcome).rowcount == 1


async def _record_many(
    session: AsyncSession, results: Sequence[Result], now: datetime, settings: DeliverySettings
) -> list[bool]:
    holding = await _holding(session, [_id(r) for r in results])
    oks = [holding.get(_id(r)) == r.claimed.fence for r in results]
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for result, ok in zip(results, oks, strict=True):
        if ok:
            params = _params(result, now, settings)
            groups[_columns(params)].append(params)
    for columns, batch in groups.items():
        await session.execute(_update(columns), batch)
    return oks


def _id(result: Result) -> int:
    return result.claimed.row.id


def _params(result: Result, now: datetime, settings: DeliverySettings) -> dict[str, Any]:
    """The bound values of a result's UPDATE: the row, its fence and the new values."""
    values = _values(result, now, settings)
    fence = {"row_id": _id(result), "fence": result.claimed.fence}
    return fence | {f"v_{k}": v for k, v in values.items()}


def _columns(params: dict[str, Any]) -> tuple[str, ...]:
    return tuple(sorted(k.removeprefix("v_") for k in params if k.startswith("v_")))


@cache  # a handful of shapes, bound at every result
def _update(columns: tuple[str, ...]) -> Update:
    """UPDATE of these columns for one row while its claim holds (same status, attempt)."""
    table = cast(Table, OutboxMessage.__table__)
    return (
        update(table)
        .where(
            table.c.id == bindparam("row_id"),
            table.c.status == SENDING,
            table.c.attempts == bindparam("fence"),
        )
        .values({c: bindparam(f"v_{c}", type_=table.c[c].type) for c in columns})
    )


async def _holding(session: AsyncSession, ids: list[int]) -> dict[int, int]:
    """Rows still being sent, with their attempt number (locked on PostgreSQL until the
    results are written; SQLite's write lock covers the whole transaction)."""
    found = await session.execute(HOLDING, {"b_ids": ids})
    return {row_id: attempts for row_id, attempts in found.all()}


HOLDING = (
    select(OUTBOX.c.id, OUTBOX.c.attempts)
    .where(OUTBOX.c.id.in_(bindparam("b_ids", expanding=True)), OUTBOX.c.status == SENDING)
    .with_for_update()
)


def _values(result: Result, now: datetime, settings: DeliverySettings) -> dict[str, Any]:
    """The columns a result changes."""
    claimed = result.claimed
    if result.kind == "sent":
        sent = result.sent or Sent()
        return {
            "status": SENT,
            "sent_at": now,
            "platform_message_id": sent.message_id,
            "last_error": None,
            # where an answer or a ✅ had to go (a member's platform id, her message, an
            # interaction token) was only needed to deliver it
            "reply_ref": None,
        }
    if result.kind == "release":
        return {
            "status": PENDING,
            "attempts": claimed.fence - 1,
            "next_attempt_at": result.at or now,
        }
    if result.kind == "retry" and claimed.fence < settings.max_attempts:
        wait = max(result.delay, backoff(claimed.fence, settings))
        return {
            "status": PENDING,
            "last_error": (result.error or "")[:500],
            "next_attempt_at": now + timedelta(seconds=wait),
        }
    # failed, or retried too often; next_attempt_at keeps when it failed, for /status
    error = (result.error or "")[:500]
    row = claimed.row
    log.warning(
        "outbox row %s (%s %s) failed after %d attempts: %s",
        row.id,
        row.platform,
        row.target_kind,
        claimed.fence,
        error,
    )
    return {"status": FAILED, "last_error": error, "next_attempt_at": now}


async def _post_ref(session: AsyncSession, row: OutboxMessage, sent: Sent) -> None:
    """Remember where a subject was posted, so thread replies find their call."""
    if row.target_kind != "channel" or not (row.subject and sent.message_id and sent.channel_id):
        return
    try:
        async with session.begin_nested():
            session.add(
                PostRef(
                    platform=row.platform,
                    subject=row.subject,
                    channel_id=sent.channel_id,
                    message_id=sent.message_id,
                    thread_id=sent.thread_id,
                )
            )
    except IntegrityError:  # a resend the platform recognised: the ref is already there
        pass
