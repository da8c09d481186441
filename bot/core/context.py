"""The transaction a command runs in: the acting member, the clock reading, and the
outbox helpers that write every outgoing message in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.enums import Role
from bot.core.errors import NotFound
from bot.core.replies import Reply
from bot.core.texts import t
from bot.delivery import outbox
from bot.settings import Community
from bot.storage.models import Base, Member, OutboxMessage

M = TypeVar("M", bound=Base)


@dataclass(frozen=True)
class Actor:
    """Who acts, as the platform handler saw them. ``role`` is mapped by the handler from
    the platform's roles/groups (config); the core enforces what each role may do."""

    platform: str
    user_id: str
    name: str
    role: Role = Role.MEMBER
    # Opaque platform context for answers only this actor sees (interaction token,
    # response_url, console user). None: answers go by DM.
    reply_ref: str | None = None


@dataclass(frozen=True)
class Incoming:
    """A message from a member: a reply in a call's thread, or a DM to the bot."""

    kind: str  # "thread" or "dm"
    text: str
    message_id: str | None = None  # platform message id, for deduplication
    call_id: int | None = None  # thread replies: the call, when the handler knows it
    thread_ref: str | None = None  # thread replies: the platform thread id, to look up


@dataclass
class Tx:
    session: AsyncSession
    now: datetime
    community: Community
    platforms: list[str]
    actor: Actor
    member: Member
    created: list[OutboxMessage] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.member.language

    def t(self, key: str, /, **params: object) -> str:
        return t(self.lang, key, **params)

    @property
    def is_staff(self) -> bool:
        return self.member.role == Role.STAFF

    async def get(self, model: type[M], ident: int | None, missing: str) -> M:
        row = await self.session.get(model, ident) if ident is not None else None
        if row is None:
            raise NotFound(missing, nr=ident)
        return row

    def _add(self, **kwargs: object) -> OutboxMessage:
        row = outbox.add(self.session, now=self.now, **kwargs)  # type: ignore[arg-type]
        self.created.append(row)
        return row

    def answer(self, reply: Reply) -> None:
        """Only the acting member sees this (ephemeral; a DM where the platform cannot)."""
        self._add(
            platform=self.actor.platform,
            target_kind="ephemeral" if self.actor.reply_ref else "dm",
            reply=reply,
            member_id=self.member.id,
            reply_ref=self.actor.reply_ref,
        )

    def post(self, channel_key: str, reply: Reply, subject: str | None = None) -> None:
        """A public post in a configured channel, on every active platform."""
        for platform in self.platforms:
            self._add(
                platform=platform,
                target_kind="channel",
                channel_key=channel_key,
                subject=subject,
                reply=reply,
            )

    def post_thread(self, subject: str, reply: Reply) -> None:
        """A message in the thread under a posted subject (``call:1``), on every platform."""
        for platform in self.platforms:
            self._add(platform=platform, target_kind="thread", subject=subject, reply=reply)

    def dm(self, member: Member, reply: Reply) -> None:
        self._add(platform=member.platform, target_kind="dm", member_id=member.id, reply=reply)

    def react(self, message_ref: str, emoji: str = "white_check_mark") -> None:
        """Acknowledge a member's message with a reaction."""
        self._add(
            platform=self.actor.platform,
            target_kind="reaction",
            reply_ref=message_ref,
            reply=Reply(text=emoji),
            member_id=self.member.id,
        )
