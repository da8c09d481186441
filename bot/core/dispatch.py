"""The core's front door. Platform handlers call ``Core.command``, ``press``, ``submit``
and ``message``; each runs in one transaction that also writes the outgoing messages.
A refused command rolls back completely and becomes a friendly message instead."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.clock import Clock
from bot.core import commands as table
from bot.core import events, members, polls, privacy, signals, triage
from bot.core.commands import Arg, Command, Kind
from bot.core.context import Actor, Incoming, Tx
from bot.core.errors import BotError, Forbidden, InvalidInput
from bot.core.parsing import (
    clean_text,
    parse_datetime,
    parse_number,
    parse_offsets,
    split,
    split_key,
)
from bot.core.replies import Reply
from bot.settings import Community

log = logging.getLogger(__name__)

Action = Callable[[Tx, list[str], dict[str, str]], Awaitable[None]]

# Button/select/form ids start with their feature: "poll:12:recognised:yes".
ACTIONS: dict[str, Action] = {
    "poll": polls.on_action,
    "triage": triage.on_action,
    "signal": signals.on_action,
    "privacy": privacy.on_action,
    "event": events.on_action,
}


class Core:
    def __init__(
        self,
        sessions: async_sessionmaker,
        clock: Clock,
        community: Community,
        platforms: list[str],
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.community = community
        self.platforms = platforms
        self.tz = ZoneInfo(community.timezone)
        # Called after every committed change (the scheduler rebuilds its plan).
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
            command, raw = self._resolve(text, name, sub, options)
            if not command.allowed(tx.member.role):
                raise Forbidden("error.role", command=command.full_name)
            await command.handler(tx, self._convert(command, raw, tx))

        return await self._run(actor, run)

    async def press(self, actor: Actor, action_id: str) -> list[int]:
        """A button or select option with a stable id (``poll:12:recognised:yes``)."""
        return await self._run(actor, lambda tx: self._act(tx, action_id, {}))

    async def submit(self, actor: Actor, form_id: str, values: dict[str, str]) -> list[int]:
        """A submitted form (modal)."""
        return await self._run(actor, lambda tx: self._act(tx, form_id, values))

    async def message(self, actor: Actor, incoming: Incoming) -> list[int]:
        """A reply in a call's thread or a DM to the bot: becomes a signal."""
        return await self._run(actor, lambda tx: signals.on_message(tx, incoming))

    # -- plumbing -----------------------------------------------------------------------

    async def _act(self, tx: Tx, action_id: str, values: dict[str, str]) -> None:
        parts = action_id.split(":")
        action = ACTIONS.get(parts[0])
        if action is None:
            raise InvalidInput("error.unknown_button")
        await action(tx, parts[1:], values)

    async def _run(self, actor: Actor, work: Callable[[Tx], Awaitable[None]]) -> list[int]:
        try:
            async with self.sessions() as session, session.begin():
                tx = await self._tx(session, actor)
                await work(tx)
                await session.flush()
                ids = [row.id for row in tx.created]
            self._changed()
            return ids
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

    async def _tx(self, session: Any, actor: Actor) -> Tx:
        now = self.clock.now()
        member = await members.upsert(session, actor, now)
        return Tx(session, now, self.community, self.platforms, actor, member)

    async def _refuse(self, actor: Actor, exc: BotError) -> list[int]:
        async def say(tx: Tx) -> None:
            tx.answer(Reply(text="⚠️ " + tx.t(exc.key, **exc.params)))

        return await self._run(actor, say)

    async def _apologise(self, actor: Actor, ref: str) -> list[int]:
        async with self.sessions() as session, session.begin():
            tx = await self._tx(session, actor)
            tx.answer(Reply(text=tx.t("error.unexpected", ref=ref)))
            await session.flush()
            return [row.id for row in tx.created]

    def _resolve(
        self, text: str | None, name: str, sub: str | None, options: dict[str, str] | None
    ) -> tuple[Command, dict[str, str]]:
        if text is not None:
            return self._parse(text)
        command = table.find(name, sub)
        if command is None:
            raise InvalidInput("error.unknown_command", name=name)
        return command, dict(options or {})

    def _parse(self, text: str) -> tuple[Command, dict[str, str]]:
        tokens = split(text.strip())
        if not tokens:
            raise InvalidInput("error.unknown_command", name="")
        name = tokens.pop(0).lstrip("/").lower()
        commands = table.group(name)
        if not commands:
            raise InvalidInput("error.unknown_command", name=name)
        sub = None
        if commands[0].sub is not None:
            if not tokens or split_key(tokens[0]):
                raise InvalidInput(
                    "error.missing_sub", name=name, subs=", ".join(c.sub or "" for c in commands)
                )
            sub = tokens.pop(0).lower()
        command = table.find(name, sub)
        if command is None:
            raise InvalidInput(
                "error.unknown_sub",
                name=name,
                sub=sub,
                subs=", ".join(c.sub or "" for c in commands),
            )
        return command, self._pair(command, tokens)

    @staticmethod
    def _pair(command: Command, tokens: list[str]) -> dict[str, str]:
        raw: dict[str, str] = {}
        loose: list[str] = []
        for token in tokens:
            pair = split_key(token)
            if pair and command.arg(pair[0]):
                raw[pair[0]] = pair[1]
            elif pair and not any(a.positional for a in command.args):
                raise InvalidInput("error.unknown_option", option=pair[0], usage=command.usage())
            else:
                loose.append(token)
        if loose:
            positional = next((a for a in command.args if a.positional), None)
            if positional is None:
                raise InvalidInput("error.loose_text", text=" ".join(loose), usage=command.usage())
            raw[positional.name] = " ".join(loose)
        return raw

    def _convert(self, command: Command, raw: dict[str, str], tx: Tx) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key in raw:
            if command.arg(key) is None:
                raise InvalidInput("error.unknown_option", option=key, usage=command.usage())
        for arg in command.args:
            value = raw.get(arg.name)
            if value is None or value.strip() == "":
                if arg.required:
                    raise InvalidInput("error.missing_arg", arg=arg.name, usage=command.usage())
                values[arg.name] = None
                continue
            values[arg.name] = self._value(arg, value, tx)
        return values

    def _value(self, arg: Arg, value: str, tx: Tx) -> Any:
        if arg.kind is Kind.NUMBER:
            return parse_number(value, arg.name)
        if arg.kind is Kind.CHOICE:
            lowered = value.strip().lower()
            if lowered not in arg.choices:
                raise InvalidInput(
                    "arg.choice", arg=arg.name, value=value, choices=", ".join(arg.choices)
                )
            return lowered
        if arg.kind is Kind.BOOL:
            lowered = value.strip().lower()
            if lowered not in ("ja", "nee", "yes", "no"):
                raise InvalidInput("arg.bool", arg=arg.name, value=value)
            return lowered in ("ja", "yes")
        if arg.kind is Kind.DATETIME:
            return parse_datetime(value, arg.name, tx.now, self.tz)
        if arg.kind is Kind.OFFSETS:
            return parse_offsets(value)
        if arg.kind is Kind.URL:
            link = value.strip()
            if not link.startswith(("https://", "http://")) or len(link) > 500:
                raise InvalidInput("arg.url", arg=arg.name, value=value)
            return link
        return clean_text(value, arg.name, arg.max_length)
