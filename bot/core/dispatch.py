"""The core's front door. Platform handlers call ``Core.command``, ``press``, ``submit``
and ``message``; each runs in one transaction (``unit``) that also writes the outgoing
messages. A refused command rolls back completely and becomes a friendly message
instead; anything unexpected is logged with a reference the member is shown."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import ORMExecuteState, Session

from bot.clock import Clock
from bot.core import arguments, audit, members
from bot.core.commands import CommandTable
from bot.core.context import Actor, Incoming, Tx
from bot.core.errors import AlreadyHandled, BotError, Forbidden, InvalidInput
from bot.core.parsing import scrub
from bot.core.replies import Reply
from bot.core.storing import Storing
from bot.inbox.store import claim as claim_inbound
from bot.inbox.store import claim_rows as claim_inbound_rows
from bot.outbox import rows as outbox
from bot.settings import Community
from bot.storage import later
from bot.storage.batches import Batches

log = logging.getLogger(__name__)

Work = Callable[[Tx], Awaitable[None]]
RETRIES = 4
RETRY_PAUSE = 0.02  # seconds, times the attempt: let the winning transaction finish
PASSING_SQLSTATES = {"40001", "40P01", "55P03"}  # serialization, deadlock, lock not available
# Messages stored together at most: on SQLite one batch holds the write lock, so it stays
# short (128 take 20-45 ms here) for the inbox's acknowledgements to slip in between
# batches; a bigger batch shares its statements and commit among more messages (16 at
# most stored 0.6 as many per second).
MESSAGE_BATCH = 128
# Batches of messages stored at once, and messages stored straight away beside others
# (``message_now``): one on SQLite (it writes one transaction at a time); on PostgreSQL
# two overlap, so a message arriving while one is stored is stored at once too, and under
# a burst the batches fill up (eight at once made batches of one: a transaction each).
SQLITE_WRITERS, POSTGRES_WRITERS = 1, 2
RENAME_BATCH = 100  # names told at the same moment, renamed in one statement


@dataclass(frozen=True)
class Request:
    """A member's message waiting to be stored with others (``Core._batch``)."""

    actor: Actor
    work: Work
    inbound: int | None


class Core:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        community: Community,
        platforms: list[str],
        table: CommandTable,
        web_key: bytes | None = None,
        message_writers: int = 1,
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.community = community
        self.platforms = platforms
        self.table = table
        self.web_key = web_key  # signs dashboard sign-in links; None: no dashboard
        # Called after every committed change with the tables it wrote: the drainers wake
        # up, the scheduler rebuilds its plan only when something it plans changed.
        self.listeners: list[Callable[[frozenset[str]], None]] = []
        self._messages = Batches(self._batch, MESSAGE_BATCH, writers=message_writers)
        self._renames = Batches(self._rename, RENAME_BATCH)
        # the drainers give way to members' messages; as many as batches may be written
        # at once are stored straight away
        self.storing = Storing(at_once=message_writers)

    # -- entry points -------------------------------------------------------------------
    # ``inbound``: the inbox row this request came from. It is marked processed in the
    # same transaction as the request's effect (or its refusal or apology), so a replay
    # after a crash runs it exactly once.

    async def command(
        self,
        actor: Actor,
        text: str | None = None,
        *,
        name: str = "",
        sub: str | None = None,
        options: dict[str, str] | None = None,
        inbound: int | None = None,
    ) -> list[int]:
        """Typed text (Slack, console: ``/oproep open vraag:...``) or typed options
        (Discord: name, sub and a dict of strings). Returns the new outbox row ids."""
        text = scrub(text) if text is not None else None
        options = {k: scrub(v) for k, v in (options or {}).items()}

        async def run(tx: Tx) -> None:
            command, raw = arguments.resolve(self.table, text, name, sub, options, tx.lang)
            action = command.full_name
            if not command.allowed(tx.member.role):
                raise Forbidden("error-role", action=action, command=action)
            values = arguments.convert(command, raw, tx)
            if command.restricted:
                tx.audit(action, audit.describe(command, values))
            await _refusals_named(command.handler(tx, values), action)

        return await self._run(actor, run, inbound)

    async def press(self, actor: Actor, action_id: str, *, inbound: int | None = None) -> list[int]:
        """A button or select option with a stable id (``poll:12:recognised:yes``)."""
        action_id = scrub(action_id)
        return await self._run(actor, lambda tx: self._act(tx, action_id, {}), inbound)

    async def submit(
        self, actor: Actor, form_id: str, values: dict[str, str], *, inbound: int | None = None
    ) -> list[int]:
        """A submitted form (modal)."""
        form_id, values = scrub(form_id), {k: scrub(v) for k, v in values.items()}
        return await self._run(actor, lambda tx: self._act(tx, form_id, values), inbound)

    async def message(
        self, actor: Actor, incoming: Incoming, *, inbound: int | None = None
    ) -> list[int]:
        """A reply in a call's thread or a DM to the bot: becomes a signal. Messages that
        arrive while others are being stored go together (``_together``)."""
        on_message = self.table.on_message
        if on_message is None:
            raise RuntimeError("the command table has no message handler")
        incoming = replace(incoming, text=scrub(incoming.text))
        request = Request(actor, lambda tx: on_message(tx, incoming), inbound)
        with self.storing.one():
            return await self._messages.run(request)

    async def message_now(self, actor: Actor, incoming: Incoming) -> bool:
        """A member's message stored in one transaction of its own while there is room
        beside the messages being stored (``Storing.room``: one on SQLite, as many as
        batches overlap on PostgreSQL): its signal is committed before the
        acknowledgement, so it needs no inbox row — the signal's unique platform message
        id is the inbox's key for a message, and a retry stores nothing (``Duplicate``),
        either way it arrives. True when it is handled (stored, or stored before); False
        when nothing of it stayed — no room, or it was refused or failed here: the caller
        persists it first and processes it the usual way (in a batch, with its refusal,
        retries or apology)."""
        on_message = self.table.on_message
        if on_message is None or not incoming.message_id or not self.storing.room:
            return False  # without its platform id a retry could not be told apart
        incoming = replace(incoming, text=scrub(incoming.text))
        with self.storing.one():
            try:
                async with self.unit(actor, call=incoming.call_id) as tx:
                    await on_message(tx, incoming)
            except Exception:
                log.debug("a message goes the way of the inbox", exc_info=True)
                return False
        return True

    async def rename(self, actor: Actor) -> None:
        """Her member named as the platform now calls her (Slack tells a new member's name
        after her message): renamed, or created so named if her message is not stored
        yet. Names told at the same moment go in one statement."""
        await self._renames.run(actor)

    async def _rename(self, actors: list[Actor]) -> list[None]:
        actors = sorted(actors, key=lambda a: (a.platform, a.user_id))  # one lock order
        for attempt in range(1, RETRIES + 1):
            try:
                async with self._transaction() as session:
                    await members.rename(session, actors, self.clock.now())
                break
            except DBAPIError as exc:
                if not await _again(exc, attempt):
                    raise
        return [None] * len(actors)

    @asynccontextmanager
    async def unit(
        self,
        actor: Actor,
        now: datetime | None = None,
        *,
        inbound: int | None = None,
        call: int | None = None,
    ) -> AsyncIterator[Tx]:
        """One transaction acted by ``actor`` (the schedule acts as the bot itself).
        Commits when the block ends without an error; listeners hear of it. ``call``: the
        call a thread reply goes to, looked up with her member (``Tx.kept`` has it)."""
        async with self._transaction() as session:
            known = None if call is None else await members.find_with_call(session, actor, call)
            tx = await self._begin(session, actor, now, inbound, known)
            yield tx
            await tx.write_outgoing()

    # -- plumbing -----------------------------------------------------------------------

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[AsyncSession]:
        """A session in a transaction that commits when the block ends without an error;
        then the listeners hear which tables it wrote."""
        async with self.sessions() as session, session.begin():
            yield session
            await session.flush()
            written = frozenset(session.info.get(WRITTEN, ()))
        self._changed(written)

    async def _begin(
        self,
        session: AsyncSession,
        actor: Actor,
        now: datetime | None,
        inbound: int | None,
        known: members.Known | None = None,
    ) -> Tx:
        """A request's unit of work in ``session``, its inbox row claimed first."""
        if inbound is not None and not await claim_inbound(session, inbound, self.clock.now()):
            raise AlreadyHandled(inbound)
        return await self._tx(session, actor, now, known)

    async def _batch(self, requests: list[Request]) -> list[list[int]]:
        """Messages that queued up while others were stored: all in one transaction (one
        commit, one wake-up of the drainers, one write lock turn on SQLite; their new
        members and signals in one INSERT each). When any of them is refused or fails — a
        message stored before fails the signals' INSERT — nothing of the batch stays and
        each runs on its own, with its own refusal, retries or apology."""
        if len(requests) > 1:
            try:
                return await self._together(requests)
            except Exception:
                log.debug("a batch of %s messages runs one by one", len(requests))
        return [await self._run(r.actor, r.work, r.inbound) for r in requests]

    async def _together(self, requests: list[Request]) -> list[list[int]]:
        done: list[Tx | None] = []
        # no autoflush: a look-up of the next message does not flush what the ones before
        # changed (a member's new name); that goes at the commit
        async with self._transaction() as session:
            later.defer(session, len(requests))  # their signals: one INSERT at the end
            with session.no_autoflush:
                known = await members.preload(
                    session, [r.actor for r in requests], self.clock.now()
                )
                claimed = await claim_inbound_rows(
                    session,
                    [r.inbound for r in requests if r.inbound is not None],
                    self.clock.now(),
                )
                for request in requests:
                    if request.inbound is not None and request.inbound not in claimed:
                        done.append(None)  # a replay of what was handled meanwhile
                        continue
                    claimed.discard(request.inbound)  # the same row twice runs once
                    tx = await self._begin(session, request.actor, None, None, known)
                    await request.work(tx)
                    done.append(tx)
                await later.write(session)
                await self._write_outgoing([tx for tx in done if tx])
        return [tx.created if tx else [] for tx in done]

    async def _write_outgoing(self, txs: list[Tx]) -> None:
        """The outgoing rows of a batch, in one INSERT where the database allows."""
        if not txs:
            return
        groups = [tx.outgoing for tx in txs]
        for tx, ids in zip(txs, await outbox.insert_together(txs[0].session, groups), strict=True):
            tx.created, tx.outgoing = tx.created + ids, []

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

    async def _run(self, actor: Actor, work: Work, inbound: int | None = None) -> list[int]:
        for attempt in range(1, RETRIES + 1):
            try:
                async with self.unit(actor, inbound=inbound) as tx:
                    await work(tx)
                return tx.created
            except AlreadyHandled:
                return []  # a replay of what was handled meanwhile
            except BotError as exc:
                return await self._refuse(actor, exc, inbound)
            except DBAPIError as exc:
                if await _again(exc, attempt):
                    continue  # the whole request once more
                return await self._fault(actor, inbound)
            except Exception:
                return await self._fault(actor, inbound)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _fault(self, actor: Actor, inbound: int | None) -> list[int]:
        """A real fault: logged once (no message texts: SQL parameters are hidden), and
        the member gets an apology with the reference."""
        ref = uuid.uuid4().hex[:8]
        log.exception(
            "unexpected error (ref %s) for %s user %s", ref, actor.platform, actor.user_id
        )
        return await self._apologise(actor, ref, inbound)

    def _changed(self, written: frozenset[str]) -> None:
        for listener in list(self.listeners):
            try:
                listener(written)
            except Exception:  # a listener must never undo or hide a committed change
                log.exception("change listener failed")

    async def _tx(
        self,
        session: AsyncSession,
        actor: Actor,
        now: datetime | None,
        known: members.Known | None = None,
    ) -> Tx:
        now = now or self.clock.now()
        member = await members.upsert(session, actor, now, known)
        return Tx(
            session, now, self.community, self.platforms, actor, member, self.table, self.web_key
        )

    async def _refuse(self, actor: Actor, exc: BotError, inbound: int | None) -> list[int]:
        async def say(tx: Tx) -> None:
            if isinstance(exc, Forbidden):  # what was refused, not what was typed
                tx.audit(exc.action or exc.key, exc.key, audit.REFUSED)
            tx.answer(Reply(text="⚠️ " + tx.t(exc.key, **exc.params)))

        return await self._run(actor, say, inbound)

    async def _apologise(self, actor: Actor, ref: str, inbound: int | None) -> list[int]:
        try:
            async with self.unit(actor, inbound=inbound) as tx:
                tx.answer(Reply(text=tx.t("error-unexpected", ref=ref)))
        except AlreadyHandled:
            return []
        return tx.created


async def _refusals_named(work: Awaitable[None], action: str) -> None:
    """A feature's own refusal (not hers, ambassadors only) is audited under the command
    or button it refused."""
    try:
        await work
    except Forbidden as exc:
        exc.action = exc.action or action
        raise


WRITTEN = "signaalbot_written"  # session.info: the tables this session wrote


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context: Any) -> None:
    written = session.info.setdefault(WRITTEN, set())
    for row in (*session.new, *session.dirty, *session.deleted):
        written.add(getattr(row, "__tablename__", ""))


@event.listens_for(Session, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is None:  # an INSERT whose returned row the ORM loads (``insert_object``)
            table = getattr(getattr(state.statement, "element", None), "table", None)
        state.session.info.setdefault(WRITTEN, set()).add(getattr(table, "name", ""))


async def _again(exc: DBAPIError, attempt: int) -> bool:
    """Whether a transaction that failed may run again (after a pause that lets the
    winner finish): a race another request won (a serialization failure, a deadlock, a
    row inserted at the same moment) or a connection that dropped."""
    if attempt < RETRIES and _passing(exc):
        await asyncio.sleep(RETRY_PAUSE * attempt)
        return True
    return False


def _passing(exc: DBAPIError) -> bool:
    """Errors that go away when the request runs again."""
    if isinstance(exc, IntegrityError):
        return True  # a unique row inserted by a concurrent request
    if exc.connection_invalidated:
        return True  # its connection dropped (a database restart): the pool has a new one
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return code in PASSING_SQLSTATES or "database is locked" in str(exc.orig)
