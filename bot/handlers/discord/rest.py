"""A small REST client for delivering the outbox. discord.py's own HTTP client sleeps on
a 429 inside the request; the outbox wants the wait back as ``RetryLater`` so the row is
rescheduled and the drainer moves on. Errors are mapped here, in one place."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import aiohttp

from bot.core.replies import File
from bot.outbox.delivery import PermanentFailure, RetryLater

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://discord.com/api/v10"

# Discord JSON error codes we act on.
UNKNOWN_WEBHOOK = 10015
INVALID_WEBHOOK_TOKEN = 50027
CANNOT_DM_USER = 50007
DM_OPENING_TOO_FAST = 40003
THREAD_ALREADY_EXISTS = 160004


# Interaction answers (webhooks with the interaction token) are not bound by the bot's
# global rate limit: they skip the pacing here, so a fan-out never delays an answer.
INTERACTIONS = ("/webhooks/", "/interactions/")


def api_base(url: str | None) -> str:
    """The REST base including the version, e.g. ``https://discord.com/api/v10``."""
    base = (url or DEFAULT_API_URL).rstrip("/")
    return base if base.rsplit("/", 1)[-1].startswith("v") else base + "/v10"


class DiscordError(Exception):
    """A 4xx answer from Discord other than a rate limit."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(f"HTTP {status}, code {code}: {message}")
        self.status = status
        self.code = code


class RestClient:
    """JSON over HTTP with the bot token. 429 and 5xx become ``RetryLater``; other 4xx a
    ``DiscordError`` (callers decide what is permanent)."""

    def __init__(
        self,
        token: str,
        base_url: str | None = None,
        *,
        min_interval: float = 0.025,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.base = api_base(base_url)
        self._token = token
        self._session: aiohttp.ClientSession | None = None
        self.min_interval = min_interval  # stay under Discord's 50 requests/s per bot
        self._sleep = sleep
        self._next_slot = 0.0
        self._paused_until = 0.0  # a global 429 pauses every request

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                headers={
                    "Authorization": f"Bot {self._token}",
                    "User-Agent": "DiscordBot (https://github.com/signaalbot, 0.1) Signaalbot",
                }
            )
        return self._session

    async def _pace(self) -> None:
        """Book the next free slot (safe with several sends in flight), then wait for it."""
        now = time.monotonic()
        slot = max(now, self._next_slot, self._paused_until)
        self._next_slot = slot + self.min_interval
        if slot > now:
            await self._sleep(slot - now)

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, str] | None = None,
        files: Sequence[File] = (),
    ) -> Any:
        """``files``: sent as a multipart upload, with ``json`` as its ``payload_json``."""
        if not path.startswith(INTERACTIONS):
            await self._pace()
        body: dict[str, Any] = {"json": json}
        if files:
            body = {"data": _multipart(json, files)}
        try:
            async with self._http().request(
                method, self.base + path, params=params, **body
            ) as response:
                body = await _body(response)
                return self._result(response, body, method, path)
        except (aiohttp.ClientConnectionError, TimeoutError) as exc:
            raise RetryLater(5, f"{method} {path}: {type(exc).__name__}") from exc

    def _result(self, response: aiohttp.ClientResponse, body: Any, method: str, path: str) -> Any:
        status = response.status
        if status < 300:
            return body
        data = body if isinstance(body, dict) else {}
        if status == 429:
            seconds = float(data.get("retry_after") or response.headers.get("Retry-After") or 1)
            is_global = bool(data.get("global")) or (
                response.headers.get("X-RateLimit-Scope") == "global"
            )
            if is_global:
                self._paused_until = time.monotonic() + seconds
            log.warning("Discord rate limit on %s %s: retry after %.2fs", method, path, seconds)
            # A route's limit pauses that channel or recipient only; a global one everything.
            scope = "global" if is_global else "channel"
            raise RetryLater(seconds, f"429 on {method} {path}", scope=scope)
        if status >= 500:
            raise RetryLater(5, f"HTTP {status} on {method} {path}")
        raise DiscordError(status, int(data.get("code") or 0), str(data.get("message") or ""))


def _multipart(payload: Any, files: Sequence[File]) -> aiohttp.FormData:
    """Discord's attachment upload: ``payload_json`` names each ``files[n]`` part."""
    payload = {
        **(payload or {}),
        "attachments": [{"id": i, "filename": f.name} for i, f in enumerate(files)],
    }
    form = aiohttp.FormData()
    form.add_field("payload_json", json.dumps(payload), content_type="application/json")
    for i, file in enumerate(files):
        form.add_field(f"files[{i}]", file.data(), filename=file.name, content_type=file.mime)
    return form


async def _body(response: aiohttp.ClientResponse) -> Any:
    if response.status == 204:
        return None
    if response.content_type == "application/json":
        return await response.json()
    return await response.text()


def permanent(exc: DiscordError, what: str) -> PermanentFailure:
    return PermanentFailure(f"{what}: {exc}")
