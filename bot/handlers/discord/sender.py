"""The outbox's Discord sender: channel posts (a call gets a public thread), thread
messages, DMs, ephemeral interaction answers and reactions. The outbox row id is the
message ``nonce`` with ``enforce_nonce``, so a resend after a crash returns the message
Discord already has instead of posting it twice."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.handlers.discord import render
from bot.handlers.discord.rest import (
    CANNOT_DM_USER,
    DM_OPENING_TOO_FAST,
    INVALID_WEBHOOK_TOKEN,
    THREAD_ALREADY_EXISTS,
    UNKNOWN_WEBHOOK,
    DiscordError,
    RestClient,
)
from bot.handlers.platform import Outgoing, TargetRouter
from bot.outbox.delivery import Delivery, PermanentFailure, RetryLater, Sent
from bot.outbox.refs import where_posted
from bot.settings import PlatformSection
from bot.storage.models import OutboxMessage

log = logging.getLogger(__name__)

PLATFORM = "discord"
EPHEMERAL = 64
THREAD_ARCHIVE_MINUTES = 10080  # a week: replies keep coming in for days
MAX_DM_INTERVAL = 30.0
MAX_DM_WAIT = 15.0  # longer waits are rescheduled (the drainer times a send out)


@dataclass(frozen=True)
class InteractionRef:
    """What an ephemeral answer needs: the application id and the interaction token
    (valid 15 minutes); ``component``: the answer may replace the pressed message."""

    application_id: str
    token: str
    component: bool = False

    def encode(self) -> str:
        kind = "component" if self.component else "command"
        return f"{kind}:{self.application_id}:{self.token}"

    @classmethod
    def decode(cls, ref: str) -> InteractionRef:
        kind, application_id, token = ref.split(":", 2)
        return cls(application_id, token, kind == "component")


def message_ref(channel_id: int | str, message_id: int | str) -> str:
    """A Discord message is addressed by channel and id; reactions need both."""
    return f"{channel_id}/{message_id}"


class DiscordSender(TargetRouter):
    platform = PLATFORM

    def __init__(
        self,
        rest: RestClient,
        section: PlatformSection,
        sessions: async_sessionmaker[AsyncSession],
        *,
        dm_interval: float = 1.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.rest = rest
        self.section = section
        self.sessions = sessions
        self.dm_interval = dm_interval  # seconds between DMs; grows on error 40003
        self._sleep = sleep
        self._next_dm_open = 0.0
        self._dm_channels: dict[str, str] = {}  # user id -> DM channel id (a cache only)

    async def send(self, delivery: Delivery) -> Sent:
        return await self.route(delivery)

    # -- targets -------------------------------------------------------------------------

    async def _channel(self, delivery: Outgoing) -> Sent:
        row = delivery.message
        channel_id = self.section.channels.get(row.channel_key or "")
        if not channel_id:
            raise PermanentFailure(f"no Discord channel id for {row.channel_key!r} in config")
        ids = await self._post(channel_id, row, delivery)
        thread_id = None
        if (row.subject or "").startswith("call:"):
            thread_id = await self._open_thread(channel_id, ids[0], delivery)
        # The buttons sit on the last part: that id finds the stored reply again (forms).
        return Sent(message_id=ids[-1], channel_id=channel_id, thread_id=thread_id)

    async def _thread(self, delivery: Outgoing) -> Sent:
        row = delivery.message
        ref = await where_posted(self.sessions, PLATFORM, row.subject or "")
        if ref is None:
            raise RetryLater(5, f"{row.subject} is not posted yet")
        channel_id = ref.thread_id or ref.channel_id
        ids = await self._post(channel_id, row, delivery)
        return Sent(message_id=ids[-1], channel_id=channel_id)

    async def _edit(self, delivery: Outgoing) -> Sent:
        """New content for an earlier post (RSVP or vote counts): PATCH the message that
        carries the post's buttons."""
        subject = delivery.message.subject or ""
        ref = await where_posted(self.sessions, PLATFORM, subject)
        if ref is None:
            raise RetryLater(5, f"{subject} is not posted yet")
        bodies = render.message_bodies(delivery.reply)
        body = {**bodies[0], "components": bodies[-1].get("components", [])}
        path = f"/channels/{ref.channel_id}/messages/{ref.message_id}"
        try:
            await self.rest.request("PATCH", path, json=body)
        except DiscordError as exc:
            raise PermanentFailure(f"edit of {subject}: {exc}") from exc
        return Sent(message_id=ref.message_id, channel_id=ref.channel_id)

    async def _dm(self, delivery: Outgoing) -> Sent:
        recipient = delivery.recipient
        if recipient is None or recipient.platform != PLATFORM or not recipient.platform_user_id:
            raise PermanentFailure("DM without a Discord recipient (or an erased one)")
        channel_id = await self._dm_channel(recipient.platform_user_id)
        ids = await self._post(channel_id, delivery.message, delivery)
        return Sent(message_id=ids[-1], channel_id=channel_id)

    async def _ephemeral(self, delivery: Outgoing) -> Sent:
        row = delivery.message
        if not row.reply_ref:
            return await self._dm(delivery)
        ref = InteractionRef.decode(row.reply_ref)
        base = f"/webhooks/{ref.application_id}/{ref.token}"
        bodies = render.message_bodies(delivery.reply)
        try:
            if ref.component and delivery.reply.update_origin and len(bodies) == 1:
                body = {**bodies[0], "components": bodies[0].get("components", [])}
                data = await self.rest.request("PATCH", f"{base}/messages/@original", json=body)
                return Sent(message_id=str(data["id"]), channel_id=str(data["channel_id"]))
            data = None
            for i, body in enumerate(bodies):
                data = await self.rest.request(
                    "POST",
                    base,
                    json={**body, "flags": EPHEMERAL},
                    params={"wait": "true"},
                    files=delivery.reply.files if i == len(bodies) - 1 else (),
                )
        except DiscordError as exc:
            if exc.code in (UNKNOWN_WEBHOOK, INVALID_WEBHOOK_TOKEN) and delivery.recipient:
                # The interaction expired (15 minutes): the answer still arrives, by DM.
                return await self._dm(delivery)
            raise PermanentFailure(f"interaction answer: {exc}") from exc
        assert data is not None
        return Sent(message_id=str(data["id"]), channel_id=str(data.get("channel_id") or ""))

    async def _reaction(self, delivery: Outgoing) -> Sent:
        row = delivery.message
        channel_id, _, message_id = (row.reply_ref or "").partition("/")
        if not message_id:
            raise PermanentFailure(f"reaction without a message reference: {row.reply_ref!r}")
        emoji = quote(render.emoji(delivery.reply.text), safe="")
        path = f"/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me"
        try:
            await self.rest.request("PUT", path)
        except DiscordError as exc:
            raise PermanentFailure(f"reaction: {exc}") from exc
        return Sent(message_id=message_id, channel_id=channel_id)

    # -- helpers -------------------------------------------------------------------------

    async def _post(self, channel_id: str, row: OutboxMessage, delivery: Outgoing) -> list[str]:
        """Post every part; returns the message ids. Each part has its own nonce derived
        from the row id, so a retry after a partial send only adds what is missing."""
        ids = []
        bodies = render.message_bodies(delivery.reply)
        for part, body in enumerate(bodies):
            body = {**body, "nonce": _nonce(row.id, part), "enforce_nonce": True}
            last = part == len(bodies) - 1  # files go with the last part, like the buttons
            try:
                data = await self.rest.request(
                    "POST",
                    f"/channels/{channel_id}/messages",
                    json=body,
                    files=delivery.reply.files if last else (),
                )
            except DiscordError as exc:
                raise self._failure(exc, row) from exc
            ids.append(str(data["id"]))
        return ids

    async def _open_thread(self, channel_id: str, message_id: str, delivery: Outgoing) -> str:
        body = {
            "name": render.thread_name(delivery.reply),
            "auto_archive_duration": THREAD_ARCHIVE_MINUTES,
        }
        path = f"/channels/{channel_id}/messages/{message_id}/threads"
        try:
            data = await self.rest.request("POST", path, json=body)
        except DiscordError as exc:
            if exc.code == THREAD_ALREADY_EXISTS:
                return message_id  # a retry: a message's thread has the message's id
            raise PermanentFailure(f"thread for {delivery.message.subject}: {exc}") from exc
        return str(data["id"])

    async def _dm_channel(self, user_id: str) -> str:
        cached = self._dm_channels.get(user_id)
        if cached:
            return cached
        await self._dm_open_slot()
        try:
            data = await self.rest.request(
                "POST", "/users/@me/channels", json={"recipient_id": user_id}
            )
        except DiscordError as exc:
            raise self._failure(exc, None) from exc
        self._dm_channels[user_id] = channel_id = str(data["id"])
        return channel_id

    async def _dm_open_slot(self) -> None:
        """Opening DMs is what Discord limits (40003), so new DM channels are opened one
        per ``dm_interval``; a long queue goes back to the outbox instead of waiting here."""
        now = time.monotonic()
        slot = max(now, self._next_dm_open)
        if slot - now > MAX_DM_WAIT:
            raise RetryLater(slot - now, "pacing new DMs", scope="channel")
        self._next_dm_open = slot + self.dm_interval
        if slot > now:
            await self._sleep(slot - now)

    def _failure(self, exc: DiscordError, row: OutboxMessage | None) -> Exception:
        if exc.code == DM_OPENING_TOO_FAST:
            # Discord wants fewer new DMs: slow down for good, and retry this one later.
            self.dm_interval = min(max(self.dm_interval * 2, 1.0), MAX_DM_INTERVAL)
            log.warning("Discord: opening DMs too fast; now one DM per %.0fs", self.dm_interval)
            return RetryLater(
                max(self.dm_interval, 10.0), "40003: opening DMs too fast", scope="channel"
            )
        if exc.code == CANNOT_DM_USER:
            return PermanentFailure("member does not accept DMs from the bot")
        return PermanentFailure(f"row {row.id if row else '-'}: {exc}")


def _nonce(row_id: int, part: int) -> str:
    return f"sb{row_id}" if part == 0 else f"sb{row_id}p{part}"
