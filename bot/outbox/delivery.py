"""The contract between the drainer and a platform: a ``Sender`` gets a ``Delivery`` (a
claimed row, its payload and recipient) and answers ``Sent``, or raises ``RetryLater`` or
``PermanentFailure``. The row id is the idempotency key (Discord ``nonce``, Slack message
metadata), so a resend after a crash is recognisable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from bot.storage.models import Member, OutboxMessage


@dataclass(frozen=True)
class Delivery:
    """What a sender needs: the row, its payload (the neutral reply as JSON), and the
    recipient for DMs and answers to one member."""

    message: OutboxMessage
    payload: dict[str, Any]
    recipient: Member | None  # for dm/ephemeral: the member (platform user id, language)
    attempt: int = 1  # 1 for the first try; higher for retries and resends after a crash

    @property
    def key(self) -> str:
        """The idempotency key: the row id, the same for every attempt."""
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


class Sender(Protocol):
    platform: str

    async def send(self, delivery: Delivery) -> Sent: ...
