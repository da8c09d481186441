"""The Discord client: connects (auto-sharded), registers the application commands from
the command table, turns interactions and messages into core calls, and runs the outbox
drainer for Discord. Handlers only translate; every rule lives in the core."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any, cast

import discord
from discord import app_commands

from bot.app import App
from bot.core.commands import Command
from bot.core.context import Actor, Incoming
from bot.core.i18n import t
from bot.delivery.drainer import Drainer
from bot.features.help import suggestions
from bot.handlers.discord import commands, components
from bot.handlers.discord.rest import RestClient, api_base
from bot.handlers.discord.roles import (
    PLATFORM,
    actor_for,
    member_keys,
    resolve_role,
    role_for,
)
from bot.handlers.discord.sender import DiscordSender, InteractionRef, message_ref
from bot.handlers.platform import delivering, finishing, replaying
from bot.inbox.store import Entry, Stored
from bot.outbox.refs import thread_call
from bot.settings import ConfigError, Pacing
from bot.vocabulary.enums import Role

log = logging.getLogger(__name__)

RECORDING_WAITS = 10
RECORDING_WAIT = 0.5  # seconds; I/O wait for the drainer's commit, not time logic
PROCESSING = 32  # stored items processed at once (as on Slack)
MEMBER_TTL = 300.0  # seconds a server member fetched over REST is remembered (as Slack's groups)


def use_api_url(url: str | None) -> None:
    """Point discord.py's REST (and so ``GET /gateway/bot``) at ``DISCORD_API_URL``.
    discord.py reads one class attribute for every route; this is the only place we set
    it. The auto-sharded client takes the gateway URL from ``/gateway/bot``."""
    discord.http.Route.BASE = api_base(url)


def intents() -> discord.Intents:
    """Guilds (channels, roles), messages in servers and DMs, and message content: the
    text of thread replies is the signal (privileged; switch it on in the portal)."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.guild_messages = True
    wanted.dm_messages = True
    wanted.message_content = True
    return wanted


class SignaalClient(discord.AutoShardedClient):
    def __init__(
        self,
        app: App,
        *,
        dm_interval: float = 1.0,
        drainer_options: dict[str, Any] | None = None,
        **options: Any,
    ) -> None:
        options.setdefault("chunk_guilds_at_startup", False)
        super().__init__(
            intents=intents(), allowed_mentions=discord.AllowedMentions.none(), **options
        )
        self.app = app
        self.section = app.community.discord
        token = app.settings.discord_token
        self.rest = RestClient(
            token.get_secret_value() if token else "", app.settings.discord_api_url
        )
        self.sender = DiscordSender(self.rest, self.section, app.sessions, dm_interval=dm_interval)
        # The shared drainer claims interaction answers first, so a member waiting for an
        # answer is not held up by a fan-out of DMs.
        self.drainer = Drainer(
            app.sessions,
            self.sender,
            app.clock,
            settings=app.community.delivery,
            pacing=app.community.delivery.discord,
            **(drainer_options or {}),
        )
        self.tree = app_commands.CommandTree(self)
        self.tree.error(self._on_tree_error)
        self._running = AsyncExitStack()
        self._replayer: asyncio.Task[None] | None = None
        self._chat_channels: set[int] = set()
        self._call_threads: dict[int, int] = {}  # thread channel id → its call
        self._busy: set[asyncio.Task[Any]] = set()
        # stored items processed at once; the rest wait their turn, safe in the inbox
        self._processing = asyncio.Semaphore(PROCESSING)
        self._members: dict[int, tuple[float, discord.Member]] = {}  # fetched, until expiry

    # -- start and stop ------------------------------------------------------------------

    async def setup_hook(self) -> None:
        for command in commands.build(self.app.core.table, self.run_command, self.suggest):
            self.tree.add_command(command)
        self.add_dynamic_items(components.Action)
        await self._running.enter_async_context(delivering(self.app, self.drainer))
        self._replayer = asyncio.create_task(replaying(self.app, PLATFORM, self.process))
        await self.sync_commands()

    async def sync_commands(self) -> None:
        """Guild commands appear at once; global ones (``sync_globally``) can take an hour
        and would show twice in the server, so then the guild's copy is cleared."""
        guild = discord.Object(int(self.section.guild_id)) if self.section.guild_id else None
        try:
            if self.section.sync_globally:
                await self.tree.sync()
                if guild is not None:
                    await self.tree.sync(guild=guild)  # empty: removes old guild copies
            elif guild is not None:
                self.tree.copy_global_to(guild=guild)
                await self.tree.sync(guild=guild)
            else:
                log.warning("no discord.guild_id and no sync_globally: commands not synced")
        except discord.HTTPException:
            log.exception("syncing the application commands failed; the old ones stay")

    @asynccontextmanager
    async def _busy_with(self) -> AsyncIterator[None]:
        """Track a request being handled, so a shutdown can let it finish."""
        task = asyncio.current_task()
        if task is not None:
            self._busy.add(task)
        try:
            yield
        finally:
            if task is not None:
                self._busy.discard(task)

    async def settle(self) -> None:
        """Wait until the requests being handled have finished."""
        while busy := {t for t in self._busy if t is not asyncio.current_task()}:
            await asyncio.wait(busy)

    async def close(self) -> None:
        await finishing("Discord", self.settle, self.app.settings.shutdown_seconds)
        if self._replayer is not None:
            self._replayer.cancel()
            await asyncio.gather(self._replayer, return_exceptions=True)
        await self._running.aclose()
        await self.rest.close()
        await super().close()

    # -- interactions --------------------------------------------------------------------
    # Every interaction that changes something is persisted in the inbox (keyed on the
    # interaction id) before it is acknowledged, then processed from the stored row; the
    # core marks the row processed in the transaction of its effect. After a crash the
    # row is replayed at start and answered through the interaction's follow-up (or by
    # DM once the interaction expired).

    async def run_command(
        self, interaction: discord.Interaction, command: Command, options: dict[str, str]
    ) -> None:
        payload = {"command": command.name, "sub": command.sub, "options": options}
        await self._persist_and_run(interaction, "command", payload, component=False)

    async def on_action(self, interaction: discord.Interaction, custom_id: str) -> None:
        """A button or select option, possibly on a message from before a restart."""
        try:
            form = await components.find_form(self.app.sessions, interaction.message, custom_id)
            if form is not None:  # opening a form changes nothing: nothing to keep
                await interaction.response.send_modal(components.form_modal(form))
                return
        except Exception as exc:
            await self.apologise(interaction, exc)
            return
        payload = {"action": components.picked(interaction, custom_id)}
        await self._persist_and_run(interaction, "action", payload, component=True)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        if interaction.type is not discord.InteractionType.modal_submit:
            return  # commands go through the tree, components through ``Action``
        data = cast(dict[str, Any], interaction.data or {})
        payload = {"form": str(data.get("custom_id", "")), "values": components.submitted(data)}
        await self._persist_and_run(interaction, "form", payload, component=False)

    async def _persist_and_run(
        self,
        interaction: discord.Interaction,
        kind: str,
        payload: dict[str, Any],
        *,
        component: bool,
    ) -> None:
        """Persist, acknowledge (within Discord's 3 seconds), then process."""
        user = interaction.user
        payload |= {
            "user": str(user.id),
            "name": user.display_name,
            # the roles as Discord sent them; None: not a server member (a DM), look up
            "keys": sorted(member_keys(user)) if isinstance(user, discord.Member) else None,
            "ref": InteractionRef(
                str(interaction.application_id), interaction.token, component
            ).encode(),
        }
        async with self._busy_with():
            try:
                key = f"interaction:{interaction.id}"
                row_id = await self.app.inbox.persist(PLATFORM, key, kind, payload)
                if row_id is None:
                    return  # delivered twice: handled by whoever stored it first
                if component:
                    await interaction.response.defer()  # answers follow ephemerally
                else:
                    await interaction.response.defer(ephemeral=True, thinking=True)
                async with self._processing:
                    await self._handle(Stored(row_id, PLATFORM, key, kind, payload))
            except Exception as exc:
                await self.apologise(interaction, exc)

    async def suggest(
        self, interaction: discord.Interaction, ref: str, typed: str
    ) -> list[app_commands.Choice[int]]:
        staff = await resolve_role(self, interaction.user, self.section) is Role.STAFF
        found = await suggestions.suggestions(self.app.sessions, ref, typed, staff)
        return [app_commands.Choice(name=label, value=nr) for label, nr in found]

    async def _on_tree_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await self.apologise(interaction, error)

    async def apologise(self, interaction: discord.Interaction, error: BaseException) -> None:
        """Anything the core did not turn into a message itself: log it with a reference
        id and tell the user, briefly, in Dutch."""
        ref = uuid.uuid4().hex[:8]
        log.error(
            "Discord interaction failed (ref %s, user %s)",
            ref,
            interaction.user.id,
            exc_info=(type(error), error, error.__traceback__),
        )
        text = t("nl", "error-unexpected", ref=ref)
        try:
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True)
            else:
                await interaction.response.send_message(text, ephemeral=True)
        except discord.HTTPException:
            log.warning("could not send the apology (ref %s)", ref)

    # -- messages ------------------------------------------------------------------------

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or not message.content.strip():
            return
        if message.guild is None:
            kind, thread_ref = "dm", None
        elif await self._in_call_thread(message.channel):
            kind, thread_ref = "thread", str(message.channel.id)
        else:
            return
        ref = message_ref(message.channel.id, message.id)
        await self._guarded_message(message, kind, ref, thread_ref)

    async def _in_call_thread(self, channel: Any) -> bool:
        """Asked of the database, not discord.py's thread cache: a call's thread may be
        archived or unknown to this shard. A call's thread is remembered once found (with
        its call), plain text channels as chat."""
        if channel.id in self._chat_channels:
            return False
        if channel.id in self._call_threads or await self._known_call(channel.id):
            return True
        if isinstance(channel, discord.TextChannel):
            self._chat_channels.add(channel.id)
        elif self._new_calls_thread(channel):
            # A reply can beat the outbox recording the call's post: wait for it briefly.
            for _ in range(RECORDING_WAITS):
                await asyncio.sleep(RECORDING_WAIT)
                if await self._known_call(channel.id):
                    return True
        return False

    async def _known_call(self, channel_id: int) -> bool:
        """Whether this channel is a call's thread; remembered when it is (it stays one),
        so the next reply needs no look-up and the core gets its call."""
        call = await thread_call(self.app.reads, PLATFORM, str(channel_id))
        if call is not None:
            self._call_threads[channel_id] = call
        return call is not None

    def _new_calls_thread(self, channel: Any) -> bool:
        calls = self.section.channels.get("calls")
        if not isinstance(channel, discord.Thread) or str(channel.parent_id) != calls:
            return False
        created = channel.created_at or discord.utils.snowflake_time(channel.id)
        return (discord.utils.utcnow() - created).total_seconds() < 60

    async def _guarded_message(
        self, message: discord.Message, kind: str, ref: str, thread_ref: str | None
    ) -> None:
        """Persist first (keyed on the message), then process; a gateway replay of a
        stored message is not stored again, and what was never processed is replayed."""
        author = message.author
        payload = {
            "author": str(author.id),
            "name": author.display_name,
            # a server message carries the author's roles: no look-up per message
            "keys": sorted(member_keys(author)) if isinstance(author, discord.Member) else None,
            "text": message.content,
            "thread": thread_ref,
        }
        async with self._busy_with():
            try:
                if await self._stored_at_once(Entry(PLATFORM, ref, kind, payload)):
                    return
                row_id = await self.app.inbox.persist(PLATFORM, ref, kind, payload)
                if row_id is not None:
                    async with self._processing:
                        await self._handle(Stored(row_id, PLATFORM, ref, kind, payload))
            except Exception:
                log.exception("Discord message %s could not be handled", message.id)

    async def _stored_at_once(self, entry: Entry) -> bool:
        """A message arriving while there is room (``Storing.room``) is stored in one
        commit of its own (``Core.message_now``); not a DM, whose author's roles are
        asked of Discord first (a gateway message is not sent again: the row must not
        wait)."""
        if not self.app.core.storing.room or entry.payload.get("keys") is None:
            return False
        try:
            actor, incoming = await self._message(entry.kind, entry.key, entry.payload)
        except Exception:  # stored first; processing it logs what went wrong
            log.debug("a message goes the way of the inbox", exc_info=True)
            return False
        return await self.app.core.message_now(actor, incoming)

    async def process(self, row_id: int) -> None:
        """Handle a stored message or interaction (also when replayed after a crash)."""
        item = await self.app.inbox.load(row_id)
        if item is not None:
            await self._handle(item)

    async def _handle(self, item: Stored) -> None:
        row_id = item.id
        data = item.payload
        core = self.app.core
        if item.kind in ("thread", "dm"):
            actor, incoming = await self._message(item.kind, item.key, data)
            await core.message(actor, incoming, inbound=row_id)
            return
        actor = await self._stored_actor(data)
        if item.kind == "command":
            options = {str(k): str(v) for k, v in (data.get("options") or {}).items()}
            await core.command(
                actor,
                name=str(data["command"]),
                sub=data.get("sub"),
                options=options,
                inbound=row_id,
            )
        elif item.kind == "action":
            await core.press(actor, str(data["action"]), inbound=row_id)
        elif item.kind == "form":
            values = {str(k): str(v) for k, v in (data.get("values") or {}).items()}
            await core.submit(actor, str(data["form"]), values, inbound=row_id)
        else:
            log.warning("stored Discord item %s of unknown kind %r skipped", row_id, item.kind)
            await self.app.inbox.done(row_id)

    async def _message(self, kind: str, key: str, data: dict[str, Any]) -> tuple[Actor, Incoming]:
        """Who sent a member's message and what it is, for the core."""
        keys, name = data.get("keys"), str(data.get("name") or "")
        actor = (
            Actor(PLATFORM, str(data["author"]), name, role_for(set(keys), self.section))
            if keys is not None
            else await self.actor(str(data["author"]), name=name)
        )
        thread = data.get("thread")
        call = self._call_threads.get(int(thread)) if thread and thread.isdigit() else None
        return actor, Incoming(kind, str(data["text"]), key, call, thread)

    async def _stored_actor(self, data: dict[str, Any]) -> Actor:
        keys = data.get("keys")
        if keys is None:
            return await self.actor(str(data["user"]), str(data["ref"]), str(data["name"]))
        role = role_for(set(keys), self.section)
        return Actor(PLATFORM, str(data["user"]), str(data["name"]), role, str(data["ref"]))

    async def actor(self, user_id: str, reply_ref: str | None = None, name: str = "") -> Actor:
        """Who a Discord user is, by id: their roles in the configured server."""
        member = await self._server_member(int(user_id))
        if member is None:
            return Actor(
                PLATFORM, user_id, name or user_id, role_for({user_id}, self.section), reply_ref
            )
        return await actor_for(self, member, self.section, reply_ref)

    async def _server_member(self, user_id: int) -> discord.Member | None:
        guild = self.get_guild(int(self.section.guild_id)) if self.section.guild_id else None
        if guild is None:
            return None
        member = guild.get_member(user_id)
        cached = self._members.get(user_id)
        if member is None and cached is not None and cached[0] > time.monotonic():
            return cached[1]
        if member is None:
            try:
                member = await guild.fetch_member(user_id)
            except discord.HTTPException:
                log.info("Discord user %s is not in the configured server", user_id)
                return None
            # a cache, never the only copy: roles are looked up again after a while
            self._members[user_id] = (time.monotonic() + MEMBER_TTL, member)
        return member


class DiscordPlatform:
    """Discord as a ``Platform``: the auto-sharded client connects, registers the
    application commands and delivers the outbox while it runs."""

    name = PLATFORM

    def __init__(self, app: App) -> None:
        self.app = app
        use_api_url(app.settings.discord_api_url)
        self.client = SignaalClient(app, **app.settings.discord_shards())

    def sender(self) -> DiscordSender:
        return self.client.sender

    def pacing(self) -> Pacing:
        return self.app.community.delivery.discord

    async def actor(self, user_id: str, reply_ref: str | None = None) -> Actor:
        return await self.client.actor(user_id, reply_ref)

    async def serve(self) -> None:
        """Connect and serve until cancelled (``python -m bot run``)."""
        token = self.app.settings.discord_token
        if token is None:
            raise ConfigError("DISCORD_TOKEN ontbreekt")
        async with self.client:
            await self.client.start(token.get_secret_value())
