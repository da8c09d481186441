"""A fake Discord for the tests: the REST routes the bot uses and a minimal gateway
(HELLO, IDENTIFY -> READY, GUILD_CREATE, then events the test injects), on a random
loopback port. The real discord.py client connects to it through DISCORD_API_URL.

What discord.py 2.7 needs from a fake (and real Discord does): ``Content-Type`` exactly
``application/json``; ``X-RateLimit-*`` headers on success; 429s with a JSON body and a
``Via`` header (otherwise it takes them for a Cloudflare ban); zlib-stream compressed
gateway frames when it asks for them (``zstd-stream`` only when ``zstandard`` is
installed; then this fake sends plain text frames, which discord.py also accepts)."""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import re
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

PAYLOADS = Path(__file__).parent / "payloads"
API = "/api/v10"
GUILD_ID = "100000000000000001"
APP_ID = "900000000000000001"
BOT_ID = "900000000000000001"
CHANNELS = {
    "calls": "200000000000000001",
    "polls": "200000000000000002",
    "news": "200000000000000003",
    "events": "200000000000000004",
    "staff": "200000000000000005",
}
GENERAL = "200000000000000009"
DISCORD_EPOCH_MS = 1_420_070_400_000
STAFF_ROLE = "300000000000000001"
AMBASSADOR_ROLE = "300000000000000002"


def payload(name: str) -> dict[str, Any]:
    return json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))


@dataclass
class Request:
    method: str
    path: str  # without the /api/v10 prefix
    body: Any
    query: dict[str, str]
    at: float


@dataclass
class Person:
    id: str
    name: str
    roles: list[str] = field(default_factory=list)

    def user(self) -> dict[str, Any]:
        user = copy.deepcopy(payload("member")["user"])
        user.update(id=self.id, username=self.name.lower(), global_name=self.name)
        return user

    def member(self) -> dict[str, Any]:
        member = payload("member")
        member.update(user=self.user(), roles=list(self.roles))
        return member


@dataclass
class Failure:
    method: str
    path: re.Pattern[str]
    status: int
    body: dict[str, Any]
    headers: dict[str, str]


class FakeDiscord:
    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.messages: dict[str, dict[str, Any]] = {}
        self.threads: dict[str, dict[str, Any]] = {}
        self.people: dict[str, Person] = {}
        self.failures: list[Failure] = []
        self.gateway_frames: list[dict[str, Any]] = []  # what the client sent us
        self.compression: str | None = None
        self._ids = itertools.count(1)
        self._nonces: dict[tuple[str, str], str] = {}
        self._dm_channels: dict[str, str] = {}
        self._pressed: dict[str, str] = {}  # interaction token -> message with the component
        self._ws: web.WebSocketResponse | None = None
        self._compressor: Any = None
        self._seq = 0
        self._identified = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- life cycle ----------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self.api_url

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API}"

    async def stop(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def add_person(self, id: str, name: str, *roles: str) -> Person:
        self.people[id] = person = Person(id, name, list(roles))
        return person

    def snowflake(self) -> str:
        """A real-looking id: milliseconds since Discord's epoch, then a counter."""
        millis = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return str((millis << 22) + next(self._ids))

    # -- test controls -------------------------------------------------------------------

    def fail(
        self,
        method: str,
        path: str,
        status: int = 429,
        *,
        body: dict[str, Any] | None = None,
        times: int = 1,
        retry_after: float = 2.5,
    ) -> None:
        """The next ``times`` requests matching ``method`` and the path regex fail."""
        if body is None:
            body = {
                "message": "You are being rate limited.",
                "retry_after": retry_after,
                "global": False,
            }
        headers = {"Via": "1.1 google"}
        if status == 429:
            headers |= {"Retry-After": str(int(retry_after) + 1), "X-RateLimit-Scope": "user"}
        for _ in range(times):
            self.failures.append(Failure(method, re.compile(path), status, body, headers))

    def sent(self, method: str | None = None, path: str | None = None) -> list[Request]:
        return [
            r
            for r in self.requests
            if (method is None or r.method == method)
            and (path is None or re.fullmatch(path, r.path))
        ]

    async def wait_for(self, check: Any, within: float = 5.0) -> Any:
        """Poll ``check()`` until it returns something truthy (I/O, not time logic)."""
        deadline = time.monotonic() + within
        while True:
            result = check()
            if asyncio.iscoroutine(result):
                result = await result
            if result:
                return result
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {getattr(check, '__name__', check)}")
            await asyncio.sleep(0.01)

    async def identified(self) -> None:
        await asyncio.wait_for(self._identified.wait(), 10)

    # -- gateway -------------------------------------------------------------------------

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        self._seq += 1
        await self._send({"op": 0, "t": event, "s": self._seq, "d": data})

    async def _send(self, frame: dict[str, Any]) -> None:
        assert self._ws is not None, "the client is not connected to the gateway"
        raw = json.dumps(frame)
        if self._compressor is not None:
            await self._ws.send_bytes(
                self._compressor.compress(raw.encode()) + self._compressor.flush(zlib.Z_SYNC_FLUSH)
            )
        else:
            await self._ws.send_str(raw)

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        self.compression = request.query.get("compress")
        self._compressor = zlib.compressobj() if self.compression == "zlib-stream" else None
        self._identified.clear()
        await self._send({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            frame = json.loads(msg.data)
            self.gateway_frames.append(frame)
            if frame["op"] == 1:
                await self._send({"op": 11, "d": None, "s": None, "t": None})
            elif frame["op"] == 2:
                await self._ready()
        return ws

    async def _ready(self) -> None:
        ready = payload("ready")
        ready["resume_gateway_url"] = f"ws://127.0.0.1:{self.port}/gateway"
        await self.dispatch("READY", ready)
        guild = payload("guild_create")
        guild["threads"] = list(self.threads.values())  # active threads, as Discord sends
        await self.dispatch("GUILD_CREATE", guild)
        self._identified.set()

    # -- REST ----------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        if request.content_type.startswith("multipart/"):
            body = await _multipart(request)
        else:
            body = await request.json() if request.can_read_body else None
        self.requests.append(
            Request(request.method, path, body, dict(request.query), time.monotonic())
        )
        for failure in self.failures:
            if failure.method == request.method and failure.path.fullmatch(path):
                self.failures.remove(failure)
                return _json(failure.body, failure.status, failure.headers)
        for method, pattern, handler in self._routes():
            match = re.fullmatch(pattern, path)
            if method == request.method and match:
                result = await handler(body, **match.groupdict())
                if isinstance(result, web.Response):
                    return result
                return _json(result)
        return _json({"message": "404: Not Found", "code": 0}, 404)

    def _routes(self) -> list[tuple[str, str, Any]]:
        return [
            ("GET", r"/gateway/bot", self._gateway_bot),
            ("GET", r"/users/@me", self._me),
            ("GET", r"/oauth2/applications/@me", self._app_info),
            ("PUT", r"/applications/(?P<app>\d+)/guilds/(?P<guild>\d+)/commands", self._commands),
            ("PUT", r"/applications/(?P<app>\d+)/commands", self._commands),
            ("POST", r"/interactions/(?P<id>\d+)/(?P<token>[^/]+)/callback", self._callback),
            ("POST", r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)", self._followup),
            (
                "PATCH",
                r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)/messages/@original",
                self._edit_original,
            ),
            ("POST", r"/channels/(?P<channel>\d+)/messages", self._create_message),
            (
                "PATCH",
                r"/channels/(?P<channel>\d+)/messages/(?P<message>\d+)",
                self._edit_message,
            ),
            (
                "POST",
                r"/channels/(?P<channel>\d+)/messages/(?P<message>\d+)/threads",
                self._create_thread,
            ),
            ("POST", r"/users/@me/channels", self._open_dm),
            (
                "PUT",
                r"/channels/(?P<channel>\d+)/messages/(?P<message>\d+)/reactions/"
                r"(?P<emoji>[^/]+)/@me",
                self._react,
            ),
            ("GET", r"/guilds/(?P<guild>\d+)/members/(?P<user>\d+)", self._member),
        ]

    async def _gateway_bot(self, body: Any) -> dict[str, Any]:
        data = payload("gateway_bot")
        data["url"] = f"ws://127.0.0.1:{self.port}/gateway"
        return data

    async def _me(self, body: Any) -> dict[str, Any]:
        return payload("user_me")

    async def _app_info(self, body: Any) -> dict[str, Any]:
        return payload("app_info")

    async def _commands(self, body: Any, app: str, guild: str | None = None) -> list[Any]:
        out = []
        for command in body:
            command = copy.deepcopy(command)
            command.update(
                id=self.snowflake(),
                application_id=app,
                version="1",
                default_member_permissions=None,
                type=command.get("type", 1),
            )
            if guild:
                command["guild_id"] = guild
            out.append(command)
        return out

    async def _callback(self, body: Any, id: str, token: str) -> dict[str, Any]:
        kind = body["type"]
        flags = (body.get("data") or {}).get("flags", 0)
        return {
            "interaction": {
                "id": id,
                "type": 2,
                "response_message_id": None,
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(flags & 64),
            }
        }

    async def _followup(self, body: Any, app: str, token: str) -> dict[str, Any]:
        return self._message(GENERAL, body, BOT_ID)

    async def _edit_original(self, body: Any, app: str, token: str) -> dict[str, Any]:
        """After a deferred component interaction, @original is the pressed message."""
        message_id = self._pressed.get(token)
        if message_id is None:
            return self._message(GENERAL, body, BOT_ID)
        message = self.messages[message_id]
        for key in ("content", "embeds", "components"):
            if key in body:
                message[key] = body[key]
        return message

    async def _create_message(self, body: Any, channel: str) -> dict[str, Any]:
        nonce = body.get("nonce")
        if nonce and body.get("enforce_nonce") and (channel, nonce) in self._nonces:
            return self.messages[self._nonces[(channel, nonce)]]
        message = self._message(channel, body, BOT_ID)
        if nonce:
            self._nonces[(channel, nonce)] = message["id"]
        return message

    async def _edit_message(self, body: Any, channel: str, message: str) -> Any:
        found = self.messages.get(message)
        if found is None or found["channel_id"] != channel:
            return _json({"message": "Unknown Message", "code": 10008}, 404)
        for key in ("content", "embeds", "components"):
            if key in body:
                found[key] = body[key]
        return found

    async def _create_thread(self, body: Any, channel: str, message: str) -> Any:
        if message in self.threads:
            return _json(
                {"message": "A thread has already been created for this message", "code": 160004},
                400,
            )
        thread = payload("thread_channel")
        thread.update(id=message, parent_id=channel, name=body["name"])
        thread["thread_metadata"]["auto_archive_duration"] = body.get("auto_archive_duration")
        thread["member"]["id"] = message
        self.threads[message] = thread
        await self.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
        return thread

    async def _open_dm(self, body: Any) -> dict[str, Any]:
        user = body["recipient_id"]
        channel = payload("dm_channel")
        channel["id"] = self._dm_channels.setdefault(user, self.snowflake())
        channel["recipients"] = [self.people[user].user()] if user in self.people else []
        return channel

    async def _react(self, body: Any, channel: str, message: str, emoji: str) -> web.Response:
        return web.Response(status=204, headers=_rate_headers())

    async def _member(self, body: Any, guild: str, user: str) -> Any:
        if user not in self.people:
            return _json({"message": "Unknown Member", "code": 10007}, 404)
        return self.people[user].member()

    def _message(self, channel: str, body: dict[str, Any], author: str) -> dict[str, Any]:
        message = payload("message")
        me = payload("user_me")
        message.update(
            id=self.snowflake(),
            channel_id=channel,
            author={**me, "id": author},
            content=body.get("content", ""),
            embeds=body.get("embeds", []),
            components=body.get("components", []),
            flags=body.get("flags", 0),
            nonce=body.get("nonce"),
            attachments=[
                {"id": self.snowflake(), "filename": name, "size": len(data), "content": data}
                for name, data in body.get("files", {}).items()
            ],
        )
        self.messages[message["id"]] = message
        return message

    # -- building inbound events -----------------------------------------------------------

    def _base(self, name: str, person: Person) -> dict[str, Any]:
        data = payload(name)
        data.update(id=self.snowflake(), token=f"tok-{self.snowflake()}", member=person.member())
        return data

    def command(
        self, person: Person, name: str, sub: str | None = None, **options: Any
    ) -> dict[str, Any]:
        data = self._base("interaction_command", person)
        values = [{"name": k, "type": _option_type(v), "value": v} for k, v in options.items()]
        data["data"]["name"] = name
        data["data"]["options"] = [{"name": sub, "type": 1, "options": values}] if sub else values
        return data

    def autocomplete(
        self, person: Person, name: str, sub: str | None, option: str, typed: str
    ) -> dict[str, Any]:
        data = self.command(person, name, sub)
        data["type"] = 4
        focused = [{"name": option, "type": 4, "value": typed, "focused": True}]
        if sub:
            data["data"]["options"][0]["options"] = focused
        else:
            data["data"]["options"] = focused
        return data

    def press(
        self, person: Person, message_id: str, custom_id: str, value: str | None = None
    ) -> dict[str, Any]:
        message = self.messages[message_id]
        data = self._base("interaction_component", person)
        self._pressed[data["token"]] = message_id
        data["channel_id"] = data["channel"]["id"] = message["channel_id"]
        data["message"] = message
        data["data"] = {"custom_id": custom_id, "component_type": 2}
        if value is not None:
            data["data"] = {"custom_id": custom_id, "component_type": 3, "values": [value]}
        return data

    def submit(
        self, person: Person, message_id: str, custom_id: str, **values: str
    ) -> dict[str, Any]:
        data = self._base("interaction_modal", person)
        message = self.messages[message_id]
        data["channel_id"] = data["channel"]["id"] = message["channel_id"]
        data["message"] = message
        data["data"] = {
            "custom_id": custom_id,
            "components": [
                {"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]}
                for k, v in values.items()
            ],
        }
        return data

    def thread_message(self, person: Person, thread_id: str, text: str) -> dict[str, Any]:
        data = payload("message")
        member = person.member()
        member.pop("user")
        data.update(
            id=self.snowflake(),
            channel_id=thread_id,
            guild_id=GUILD_ID,
            author=person.user(),
            member=member,
            content=text,
        )
        return data

    def dm_message(self, person: Person, text: str) -> dict[str, Any]:
        data = payload("message")
        channel = self._dm_channels.setdefault(person.id, self.snowflake())
        data.update(id=self.snowflake(), channel_id=channel, author=person.user(), content=text)
        return data


async def _multipart(request: web.Request) -> dict[str, Any]:
    """An upload as Discord takes it: ``payload_json`` plus ``files[n]`` parts, which land
    in the body as ``files`` (file name -> bytes) for the tests to read."""
    body: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if part.name == "payload_json":
            body.update(json.loads(await part.text()))
        else:
            files[part.filename or str(part.name)] = await part.read()
    body["files"] = files
    return body


def _option_type(value: Any) -> int:
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    return 3


def _rate_headers() -> dict[str, str]:
    return {
        "X-RateLimit-Limit": "5",
        "X-RateLimit-Remaining": "4",
        "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
        "X-RateLimit-Reset-After": "1.000",
        "X-RateLimit-Bucket": "fakebucket",
    }


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(
        status=status,
        body=json.dumps(data).encode(),
        headers={"Content-Type": "application/json", **_rate_headers(), **(headers or {})},
    )
