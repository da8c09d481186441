"""Signatures, App Home, and the bot started in HTTP mode against the fake Slack."""

import asyncio
import json
import socket
import time
from urllib.parse import urlencode

import aiohttp

from bot.app import build_app
from bot.handlers.runner import platform_for
from bot.handlers.slack.server import SlackPlatform
from bot.settings import Settings
from tests.handlers.slack.harness import SECRET, TOKEN, payload, signed_headers, text_of


async def test_bad_or_stale_signature_is_rejected(slack):
    body = urlencode(dict(payload("slash_command"), text='open vraag:"x"'))
    form = "application/x-www-form-urlencoded"
    status, _ = await slack.post(body, form, secret="not-the-secret")
    assert status == 401
    status, _ = await slack.post(body, form, timestamp=int(time.time()) - 600)
    assert status == 401
    async with slack.http.post(slack.endpoint, data=body, headers={"Content-Type": form}) as resp:
        assert resp.status == 401
    assert slack.posts() == [] and await slack.outbox() == []


async def test_app_home_shows_open_calls_and_my_signals(slack):
    await slack.command('/oproep open vraag:"Waar loop je tegenaan?"')
    await slack.command('/signaal tekst:"Geen plek voor ouders"', user="USANNE")
    await slack.command('/knelpunt nieuw titel:"Ontmoetingsplek" signaal:1')
    await slack.event(payload("event_app_home_opened"))
    (published,) = slack.fake.to("views.publish")
    assert published["user_id"] == "USANNE"
    shown = text_of(published["view"])
    assert "Waar loop je tegenaan?" in shown
    assert "Geen plek voor ouders" in shown and "Ontmoetingsplek" in shown


async def test_handler_error_is_logged_with_a_reference_and_apologised(slack, caplog):
    async def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    slack.bot.core.command = broken
    await slack.command("/oproep lijst", user="USANNE")
    (apology,) = slack.fake.to("response_url")
    assert "Sorry" in apology["text"]
    assert "slack handler error (ref" in caplog.text
    assert "database gone" not in apology["text"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_mode(fake, sqlite_url: str, port: int, **env: str) -> Settings:
    """Slack without an app token: HTTP mode on ``port``, against the fake Slack."""
    return Settings(
        BOT_DATABASE_URL=sqlite_url,
        SLACK_BOT_TOKEN=TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake.api_url,
        PORT=port,
        **env,
    )


async def test_bot_in_http_mode_posts_a_signed_oproep_to_the_calls_channel(
    fake, community, clock, sqlite_url
):
    port = free_port()
    app = await build_app(http_mode(fake, sqlite_url, port), community, clock=clock)
    assert app.platforms == ["slack"]
    running = asyncio.create_task(SlackPlatform(app, host="127.0.0.1").serve())
    try:
        body = urlencode(
            dict(
                payload("slash_command"),
                text='open vraag:"Waar loop je tegenaan?" reden:"Landelijke tafel"',
            )
        )
        headers = signed_headers(body, "application/x-www-form-urlencoded")
        url = f"http://127.0.0.1:{port}/slack/events"
        async with aiohttp.ClientSession() as http:
            for _ in range(200):  # the server needs a moment to listen
                try:
                    async with http.post(url, data=body, headers=headers) as resp:
                        assert resp.status == 200
                    break
                except aiohttp.ClientConnectorError:
                    await asyncio.sleep(0.01)
        for _ in range(500):
            if [p for p in fake.to("chat.postMessage") if p["channel"] == "C_CALLS"]:
                break
            await asyncio.sleep(0.01)
        (post,) = [p for p in fake.to("chat.postMessage") if p["channel"] == "C_CALLS"]
        assert "Waar loop je tegenaan?" in text_of(post)
        assert all(c.token == TOKEN for c in fake.calls)
        assert json.dumps(post).count("Landelijke tafel") >= 1
        # calls one after another share a kept-alive connection (only concurrent ones
        # open another): auth.test, users.info, the answer to staff and the post
        assert len({c.peer for c in fake.calls}) < len(fake.calls)
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
        await app.close()


async def test_a_signed_slash_command_replayed_runs_once(slack):
    """The same signed body within Slack's five minutes (a replay, or Slack's retry) is
    one request: stored once, run once, answered once."""
    body = urlencode(dict(payload("slash_command"), command="/signaal",
                          text='tekst:"Geen plek"', user_id="USANNE",
                          response_url=slack.fake.response_url("cmd-USANNE")))
    form = "application/x-www-form-urlencoded"
    stamp = int(time.time())
    assert (await slack.post(body, form, timestamp=stamp))[0] == 200
    assert (await slack.post(body, form, timestamp=stamp))[0] == 200
    await slack.deliver()
    assert len(await slack.signals()) == 1
    assert len(slack.ephemerals("USANNE")) == 1


async def test_signed_events_the_bot_does_not_handle_are_acknowledged(slack):
    body = json.dumps({"type": "event_callback", "event_id": "Ev1",
                       "event": {"type": "reaction_added", "user": "USANNE"}})
    assert (await slack.post(body, "application/json"))[0] == 200


async def test_malformed_requests_get_400_and_one_short_line(slack, caplog):
    form = "application/x-www-form-urlencoded"
    cases = [("{not json", "application/json"), ("[1, 2]", "application/json"),
             ("payload=%7Bbad", form), ('{"event": null}', "application/json"),
             ('payload={"type":"block_actions","actions":5}', form)]
    # a user or channel that is neither text nor an object, inside the event too
    for inner in ({"user": False}, {"user": 0}, {"channel": False}, {"item": 3},
                  {"message": {"user": []}}):
        event = {"type": "event_callback", "event_id": "Ev9",
                 "event": {"type": "message", **inner}}
        cases.append((json.dumps(event), "application/json"))
    for body, content_type in cases:
        assert (await slack.post(body, content_type))[0] == 400, body
    async with slack.http.post(slack.endpoint, data=b"\xff\xfe", headers={
        "Content-Type": "application/json", "X-Slack-Request-Timestamp": "abc",
        "X-Slack-Signature": "v0=00"}) as resp:
        assert resp.status == 401
    records = [r for r in caplog.records if r.name.startswith("bot.handlers.slack")]
    assert records and all(r.exc_info is None and len(r.getMessage()) < 200 for r in records)


def test_the_edge_log_is_rate_limited():
    from bot.handlers.slack.edge import QuietLog

    now = [0.0]
    quiet = QuietLog(lines=3, window=60, monotonic=lambda: now[0])
    import logging
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Keep()
    logging.getLogger("bot.handlers.slack.edge").addHandler(handler)
    try:
        for _ in range(1000):
            quiet.warning("bad request")
        now[0] = 61
        quiet.warning("bad request")
    finally:
        logging.getLogger("bot.handlers.slack.edge").removeHandler(handler)
    assert records == ["bad request"] * 3 + ["997 more malformed requests were not logged",
                                              "bad request"]


async def test_the_dashboard_is_mounted_beside_slack_events_in_http_mode(
    fake, community, clock, sqlite_url
):
    port = free_port()
    settings = http_mode(fake, sqlite_url, port, BOT_WEB_SECRET="a-secret-for-the-dashboard")
    app = await build_app(settings, community, clock=clock)
    platform = platform_for(app, "slack")
    assert isinstance(platform, SlackPlatform) and platform.serves_http
    platform.host = "127.0.0.1"
    running = asyncio.create_task(platform.serve())
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(200):
                try:
                    async with http.get(f"{base}/dashboard/board") as resp:
                        assert resp.status == 401  # the dashboard is there, and closed
                        assert "Content-Security-Policy" in resp.headers
                    break
                except aiohttp.ClientConnectorError:
                    await asyncio.sleep(0.01)
            async with http.post(f"{base}/slack/events", data="x") as resp:
                assert resp.status == 401  # Slack's endpoint, unsigned: refused as before
                assert "Content-Security-Policy" not in resp.headers
            async with http.get(f"{base}/dashboard", allow_redirects=False) as resp:
                assert resp.status == 303 and resp.headers["Location"] == "/dashboard/"
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
        await app.close()
