"""Command line: ``python -m bot [run|console|demo|export|audit|agenda|migrate]``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot.app import App, build_app
from bot.demo import run_demo
from bot.features.events.calendar import agenda
from bot.features.reports import audit
from bot.features.reports.export import export
from bot.handlers import runner
from bot.handlers.console.runner import interactive, run_lines
from bot.settings import ConfigError, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description=(
            "Signaalbot: van signaal uit de praktijk naar beleidsverandering, en terug naar "
            "ieder lid."
        ),
    )
    parser.add_argument(
        "--database", help="database-URL (anders BOT_DATABASE_URL of sqlite:///data/signaalbot.db)"
    )
    sub = parser.add_subparsers(dest="action")
    sub.add_parser("run", help="start elk platform met instellingen; zonder tokens de console")
    console = sub.add_parser("console", help="speel de bot in de terminal, als wie je wilt")
    console.add_argument("--script", type=Path, help="bestand met één actie per regel")
    sub.add_parser("demo", help="een Dutch voorbeeldscenario door alle zeven stappen")
    export = sub.add_parser("export", help="knelpunten en signalen als JSON of CSV")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--out", type=Path, help="bestand (anders: scherm)")
    log = sub.add_parser("audit", help="het auditlog van staf-acties als JSON of CSV")
    log.add_argument("--format", choices=("json", "csv"), default="csv")
    log.add_argument("--out", type=Path, help="bestand (anders: scherm)")
    sub.add_parser("migrate", help="database bijwerken naar de nieuwste versie")
    agenda = sub.add_parser("agenda", help="komende bijeenkomsten als agendabestand")
    agenda.add_argument(
        "--ics",
        type=Path,
        required=True,
        metavar="FILE",
        help="schrijf een .ics-bestand (iCalendar)",
    )
    return parser


async def _main(args: argparse.Namespace) -> int:
    settings, community = load_settings()
    if args.database:
        settings.database_url = args.database
    action = args.action or "run"
    if action == "demo":
        return await run_demo(community)
    offline = ("console", "export", "audit", "migrate", "agenda")
    platforms = ["console"] if action in offline else None
    app = await build_app(settings, community, platforms=platforms)
    try:
        return await _dispatch(app, action, args)
    finally:
        await app.close()


async def _dispatch(app: App, action: str, args: argparse.Namespace) -> int:
    if action == "migrate":
        print("De database is bijgewerkt.")
        return 0
    if action in ("export", "audit"):
        write = export if action == "export" else audit.export
        text = await write(app.sessions, args.format, app.clock.now())
        if args.out:
            args.out.write_text(text, encoding="utf-8")
            print(f"Geschreven: {args.out}")
        else:
            sys.stdout.write(text)
        return 0
    if action == "agenda":
        args.ics.write_bytes(await agenda(app.sessions, app.community, app.clock.now()))
        print(f"Geschreven: {args.ics}")
        return 0
    if action == "console" and args.script:
        lines = args.script.read_text(encoding="utf-8").splitlines()
        problems = await run_lines(app, lines)
        return 1 if problems else 0
    if action == "run":
        return await runner.run(app)
    await interactive(app)  # "console" without a script
    return 0


def configure_logging(level: str) -> None:
    """The bot's own loggers at ``BOT_LOG_LEVEL``; libraries stay at WARNING whatever that
    is, because their DEBUG output carries message contents (gateway events, SQL
    parameters). The bot never logs message texts at any level."""
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("bot").setLevel(level.upper())


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings, _ = load_settings()
        configure_logging(settings.log_level)
        return asyncio.run(_main(args))
    except ConfigError as exc:
        print(f"Configuratiefout: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"Bestand niet gevonden: {exc.filename}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
