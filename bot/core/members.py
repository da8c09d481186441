"""Members: who they are per platform, their role and preferences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.context import Actor
from bot.core.i18n import t
from bot.storage.models import Member
from bot.vocabulary.enums import Role


async def upsert(session: AsyncSession, actor: Actor, now: datetime) -> Member:
    """Find or create the member; the platform's current role and name win. An erased
    member has no platform id left, so her next message starts a fresh member."""
    member = await session.scalar(
        select(Member).where(
            Member.platform == actor.platform, Member.platform_user_id == actor.user_id
        )
    )
    if member is None:
        member = Member(
            platform=actor.platform,
            platform_user_id=actor.user_id,
            display_name=actor.name[:100],
            role=actor.role,
            language="nl",
            notify=True,
            created_at=now,
        )
        session.add(member)
        await session.flush()
        return member
    member.role = actor.role
    member.display_name = actor.name[:100]
    return member


async def with_role(session: AsyncSession, role: Role) -> list[Member]:
    return list((await session.scalars(select(Member).where(Member.role == role))).all())


def shown_name(member: Member | None, anonymous: bool = False, lang: str = "nl") -> str:
    if anonymous or member is None:
        return t(lang, "name-anonymous")
    if member.erased:
        return t(lang, "name-erased")
    return f"@{member.display_name}"
