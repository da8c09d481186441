"""The Slack app: Bolt listeners that translate Slack requests into core calls.

Everything a member sends that changes something — thread replies under a call, DMs,
slash commands, button presses, forms — is persisted by a middleware before Slack gets
its acknowledgement: a message, when there is room, straight away as her signal; the
rest in the inbox, then processed, and the core marks it processed in the transaction
of its effect, so a crash after the ack replays it exactly once. Every
answer goes through the outbox; each committed change wakes the drainer, so answers
leave at once."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from slack_bolt import BoltResponse
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.app import App
from bot.core.context import Actor, Incoming
from bot.core.i18n import t
from bot.features.help import home
from bot.handlers.slack.blocks import (
    FORM_CALLBACK,
    action_id_of,
    form_of,
    form_values,
    modal,
    plain,
    sections,
    unescape,
)
from bot.handlers.slack.edge import QuietLog
from bot.handlers.slack.messages import message_kind
from bot.handlers.slack.people import Directory
from bot.handlers.slack.refs import SlackRef, message_ref
from bot.handlers.slack.sender import PLATFORM, SlackSender
from bot.inbox.store import Entry, Stored
from bot.outbox.refs import thread_call

log = logging.getLogger(__name__)

HOME_BLOCKS_MAX = 100
# Stored requests processed at once. Under a burst the rest wait their turn (their rows
# are safe in the inbox); enough for the core's batches of messages to fill up (a batch
# is one transaction: fewer, larger ones store a burst sooner).
PROCESSING = 32
NAMES_AT_ONCE = 4  # users.info calls at once for new members (Slack rate-limits it)
MESSAGE_KINDS = ("thread", "dm")
REACHED = "signaalbot_reached"  # set once Bolt's own middleware let a request through


class SlackBot:
    def __init__(
        self,
        app: App,
        client: AsyncWebClient,
        *,
        signing_secret: str = "",
        socket_mode: bool = False,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.core = app.core
        self.client = client
        self.signing_secret = signing_secret
        self.lang = app.community.language
        self.directory = Directory(client, app.community.slack, monotonic)
        self.sender = SlackSender(client, app.sessions, app.community.slack)
        self.bolt = AsyncApp(
            client=client,
            signing_secret=signing_secret,
            request_verification_enabled=not socket_mode,
            raise_error_for_unhandled_request=False,
            name="signaalbot",
        )
        self._busy: set[asyncio.Task[Any]] = set()
        self._expected: set[int] = set()
        self._processing = asyncio.Semaphore(PROCESSING)
        self._naming: set[str] = set()  # user ids whose name is being asked of Slack
        self._names_at_once = asyncio.Semaphore(NAMES_AT_ONCE)  # users.info is rate-limited
        # (channel, thread ts) known to be a call's thread, and its call: a call's post
        # stays one, so a reply under it needs no look-up, before the acknowledgement or
        # when the core stores it
        self._call_threads: dict[tuple[str, str], int] = {}
        self.quiet = QuietLog()
        self._register()

    # -- wiring ---------------------------------------------------------------------------

    def _register(self) -> None:
        bolt = self.bolt
        bolt.use(self._persist_first)
        for name in self.core.table.names():
            bolt.command(f"/{name}")(self._on_command)
        bolt.action(re.compile(".+"))(self._on_action)
        bolt.view(FORM_CALLBACK)(self._on_view)
        bolt.event("app_home_opened")(self._on_home)
        bolt.error(self._on_error)

    async def _on_error(self, error: Exception, request: AsyncBoltRequest) -> None:
        if not request.context.get(REACHED):
            # Bolt's own middleware choked on a malformed (but signed) request: the edge
            # answers 400; one short line, no traceback
            self.quiet.warning("malformed Slack request (%s)", type(error).__name__)
            return
        ref = uuid.uuid4().hex[:8]
        log.error("slack request failed (ref %s): %s", ref, type(error).__name__, exc_info=error)

    # -- persist first --------------------------------------------------------------------

    async def _persist_first(
        self,
        body: dict[str, Any],
        context: dict[str, Any],
        request: AsyncBoltRequest,
        next: Callable[[], Awaitable[Any]],
    ) -> Any:
        """Runs before Bolt acknowledges: store what a member sent (a message, a slash
        command, a button press, a form) in the inbox, or ack and drop it. A retry or a
        replayed request is stored once and answered by whoever stored it first."""
        request.context[REACHED] = True
        found = await self._inbound(body, request.raw_body)
        if found is None:
            return await next()  # read-only (App Home, opening a form): nothing to keep
        kind, key = found
        if kind == "ignore":
            return BoltResponse(status=200, body="")  # not ours: never stored
        payload = (
            {"event_id": body.get("event_id"), "event": body["event"]}
            if kind in MESSAGE_KINDS
            else body
        )
        entry = Entry(PLATFORM, key, kind, payload)
        if kind in MESSAGE_KINDS and await self._stored_at_once(entry):
            return BoltResponse(status=200, body="")  # stored, or stored before
        row_id = await self.app.inbox.persist(PLATFORM, key, kind, payload)
        if row_id is None:
            return BoltResponse(status=200, body="")  # stored before: handled once
        context["inbound_id"] = row_id
        # what was stored, so processing need not read it back
        context["inbound"] = Stored(row_id, PLATFORM, key, kind, payload)
        self._expected.add(row_id)
        if kind in MESSAGE_KINDS:  # processed from here: Bolt's listener matching and
            self._after_ack(context)  # arguments cost a burst more than storing did
            return BoltResponse(status=200, body="")
        return await next()

    async def _stored_at_once(self, entry: Entry) -> bool:
        """A message arriving while there is room (``Storing.room``) is stored before the
        acknowledgement in one commit of its own (``Core.message_now``); not when her
        role needs a question to Slack first (the acknowledgement must not wait for it).
        Slack is asked her name, if need be, only once it is stored."""
        if not self.core.storing.room or not self.directory.roles_known():
            return False
        try:
            actor, incoming = await self._message(entry.kind, entry.payload["event"])
        except Exception:  # stored first; processing it logs and answers what went wrong
            log.debug("a message goes the way of the inbox", exc_info=True)
            return False
        stored = await self.core.message_now(actor, incoming)
        if stored:
            self._name_later(actor)
        return stored

    def _after_ack(self, context: dict[str, Any]) -> None:
        task = asyncio.create_task(self._stored(context, None))
        self._busy.add(task)  # settle() waits for it; _track lets it go when done

    async def _inbound(self, body: dict[str, Any], raw: str) -> tuple[str, str] | None:
        """(kind, dedup key) of a request to persist; ("ignore", "") for a message that is
        not a signal; None for requests that change nothing."""
        if not _well_formed(body):
            log.warning("Slack request without the fields it needs: acknowledged, not stored")
            return "ignore", ""
        if body.get("type") == "event_callback":
            event = body["event"]
            if event.get("type") != "message":
                return None
            kind = message_kind(event)
            if kind == "thread" and not await self._in_call_thread(event):
                kind = None
            # keyed on the message itself: a redelivery with a new event id is the same
            return (kind, message_ref(event["channel"], event["ts"])) if kind else ("ignore", "")
        if "command" in body:
            return "command", _key(body, raw)
        if body.get("type") == "block_actions":
            if all(form_of(action) is not None for action in body.get("actions") or []):
                return None  # only opens a form: the trigger is gone after 3 s anyway
            return "action", _key(body, raw)
        if body.get("type") == "view_submission":
            return "view", _key(body, raw)
        return None

    async def _in_call_thread(self, event: dict[str, Any]) -> bool:
        thread = (event["channel"], event["thread_ts"])
        if thread in self._call_threads:
            return True
        call = await thread_call(self.app.reads, PLATFORM, thread[1], channel=thread[0])
        if call is not None:
            self._call_threads[thread] = call
        return call is not None

    async def _stored(self, context: dict[str, Any], ref: SlackRef | None) -> None:
        """Process what the middleware stored, once it is acknowledged (a message: handed
        over by the middleware itself; the rest: by its Bolt listener), PROCESSING at once."""
        row_id = context.get("inbound_id")
        if row_id is None:
            return
        stored: Stored | None = context.get("inbound")

        async def work() -> None:
            async with self._processing:
                await (self._handle(stored) if stored else self.process(row_id))

        try:
            await self._track(self._logged(work, ref))
        finally:
            self._expected.discard(row_id)

    async def store(self, kind: str, body: dict[str, Any]) -> int | None:
        """Persist a member's message as the middleware does (tests, tools)."""
        event = body["event"]
        key = message_ref(event["channel"], event["ts"])
        payload = {"event_id": body.get("event_id"), "event": event}
        return await self.app.inbox.persist(PLATFORM, key, kind, payload)

    async def process(self, row_id: int) -> None:
        """Handle a stored request (also used to replay after a crash). The core marks
        it processed in the transaction of its effect, so it runs exactly once."""
        row = await self.app.inbox.load(row_id)
        if row is not None:
            await self._handle(row)

    async def _handle(self, row: Stored) -> None:
        handle = {
            "command": self._run_command,
            "action": self._run_action,
            "view": self._run_view,
        }.get(row.kind, self._run_message)
        await handle(row)

    async def _run_message(self, row: Stored) -> None:
        actor, incoming = await self._message(row.kind, row.payload["event"])
        try:
            await self.core.message(actor, incoming, inbound=row.id)
        finally:
            self._name_later(actor)

    async def _message(self, kind: str, event: dict[str, Any]) -> tuple[Actor, Incoming]:
        """Who sent a member's message and what it is, for the core."""
        user, channel, ts = event["user"], event["channel"], event["ts"]
        if kind == "thread":
            ref = SlackRef(user, channel, thread_ts=event.get("thread_ts")).dumps()
            incoming = Incoming(
                "thread",
                unescape(event.get("text") or ""),
                message_ref(channel, ts),
                call_id=self._call_threads.get((channel, event.get("thread_ts", ""))),
                thread_ref=event.get("thread_ts"),
            )
        else:
            ref = None  # answers to a DM go by DM
            incoming = Incoming("dm", unescape(event.get("text") or ""), message_ref(channel, ts))
        return await self._message_actor(user, ref), incoming

    async def recover(self, min_age: timedelta | None = None) -> int:
        """Process requests stored but not processed (a crash after the ack, a failure
        while processing). ``min_age`` leaves alone what a listener may be busy with."""
        return await self.app.inbox.replay(PLATFORM, self.process, min_age)

    # -- commands, buttons, forms ---------------------------------------------------------

    async def _on_command(
        self, ack: Callable[..., Awaitable[Any]], command: dict[str, Any], context: dict[str, Any]
    ) -> None:
        await ack()
        await self._stored(context, _command_ref(command))

    async def _run_command(self, row: Stored) -> None:
        command = row.payload
        ref = _command_ref(command)
        actor = await self.actor(ref.user, reply_ref=ref.dumps(), fallback=command.get("user_name"))
        text = unescape(command.get("text") or "")
        await self.core.command(actor, f"{command['command']} {text}".strip(), inbound=row.id)

    async def _on_action(
        self, ack: Callable[..., Awaitable[Any]], body: dict[str, Any], context: dict[str, Any]
    ) -> None:
        await ack()
        if context.get("inbound_id") is not None:
            await self._stored(context, _action_ref(body))
            return
        ref = _action_ref(body)

        async def open_forms() -> None:
            for action in body.get("actions", []):
                form = form_of(action)
                if form is not None:
                    await self._open_form(body["trigger_id"], form, ref)

        await self._guarded(ref, open_forms)

    async def _run_action(self, row: Stored) -> None:
        """The first action that is not a form (Slack sends one per press)."""
        body = row.payload
        ref = _action_ref(body)
        for action in body.get("actions") or []:
            action_id = action_id_of(action) if form_of(action) is None else None
            if action_id:
                actor = await self.actor(ref.user, reply_ref=_ref_or_none(ref))
                await self.core.press(actor, action_id, inbound=row.id)
                return
        await self.app.inbox.done(row.id)

    async def _open_form(self, trigger_id: str, form: Any, ref: SlackRef) -> None:
        view = modal(
            form,
            {"f": form.id, "r": ref.dumps()},
            t(self.lang, "form-submit"),
            t(self.lang, "form-cancel"),
        )
        await self.client.views_open(trigger_id=trigger_id, view=view)

    async def _on_view(
        self, ack: Callable[..., Awaitable[Any]], body: dict[str, Any], context: dict[str, Any]
    ) -> None:
        await ack()
        await self._stored(context, _view_ref(body))

    async def _run_view(self, row: Stored) -> None:
        body = row.payload
        view = body.get("view") or {}
        meta = _metadata(view)
        ref = _view_ref(body)
        actor = await self.actor(body["user"]["id"], reply_ref=_ref_or_none(ref))
        await self.core.submit(actor, meta.get("f", ""), form_values(view), inbound=row.id)

    # -- App Home -------------------------------------------------------------------------

    async def _on_home(self, event: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home":
            return

        async def work() -> None:
            actor = await self.actor(event["user"])
            reply = await home.overview(self.core, actor)
            blocks = [{"type": "header", "text": plain(reply.title, 150)}]
            blocks += sections(reply.text)
            await self.client.views_publish(
                user_id=event["user"], view={"type": "home", "blocks": blocks[:HOME_BLOCKS_MAX]}
            )

        await self._track(self._logged(work))

    # -- helpers --------------------------------------------------------------------------

    async def actor(
        self, user_id: str, reply_ref: str | None = None, fallback: str | None = None
    ) -> Actor:
        name = await self.directory.name(user_id, fallback)
        role = await self.directory.role(user_id)
        return Actor(PLATFORM, user_id, name, role, reply_ref)

    async def _message_actor(self, user_id: str, reply_ref: str | None) -> Actor:
        """A member's message is stored without waiting for Slack to say her name. When it
        is not known yet (her first message since the start), the actor has no name: her
        member keeps the name it has (a new member is named by her user id) and is renamed
        once the message is stored and Slack answered (``_name_later``)."""
        name = self.directory.known_name(user_id)
        role = await self.directory.role(user_id)
        return Actor(PLATFORM, user_id, name or "", role, reply_ref)

    def _name_later(self, actor: Actor) -> None:
        """Ask Slack her name when her message did not have it. Only after the message is
        stored: asked at once, the answer's rename ran beside the message's transaction
        and waited on (or held up) her new member row."""
        user_id = actor.user_id
        if actor.name or user_id in self._naming:
            return
        self._naming.add(user_id)

        async def rename() -> None:
            try:
                async with self._names_at_once:
                    name = await self.directory.name(user_id)
                if self.directory.known_name(user_id) is None:
                    return  # Slack did not say (logged): she keeps the name she has
                await self.core.rename(
                    Actor(PLATFORM, user_id, name, await self.directory.role(user_id))
                )
            finally:
                self._naming.discard(user_id)

        task = asyncio.create_task(self._track(self._logged(rename)))
        self._busy.add(task)  # settle() waits for it; _track lets it go when done

    async def _guarded(self, ref: SlackRef, work: Callable[[], Awaitable[None]]) -> None:
        """The core answers refused input itself; this catches what the handler broke,
        logs it with a reference and tells the member so."""
        await self._track(self._logged(work, ref))

    def _logged(
        self, work: Callable[[], Awaitable[None]], ref: SlackRef | None = None
    ) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            try:
                await work()
            except Exception:
                code = uuid.uuid4().hex[:8]
                log.exception("slack handler error (ref %s)", code)
                if ref is not None:
                    await self._apologise(ref, code)

        return run

    async def _apologise(self, ref: SlackRef, code: str) -> None:
        text = t(self.lang, "error-unexpected", ref=code)
        try:
            if ref.response_url:
                await AsyncWebhookClient(ref.response_url).send(
                    text=text, response_type="ephemeral"
                )
            elif ref.channel:
                await self.client.chat_postEphemeral(channel=ref.channel, user=ref.user, text=text)
        except (SlackApiError, OSError):
            log.warning("could not deliver the apology (ref %s)", code)

    async def _track(self, work: Callable[[], Awaitable[None]]) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._busy.add(task)
        try:
            await work()
        finally:
            if task is not None:
                self._busy.discard(task)

    async def settle(self) -> None:
        """Wait until every listener started so far has finished (for tests and shutdown)."""
        idle_rounds = 0
        while idle_rounds < 3:
            await asyncio.sleep(0)
            current = {task for task in self._busy if task is not asyncio.current_task()}
            if current:
                await asyncio.wait(current)
                idle_rounds = 0
            elif self._expected:
                await asyncio.sleep(0.005)
            else:
                idle_rounds += 1


def _metadata(view: dict[str, Any]) -> dict[str, Any]:
    """The form id and reply ref we put in the modal; {} if someone tampered with it (the
    core then answers that it does not know the form)."""
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return meta if isinstance(meta, dict) else {}


def _well_formed(body: dict[str, Any]) -> bool:
    """The fields processing relies on are there, with the right types (a signed request
    can still be malformed; it is then acknowledged and dropped, never replayed forever)."""

    def text(value: Any) -> bool:
        return isinstance(value, str) and bool(value)

    if body.get("type") == "event_callback":
        event = body.get("event")
        if not isinstance(event, dict):
            return False
        if event.get("type") != "message" or message_kind(event) is None:
            return True
        return all(text(event.get(k)) for k in ("user", "channel", "ts")) and (
            event.get("thread_ts") is None or text(event.get("thread_ts"))
        )
    if "command" in body:
        return (
            text(body.get("command"))
            and text(body.get("user_id"))
            and all(
                isinstance(body.get(k, ""), str) for k in ("text", "channel_id", "response_url")
            )
        )
    if body.get("type") in ("block_actions", "view_submission"):
        user = body.get("user")
        actions = body.get("actions", [])
        return (
            isinstance(user, dict)
            and text(user.get("id"))
            and isinstance(actions, list)
            and all(isinstance(a, dict) for a in actions)
            and isinstance(body.get("view", {}), dict)
        )
    return True


def _key(body: dict[str, Any], raw: str) -> str:
    """Slack's id of the interaction; else a hash of the signed body (the same request
    sent twice, e.g. a replayed slash command, is the same request)."""
    trigger = body.get("trigger_id")
    if isinstance(trigger, str) and 0 < len(trigger) <= 100:
        return f"trigger:{trigger}"
    return "body:" + hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()


def _command_ref(command: dict[str, Any]) -> SlackRef:
    return SlackRef(command["user_id"], command.get("channel_id"), command.get("response_url"))


def _action_ref(body: dict[str, Any]) -> SlackRef:
    return SlackRef(
        body["user"]["id"],
        (body.get("channel") or {}).get("id") or body.get("container", {}).get("channel_id"),
        body.get("response_url"),
    )


def _view_ref(body: dict[str, Any]) -> SlackRef:
    return SlackRef.loads(_metadata(body.get("view") or {}).get("r")) or SlackRef(
        body["user"]["id"]
    )


def _ref_or_none(ref: SlackRef) -> str | None:
    """With neither a channel nor a response_url (App Home) answers go by DM."""
    return ref.dumps() if ref.channel or ref.response_url else None
