"""The dashboard as an aiohttp sub-application under ``/dashboard``: mounted on the
application that serves Slack's ``/slack/events`` in HTTP mode, or served on its own on
PORT (Discord, the console, Slack in Socket Mode)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import plotly
from aiohttp import web

from bot.app import App
from bot.handlers.web import access, files, pages
from bot.handlers.web.view import APP

log = logging.getLogger(__name__)

PREFIX = "/dashboard"
STATIC = Path(__file__).parent / "static"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
ASSETS = {"dashboard.css": STATIC / "dashboard.css", "dashboard.js": STATIC / "dashboard.js"}
ASSETS["plotly.min.js"] = PLOTLY_JS


def enabled(app: App) -> bool:
    """The dashboard runs when sign-in links can be signed (BOT_WEB_SECRET)."""
    return app.core.web_key is not None


async def _asset(request: web.Request) -> web.StreamResponse:
    path = ASSETS.get(request.match_info["name"])
    if path is None:
        raise web.HTTPNotFound()
    return web.FileResponse(path, headers={"Cache-Control": "max-age=3600"})


def dashboard(app: App) -> web.Application:
    sub = web.Application(middlewares=[access.headers, access.guard])
    sub[APP] = app
    r = sub.router
    r.add_get("/", pages.home)
    r.add_get("/login/{token}", access.link_page)
    r.add_post("/login/{token}", access.sign_in)
    r.add_post("/logout", access.sign_out)
    r.add_post("/language", access.switch_language)
    r.add_get("/static/{name}", _asset)
    r.add_get("/board", pages.board)
    r.add_get("/bottlenecks/{nr:\\d+}", pages.bottleneck)
    r.add_get("/bottlenecks/{nr:\\d+}/dossier", pages.dossier_page)
    r.add_get("/bottlenecks/{nr:\\d+}/dossier.pdf", files.dossier_pdf)
    r.add_get("/polls/{nr:\\d+}/needs", pages.needs)
    r.add_get("/signals", pages.signals)
    r.add_get("/triage", pages.triage)
    r.add_get("/waiting", pages.waiting)
    r.add_get("/events", pages.events)
    r.add_get("/events/{nr:\\d+}.ics", files.event_ics)
    r.add_get("/deliveries", pages.deliveries)
    r.add_get("/audit", pages.audit_log)
    r.add_get("/audit.csv", files.audit_csv)
    r.add_get("/export.xlsx", files.workbook)
    r.add_get("/export.json", files.json_export)
    r.add_get("/export/{table}.csv", files.csv_table)
    return sub


def mount(root: web.Application, app: App) -> None:
    """Add the dashboard to an application (Slack's in HTTP mode, or our own)."""

    async def to_dashboard(_: web.Request) -> web.Response:
        raise web.HTTPSeeOther(f"{PREFIX}/")

    root.router.add_get(PREFIX, to_dashboard)
    root.add_subapp(PREFIX, dashboard(app))


def web_application(app: App) -> web.Application:
    """A web application with just the dashboard and a health check."""

    async def health(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    root = web.Application()
    root.router.add_get("/health", health)
    mount(root, app)
    return root


async def serve(app: App, host: str = "0.0.0.0", port: int | None = None) -> None:
    """Serve the dashboard on PORT until cancelled."""
    # no access log: a sign-in link's path is a secret until it is used
    runner = web.AppRunner(web_application(app), access_log=None)
    await runner.setup()
    port = app.settings.port if port is None else port
    await web.TCPSite(runner, host, port).start()
    log.info("dashboard on %s:%s%s (%s)", host, port, PREFIX, app.community.dashboard.base_url)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
