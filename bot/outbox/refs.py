"""Where the bot's posts landed on each platform (``PostRef``) and what it sent as a
given platform message: the look-ups platforms need to send into a call's thread, to
tell a call's thread from other chat, and to find the form behind a pressed button."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage.models import OutboxMessage, PostRef

CALL_SUBJECTS = "call:%"


async def posted(session: AsyncSession, platform: str, subject: str) -> PostRef | None:
    """The first post of a subject (``call:4``) on a platform, or None when not yet sent."""
    return await session.scalar(
        select(PostRef)
        .where(PostRef.platform == platform, PostRef.subject == subject)
        .order_by(PostRef.id)
        .limit(1)
    )


async def where_posted(
    sessions: async_sessionmaker[AsyncSession], platform: str, subject: str
) -> PostRef | None:
    async with sessions() as session:
        return await posted(session, platform, subject)


async def thread_call(
    sessions: async_sessionmaker[AsyncSession],
    platform: str,
    thread: str,
    channel: str | None = None,
) -> int | None:
    """The call whose thread ``thread`` is (a thread id, or the id of the post that opened
    it), or None: replies elsewhere stay private chat. A call's thread stays its thread,
    so a handler may remember the answer."""
    query = select(PostRef.subject).where(
        PostRef.platform == platform,
        (PostRef.thread_id == thread) | (PostRef.message_id == thread),
        PostRef.subject.like(CALL_SUBJECTS),
    )
    if channel is not None:
        query = query.where(PostRef.channel_id == channel)
    async with sessions() as session:
        subject = await session.scalar(query.limit(1))
    return int(subject.split(":")[1]) if subject else None


async def sent_payload(
    sessions: async_sessionmaker[AsyncSession], platform: str, message_id: str
) -> dict[str, Any] | None:
    """The payload the bot sent as this platform message (the latest, if it was edited)."""
    async with sessions() as session:
        return await session.scalar(
            select(OutboxMessage.payload)
            .where(
                OutboxMessage.platform == platform,
                OutboxMessage.platform_message_id == message_id,
            )
            .order_by(OutboxMessage.id.desc())
            .limit(1)
        )
