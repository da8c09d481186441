"""Pages from Jinja2 templates (shipped in the package), in the signed-in member's language,
dates in the community's time zone, with the security headers every answer carries."""

from __future__ import annotations

from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from bot.app import App
from bot.core import i18n
from bot.features.dashboard.signin import SignedIn

APP = web.AppKey("signaalbot", App)
WHO = web.RequestKey("who", SignedIn)  # the signed-in staff member of this request
COOKIE = "signaalbot_session"

ENV = Environment(
    loader=PackageLoader("bot.handlers.web", "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

# What the browser may do on these pages: our own scripts only (Plotly draws with inline
# styles, hence 'unsafe-inline' for styles), no framing, forms only back to us.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # a sign-in link never leaks to another site
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def secure(response: web.StreamResponse, app: App, cache: bool = False) -> None:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if app.community.dashboard.base_url.startswith("https://"):
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if not cache:  # data pages and files are never kept by a browser or proxy
        response.headers["Cache-Control"] = "no-store"


def who(request: web.Request) -> SignedIn | None:
    return request.get(WHO)


def language(request: web.Request) -> str:
    signed = who(request)
    if signed is not None:
        return i18n.language(signed.session.language)
    return request.app[APP].community.language


def zone(request: web.Request) -> ZoneInfo:
    return ZoneInfo(request.app[APP].community.timezone)


def helpers(app: App, lang: str) -> dict[str, Any]:
    zone = ZoneInfo(app.community.timezone)
    return {
        "t": partial(i18n.t, lang),
        "when": lambda moment: i18n.when(moment, lang, zone),
        "day": lambda moment: i18n.day(moment, lang, zone),
        "stage": lambda stage: i18n.stage_label(stage, lang),
        "cause": lambda area: i18n.cause_label(area, lang),
        "percent": lambda part, whole: i18n.percent(part, whole, lang),
        "ratio": lambda share: i18n.ratio(share, lang),
        "lang": lang,
        "zone": zone,
    }


def page(request: web.Request, template: str, code: int = 200, **context: Any) -> web.Response:
    app = request.app[APP]
    lang = language(request)
    signed = who(request)
    html = ENV.get_template(template).render(
        **helpers(app, lang),
        who=signed,
        csrf=signed.session.csrf if signed else "",
        path=request.path,
        community=app.community.name,
        **context,
    )
    return web.Response(text=html, status=code, content_type="text/html", charset="utf-8")
