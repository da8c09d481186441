"""Who someone is on Slack: their display name and their role. Staff and ambassadors
are configured as user ids (U…/W…) or user-group ids (S…); group members are looked up
with ``usergroups.users.list`` and cached for a while (a cache, never the only copy)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.settings import PlatformSection
from bot.vocabulary.enums import Role

log = logging.getLogger(__name__)

GROUP_TTL = 300.0
# While usergroups.users.list fails, the last known members keep their role this long
# past the TTL; after that the group counts as empty (fail safe: no staff rights).
GROUP_GRACE = 120.0
NAME_TTL = 3600.0

V = TypeVar("V")


@dataclass
class _Cached(Generic[V]):
    expires: float
    value: V


@dataclass
class Directory:
    client: AsyncWebClient
    section: PlatformSection
    monotonic: Callable[[], float] = time.monotonic
    group_ttl: float = GROUP_TTL
    group_grace: float = GROUP_GRACE
    name_ttl: float = NAME_TTL
    _groups: dict[str, _Cached[frozenset[str]]] = field(default_factory=dict)
    _names: dict[str, _Cached[str]] = field(default_factory=dict)

    async def role(self, user_id: str) -> Role:
        if await self._listed(user_id, self.section.staff):
            return Role.STAFF
        if await self._listed(user_id, self.section.ambassadors):
            return Role.AMBASSADOR
        return Role.MEMBER

    def roles_known(self) -> bool:
        """Whether ``role`` can answer without asking Slack (every configured group's
        members are cached and fresh)."""
        now = self.monotonic()
        groups = [e for e in (*self.section.staff, *self.section.ambassadors) if e.startswith("S")]
        return all(g in self._groups and self._groups[g].expires > now for g in groups)

    async def _listed(self, user_id: str, entries: list[str]) -> bool:
        if user_id in entries:
            return True
        for entry in entries:
            if entry.startswith("S") and user_id in await self.group(entry):
                return True
        return False

    async def group(self, group_id: str) -> frozenset[str]:
        now = self.monotonic()
        cached = self._groups.get(group_id)
        if cached and cached.expires > now:
            return cached.value
        try:
            response = await self.client.usergroups_users_list(usergroup=group_id)
            users = frozenset(response.get("users") or ())
        except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
            # A hiccup keeps the last known members for a short grace; a lasting failure
            # must not keep a removed staff member in charge.
            if cached and now <= cached.expires + self.group_grace:
                log.warning("usergroups.users.list for %s failed: %s", group_id, _error(exc))
                return cached.value
            log.warning(
                "usergroups.users.list for %s keeps failing (%s): nobody gets its role",
                group_id,
                _error(exc),
            )
            return frozenset()
        self._groups[group_id] = _Cached(now + self.group_ttl, users)
        return users

    def known_name(self, user_id: str) -> str | None:
        """The name Slack gave lately, or None when it has to be asked again."""
        cached = self._names.get(user_id)
        return cached.value if cached and cached.expires > self.monotonic() else None

    async def name(self, user_id: str, fallback: str | None = None) -> str:
        known = self.known_name(user_id)
        if known is not None:
            return known
        now = self.monotonic()
        cached = self._names.get(user_id)
        try:
            user = (await self.client.users_info(user=user_id)).get("user") or {}
        except SlackApiError as exc:
            log.warning("users.info for %s failed: %s", user_id, _error(exc))
            return cached.value if cached else (fallback or user_id)
        profile = user.get("profile") or {}
        name = str(
            profile.get("display_name")
            or profile.get("real_name")
            or user.get("real_name")
            or user.get("name")
            or fallback
            or user_id
        )
        self._names[user_id] = _Cached(now + self.name_ttl, name)
        return name


def _error(exc: Exception) -> str:
    if isinstance(exc, SlackApiError):
        return str(exc.response.get("error") or exc.response.status_code)
    return type(exc).__name__
