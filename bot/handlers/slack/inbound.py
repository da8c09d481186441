"""Persist first: a member's message (a reply in a call's thread, or a DM to the bot) is
stored in ``inbound_events`` before Slack gets its acknowledgement, deduplicated on the
message itself (channel + ts), so a Slack retry or redelivery never doubles a signal and
a crash right after the acknowledgement loses none (``pending`` is replayed at start)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.clock import Clock
from bot.handlers.slack.refs import message_ref
from bot.storage.models import InboundEvent, PostRef

PLATFORM = "slack"
# Plain user messages only; a thread reply also sent to the channel is still a reply, and
# a file with a comment counts for its comment.
ACCEPTED_SUBTYPES = (None, "thread_broadcast", "file_share")


def message_kind(event: dict[str, Any]) -> str | None:
    """``"dm"``, ``"thread"`` or None (not a member's message we take as a signal)."""
    if event.get("type") != "message" or event.get("subtype") not in ACCEPTED_SUBTYPES:
        return None
    if event.get("bot_id") or not event.get("user") or not (event.get("text") or "").strip():
        return None
    if event.get("channel_type") == "im":
        return "dm"
    thread_ts = event.get("thread_ts")
    if thread_ts and thread_ts != event.get("ts"):
        return "thread"
    return None


class Inbound:
    def __init__(self, sessions: async_sessionmaker, clock: Clock) -> None:
        self.sessions = sessions
        self.clock = clock

    async def is_call_thread(self, channel: str, thread_ts: str) -> bool:
        """Only replies under a call post are signals; other threads stay private."""
        async with self.sessions() as session:
            found = await session.scalar(
                select(PostRef.id).where(
                    PostRef.platform == PLATFORM,
                    PostRef.channel_id == channel,
                    (PostRef.message_id == thread_ts) | (PostRef.thread_id == thread_ts),
                    PostRef.subject.like("call:%"),
                )
            )
        return found is not None

    async def store(self, kind: str, body: dict[str, Any]) -> int | None:
        """The new row's id, or None when this message was stored before."""
        event = body["event"]
        row = InboundEvent(
            platform=PLATFORM,
            event_key=message_ref(event["channel"], event["ts"]),
            kind=kind,
            payload={"event_id": body.get("event_id"), "event": event},
            received_at=self.clock.now(),
        )
        try:
            async with self.sessions() as session, session.begin():
                session.add(row)
        except IntegrityError:
            return None
        return row.id

    async def load(self, row_id: int) -> InboundEvent | None:
        async with self.sessions() as session:
            return await session.get(InboundEvent, row_id)

    async def done(self, row_id: int, when: datetime | None = None) -> None:
        async with self.sessions() as session, session.begin():
            row = await session.get(InboundEvent, row_id)
            if row is not None and row.processed_at is None:
                row.processed_at = when or self.clock.now()

    async def pending(self, received_before: datetime | None = None) -> list[int]:
        async with self.sessions() as session:
            query = (
                select(InboundEvent.id)
                .where(InboundEvent.platform == PLATFORM, InboundEvent.processed_at.is_(None))
                .order_by(InboundEvent.id)
            )
            if received_before is not None:
                query = query.where(InboundEvent.received_at < received_before)
            return list((await session.scalars(query)).all())
