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
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
        await app.close()


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
