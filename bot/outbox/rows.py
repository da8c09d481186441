"""The outbox's write side: a new row in the caller's transaction. The kernel writes
every outgoing message through ``add``; this module knows nothing of the kernel."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import OutboxMessage

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
STATUSES = (PENDING, SENDING, SENT, FAILED)
TARGET_KINDS = ("channel", "thread", "dm", "ephemeral", "reaction")
PRIVATE_KINDS = ("dm", "ephemeral", "reaction")  # what only one person saw
BLANK = {"text": ""}  # an emptied payload (retention, erasure) that still reads as a reply


def add(
    session: AsyncSession,
    *,
    platform: str,
    target_kind: str,
    payload: dict[str, Any],
    now: datetime,
    channel_key: str | None = None,
    subject: str | None = None,
    member_id: int | None = None,
    reply_ref: str | None = None,
) -> OutboxMessage:
    """A pending row; ``payload`` is the neutral reply as JSON."""
    row = OutboxMessage(
        platform=platform,
        target_kind=target_kind,
        channel_key=channel_key,
        subject=subject,
        member_id=member_id,
        reply_ref=reply_ref,
        payload=payload,
        status=PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(row)
    return row
