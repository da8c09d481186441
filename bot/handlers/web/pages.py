"""The dashboard's pages. Each reads through the features' query functions (no SQL here)
and renders a template; filters are plain GET forms, so every view has its own address."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from aiohttp import web

from bot.features.events.calendar import add_links
from bot.features.events.queries import with_counts
from bot.features.events.render import kind_label, when_range
from bot.features.feedback.closeloop import quiet
from bot.features.help.status import failures
from bot.features.polls.service import needs_page, tally
from bot.features.reports import audit, dossier
from bot.features.reports.archive import archive, triage_queue
from bot.features.reports.overview import BOARD_STAGES, columns, overview
from bot.features.reports.story import Story, story
from bot.features.signals.visibility import Place
from bot.handlers.web import charts
from bot.handlers.web.view import APP, language, page, zone
from bot.storage.models import Poll
from bot.vocabulary.enums import Domain, SignalStatus

ARCHIVE_LIMIT = 500
PAST_EVENTS = timedelta(days=60)
DELIVERY_FAILURES = 100
AUDIT_ENTRIES = 200
NEEDS_PAGE = 200


def _domain(request: web.Request) -> Domain | None:
    value = request.query.get("domein", "")
    return Domain(value) if value in {d.value for d in Domain} else None


def _number(text: str, default: int, low: int = 1, high: int = 3650) -> int:
    return max(low, min(high, int(text))) if text.isdigit() else default


async def home(request: web.Request) -> web.Response:
    raise web.HTTPSeeOther("/dashboard/board")


async def board(request: web.Request) -> web.Response:
    app = request.app[APP]
    domain, search = _domain(request), request.query.get("q", "")[:200]
    async with app.sessions() as session:
        rows = await overview(session, Place.STAFF, domain, search)
    return page(
        request,
        "board.html",
        columns=columns(rows),
        stages=BOARD_STAGES,
        domains=list(Domain),
        domain=domain,
        search=search,
        total=len(rows),
    )


async def _story(request: web.Request, place: Place) -> Story:
    app = request.app[APP]
    nr = request.match_info["nr"]
    async with app.sessions() as session:
        found = await story(session, int(nr), app.community, language(request), place)
    if found is None:
        raise web.HTTPNotFound()
    return found


def _dossier_lines(found: Story, lang: str, request: web.Request) -> dict[str, Any]:
    """The dossier's lines, the same for the bottleneck page, the print page and the PDF."""
    z = zone(request)
    return {
        "meta": dossier.meta(found, lang),
        "quotes": dossier.quotes(found, lang, z),
        "causes": dossier.causes(found, lang),
        "agenda": dossier.agenda(found, lang, z),
        "feedback": dossier.feedback(found, lang, z),
        "polls": [
            {
                "view": view,
                "line": dossier.poll_line(view, lang),
                "recognition": dossier.recognition_rows(view, lang),
                "urgency": dossier.urgency_rows(view, lang),
                "recognition_chart": charts.recognition(view, lang),
                "urgency_chart": charts.urgency(view, lang),
            }
            for view in found.polls
        ],
    }


async def bottleneck(request: web.Request) -> web.Response:
    found = await _story(request, Place.STAFF)
    lang = language(request)
    return page(request, "bottleneck.html", s=found, **_dossier_lines(found, lang, request))


async def needs(request: web.Request) -> web.Response:
    """Everything people wrote is needed in one poll, a page at a time (chat shows ten)."""
    app = request.app[APP]
    async with app.sessions() as session:
        poll = await session.get(Poll, int(request.match_info["nr"]))
        if poll is None:
            raise web.HTTPNotFound()
        res = await tally(session, poll, app.community.polls)
        wanted = _number(request.query.get("pagina", ""), 1, high=1_000_000)
        found = await needs_page(session, poll, res, wanted, NEEDS_PAGE)
    return page(request, "needs.html", poll=poll, total=res.needed, needs=found)


async def dossier_page(request: web.Request) -> web.Response:
    found = await _story(request, Place.PUBLIC)
    lang = language(request)
    app = request.app[APP]
    return page(
        request,
        "dossier.html",
        s=found,
        made=app.clock.now(),
        **_dossier_lines(found, lang, request),
    )


async def signals(request: web.Request) -> web.Response:
    app = request.app[APP]
    status = request.query.get("status", "")
    statuses = tuple(s for s in SignalStatus if s.value == status)
    search = request.query.get("q", "")[:200]
    async with app.sessions() as session:
        found = await archive(
            session,
            Place.STAFF,
            domain=_domain(request),
            statuses=statuses,
            search=search,
            newest_first=True,
            limit=ARCHIVE_LIMIT + 1,
        )
    return page(
        request,
        "signals.html",
        entries=found[:ARCHIVE_LIMIT],
        more=len(found) > ARCHIVE_LIMIT,
        domains=list(Domain),
        domain=_domain(request),
        statuses=list(SignalStatus),
        status=status,
        search=search,
    )


async def triage(request: web.Request) -> web.Response:
    app = request.app[APP]
    async with app.sessions() as session:
        found = await triage_queue(session)
    return page(request, "triage.html", entries=found)


async def waiting(request: web.Request) -> web.Response:
    app = request.app[APP]
    days = _number(request.query.get("dagen", ""), app.community.dashboard.quiet_days)
    now = app.clock.now()
    async with app.sessions() as session:
        found = await quiet(session, now, days)
    return page(request, "waiting.html", found=found, days=days, now=now)


async def events(request: web.Request) -> web.Response:
    app = request.app[APP]
    lang = language(request)
    now = app.clock.now()
    async with app.sessions() as session:
        found = await with_counts(session, now - PAST_EVENTS)
    rows = [
        {
            "event": event,
            "counts": counts,
            "kind": kind_label(event.kind, lang),
            "when": when_range(event, lang, zone(request)),
            "links": add_links(event),
            "past": event.starts_at < now,
        }
        for event, counts in found
    ]
    return page(request, "events.html", rows=rows)


async def deliveries(request: web.Request) -> web.Response:
    app = request.app[APP]
    async with app.sessions() as session:
        found = await failures(session, DELIVERY_FAILURES)
    return page(request, "deliveries.html", found=found)


async def audit_log(request: web.Request) -> web.Response:
    """The newest entries of the audit log: what staff did, and what was refused."""
    app = request.app[APP]
    async with app.sessions() as session:
        found = await audit.entries(session, AUDIT_ENTRIES, language(request))
    return page(request, "audit.html", found=list(reversed(found)), limit=AUDIT_ENTRIES)
