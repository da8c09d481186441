"""The unit of work a request runs in (``Tx``): the acting member, the clock reading, the
community's settings, and the helpers that write every outgoing message to the outbox in
the same transaction as the change that causes it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo

from sqlalchemy import CursorResult, bindparam, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from bot.core import audit
from bot.core.commands import CommandTable
from bot.core.errors import NotFound
from bot.core.i18n import day, t, when
from bot.core.replies import Reply
from bot.outbox import rows as outbox
from bot.settings import Community
from bot.storage.models import Base, Member, QueuedNews
from bot.vocabulary.enums import Role
from bot.vocabulary.news import BUNDLED, NewsKind, wants

M = TypeVar("M", bound=Base)

KEPT = "signaalbot_kept"  # session.info: rows held for the session's life (``Tx.kept``)
# session.info: ids of the members this transaction inserted (``members``): no other
# transaction sees them yet, so their first contact needs no claim (``Tx.first_contact``)
CREATED_MEMBERS = "signaalbot_created_members"
SYSTEM = "system"  # the platform name of the bot acting itself (the schedule)
# built once (``Tx.first_contact``): a member's first message runs it
NOTICED = (
    update(Member)
    .where(Member.id == bindparam("member"), Member.noticed_at.is_(None))
    .values(noticed_at=bindparam("now"))
    .execution_options(synchronize_session=False)
)


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


@dataclass(frozen=True)
class FirstContact:
    """Published (``Tx.first_contact``) the first time a member gives the bot something of
    hers — a reply, a DM, a signal, a vote, an RSVP — so she is told once what is kept."""

    member: Member


def reachable(members: Iterable[Member], kind: NewsKind) -> list[Member]:
    """Who ``Tx.fan_out`` writes ``kind`` to: each member once, if her news preference
    wants it and she is not erased (a tombstone is no one to write to)."""
    found: dict[int, Member] = {}
    for member in members:
        if not member.erased and member.id not in found and wants(member.news, kind):
            found[member.id] = member
    return list(found.values())


def keep(session: AsyncSession, row: Any) -> None:
    """Hold ``row`` for ``Tx.kept`` (a row loaded beside another, in the same round trip)."""
    session.info.setdefault(KEPT, {})[(type(row), row.id)] = row


@dataclass
class Tx:
    session: AsyncSession
    now: datetime
    community: Community
    platforms: list[str]
    actor: Actor
    member: Member
    table: CommandTable
    web_key: bytes | None = None  # signs dashboard sign-in links (BOT_WEB_SECRET)
    created: list[int] = field(default_factory=list)  # ids of the outbox rows written
    # outbox rows not written yet: they go in one INSERT when the unit ends
    # (``write_outgoing``), or before a feature reads or changes the outbox itself
    outgoing: list[dict[str, Any]] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.member.language

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.community.timezone)

    def t(self, key: str, /, **params: object) -> str:
        return t(self.lang, key, **params)

    def when(self, moment: datetime | None, lang: str | None = None) -> str:
        """A moment in the community's time zone, in ``lang`` (default: the actor's)."""
        return when(moment, lang or self.lang, self.zone)

    def day(self, moment: datetime | None, lang: str | None = None) -> str:
        return day(moment, lang or self.lang, self.zone)

    @property
    def is_staff(self) -> bool:
        return self.member.role == Role.STAFF

    async def get(self, model: type[M], ident: int | None, missing: str) -> M:
        row = await self.session.get(model, ident) if ident is not None else None
        if row is None:
            raise NotFound(missing, nr=ident)
        return row

    async def kept(self, model: type[M], ident: int) -> M | None:
        """``session.get`` of a row that the requests stored together each look up (a
        thread's call): held for the session's life. Its identity map holds rows only
        while something refers to them, so each message would load it again."""
        kept = self.session.info.setdefault(KEPT, {})
        if (model, ident) in kept:
            return cast(M, kept[(model, ident)])  # no round trip through the session
        row = await self.session.get(model, ident)
        if row is not None:
            keep(self.session, row)
        return row

    def audit(self, action: str, detail: str = "", outcome: str = audit.OK) -> None:
        """An entry in the audit log, in this transaction (the kernel already records
        every restricted command and staff-only button; features add what those miss)."""
        audit.record(self.session, self.now, self.member, action, detail, outcome)

    async def first_contact(self) -> None:
        """Call when the acting member stores something of hers: the first time, the
        privacy notice goes out (``FirstContact``); never again after that."""
        member = self.member
        if member.noticed_at is not None or member.erased or member.platform == SYSTEM:
            return
        if member.id in self.session.info.get(CREATED_MEMBERS, ()):
            member.noticed_at = self.now  # her row is ours alone; written at the commit
        else:
            # conditional: of two first requests at the same moment only one sends it
            claimed = await self.session.execute(NOTICED, {"member": member.id, "now": self.now})
            if cast(CursorResult[Any], claimed).rowcount != 1:
                return
            set_committed_value(member, "noticed_at", self.now)  # as the row has it now
        await self.publish(FirstContact(member))

    async def publish(self, event: object) -> list[Any]:
        """Tell the features that listen (``CommandTable.subscribers``) about a domain
        event, in this transaction; returns what each listener answered."""
        return [
            await listener(self, event) for listener in self.table.subscribers.get(type(event), ())
        ]

    # -- outgoing messages (outbox rows in this transaction) ---------------------------

    def _add(self, reply: Reply, **kwargs: Any) -> None:
        self.outgoing.append(outbox.values(now=self.now, payload=reply.to_dict(), **kwargs))

    async def write_outgoing(self) -> None:
        """Write the outgoing rows so far (the kernel does at the end of every unit; a
        feature that reads or changes the outbox itself does first)."""
        rows, self.outgoing = self.outgoing, []
        self.created += await outbox.insert(self.session, rows)

    def answer(self, reply: Reply) -> None:
        """Only the acting member sees this (ephemeral; a DM where the platform cannot).
        After she erased herself the row names no member: it goes by its reply ref only,
        and that ref is dropped once delivered (``outbox.store``)."""
        self._add(
            reply,
            platform=self.actor.platform,
            target_kind="ephemeral" if self.actor.reply_ref else "dm",
            member_id=None if self.member.erased else self.member.id,
            reply_ref=self.actor.reply_ref,
        )

    def post(self, channel_key: str, reply: Reply, subject: str | None = None) -> None:
        """A public post in a configured channel, on every active platform."""
        for platform in self.platforms:
            self._add(
                reply,
                platform=platform,
                target_kind="channel",
                channel_key=channel_key,
                subject=subject,
            )

    def post_thread(self, subject: str, reply: Reply) -> None:
        """A message in the thread under a posted subject (``call:1``), on every platform."""
        for platform in self.platforms:
            self._add(reply, platform=platform, target_kind="thread", subject=subject)

    def dm(self, member: Member, reply: Reply) -> None:
        """A DM this member asked for (an answer, their own bundle, the privacy notice).
        Messages the member did not ask for go through ``fan_out``, which honours their
        preference and skips erased members."""
        self._add(reply, platform=member.platform, target_kind="dm", member_id=member.id)

    def fan_out(
        self,
        members: Iterable[Member],
        kind: NewsKind,
        render: Callable[[Member], Reply] | None = None,
        *,
        bottleneck_id: int | None = None,
        ref_id: int | None = None,
    ) -> list[Member]:
        """Write ``kind`` to many members: each once, only if their news preference wants
        it (``bot.vocabulary.news``) and never to an erased member (a tombstone keeps her
        RSVPs and votes as counts, not as someone to write to). Most kinds go as a DM now
        (``render(member)``); bundled kinds (stage news) become a queued row about
        ``bottleneck_id``/``ref_id`` that the schedule sends in the member's next daily
        bundle. Returns who is reached."""
        if kind in BUNDLED and (bottleneck_id is None or ref_id is None):
            raise ValueError(f"{kind} is bundled: give bottleneck_id and ref_id")
        if kind not in BUNDLED and render is None:
            raise ValueError(f"{kind} is sent at once: give render")
        reached = reachable(members, kind)
        for member in reached:
            if render is None:
                self.session.add(
                    QueuedNews(
                        member_id=member.id,
                        kind=kind.value,
                        bottleneck_id=bottleneck_id,
                        ref_id=ref_id,
                        created_at=self.now,
                    )
                )
            else:
                self.dm(member, render(member))
        return reached

    async def edit(self, subject: str, reply: Reply) -> None:
        """Replace the content of the post about ``subject`` (``event:3``) on every
        platform. An edit waits ``edit_delay_seconds``; edits that wait coalesce into one
        row with the newest content, so a burst of RSVPs is one edit, not a burst."""
        delay = timedelta(seconds=self.community.delivery.edit_delay_seconds)
        for platform in self.platforms:
            if self._coalesced(platform, subject, reply):
                continue
            waiting = await outbox.waiting_edit(self.session, platform, subject)
            if waiting is not None:
                waiting.payload = reply.to_dict()
                continue
            self._add(
                reply,
                platform=platform,
                target_kind="edit",
                subject=subject,
                not_before=self.now + delay,
            )

    def _coalesced(self, platform: str, subject: str, reply: Reply) -> bool:
        """An edit of this post already written in this unit takes the newest content."""
        for row in self.outgoing:
            if (row["platform"], row["target_kind"], row["subject"]) == (platform, "edit", subject):
                row["payload"] = reply.to_dict()
                return True
        return False

    def react(self, message_ref: str, emoji: str = "white_check_mark") -> None:
        """Acknowledge a member's message with a reaction."""
        self._add(
            Reply(text=emoji),
            platform=self.actor.platform,
            target_kind="reaction",
            reply_ref=message_ref,
            member_id=self.member.id,
        )
