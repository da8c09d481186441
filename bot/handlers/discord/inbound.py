"""Inbound messages are stored before they are handled (``inbound_events``, unique per
message), so a gateway replay after a reconnect never doubles a signal."""

from __future__ import annotations

from typing import Any

import discord
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.clock import Clock
from bot.storage.models import InboundEvent, PostRef

PLATFORM = "discord"


async def is_call_thread(sessions: async_sessionmaker, thread_id: int) -> bool:
    """Only replies in the thread of a posted call are signals; other threads are chat."""
    async with sessions() as session:
        found = await session.scalar(
            select(PostRef.id).where(
                PostRef.platform == PLATFORM,
                PostRef.thread_id == str(thread_id),
                PostRef.subject.like("call:%"),
            )
        )
    return found is not None


async def record(
    sessions: async_sessionmaker, clock: Clock, key: str, kind: str, message: discord.Message
) -> bool:
    """Store the message's arrival; False when it was stored (and handled) before. The
    text itself stays in the signal only, so retention and erasure have one place."""
    payload: dict[str, Any] = {
        "channel_id": str(message.channel.id),
        "message_id": str(message.id),
        "author_id": str(message.author.id),
    }
    try:
        async with sessions() as session, session.begin():
            existing = await session.scalar(
                select(InboundEvent).where(
                    InboundEvent.platform == PLATFORM, InboundEvent.event_key == key
                )
            )
            if existing is not None:
                return existing.processed_at is None  # stored but not handled: try again
            session.add(
                InboundEvent(
                    platform=PLATFORM,
                    event_key=key,
                    kind=kind,
                    payload=payload,
                    received_at=clock.now(),
                )
            )
    except IntegrityError:
        return False  # stored at the same moment by another shard or process
    return True


async def processed(sessions: async_sessionmaker, clock: Clock, key: str) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            update(InboundEvent)
            .where(InboundEvent.platform == PLATFORM, InboundEvent.event_key == key)
            .values(processed_at=clock.now())
        )
