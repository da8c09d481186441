"""The core's front door. Platform handlers call ``Core.command``, ``press``, ``submit``
and ``message``; each runs in one transaction (``unit``) that also writes the outgoing
messages. A refused command rolls back completely and becomes a friendly message
instead; anything unexpected is logged with a reference the member is shown."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.core import arguments, audit, members
from bot.core.commands import CommandTable
from bot.core.context import Actor, Incoming, Tx
from bot.core.errors import BotError, Forbidden, InvalidInput
from bot.core.replies import Reply
from bot.settings import Community

log = logging.getLogger(__name__)

Work = Callable[[Tx], Awaitable[None]]


class Core:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        community: Community,
        platforms: list[str],
        table: CommandTable,
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.community = community
        self.platforms = platforms
        self.table = table
        # Called after every committed change (the scheduler rebuilds its plan, the
        # drainers wake up).
        self.listeners: list[Callable[[], None]] = []

    # -- entry points -------------------------------------------------------------------

    async def command(
        self,
        actor: Actor,
        text: str | None = None,
        *,
        name: str = "",
        sub: str | None = None,
        options: dict[str, str] | None = None,
    ) -> list[int]:
        """Typed text (Slack, console: ``/oproep open vraag:...``) or typed options
        (Discord: name, sub and a dict of strings). Returns the new outbox row ids."""

        async def run(tx: Tx) -> None:
            command, raw = arguments.resolve(self.table, text, name, sub, options, tx.lang)
            action = command.full_name
            if not command.allowed(tx.member.role):
                raise Forbidden("error-role", action=action, command=action)
            values = arguments.convert(command, raw, tx)
            if command.restricted:
                tx.audit(action, audit.describe(command, values))
            await _refusals_named(command.handler(tx, values), action)

        return await self._run(actor, run)

    async def press(self, actor: Actor, action_id: str) -> list[int]:
        """A button or select option with a stable id (``poll:12:recognised:yes``)."""
        return await self._run(actor, lambda tx: self._act(tx, action_id, {}))

    async def submit(self, actor: Actor, form_id: str, values: dict[str, str]) -> list[int]:
        """A submitted form (modal)."""
        return await self._run(actor, lambda tx: self._act(tx, form_id, values))

    async def message(self, actor: Actor, incoming: Incoming) -> list[int]:
        """A reply in a call's thread or a DM to the bot: becomes a signal."""
        on_message = self.table.on_message
        if on_message is None:
            raise RuntimeError("the command table has no message handler")
        return await self._run(actor, lambda tx: on_message(tx, incoming))

    @asynccontextmanager
    async def unit(self, actor: Actor, now: datetime | None = None) -> AsyncIterator[Tx]:
        """One transaction acted by ``actor`` (the schedule acts as the bot itself).
        Commits when the block ends without an error; listeners hear of it."""
        async with self.sessions() as session, session.begin():
            tx = await self._tx(session, actor, now)
            yield tx
            await session.flush()
        self._changed()

    # -- plumbing -----------------------------------------------------------------------

    async def _act(self, tx: Tx, action_id: str, values: dict[str, str]) -> None:
        parts = action_id.split(":")
        action = self.table.actions.get(parts[0])
        if action is None:
            raise InvalidInput("error-unknown-button")
        name = f"knop {parts[0]}"
        if parts[0] in self.table.staff_actions:
            if not tx.is_staff:
                raise Forbidden("error-staff-only", action=name)
            tx.audit(name, action_id)  # ids hold numbers and codes; form texts stay out
        await _refusals_named(action(tx, parts[1:], values), name)

    async def _run(self, actor: Actor, work: Work) -> list[int]:
        try:
            async with self.unit(actor) as tx:
                await work(tx)
            return [row.id for row in tx.created]
        except BotError as exc:
            return await self._refuse(actor, exc)
        except Exception:
            ref = uuid.uuid4().hex[:8]
            log.exception(
                "unexpected error (ref %s) for %s user %s", ref, actor.platform, actor.user_id
            )
            return await self._apologise(actor, ref)

    def _changed(self) -> None:
        for listener in self.listeners:
            try:
                listener()
            except Exception:  # a listener must never undo or hide a committed change
                log.exception("change listener failed")

    async def _tx(self, session: AsyncSession, actor: Actor, now: datetime | None) -> Tx:
        now = now or self.clock.now()
        member = await members.upsert(session, actor, now)
        return Tx(session, now, self.community, self.platforms, actor, member, self.table)

    async def _refuse(self, actor: Actor, exc: BotError) -> list[int]:
        async def say(tx: Tx) -> None:
            if isinstance(exc, Forbidden):  # what was refused, not what was typed
                tx.audit(exc.action or exc.key, exc.key, audit.REFUSED)
            tx.answer(Reply(text="⚠️ " + tx.t(exc.key, **exc.params)))

        return await self._run(actor, say)

    async def _apologise(self, actor: Actor, ref: str) -> list[int]:
        async with self.unit(actor) as tx:
            tx.answer(Reply(text=tx.t("error-unexpected", ref=ref)))
        return [row.id for row in tx.created]


async def _refusals_named(work: Awaitable[None], action: str) -> None:
    """A feature's own refusal (not hers, ambassadors only) is audited under the command
    or button it refused."""
    try:
        await work
    except Forbidden as exc:
        exc.action = exc.action or action
        raise
