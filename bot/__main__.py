"""Command line: ``python -m bot [run|console|demo|export|audit|migrate|agenda|dashboard-link]``."""

from __future__ import annotations

import argparse
import asyncio
import codecs
import logging
import sys
from pathlib import Path
from typing import Any, NoReturn

from bot.app import App, build_app, settle
from bot.demo import run_demo
from bot.features.dashboard.signin import NoStaffMember, link_for
from bot.features.events.calendar import agenda
from bot.features.reports import audit
from bot.features.reports.export import FORMATS, NotFound, Streamed, streamed, whole
from bot.handlers import runner
from bot.handlers.console.runner import interactive, run_lines
from bot.settings import ConfigError, load_settings
from bot.storage.database import DatabaseUnavailable


class _Dutch(argparse.HelpFormatter):
    """argparse's own words in Dutch, so ``--help`` is one language."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(formatter_class=_Dutch, add_help=False, **kwargs)
        self._positionals.title = "acties"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str) -> NoReturn:
        for english, dutch in ARGPARSE_WORDS:
            message = message.replace(english, dutch)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {message} (zie --help)\n")


ARGPARSE_WORDS = (
    ("the following arguments are required: ", "dit ontbreekt: "),
    ("unrecognized arguments: ", "onbekende argumenten: "),
    ("invalid choice: ", "ongeldige keuze: "),
    ("(choose from ", "(kies uit "),
    ("expected one argument", "verwacht een waarde"),
    ("argument ", "optie "),
)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m bot",
        description=(
            "Signaalbot: van signaal uit de praktijk naar beleidsverandering, en terug naar "
            "ieder lid."
        ),
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database-URL (anders BOT_DATABASE_URL of sqlite:///data/signaalbot.db)",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTIE", parser_class=_Parser)
    sub.add_parser("run", help="start elk platform met instellingen; zonder tokens de console")
    console = sub.add_parser("console", help="speel de bot in de terminal, als wie je wilt")
    console.add_argument(
        "--script", type=Path, metavar="BESTAND", help="bestand met één actie per regel"
    )
    sub.add_parser("demo", help="een Nederlands voorbeeldscenario door alle zeven stappen")
    export = sub.add_parser(
        "export", help="werkboek, CSV, JSON of dossiers (PDF) van knelpunten en signalen"
    )
    export.add_argument("--format", choices=FORMATS, default="json", help="het soort bestand")
    export.add_argument(
        "--out",
        type=Path,
        metavar="BESTAND",
        help="bestand of map (JSON zonder --out: scherm; anders de huidige map)",
    )
    export.add_argument("--knelpunt", type=int, metavar="NR", help="dossier van één knelpunt")
    log = sub.add_parser("audit", help="het auditlog van staf-acties als CSV of JSON")
    log.add_argument("--format", choices=audit.FORMATS, default="csv", help="het soort bestand")
    log.add_argument(
        "--out",
        type=Path,
        metavar="BESTAND",
        help="bestand of map (JSON zonder --out: scherm; anders de huidige map)",
    )
    link = sub.add_parser("dashboard-link", help="eenmalige inloglink naar het dashboard")
    link.add_argument("naam", help="de naam van een stafmedewerker (of platform:id)")
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
    tools = ("console", "export", "audit", "migrate", "agenda", "dashboard-link")
    platforms = ["console"] if action in tools else None
    app = await build_app(settings, community, platforms=platforms)
    settle()
    try:
        return await _dispatch(app, action, args)
    finally:
        await app.close()


async def _dispatch(app: App, action: str, args: argparse.Namespace) -> int:
    if action == "migrate":
        print("De database is bijgewerkt.")
        return 0
    if action == "export":
        return await _export(app, args)
    if action == "audit":
        log = await audit.export(app.sessions, app.community, args.format, app.clock.now())
        return await _write([whole(log)], args)
    if action == "dashboard-link":
        return await _dashboard_link(app, args.naam)
    if action == "agenda":
        args.ics.write_bytes(await agenda(app.sessions, app.community, app.clock.now()))
        print(f"Geschreven: {args.ics}")
        return 0
    if action == "console" and args.script:
        # utf-8-sig: a script saved with a byte order mark (Windows editors) reads the same
        lines = args.script.read_text(encoding="utf-8-sig").splitlines()
        problems = await run_lines(app, lines)
        return 1 if problems else 0
    if action == "run":
        return await runner.run(app)
    await interactive(app)  # "console" without a script
    return 0


async def _export(app: App, args: argparse.Namespace) -> int:
    try:
        files = await streamed(
            app.sessions, app.community, args.format, app.clock.now(), bottleneck=args.knelpunt
        )
    except NotFound as exc:
        print(f"Knelpunt #{exc.args[0]} bestaat niet.", file=sys.stderr)
        return 2
    if len(files) > 1 and args.out is not None and args.out.suffix and not args.out.is_dir():
        print(f"Dit zijn {len(files)} bestanden: geef met --out een map op.", file=sys.stderr)
        return 2
    if not files:
        print("Er zijn nog geen knelpunten.")
        return 0
    return await _write(files, args)


async def _write(files: list[Streamed], args: argparse.Namespace) -> int:
    """JSON without --out goes to the screen; everything else to files. Each is written
    a chunk at a time while the database is read (an export of 100,000 signals too)."""
    if args.format == "json" and args.out is None:
        text = codecs.getincrementaldecoder("utf-8")()
        async for chunk in files[0].chunks():
            sys.stdout.write(text.decode(chunk))
        return 0
    for file, path in zip(files, _places(files, args.out), strict=True):
        with path.open("wb") as out:
            async for chunk in file.chunks():
                out.write(chunk)
        print(f"Geschreven: {path}")
    return 0


def _places(files: list[Streamed], out: Path | None) -> list[Path]:
    """One file with a name ending in its extension: that file; otherwise a folder."""
    out = out or Path(".")
    if len(files) == 1 and out.suffix and not out.is_dir():
        out.parent.mkdir(parents=True, exist_ok=True)
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    return [out / file.name for file in files]


async def _dashboard_link(app: App, name: str) -> int:
    if app.core.web_key is None:
        print("Het dashboard staat uit: zet BOT_WEB_SECRET (zie de README).", file=sys.stderr)
        return 2
    try:
        async with app.sessions() as session, session.begin():
            url = await link_for(
                session,
                name,
                app.clock.now(),
                app.core.web_key,
                app.community.dashboard,
                console=app.settings.platforms() == ["console"],
            )
        print(url)
    except NoStaffMember as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0


def configure_logging(level: str) -> None:
    """The bot's own loggers at ``BOT_LOG_LEVEL``; libraries stay at WARNING whatever that
    is, because their DEBUG output carries message contents (gateway events, SQL
    parameters). The bot never logs message texts at any level."""
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("bot").setLevel(_level(level))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings, _ = load_settings()
        configure_logging(settings.log_level)
        return asyncio.run(_main(args))
    except DatabaseUnavailable as exc:
        print(f"Databasefout: {exc}", file=sys.stderr)
        return 2
    except ConfigError as exc:
        print(f"Configuratiefout: {exc}", file=sys.stderr)
        return 2
    except (FileNotFoundError, IsADirectoryError) as exc:
        print(f"Bestand niet gevonden: {exc.filename}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print("Het bestand is geen UTF-8-tekst. Sla het op als UTF-8.", file=sys.stderr)
        return 2


def _level(name: str) -> int:
    level = logging.getLevelName(name.strip().upper())
    if not isinstance(level, int):
        raise ConfigError(
            f"BOT_LOG_LEVEL: {name!r} bestaat niet; kies DEBUG, INFO, WARNING of ERROR"
        )
    return level


if __name__ == "__main__":
    sys.exit(main())
