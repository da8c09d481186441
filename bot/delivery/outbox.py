"""The outbox: rows written in the transaction of the change that caused them, delivered
by a platform ``Sender``. The row id is the idempotency key (Discord ``nonce``, Slack
message metadata), so a resend after a crash is recognisable."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.core.replies import Reply
from bot.storage.models import Member, OutboxMessage, PostRef

log = logging.getLogger(__name__)

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Delivery:
    """What a sender needs: the row, its reply, and the recipient for DMs."""

    message: OutboxMessage
    reply: Reply
    recipient: Member | None  # for dm/ephemeral: the member (platform user id, language)


@dataclass(frozen=True)
class Sent:
    """What the platform answered. ``channel_id``/``message_id`` are recorded as a
    ``PostRef`` when the row has a subject (so thread replies find their call)."""

    message_id: str | None = None
    channel_id: str | None = None
    thread_id: str | None = None


class RetryLater(Exception):
    """The platform asked to wait (429 ``retry_after``) or had a passing failure."""

    def __init__(self, seconds: float, reason: str = "") -> None:
        super().__init__(reason or f"retry after {seconds}s")
        self.seconds = seconds


class PermanentFailure(Exception):
    """The message can never be delivered (unknown channel, user blocked the bot)."""


class Sender(Protocol):
    platform: str

    async def send(self, delivery: Delivery) -> Sent: ...


def add(
    session: AsyncSession,
    *,
    platform: str,
    target_kind: str,
    reply: Reply,
    now: datetime,
    channel_key: str | None = None,
    subject: str | None = None,
    member_id: int | None = None,
    reply_ref: str | None = None,
) -> OutboxMessage:
    row = OutboxMessage(
        platform=platform,
        target_kind=target_kind,
        channel_key=channel_key,
        subject=subject,
        member_id=member_id,
        reply_ref=reply_ref,
        payload=reply.to_dict(),
        status=PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(row)
    return row


async def deliver_pending(
    sessions: async_sessionmaker,
    sender: Sender,
    clock: Clock,
    *,
    ids: Sequence[int] | None = None,
    limit: int = 100,
) -> int:
    """Deliver due rows of the sender's platform one by one (in id order); return the
    number sent. Later work adds pacing and parallel drainers on top of this."""
    sent = 0
    async with sessions() as session:
        query = (
            select(OutboxMessage.id)
            .where(OutboxMessage.platform == sender.platform)
            .where(OutboxMessage.status == PENDING)
            .where(OutboxMessage.next_attempt_at <= clock.now())
            .order_by(OutboxMessage.id)
            .limit(limit)
        )
        if ids is not None:
            query = query.where(OutboxMessage.id.in_(ids))
        due = list((await session.scalars(query)).all())
    for row_id in due:
        if await deliver_one(sessions, sender, clock, row_id):
            sent += 1
    return sent


async def deliver_one(
    sessions: async_sessionmaker, sender: Sender, clock: Clock, row_id: int
) -> bool:
    async with sessions() as session, session.begin():
        row = await session.get(OutboxMessage, row_id)
        if row is None or row.status != PENDING:
            return False
        recipient = await session.get(Member, row.member_id) if row.member_id else None
        delivery = Delivery(row, Reply.from_dict(row.payload), recipient)
        try:
            result = await sender.send(delivery)
        except RetryLater as exc:
            _retry(row, clock.now(), exc)
            return False
        except PermanentFailure as exc:
            _fail(row, str(exc))
            return False
        except Exception as exc:  # a sender bug must not stop the drainer
            log.exception("outbox row %s: unexpected error from %s", row.id, sender.platform)
            _retry(row, clock.now(), RetryLater(30, f"{type(exc).__name__}: {exc}"))
            return False
        _mark_sent(session, row, result, clock.now())
        return True


def _mark_sent(session: AsyncSession, row: OutboxMessage, result: Sent, now: datetime) -> None:
    row.status = SENT
    row.sent_at = now
    row.attempts += 1
    row.platform_message_id = result.message_id
    if row.target_kind == "channel" and row.subject and result.message_id and result.channel_id:
        session.add(
            PostRef(
                platform=row.platform,
                subject=row.subject,
                channel_id=result.channel_id,
                message_id=result.message_id,
                thread_id=result.thread_id,
            )
        )


def _retry(row: OutboxMessage, now: datetime, exc: RetryLater) -> None:
    row.attempts += 1
    row.last_error = str(exc)
    if row.attempts >= MAX_ATTEMPTS:
        row.status = FAILED
        return
    backoff = max(exc.seconds, 2**row.attempts)
    row.next_attempt_at = now + timedelta(seconds=backoff)


def _fail(row: OutboxMessage, reason: str) -> None:
    row.attempts += 1
    row.status = FAILED
    row.last_error = reason
