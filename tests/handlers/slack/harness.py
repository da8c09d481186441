"""Drive the real Bolt app over HTTP with signed requests built from recorded payloads,
against the fake Slack Web API; deliver the outbox with the real SlackSender."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import select

from bot.app import App
from bot.delivery.drainer import deliver_in_order
from bot.handlers.slack.bolt import SlackBot
from bot.handlers.slack.server import EVENTS_PATH, web_app
from bot.storage.models import InboundEvent, OutboxMessage, Signal
from tests.handlers.slack.fake_slack import FakeSlack

PAYLOADS = Path(__file__).parent / "payloads"
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TOKEN = "xoxb-test-token"


def payload(name: str) -> dict[str, Any]:
    return copy.deepcopy(json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8")))


def sign(body: str, timestamp: int, secret: str = SECRET) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(
    body: str,
    content_type: str,
    *,
    timestamp: int | None = None,
    secret: str = SECRET,
    extra: dict[str, str] | None = None,
) -> dict[str, str]:
    stamp = int(time.time()) if timestamp is None else timestamp
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(stamp),
        "X-Slack-Signature": sign(body, stamp, secret),
    }
    headers.update(extra or {})
    return headers


class SlackHarness:
    def __init__(self, app: App, fake: FakeSlack) -> None:
        self.app = app
        self.fake = fake
        client = AsyncWebClient(token=TOKEN, base_url=fake.api_url)
        self.bot = SlackBot(app, client, signing_secret=SECRET)
        self._runner: web.AppRunner | None = None
        self.endpoint = ""
        self._ts = 0

    async def start(self) -> SlackHarness:
        self._runner = web.AppRunner(web_app(self.bot))
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.endpoint = f"http://{host}:{port}{EVENTS_PATH}"
        self.http = aiohttp.ClientSession()
        return self

    async def stop(self) -> None:
        await self.bot.settle()
        await self.http.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- raw requests -----------------------------------------------------------------

    async def post(self, body: str, content_type: str, **kwargs: Any) -> tuple[int, str]:
        headers = signed_headers(body, content_type, **kwargs)
        async with self.http.post(self.endpoint, data=body.encode(), headers=headers) as resp:
            text = await resp.text()
        await self.bot.settle()
        return resp.status, text

    # -- Slack-shaped requests ----------------------------------------------------------

    async def command(
        self,
        line: str,
        user: str = "UVERA",
        channel: str = "C_GENERAL",
        *,
        deliver: bool = True,
        **kwargs: Any,
    ) -> int:
        name, _, text = line.partition(" ")
        form = payload("slash_command")
        form.update(
            command=name,
            text=text,
            user_id=user,
            user_name=user.lower(),
            channel_id=channel,
            response_url=self.fake.response_url(f"cmd-{user}"),
            trigger_id=new_trigger(),  # Slack's own: unique per invocation
        )
        status, _ = await self.post(urlencode(form), "application/x-www-form-urlencoded", **kwargs)
        if deliver:
            await self.deliver()
        return status

    async def interact(self, body: dict[str, Any], *, deliver: bool = True) -> int:
        form = urlencode({"payload": json.dumps(body)})
        status, _ = await self.post(form, "application/x-www-form-urlencoded")
        if deliver:
            await self.deliver()
        return status

    async def press(
        self, action: dict[str, Any], user: str = "USANNE", channel: str = "C_POLLS", **kwargs: Any
    ) -> int:
        """Press a button (or pick an option) exactly as rendered in a sent message."""
        body = payload("block_actions")
        body["user"] = {"id": user, "username": user.lower(), "name": user.lower(), "team_id": "T1"}
        body["channel"] = {"id": channel, "name": "kanaal"}
        body["container"]["channel_id"] = channel
        body["response_url"] = self.fake.response_url(f"act-{user}")
        body["trigger_id"] = new_trigger()
        pressed = dict(action, action_ts="1790000100.123456", block_id="b1")
        pressed.pop("text", None)
        if action.get("type") == "static_select":
            pressed["selected_option"] = kwargs.pop("option")
        body["actions"] = [pressed]
        return await self.interact(body, **kwargs)

    async def submit(
        self, view: dict[str, Any], values: dict[str, str], user: str = "USANNE"
    ) -> int:
        body = payload("view_submission")
        body["trigger_id"] = new_trigger()
        body["user"] = {"id": user, "username": user.lower(), "name": user.lower(), "team_id": "T1"}
        body["view"].update(private_metadata=view["private_metadata"], blocks=view["blocks"])
        body["view"]["state"] = {
            "values": {
                key: {key: {"type": "plain_text_input", "value": value}}
                for key, value in values.items()
            }
        }
        return await self.interact(body)

    async def event(
        self, body: dict[str, Any], retry: int | None = None, *, deliver: bool = True
    ) -> tuple[int, str]:
        extra = {}
        if retry:
            extra = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        result = await self.post(json.dumps(body), "application/json", extra=extra)
        if deliver:
            await self.deliver()
        return result

    def message_event(self, name: str, **changes: Any) -> dict[str, Any]:
        body = payload(name)
        body["event"].update(changes)
        return body

    # -- outbox and what Slack saw ------------------------------------------------------

    async def deliver(self) -> int:
        """Send everything due, unpaced (the drainer's pacing has its own tests)."""
        return await deliver_in_order(self.app.sessions, self.bot.sender, self.app.clock)

    async def outbox(self) -> list[OutboxMessage]:
        async with self.app.sessions() as session:
            query = select(OutboxMessage).order_by(OutboxMessage.id)
            return list((await session.scalars(query)).all())

    async def signals(self) -> list[Signal]:
        async with self.app.sessions() as session:
            return list((await session.scalars(select(Signal).order_by(Signal.id))).all())

    async def inbound(self) -> list[InboundEvent]:
        async with self.app.sessions() as session:
            query = select(InboundEvent).order_by(InboundEvent.id)
            return list((await session.scalars(query)).all())

    async def messages_inbound(self) -> list[InboundEvent]:
        """The stored thread replies and DMs (commands and presses are stored too)."""
        return [row for row in await self.inbound() if row.kind in ("thread", "dm")]

    def posts(self, channel: str | None = None) -> list[dict[str, Any]]:
        return [
            p
            for p in self.fake.to("chat.postMessage")
            if channel is None or p["channel"] == channel
        ]

    def ephemerals(self, user: str) -> list[str]:
        """Texts only this user saw (chat.postEphemeral and response_url answers)."""
        found = [text_of(p) for p in self.fake.to("chat.postEphemeral") if p["user"] == user]
        found += [
            text_of(p) for p in self.fake.to("response_url") if p["name"].endswith(f"-{user}")
        ]
        return found

    def dms(self, user: str) -> list[str]:
        return [text_of(p) for p in self.posts(f"D{user}")]

    def buttons(self, post: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """Buttons and selects of a sent message, by our stable id (or select id)."""
        found = {}
        for block in post.get("blocks", []):
            for element in block.get("elements", []):
                if element.get("type") == "button":
                    key = (
                        element["value"]
                        if not element["value"].startswith("{")
                        else element["action_id"]
                    )
                    found[key] = element
                elif element.get("type") == "static_select":
                    found[element["action_id"]] = element
        return found


def new_trigger() -> str:
    return f"{time.time_ns()}.{uuid.uuid4().hex[:12]}"


def text_of(params: dict[str, Any]) -> str:
    """All visible text of a message: header, sections (and the fallback text)."""
    parts = []
    for block in params.get("blocks") or []:
        text = block.get("text")
        if isinstance(text, dict):
            parts.append(text.get("text", ""))
    return "\n".join(parts) or params.get("text", "")
