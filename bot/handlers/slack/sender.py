"""Delivers outbox rows to Slack: channel posts, thread replies, DMs, ephemeral answers
and reactions. A 429 becomes ``RetryLater(Retry-After)``; errors that can never succeed
become ``PermanentFailure``. The outbox row id rides along as message metadata."""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.handlers.platform import Outgoing, TargetRouter
from bot.handlers.slack.blocks import Message, render
from bot.handlers.slack.refs import SlackRef, split_message_ref
from bot.outbox.delivery import Delivery, PermanentFailure, RetryLater, Sent
from bot.outbox.refs import where_posted
from bot.settings import PlatformSection

log = logging.getLogger(__name__)

PLATFORM = "slack"
METADATA_TYPE = "signaalbot_outbox"
TRANSIENT = {
    "ratelimited",
    "internal_error",
    "fatal_error",
    "service_unavailable",
    "request_timeout",
}
NOT_THERE = {"channel_not_found", "not_in_channel", "user_not_in_channel", "is_archived"}


class SlackSender(TargetRouter):
    platform = PLATFORM

    def __init__(
        self,
        client: AsyncWebClient,
        sessions: async_sessionmaker[AsyncSession],
        section: PlatformSection,
    ) -> None:
        # Pacing (about one message per second per channel) is the drainer's job.
        self.client = client
        self.sessions = sessions
        self.section = section
        self._dm_channels: dict[str, str] = {}  # a cache; conversations.open is idempotent

    async def send(self, delivery: Delivery) -> Sent:
        try:
            return await self.route(delivery)
        except SlackApiError as exc:
            raise classify(exc) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise RetryLater(10, f"network: {type(exc).__name__}") from exc

    # -- public posts ---------------------------------------------------------------------

    async def _channel(self, delivery: Outgoing) -> Sent:
        key = delivery.message.channel_key or ""
        channel = self.section.channels.get(key)
        if not channel:
            raise PermanentFailure(f"no Slack channel configured for {key!r} ([slack.channels])")
        ts = await self._post(channel, delivery)
        return Sent(message_id=ts, channel_id=channel)

    async def _thread(self, delivery: Outgoing) -> Sent:
        subject = delivery.message.subject or ""
        ref = await where_posted(self.sessions, PLATFORM, subject)
        if ref is None:  # the parent post is still on its way
            raise RetryLater(10, f"no Slack post yet for {subject}")
        thread_ts = ref.thread_id or ref.message_id
        ts = await self._post(ref.channel_id, delivery, thread_ts=thread_ts)
        return Sent(message_id=ts, channel_id=ref.channel_id, thread_id=thread_ts)

    async def _dm(self, delivery: Outgoing) -> Sent:
        user = _user(delivery)
        channel = self._dm_channels.get(user)
        if channel is None:
            response = await self.client.conversations_open(users=user)
            channel = response["channel"]["id"]
            self._dm_channels[user] = channel
        ts = await self._post(channel, delivery)
        return Sent(message_id=ts, channel_id=channel)

    async def _post(self, channel: str, delivery: Outgoing, thread_ts: str | None = None) -> str:
        if delivery.attempt > 1:  # an earlier try may have arrived before its answer got lost
            found = await self._find_sent(channel, delivery.message.id, thread_ts)
            if found:
                return found
        first_ts = ""
        for message in render(delivery.reply):
            response = await self.client.chat_postMessage(
                channel=channel,
                text=message.text,
                blocks=message.blocks or None,
                thread_ts=thread_ts,
                unfurl_links=False,
                metadata={
                    "event_type": METADATA_TYPE,
                    "event_payload": {"outbox_id": delivery.message.id},
                },
            )
            first_ts = first_ts or response["ts"]
        for file in delivery.reply.files:  # an event's .ics: a file in the same place
            await self.client.files_upload_v2(
                channel=channel,
                thread_ts=thread_ts,
                file=file.data(),
                filename=file.name,
                title=file.name,
            )
        return first_ts

    async def _find_sent(self, channel: str, row_id: int, thread_ts: str | None) -> str | None:
        """The ts of a message carrying this outbox row id in its metadata, if any."""
        try:
            if thread_ts:
                response = await self.client.conversations_replies(
                    channel=channel, ts=thread_ts, limit=100, include_all_metadata=True
                )
            else:
                response = await self.client.conversations_history(
                    channel=channel, limit=50, include_all_metadata=True
                )
        except SlackApiError as exc:  # cannot tell: sending again beats never sending
            log.info("could not check for an earlier send of row %s: %s", row_id, exc)
            return None
        for message in response.get("messages") or []:
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") == METADATA_TYPE and payload.get("outbox_id") == row_id:
                return str(message.get("ts") or "") or None
        return None

    async def _edit(self, delivery: Outgoing) -> Sent:
        """New content for an earlier post (RSVP or vote counts): ``chat.update``."""
        subject = delivery.message.subject or ""
        ref = await where_posted(self.sessions, PLATFORM, subject)
        if ref is None:  # the post is still on its way
            raise RetryLater(10, f"no Slack post yet for {subject}")
        message = render(delivery.reply)[0]
        await self.client.chat_update(
            channel=ref.channel_id, ts=ref.message_id, text=message.text, blocks=message.blocks
        )
        return Sent(message_id=ref.message_id, channel_id=ref.channel_id)

    # -- only for one member --------------------------------------------------------------

    async def _ephemeral(self, delivery: Outgoing) -> Sent:
        ref = SlackRef.loads(delivery.message.reply_ref)
        messages = render(delivery.reply)
        if ref is None or delivery.reply.files:  # Slack has no files in ephemeral messages
            return await self._dm(delivery)
        if (
            delivery.reply.update_origin
            and ref.response_url
            and await self._respond(ref.response_url, messages, replace=True)
        ):
            return Sent()
        if ref.channel:
            try:
                for message in messages:
                    await self.client.chat_postEphemeral(
                        channel=ref.channel,
                        user=ref.user,
                        text=message.text,
                        blocks=message.blocks or None,
                        thread_ts=ref.thread_ts,
                    )
                return Sent()
            except SlackApiError as exc:
                if exc.response.get("error") not in NOT_THERE:
                    raise
        # The bot is not in that channel: the response_url still works, else a DM.
        if ref.response_url and await self._respond(ref.response_url, messages, replace=False):
            return Sent()
        return await self._dm(delivery)

    async def _respond(self, url: str, messages: list[Message], replace: bool) -> bool:
        """Answer through the interaction's response_url (valid 30 minutes, 5 times)."""
        webhook = AsyncWebhookClient(url)
        for i, message in enumerate(messages):
            body = {
                "text": message.text,
                "blocks": message.blocks,
                "response_type": "ephemeral",
                "replace_original": replace and i == 0,
            }
            response = await webhook.send_dict(body)
            if response.status_code == 429:
                raise RetryLater(_retry_after(response.headers), "response_url rate limited")
            if response.status_code >= 300:
                log.info("response_url answered %s; falling back", response.status_code)
                return False
        return True

    async def _reaction(self, delivery: Outgoing) -> Sent:
        target = split_message_ref(delivery.message.reply_ref or "")
        if target is None:
            raise PermanentFailure("reaction without a message reference")
        channel, ts = target
        try:
            await self.client.reactions_add(
                channel=channel, timestamp=ts, name=delivery.reply.text or "white_check_mark"
            )
        except SlackApiError as exc:
            if exc.response.get("error") != "already_reacted":
                raise
        return Sent()


def _user(delivery: Outgoing) -> str:
    if delivery.recipient is None or delivery.recipient.platform_user_id is None:
        raise PermanentFailure("direct message without a recipient (or an erased one)")
    return delivery.recipient.platform_user_id


def _retry_after(headers: Any) -> float:
    for key, value in (headers or {}).items():
        if key.lower() == "retry-after":
            try:
                return max(float(value if isinstance(value, str) else value[0]), 1.0)
            except (TypeError, ValueError, IndexError):
                break
    return 1.0


def classify(exc: SlackApiError) -> Exception:
    """Map a Slack API error to the outbox's retry-or-give-up exceptions."""
    status = exc.response.status_code
    error = str(exc.response.get("error") or "")
    if status == 429 or error == "ratelimited":
        return RetryLater(_retry_after(exc.response.headers), "slack rate limited (429)")
    if status >= 500 or error in TRANSIENT:
        return RetryLater(30, f"slack {status} {error}")
    return PermanentFailure(f"slack error: {error or status}")
