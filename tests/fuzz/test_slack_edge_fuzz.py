"""The Slack HTTP edge under random requests (issue 9): signed or not, any body, any
content type, well-formed commands with random text. Never a 500 or a traceback; a
malformed request gets 400/401; a signed event the bot does not handle gets 200."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
from hashlib import sha256
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.settings import Community, PlatformSection
from tests.conftest import make_app
from tests.fuzz.strategies import command_lines
from tests.handlers.slack.conftest import CHANNELS
from tests.handlers.slack.fake_slack import FakeSlack
from tests.handlers.slack.harness import SECRET, SlackHarness, new_trigger

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                 max_size=3),
    max_leaves=6,
)
SHAPES = st.fixed_dictionaries({}, optional={
    "type": st.sampled_from(["event_callback", "block_actions", "view_submission",
                             "url_verification", "app_rate_limited"]) | st.text(max_size=5),
    "event": JSON | st.fixed_dictionaries(
        {"type": st.sampled_from(["message", "app_home_opened", "reaction_added"])},
        optional={"user": JSON, "channel": JSON, "ts": JSON, "text": JSON,
                  "channel_type": st.just("im"), "thread_ts": JSON}),
    "event_id": JSON, "user": JSON, "actions": JSON, "view": JSON, "challenge": JSON,
    "trigger_id": JSON,
})


@st.composite
def requests(draw: st.DrawFn) -> tuple[bytes, str, str]:
    """(body, content type, how it is signed)."""
    kind = draw(st.sampled_from(["bytes", "json", "form", "payload", "command"]))
    if kind == "bytes":
        body = draw(st.binary(max_size=80))
    elif kind == "json":
        body = json.dumps(draw(SHAPES | JSON)).encode()
    elif kind == "payload":
        body = urlencode({"payload": json.dumps(draw(SHAPES | JSON))}).encode()
    elif kind == "command":
        line = draw(command_lines())
        name, _, text = line.partition(" ")
        fields = {"command": name, "text": text, "user_id": draw(st.sampled_from(["UVERA", "USANNE"])),
                  "channel_id": "C_GENERAL", "trigger_id": new_trigger()}
        body = urlencode(fields).encode()
    else:
        body = draw(st.text(max_size=40)).encode()
    content_type = draw(st.sampled_from(["application/json", "application/x-www-form-urlencoded",
                                         "text/plain", ""]))
    signing = draw(st.sampled_from(["good", "good", "good", "wrong", "stale", "garbage"]))
    return body, content_type, signing


def headers(body: bytes, content_type: str, signing: str) -> dict[str, str]:
    stamp = str(int(time.time()) - (600 if signing == "stale" else 0))
    secret = b"other" if signing == "wrong" else SECRET.encode()
    signature = "v0=" + hmac.new(secret, f"v0:{stamp}:".encode() + body, sha256).hexdigest()
    if signing == "garbage":
        stamp, signature = "abc", "v0=zz"
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature}


def test_slack_edge_fuzz(tmp_path, clock, caplog):
    community = Community(slack=PlatformSection(channels=CHANNELS, staff=["UVERA"]))
    caplog.set_level(logging.WARNING)
    with asyncio.Runner() as runner:
        fake = runner.run(FakeSlack().start())
        app = runner.run(make_app(f"sqlite:///{tmp_path / 'edge.db'}", community, clock,
                                  platforms=["slack"]))
        slack = runner.run(SlackHarness(app, fake).start())

        async def send(body: bytes, content_type: str, signing: str) -> int:
            async with slack.http.post(slack.endpoint, data=body,
                                       headers=headers(body, content_type, signing)) as resp:
                await resp.read()
            await slack.bot.settle()
            return resp.status

        @settings(max_examples=150, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(requests())
        def run(request: tuple[bytes, str, str]) -> None:
            body, content_type, signing = request
            caplog.clear()
            status = runner.run(send(body, content_type, signing))
            assert status in (200, 400, 401), (status, request)
            if signing != "good":
                assert status == 401
            assert not [r for r in caplog.records if r.exc_info], caplog.text[-2000:]
            answers = runner.run(slack.outbox())
            assert not [r for r in answers if "Sorry, er ging" in r.payload.get("text", "")]

        try:
            run()
        finally:
            runner.run(slack.stop())
            runner.run(app.close())
            runner.run(fake.stop())
