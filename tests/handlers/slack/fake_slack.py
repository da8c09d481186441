"""A fake Slack Web API on a random loopback port. It records every call (method and
parameters), answers like Slack does, and can be told to fail (429 with Retry-After)."""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

JSON_FIELDS = ("blocks", "view", "metadata", "attachments", "files")


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    token: str | None = None
    peer: Any = None  # the caller's address: which connection the call came over


@dataclass
class Failure:
    status: int
    error: str
    retry_after: int | None
    done: bool = False  # the call took effect, only its answer got lost


@dataclass
class FakeSlack:
    groups: dict[str, list[str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    held: dict[str, asyncio.Event] = field(default_factory=dict)  # methods that wait
    not_in_channel: set[str] = field(default_factory=set)
    calls: list[ApiCall] = field(default_factory=list)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    uploads: dict[str, bytes] = field(default_factory=dict)  # file id -> uploaded bytes
    failures: dict[str, list[Failure]] = field(default_factory=dict)
    url: str = ""
    _runner: web.AppRunner | None = None
    _ts: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def api_url(self) -> str:
        return self.url + "api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.url}response/{name}"

    async def start(self) -> FakeSlack:
        application = web.Application()
        application.router.add_route("*", "/api/{method}", self._api)
        application.router.add_post("/response/{name}", self._response_url)
        application.router.add_post("/upload/{file_id}", self._upload)
        self._runner = web.AppRunner(application)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}/"
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def fail(
        self,
        method: str,
        status: int = 429,
        error: str = "ratelimited",
        retry_after: int | None = 7,
        times: int = 1,
        done: bool = False,
    ) -> None:
        self.failures.setdefault(method, []).extend(
            [Failure(status, error, retry_after, done)] * times
        )

    def to(self, method: str) -> list[dict[str, Any]]:
        return [c.params for c in self.calls if c.method == method]

    def forget(self) -> None:
        self.calls.clear()

    # -- handlers ---------------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        else:
            params.update(dict(await request.post()))
        for key in JSON_FIELDS:
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        return params

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or None
        peer = request.transport.get_extra_info("peername") if request.transport else None
        self.calls.append(ApiCall(method, params, token, peer))
        if method in self.held:
            await self.held[method].wait()  # answered once the test lets it
        pending = self.failures.get(method)
        if pending:
            failure = pending.pop(0)
            if failure.done:
                self._answer(method, params)
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
            return web.json_response(
                {"ok": False, "error": failure.error}, status=failure.status, headers=headers
            )
        return web.json_response(self._answer(method, params))

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "user_id": "UBOT",
                "bot_id": "BBOT",
                "team_id": "T1",
                "user": "signaalbot",
                "team": "Netwerk",
            }
        if method == "chat.postMessage":
            ts = self._next_ts()
            message = {"ts": ts, "text": params.get("text", ""), "bot_id": "BBOT"}
            if params.get("metadata"):
                message["metadata"] = params["metadata"]
            if params.get("thread_ts"):
                message["thread_ts"] = params["thread_ts"]
            self.messages.setdefault(params["channel"], []).insert(0, message)
            return {
                "ok": True,
                "channel": params["channel"],
                "ts": ts,
                "message": {"ts": ts, "text": params.get("text", "")},
            }
        if method == "chat.update":
            found = [
                m for m in self.messages.get(str(params["channel"]), []) if m["ts"] == params["ts"]
            ]
            if not found:
                return {"ok": False, "error": "message_not_found"}
            found[0]["text"] = params.get("text", "")
            found[0]["blocks"] = params.get("blocks")
            return {"ok": True, "channel": params["channel"], "ts": params["ts"]}
        if method in ("conversations.history", "conversations.replies"):
            found = self.messages.get(str(params["channel"]), [])
            if method == "conversations.replies":
                found = [m for m in found if m.get("thread_ts") == params["ts"]]
            return {"ok": True, "messages": found, "has_more": False}
        if method == "chat.postEphemeral":
            if params.get("channel") in self.not_in_channel:
                return {"ok": False, "error": "not_in_channel"}
            return {"ok": True, "message_ts": self._next_ts()}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(params["users"])}}
        if method == "users.info":
            user = str(params["user"])
            name = self.names.get(user, user.lower())
            return {
                "ok": True,
                "user": {"id": user, "name": name, "profile": {"display_name": name}},
            }
        if method == "files.getUploadURLExternal":
            file_id = f"F{len(self.uploads) + 1}"
            self.uploads[file_id] = b""
            return {"ok": True, "upload_url": f"{self.url}upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": f["id"]} for f in params.get("files", [])]}
        if method == "usergroups.users.list":
            return {"ok": True, "users": self.groups.get(str(params["usergroup"]), [])}
        return {"ok": True}

    async def _upload(self, request: web.Request) -> web.Response:
        """The upload URL files.getUploadURLExternal hands out: the file's bytes."""
        self.uploads[request.match_info["file_id"]] = await request.read()
        return web.Response(text="OK - 0")

    async def _response_url(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.calls.append(ApiCall("response_url", {"name": request.match_info["name"], **body}))
        return web.Response(text="ok")

    def _next_ts(self) -> str:
        return f"1790000000.{next(self._ts):06d}"
