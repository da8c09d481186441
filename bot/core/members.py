"""Members: who they are per platform, their role and preferences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.context import Actor
from bot.core.i18n import t
from bot.core.parsing import scrub
from bot.storage.database import insert_missing
from bot.storage.models import Member
from bot.vocabulary.enums import Role

# built once: every request looks its member up
FIND = select(Member).where(
    Member.platform == bindparam("platform"), Member.platform_user_id == bindparam("user")
)


async def upsert(session: AsyncSession, actor: Actor, now: datetime) -> Member:
    """Find or create the member; the platform's current role and name win. Two first
    messages of a new member at once both find the one row (insert … on conflict). An
    erased member has no platform id left, so her next message starts a fresh member."""
    found = {"platform": actor.platform, "user": actor.user_id}
    name = scrub(actor.name)[:100] or actor.user_id[:100]
    member = await session.scalar(FIND, found)
    if member is None:
        await insert_missing(
            session,
            Member,
            {
                "platform": actor.platform,
                "platform_user_id": actor.user_id,
                "display_name": name,
                "role": actor.role,
                "language": "nl",
                "created_at": now,
            },
        )
        member = await session.scalar(FIND, found)
        assert member is not None  # inserted now or by a concurrent first message
    # assigned only when changed: an unchanged member is no row for the flush to visit
    if member.role != actor.role:
        member.role = actor.role
    if member.display_name != name:
        member.display_name = name
    return member


async def with_role(session: AsyncSession, role: Role) -> list[Member]:
    return list((await session.scalars(select(Member).where(Member.role == role))).all())


def shown_name(member: Member | None, anonymous: bool = False, lang: str = "nl") -> str:
    if anonymous or member is None:
        return t(lang, "name-anonymous")
    if member.erased:
        return t(lang, "name-erased")
    return f"@{member.display_name}"
