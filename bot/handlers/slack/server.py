"""Running the Slack app: Socket Mode when SLACK_APP_TOKEN is set (no public URL needed),
otherwise HTTP mode: Slack's requests at POST /slack/events on PORT. Either way an
outbox drainer delivers what the core wrote."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import App
from bot.handlers.slack.bolt import SlackBot
from bot.settings import ConfigError

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
REPLAY_SECONDS = 60


def build(app: App, **kwargs: object) -> SlackBot:
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
        **kwargs,  # type: ignore[arg-type]
    )


def _base_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def web_app(bot: SlackBot) -> web.Application:
    """The HTTP endpoint: Bolt verifies the signature and answers within 3 seconds."""

    async def events(request: web.Request) -> web.Response:
        response = await bot.bolt.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    async def health(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    application = web.Application()
    application.router.add_post(EVENTS_PATH, events)
    application.router.add_get("/health", health)
    return application


async def serve(app: App, *, host: str = "0.0.0.0", bot: SlackBot | None = None) -> None:
    bot = bot or build(app)
    replayed = await bot.recover()
    if replayed:
        log.info("replayed %s stored Slack messages", replayed)
    drainer = asyncio.create_task(bot.drainer.run(), name="slack-drainer")
    replayer = asyncio.create_task(_replay(bot), name="slack-replay")
    try:
        if app.settings.slack_app_token is not None:
            await _socket_mode(bot, app.settings.slack_app_token.get_secret_value())
        else:
            await _http_mode(bot, host, app.settings.port)
    finally:
        bot.drainer.stop()
        for task in (drainer, replayer):
            task.cancel()
        await asyncio.gather(drainer, replayer, return_exceptions=True)


async def _replay(bot: SlackBot) -> None:
    """Now and then, process stored messages whose processing failed (the database was
    briefly away); the same rows are picked up at every start too."""
    while True:
        await asyncio.sleep(REPLAY_SECONDS)
        try:
            await bot.recover(min_age=timedelta(seconds=REPLAY_SECONDS))
        except Exception:
            log.exception("replaying stored Slack messages failed")


async def _socket_mode(bot: SlackBot, app_token: str) -> None:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    handler = AsyncSocketModeHandler(bot.bolt, app_token)
    log.info("Slack: Socket Mode")
    try:
        await handler.start_async()
    finally:
        await handler.close_async()


async def _http_mode(bot: SlackBot, host: str, port: int) -> None:
    runner = web.AppRunner(web_app(bot))
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    log.info("Slack: HTTP mode on %s:%s%s", host, port, EVENTS_PATH)
    try:
        await asyncio.Event().wait()
    finally:
        await bot.settle()
        await runner.cleanup()
