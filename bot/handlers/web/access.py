"""Who may see what: every dashboard page and file needs a staff session; sign-in links,
sign-out, the language switch; CSRF on every form; security headers on every answer."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.features.dashboard import signin
from bot.handlers.web.view import APP, COOKIE, WHO, page, secure, who

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
PUBLIC = ("/dashboard/login/", "/dashboard/static/")
STATIC = "/dashboard/static/"
EXPLAINED = (404, 405, 500)  # statuses with a text of their own (web-error-<status>)


@web.middleware
async def headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Security headers on every answer, errors included; errors as a page, never a
    stack trace."""
    app = request.app[APP]
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            secure(exc, app)
            raise
        known = exc.status if exc.status in EXPLAINED else "other"
        response = page(request, "problem.html", exc.status, problem=f"web-error-{known}")
    except Exception:
        log.exception("dashboard page %s failed", request.path)
        response = page(request, "problem.html", 500, problem="web-error-500")
    secure(response, app, cache=request.path.startswith(STATIC) and response.status == 200)
    return response


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A staff session for everything but the sign-in link and the static assets; a valid
    CSRF token and no cross-site origin for every form that is sent."""
    if request.method == "POST" and request.headers.get("Sec-Fetch-Site") == "cross-site":
        return page(request, "problem.html", 403, problem="web-error-csrf")
    if request.path.startswith(PUBLIC):
        return await handler(request)
    app = request.app[APP]
    async with app.sessions() as session, session.begin():
        signed = await signin.signed_in(
            session, request.cookies.get(COOKIE), app.clock.now(), app.community.dashboard
        )
    if signed is None:
        response = page(request, "problem.html", 401, problem="web-signed-out")
        response.del_cookie(COOKIE, path="/dashboard")
        return response
    request[WHO] = signed
    if request.method == "POST":
        form = await request.post()
        sent = str(form.get("csrf", ""))
        if not hmac.compare_digest(sent.encode(), signed.session.csrf.encode()):
            return page(request, "problem.html", 403, problem="web-error-csrf")
    return await handler(request)


async def link_page(request: web.Request) -> web.Response:
    """The page a sign-in link opens: it checks the link but does not use it, so a chat
    app that previews the link cannot spend it; the button signs in."""
    app = request.app[APP]
    key = app.core.web_key
    if key is None:
        raise web.HTTPNotFound()
    async with app.sessions() as session:
        checked = await signin.check_link(
            session, request.match_info["token"], app.clock.now(), key
        )
    if checked.problem is not None:
        return page(request, "problem.html", 403, problem=f"web-link-{checked.problem.value}")
    assert checked.member is not None
    return page(request, "signin.html", name=checked.member.display_name)


async def sign_in(request: web.Request) -> web.Response:
    app = request.app[APP]
    key = app.core.web_key
    if key is None:
        raise web.HTTPNotFound()
    config = app.community.dashboard
    async with app.sessions() as session, session.begin():
        redeemed = await signin.redeem(
            session, request.match_info["token"], app.clock.now(), key, config
        )
    if redeemed.problem is not None or redeemed.cookie is None:
        problem = (redeemed.problem or signin.Problem.INVALID).value
        return page(request, "problem.html", 403, problem=f"web-link-{problem}")
    response = web.Response(status=303, headers={"Location": "/dashboard/board"})
    response.set_cookie(
        COOKIE,
        redeemed.cookie,
        max_age=config.session_hours * 3600,
        path="/dashboard",
        httponly=True,
        samesite="Lax",
        secure=config.base_url.startswith("https://"),
    )
    return response


async def sign_out(request: web.Request) -> web.Response:
    app = request.app[APP]
    async with app.sessions() as session, session.begin():
        await signin.sign_out(session, request.cookies.get(COOKIE), app.clock.now())
    request.pop(WHO, None)
    response = page(request, "problem.html", 200, problem="web-signed-out-now")
    response.del_cookie(COOKIE, path="/dashboard")
    return response


async def switch_language(request: web.Request) -> web.StreamResponse:
    app = request.app[APP]
    signed = who(request)
    form = await request.post()
    if signed is not None:
        async with app.sessions() as session, session.begin():
            await signin.set_language(session, signed.session.id, str(form.get("taal", "")))
    back = str(form.get("terug", ""))
    raise web.HTTPSeeOther(back if back.startswith("/dashboard/") else "/dashboard/board")
