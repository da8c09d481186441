"""The HTTP edge of Slack's HTTP mode: is this a request Slack signed, and is its body
what Slack sends? Checked on the raw bytes before anything parses them, so a malformed
request from anyone is a short 400/401 and never reaches Bolt as a traceback."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable, Mapping
from urllib.parse import parse_qsl

log = logging.getLogger(__name__)

MAX_SKEW = 5 * 60  # seconds: Slack's own rule against replays
LOG_LINES = 5  # per LOG_WINDOW: malformed requests are logged, but never floods
LOG_WINDOW = 60.0


class QuietLog:
    """At most ``lines`` warnings per ``window`` seconds, then a count of the rest."""

    def __init__(
        self,
        lines: int = LOG_LINES,
        window: float = LOG_WINDOW,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.lines = lines
        self.window = window
        self.monotonic = monotonic
        self._started = -window
        self._logged = 0
        self._suppressed = 0

    def warning(self, message: str, *args: object) -> None:
        now = self.monotonic()
        if now - self._started >= self.window:
            if self._suppressed:
                log.warning("%d more malformed requests were not logged", self._suppressed)
            self._started, self._logged, self._suppressed = now, 0, 0
        if self._logged < self.lines:
            self._logged += 1
            log.warning(message, *args)
        else:
            self._suppressed += 1


class Edge:
    def __init__(
        self,
        signing_secret: str,
        clock: Callable[[], float] = time.time,
        quiet: QuietLog | None = None,
    ) -> None:
        self.secret = signing_secret.encode()
        self.clock = clock
        self.log = quiet or QuietLog()

    def check(self, raw: bytes, headers: Mapping[str, str]) -> int | None:
        """None when the request may go on; else the HTTP status to answer."""
        problem = self._unsigned(raw, headers)
        if problem:
            self.log.warning("Slack request refused (401): %s", problem)
            return 401
        problem = _malformed(raw, headers.get("Content-Type", ""))
        if problem:
            self.log.warning("Slack request refused (400): %s", problem)
            return 400
        return None

    def _unsigned(self, raw: bytes, headers: Mapping[str, str]) -> str | None:
        stamp = headers.get("X-Slack-Request-Timestamp", "")
        signature = headers.get("X-Slack-Signature", "")
        if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= 12):
            return "no valid timestamp"
        if abs(self.clock() - int(stamp)) > MAX_SKEW:
            return "timestamp too old or in the future"
        base = b"v0:" + stamp.encode() + b":" + raw
        expected = "v0=" + hmac.new(self.secret, base, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
            return "signature does not match"
        return None


def _malformed(raw: bytes, content_type: str) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "body is not UTF-8"
    kind = content_type.split(";")[0].strip().lower()
    if kind not in ("application/json", "application/x-www-form-urlencoded"):
        return f"unexpected content type {kind[:40]!r}"
    # read as Bolt will read it: JSON when it says so or looks so, else form fields
    if kind == "application/json" or text.startswith("{"):
        return _not_an_object(text, "body")
    if "payload" in text:
        payload = dict(parse_qsl(text, keep_blank_values=True)).get("payload")
        return _not_an_object(payload, "payload") if payload is not None else None
    return None


# Slack's envelopes: these fields are objects (or lists of objects) whenever present, at
# any depth (Bolt looks for the user and channel inside event, message and item too);
# Bolt reads them without checking, so a signed request with anything else is malformed.
OBJECTS = ("event", "view", "container", "message", "item", "authorization", "state")
OBJECTS_OR_TEXT = ("user", "team", "channel", "enterprise")
LISTS_OF_OBJECTS = ("actions", "authorizations")


def _not_an_object(text: str, what: str) -> str | None:
    try:
        value = json.loads(text)
    except ValueError:
        return f"{what} is not JSON"
    if not isinstance(value, dict):
        return f"{what} is not a JSON object"
    return _bad_shape(value)


def _bad_shape(body: dict[str, object]) -> str | None:
    if not isinstance(body.get("type", ""), str):
        return "type is not text"
    for key in OBJECTS:
        if key not in body:
            continue
        inner = body[key]
        if not isinstance(inner, dict):
            return f"{key} is not an object"
        if problem := _bad_shape(inner):
            return f"{key}.{problem}"
    for key in OBJECTS_OR_TEXT:
        if body.get(key) is not None and not isinstance(body[key], dict | str):
            return f"{key} is not an object"
    for key in LISTS_OF_OBJECTS:
        found = body.get(key, [])
        if not isinstance(found, list) or not all(isinstance(x, dict) for x in found):
            return f"{key} is not a list of objects"
    return None
