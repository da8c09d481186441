"""Slack as a ``Platform``: Socket Mode when SLACK_APP_TOKEN is set (no public URL
needed), otherwise HTTP mode: Slack's requests at POST /slack/events on PORT. Either way
an outbox drainer delivers what the core wrote, and stored messages are replayed."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import App
from bot.core.context import Actor
from bot.handlers.platform import delivering, drainer_for, finishing, replaying
from bot.handlers.slack.bolt import REACHED, SlackBot
from bot.handlers.slack.edge import Edge
from bot.handlers.slack.sender import PLATFORM
from bot.outbox.delivery import Sender
from bot.settings import ConfigError, Pacing

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
SHUTDOWN_HTTP_SECONDS = 3.0  # Slack wants its answer within 3 s anyway
Routes = Callable[[web.Application], None]  # more routes on the same application (dashboard)


def build(app: App) -> SlackBot:
    settings = app.settings
    if settings.slack_bot_token is None:
        raise ConfigError("SLACK_BOT_TOKEN ontbreekt")
    socket_mode = settings.slack_app_token is not None
    secret = settings.slack_signing_secret
    if not socket_mode and secret is None:
        raise ConfigError("SLACK_SIGNING_SECRET ontbreekt (nodig zonder SLACK_APP_TOKEN)")
    client = AsyncWebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=_base_url(settings.slack_api_url),
    )
    return SlackBot(
        app,
        client,
        signing_secret=secret.get_secret_value() if secret else "",
        socket_mode=socket_mode,
    )


def _base_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def web_app(bot: SlackBot, routes: Routes | None = None) -> web.Application:
    """The HTTP endpoint, and ``routes``: more on the same application (the dashboard).
    The edge checks the signature on the raw bytes and that the body is what Slack sends
    before Bolt sees it: a malformed request gets 400 (401 when not signed) and one short,
    rate-limited log line, never a traceback. Every signed event is acknowledged, also one
    the bot does not handle (Slack retries and may switch off a subscription that keeps
    failing)."""
    edge = Edge(bot.signing_secret)

    async def events(request: web.Request) -> web.Response:
        raw = await request.read()
        refused = edge.check(raw, request.headers)
        if refused is not None:
            return web.Response(status=refused, text="")
        bolt_request = AsyncBoltRequest(
            body=raw.decode("utf-8"),
            query=request.query_string,
            headers=request.headers,  # type: ignore[arg-type]  # a mapping is what Bolt reads
        )
        try:
            response = await bot.bolt.async_dispatch(bolt_request)
        except Exception as exc:  # Bolt's own error handling failed on this request
            if bolt_request.context.get(REACHED):
                raise  # a real fault after the request was read: 500, Slack retries
            edge.log.warning("Slack request refused (400): unreadable (%s)", type(exc).__name__)
            return web.Response(status=400, text="")
        if response.status == 404:  # signed, well-formed, not for us: acknowledged anyway
            return web.Response(status=200, text="")
        if response.status >= 500 and not bolt_request.context.get(REACHED):
            return web.Response(status=400, text="")  # Bolt could not read it: malformed
        return await to_aiohttp_response(response)

    async def health(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    application = web.Application()
    application.router.add_post(EVENTS_PATH, events)
    application.router.add_get("/health", health)
    if routes is not None:
        routes(application)
    return application


class SlackPlatform:
    name = PLATFORM

    def __init__(
        self,
        app: App,
        *,
        host: str = "0.0.0.0",
        bot: SlackBot | None = None,
        routes: Routes | None = None,
    ) -> None:
        self.app = app
        self.host = host
        self.bot = bot or build(app)
        self.routes = routes

    @property
    def serves_http(self) -> bool:
        """HTTP mode: Slack's requests (and ``routes``) on PORT; Socket Mode needs no port."""
        return self.app.settings.slack_app_token is None

    def sender(self) -> Sender:
        return self.bot.sender

    def pacing(self) -> Pacing:
        return self.app.community.delivery.slack

    async def actor(self, user_id: str, reply_ref: str | None = None) -> Actor:
        return await self.bot.actor(user_id, reply_ref)

    async def serve(self) -> None:
        async with pooled(self.bot.client), delivering(self.app, drainer_for(self.app, self)):
            replayer = asyncio.create_task(replaying(self.app, PLATFORM, self.bot.process))
            try:
                token = self.app.settings.slack_app_token
                if token is not None:
                    await _socket_mode(self.bot, token.get_secret_value())
                else:
                    await _http_mode(self.bot, self.host, self.app.settings.port, self.routes)
            finally:
                await finishing("Slack", self.bot.settle, self.app.settings.shutdown_seconds)
                replayer.cancel()
                await asyncio.gather(replayer, return_exceptions=True)


@asynccontextmanager
async def pooled(client: AsyncWebClient) -> AsyncIterator[None]:
    """One connection pool for every Web API call while serving: without a session of
    its own, slack_sdk opens (and closes) a connection for each call — a TCP connect for
    every ✅, answer and name look-up."""
    if client.session is not None:
        yield
        return
    client.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=client.timeout))
    try:
        yield
    finally:
        await client.session.close()
        client.session = None


async def _socket_mode(bot: SlackBot, app_token: str) -> None:
    handler = AsyncSocketModeHandler(bot.bolt, app_token)
    log.info("Slack: Socket Mode")
    try:
        await handler.start_async()  # type: ignore[no-untyped-call]  # untyped in slack-bolt
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]


async def _http_mode(bot: SlackBot, host: str, port: int, routes: Routes | None) -> None:
    # no access log: a dashboard sign-in link's path is a secret until it is used
    runner = web.AppRunner(
        web_app(bot, routes), access_log=None, shutdown_timeout=SHUTDOWN_HTTP_SECONDS
    )
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    log.info("Slack: HTTP mode on %s:%s%s", host, port, EVENTS_PATH)
    try:
        await asyncio.Event().wait()
    finally:
        # stop accepting; requests already acknowledged finish in serve()
        await runner.cleanup()
