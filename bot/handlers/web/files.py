"""Files from the dashboard: the workbook, CSV tables and JSON, the PDF dossier (all by the
one export writer, which records each in the audit log under the signed-in staff member)
an event's .ics and the audit log as CSV. Like every page, only with a staff session."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import quote

from aiohttp import web

from bot.features.events.calendar import MIME, file_name, to_ics
from bot.features.events.queries import event_by_id
from bot.features.reports import audit
from bot.features.reports.export import NotFound, streamed
from bot.features.reports.tables import TABLES
from bot.handlers.web.view import APP, language, who


def _download(name: str, mime: str, data: bytes | AsyncIterator[bytes]) -> web.Response:
    """A file to save; its body may come a chunk at a time (an export streams)."""
    response = web.Response(body=data, content_type=mime.split(";")[0])
    if "charset=" in mime:
        response.charset = mime.split("charset=")[1]
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


async def _one(
    request: web.Request, fmt: str, bottleneck: int | None = None, table: str | None = None
) -> web.Response:
    app = request.app[APP]
    signed = who(request)
    try:
        files = await streamed(
            app.sessions,
            app.community,
            fmt,
            app.clock.now(),
            bottleneck=bottleneck,
            table=table,
            lang=language(request),
            by=signed.member if signed else None,
        )
    except NotFound as exc:
        raise web.HTTPNotFound() from exc
    [file] = files
    return _download(file.name, file.mime, file.chunks())


async def workbook(request: web.Request) -> web.Response:
    return await _one(request, "xlsx")


async def json_export(request: web.Request) -> web.Response:
    return await _one(request, "json")


async def csv_table(request: web.Request) -> web.Response:
    table = request.match_info["table"]
    if table not in TABLES:
        raise web.HTTPNotFound()
    return await _one(request, "csv", table=table)


async def dossier_pdf(request: web.Request) -> web.Response:
    return await _one(request, "dossier", bottleneck=int(request.match_info["nr"]))


async def audit_csv(request: web.Request) -> web.Response:
    app = request.app[APP]
    signed = who(request)
    file = await audit.export(
        app.sessions, app.community, "csv", app.clock.now(), signed.member if signed else None
    )
    return _download(file.name, file.mime, file.data)


async def event_ics(request: web.Request) -> web.Response:
    app = request.app[APP]
    async with app.sessions() as session:
        event = await event_by_id(session, int(request.match_info["nr"]))
    if event is None:
        raise web.HTTPNotFound()
    return _download(file_name(event), MIME, to_ics([event], app.community))
