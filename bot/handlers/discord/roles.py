"""Who acts: Discord users and their server roles mapped to the core's roles, using the
role ids or names (or user ids) in ``community.discord.staff`` / ``.ambassadors``."""

from __future__ import annotations

import logging

import discord

from bot.core.context import Actor
from bot.settings import PlatformSection
from bot.vocabulary.enums import Role

log = logging.getLogger(__name__)

PLATFORM = "discord"


def role_for(keys: set[str], section: PlatformSection) -> Role:
    """``keys``: the user id, role ids and lower-case role names."""
    if keys & {s.strip().lower() for s in section.staff}:
        return Role.STAFF
    if keys & {a.strip().lower() for a in section.ambassadors}:
        return Role.AMBASSADOR
    return Role.MEMBER


def member_keys(user: discord.abc.User) -> set[str]:
    keys = {str(user.id)}
    for role in getattr(user, "roles", []):
        keys |= {str(role.id), role.name.lower()}
    return keys


async def resolve_role(
    client: discord.Client, user: discord.abc.User, section: PlatformSection
) -> Role:
    """Server members carry their roles; a DM author is looked up in the configured
    server (REST, so the privileged members intent is not needed)."""
    if isinstance(user, discord.Member) or not section.guild_id:
        return role_for(member_keys(user), section)
    guild = client.get_guild(int(section.guild_id))
    member = guild.get_member(user.id) if guild else None
    if member is None and guild is not None:
        try:
            member = await guild.fetch_member(user.id)
        except discord.HTTPException:
            log.info("Discord user %s is not in the configured server", user.id)
    return role_for(member_keys(member or user), section)


async def actor_for(
    client: discord.Client,
    user: discord.abc.User,
    section: PlatformSection,
    reply_ref: str | None = None,
) -> Actor:
    role = await resolve_role(client, user, section)
    return Actor(PLATFORM, str(user.id), user.display_name, role, reply_ref)
