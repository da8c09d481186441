"""The Discord client: connects (auto-sharded), registers the application commands from
the command table, turns interactions and messages into core calls, and runs the outbox
drainer for Discord. Handlers only translate; every rule lives in the core."""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

import discord
from discord import app_commands
from sqlalchemy.exc import IntegrityError

from bot.core.commands import Command
from bot.core.context import Actor, Incoming
from bot.core.enums import Role
from bot.core.texts import t
from bot.delivery.drainer import Drainer
from bot.handlers.discord import autocomplete, commands, components, inbound
from bot.handlers.discord.rest import RestClient, api_base
from bot.handlers.discord.roles import actor_for, resolve_role
from bot.handlers.discord.sender import DiscordSender, InteractionRef, message_ref

log = logging.getLogger(__name__)

RECORDING_WAITS = 10
RECORDING_WAIT = 0.5  # seconds; I/O wait for the drainer's commit, not time logic


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
        app: Any,
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
            **(drainer_options or {}),
        )
        self.tree = app_commands.CommandTree(self)
        self.tree.on_error = self._on_tree_error  # type: ignore[method-assign]
        self._drain_task: asyncio.Task[None] | None = None
        self._chat_channels: set[int] = set()

    # -- start and stop ------------------------------------------------------------------

    async def setup_hook(self) -> None:
        for command in commands.build(self.run_command, self.suggest):
            self.tree.add_command(command)
        self.add_dynamic_items(components.Action)
        self._drain_task = asyncio.create_task(self.drainer.run(), name="discord-outbox")
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

    async def close(self) -> None:
        self.drainer.stop()
        if self._drain_task is not None:
            await asyncio.gather(self._drain_task, return_exceptions=True)
        await self.rest.close()
        await super().close()

    # -- interactions --------------------------------------------------------------------

    async def run_command(
        self, interaction: discord.Interaction, command: Command, options: dict[str, str]
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        actor = await self._actor(interaction, component=False)
        await self.app.core.command(actor, name=command.name, sub=command.sub, options=options)
        self.drainer.wake()

    async def on_action(self, interaction: discord.Interaction, custom_id: str) -> None:
        """A button or select option, possibly on a message from before a restart."""
        try:
            form = await components.find_form(self.app.sessions, interaction.message, custom_id)
            if form is not None:
                await interaction.response.send_modal(components.form_modal(form))
                return
            await interaction.response.defer()  # acknowledged; answers follow ephemerally
            actor = await self._actor(interaction, component=True)
            await self.app.core.press(actor, components.picked(interaction, custom_id))
            self.drainer.wake()
        except Exception as exc:
            await self.apologise(interaction, exc)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        if interaction.type is not discord.InteractionType.modal_submit:
            return  # commands go through the tree, components through ``Action``
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
            data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
            actor = await self._actor(interaction, component=False)
            await self.app.core.submit(
                actor, str(data.get("custom_id", "")), components.submitted(data)
            )
            self.drainer.wake()
        except Exception as exc:
            await self.apologise(interaction, exc)

    async def suggest(
        self, interaction: discord.Interaction, ref: str, typed: str
    ) -> list[app_commands.Choice[int]]:
        staff = await resolve_role(self, interaction.user, self.section) is Role.STAFF
        found = await autocomplete.suggestions(self.app.sessions, ref, typed, staff)
        return [app_commands.Choice(name=label, value=nr) for label, nr in found]

    async def _actor(self, interaction: discord.Interaction, *, component: bool) -> Actor:
        ref = InteractionRef(str(interaction.application_id), interaction.token, component)
        return await actor_for(self, interaction.user, self.section, ref.encode())

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
        text = t("nl", "error.unexpected", ref=ref)
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
        """Asked of the database, not the thread cache: a call's thread may be archived
        or unknown to this shard. Plain text channels are remembered as chat."""
        if channel.id in self._chat_channels:
            return False
        if await inbound.is_call_thread(self.app.sessions, channel.id):
            return True
        if isinstance(channel, discord.TextChannel):
            self._chat_channels.add(channel.id)
        elif self._new_calls_thread(channel):
            # A reply can beat the outbox recording the call's post: wait for it briefly.
            for _ in range(RECORDING_WAITS):
                await asyncio.sleep(RECORDING_WAIT)
                if await inbound.is_call_thread(self.app.sessions, channel.id):
                    return True
        return False

    def _new_calls_thread(self, channel: Any) -> bool:
        calls = self.section.channels.get("calls")
        if not isinstance(channel, discord.Thread) or str(channel.parent_id) != calls:
            return False
        created = channel.created_at or discord.utils.snowflake_time(channel.id)
        return (discord.utils.utcnow() - created).total_seconds() < 60

    async def _guarded_message(
        self, message: discord.Message, kind: str, ref: str, thread_ref: str | None
    ) -> None:
        try:
            if not await inbound.record(self.app.sessions, self.app.clock, ref, kind, message):
                return  # seen before (a gateway replay)
            actor = await actor_for(self, message.author, self.section)
            incoming = Incoming(kind, message.content, ref, thread_ref=thread_ref)
            await self.app.core.message(actor, incoming)
            self.drainer.wake()
            await inbound.processed(self.app.sessions, self.app.clock, ref)
        except IntegrityError:
            return
        except Exception:
            log.exception("Discord message %s could not be handled", message.id)


async def run(app: Any) -> None:
    """Connect and serve until cancelled (``python -m bot run``)."""
    use_api_url(app.settings.discord_api_url)
    token = app.settings.discord_token
    if token is None:
        raise RuntimeError("DISCORD_TOKEN is not set")
    client = SignaalClient(app, **app.settings.discord_shards())
    async with client:
        await client.start(token.get_secret_value())
