"""The outbox: rows written in the transaction of the change that caused them, delivered
by a platform ``Sender``. The row id is the idempotency key (Discord ``nonce``, Slack
message metadata), so a resend after a crash is recognisable."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.core.replies import Reply
from bot.storage.models import Member, OutboxMessage

log = logging.getLogger(__name__)

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
STATUSES = (PENDING, SENDING, SENT, FAILED)


@dataclass(frozen=True)
class Delivery:
    """What a sender needs: the row, its reply, and the recipient for DMs."""

    message: OutboxMessage
    reply: Reply
    recipient: Member | None  # for dm/ephemeral: the member (platform user id, language)
    attempt: int = 1  # 1 for the first try; higher for retries and resends after a crash

    @property
    def key(self) -> str:
        """The idempotency key (Discord ``nonce``, Slack message metadata): the row id, the
        same for every attempt, so a platform can recognise a resend."""
        return str(self.message.id)


@dataclass(frozen=True)
class Sent:
    """What the platform answered. ``channel_id``/``message_id`` are recorded as a
    ``PostRef`` when the row has a subject (so thread replies find their call)."""

    message_id: str | None = None
    channel_id: str | None = None
    thread_id: str | None = None


class RetryLater(Exception):
    """The platform asked to wait (429 ``retry_after`` / ``Retry-After``) or had a passing
    failure. The drainer pauses sending for ``seconds``: on the whole platform, or only to
    this channel or recipient when ``scope="channel"`` (a Discord 429 without ``global``
    on a per-channel route). Each retry counts as an attempt."""

    def __init__(self, seconds: float, reason: str = "", *, scope: str = "global") -> None:
        super().__init__(reason or f"retry after {seconds}s")
        self.seconds = max(0.0, float(seconds))
        self.scope = scope


class PermanentFailure(Exception):
    """The message can never be delivered (unknown channel, user blocked the bot)."""


class TargetRouter:
    """Base for platform senders: ``route`` calls ``_channel``, ``_thread``, ``_dm``,
    ``_ephemeral`` or ``_reaction`` for the row's target kind."""

    TARGET_KINDS = ("channel", "thread", "dm", "ephemeral", "reaction")

    async def route(self, delivery: Delivery) -> Sent:
        kind = delivery.message.target_kind
        if kind not in self.TARGET_KINDS:
            raise PermanentFailure(f"unknown target kind {kind!r}")
        handler: Callable[[Delivery], Awaitable[Sent]] = getattr(self, f"_{kind}")
        return await handler(delivery)


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
    """Deliver the due rows of the sender's platform at once, one by one in id order,
    without pacing (the console; tests); return the number sent. A running platform uses
    ``bot.delivery.drainer.Drainer``, which paces and sends in parallel."""
    from bot.delivery.drainer import deliver_in_order  # the drainer builds on this module

    return await deliver_in_order(sessions, sender, clock, ids=ids, limit=limit)
