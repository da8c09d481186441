"""A console session: one action per line, as any user.

    @vera:staf /oproep open vraag:"Waar loop je tegenaan?"
    @sanne:lid thread 1 Er is geen plek waar ouders elkaar ontmoeten.
    @ahmed:ambassadeur dm De arbeidseis sluit gezinnen uit van de opvang.
    @vera:staf klik relevant
    @sanne formulier nodig:"Meer tijd"
    wacht 2d

The bot's messages are printed with where they go: [#kanaal], [thread oproep 1],
[dm @sanne], [alleen voor @vera].
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.app import App
from bot.core.context import Actor, Incoming
from bot.core.errors import BotError
from bot.core.i18n import t
from bot.core.parsing import parse_offset, split, split_key
from bot.core.replies import Choice, Form, Reply
from bot.delivery.drainer import deliver_in_order
from bot.handlers.console.render import person, render
from bot.outbox.delivery import Delivery, Sent
from bot.vocabulary.enums import Role

PLATFORM = "console"
ROLES = {r.value: r for r in Role}


@dataclass
class Seen:
    audience: str | None  # None: public; else the user name
    reply: Reply


@dataclass
class ConsoleSender:
    """Delivers at once by printing; remembers what each user saw, for ``klik``."""

    out: Callable[[str], None]
    channels: dict[str, str]
    platform: str = PLATFORM
    seen: list[Seen] = field(default_factory=list)
    files_dir: Path = Path("data/bestanden")  # attached files are saved here

    async def send(self, delivery: Delivery) -> Sent:
        row, recipient = delivery.message, delivery.recipient
        reply = Reply.from_dict(delivery.payload)
        self.out(render(row, reply, recipient, self.channels))
        for file in reply.files:  # a terminal cannot attach: the file is saved instead
            self.files_dir.mkdir(parents=True, exist_ok=True)
            path = self.files_dir / Path(file.name).name
            path.write_bytes(file.data())
            self.out(f"    📎 {file.name}: {path}")
        public = row.target_kind in ("channel", "thread", "edit")
        self.seen.append(Seen(None if public else person(row, recipient), reply))
        return Sent(message_id=new_id(), channel_id=row.channel_key or "console")


def new_id() -> str:
    """A message id of our own; unique across runs on the same database."""
    return f"console-{uuid.uuid4().hex[:16]}"


class ScriptError(Exception):
    """A line the console cannot understand (not a refused command: that is the bot's
    answer)."""


class ConsoleSession:
    def __init__(
        self,
        app: App,
        out: Callable[[str], None] = print,
        on_wait: Callable[[datetime, datetime], Awaitable[object]] | None = None,
    ) -> None:
        self.app = app
        self.core = app.core
        self.on_wait = on_wait  # does the due work a ``wacht`` jumps over (the schedule)
        self.clock = app.clock
        self.out = out
        self.sender = ConsoleSender(
            out, app.community.channels.model_dump(), files_dir=app.settings.files_dir
        )
        self.roles: dict[str, Role] = {}
        self.current = "staf"
        self.roles["staf"] = Role.STAFF
        self.forms: dict[str, Form] = {}

    async def line(self, raw: str) -> None:
        text = raw.strip()
        if not text or text.startswith("#"):
            return
        if text.startswith("@"):
            who, _, text = text.partition(" ")
            self._switch(who[1:])
            text = text.strip()
            if not text:
                return
        await self._do(text)
        await self.flush()

    async def flush(self) -> None:
        while await deliver_in_order(self.app.sessions, self.sender, self.clock):
            pass

    def _switch(self, who: str) -> None:
        name, _, role = who.partition(":")
        name = name.strip().lower()
        if not name:
            raise ScriptError("naam ontbreekt na @")
        if role:
            if role.lower() not in ROLES:
                raise ScriptError(f"onbekende rol {role!r}: kies staf, ambassadeur of lid")
            self.roles[name] = ROLES[role.lower()]
        self.roles.setdefault(name, Role.MEMBER)
        self.current = name

    def _actor(self) -> Actor:
        name = self.current
        return Actor(PLATFORM, name, name, self.roles[name], reply_ref=f"console:{name}")

    async def _do(self, text: str) -> None:
        verb, _, rest = text.partition(" ")
        actor = self._actor()
        if verb.startswith("/"):
            await self.core.command(actor, text)
        elif verb == "thread":
            nr, _, reply = rest.strip().partition(" ")
            if not nr.lstrip("#").isdigit():
                raise ScriptError("gebruik: thread <nr oproep> <tekst>")
            await self._message(actor, "thread", reply, call_id=int(nr.lstrip("#")))
        elif verb == "dm":
            await self._message(actor, "dm", rest)
        elif verb == "klik":
            await self._press(actor, rest)
        elif verb == "formulier":
            await self._submit(actor, rest)
        elif verb == "wacht":
            await self._wait(rest)
        else:
            raise ScriptError(
                f"onbekende actie {verb!r}: gebruik /commando, thread, dm, klik, formulier of wacht"
            )

    async def _message(
        self, actor: Actor, kind: str, text: str, call_id: int | None = None
    ) -> None:
        """Through the inbox, as every platform does: stored, then processed."""
        key = new_id()
        payload = {"user": actor.user_id, "role": actor.role.value, "text": text, "call": call_id}
        row_id = await self.app.inbox.persist(PLATFORM, key, kind, payload)
        if row_id is not None:
            await process(self.app, row_id)

    async def _wait(self, rest: str) -> None:
        try:
            delta = parse_offset(rest)
        except BotError as exc:
            raise ScriptError("gebruik: wacht 2d (of 3u, 30m)") from exc
        advance = getattr(self.clock, "advance", None)
        if advance is None:
            raise ScriptError("deze klok kan niet verzet worden")
        start = self.clock.now()
        advance(delta)
        self.out(f"… {rest.strip()} later")
        if self.on_wait is not None:
            await self.on_wait(start, self.clock.now())

    def _visible(self, user: str) -> list[Reply]:
        return [s.reply for s in reversed(self.sender.seen) if s.audience in (None, user)]

    def _find(self, user: str, wanted: str) -> tuple[str, Choice | None]:
        """The newest button or select option, in what this user saw, matching the
        label (case-insensitive) or the id."""
        key = wanted.strip().lower()
        for reply in self._visible(user):
            for choice in reply.choices():
                if key in (choice.label.lower(), choice.id.lower()):
                    return choice.id, choice
            if reply.select:
                for option in reply.select.options:
                    option_id = f"{reply.select.id}:{option.value}"
                    if key in (option.label.lower(), option_id.lower()):
                        return option_id, None
        raise ScriptError(f"@{user} ziet geen knop {wanted!r}")

    async def _press(self, actor: Actor, rest: str) -> None:
        tokens = split(rest)
        if not tokens:
            raise ScriptError("gebruik: klik <knop>")
        # The first token is the button (label or id); key:value tokens after it fill its form.
        label = [tokens[0]] + [tok for tok in tokens[1:] if not split_key(tok)]
        values = dict(p for tok in tokens[1:] if (p := split_key(tok)))
        action_id, choice = self._find(actor.user_id, " ".join(label))
        if choice is not None and choice.form is not None:
            if values:
                await self.core.submit(actor, choice.form.id, values)
                return
            self.forms[actor.user_id] = choice.form
            fields = " ".join(f'{f.id}:"..."' for f in choice.form.fields)
            self.out(
                f"[formulier voor @{actor.user_id}] {choice.form.title} — vul in met: "
                f"formulier {fields}"
            )
            return
        await self.core.press(actor, action_id)

    async def _submit(self, actor: Actor, rest: str) -> None:
        form = self.forms.pop(actor.user_id, None)
        if form is None:
            raise ScriptError(f"@{actor.user_id} heeft geen formulier open; klik eerst op de knop")
        values = {}
        for token in split(rest):
            pair = split_key(token)
            if pair is None:
                raise ScriptError('gebruik: formulier veld:"tekst"')
            values[pair[0]] = pair[1]
        missing = [f.id for f in form.fields if f.required and not values.get(f.id, "").strip()]
        if missing:
            self.forms[actor.user_id] = form
            self.out(
                f"[alleen voor @{actor.user_id}] ⚠️ "
                + t(
                    "nl",
                    "error-missing-arg",
                    arg=missing[0],
                    usage="formulier " + " ".join(f"{f.id}:..." for f in form.fields),
                )
            )
            return
        await self.core.submit(actor, form.id, values)


async def process(app: App, row_id: int) -> None:
    """A stored console message becomes a signal (also when replayed after a crash)."""
    item = await app.inbox.load(row_id)
    if item is None:
        return
    data = item.payload
    user = str(data["user"])
    actor = Actor(PLATFORM, user, user, Role(data["role"]), reply_ref=f"console:{user}")
    call = data.get("call")
    incoming = Incoming(item.kind, str(data["text"]), item.key, call_id=call)
    await app.core.message(actor, incoming)
    await app.inbox.done(row_id)
