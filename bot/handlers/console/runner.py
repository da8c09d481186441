"""Running the console: interactively, or a script file (one action per line)."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections.abc import Callable, Iterable
from datetime import datetime

from bot.app import App
from bot.core.errors import BotError
from bot.core.i18n import t
from bot.handlers.console.session import ConsoleSession, ScriptError
from bot.scheduling.due import run_through

INTRO = """Signaalbot console — je bent nu @staf (staf).
Wissel van persoon met @naam:rol (rollen: staf, ambassadeur, lid), bijvoorbeeld @sanne:lid.
Acties: /commando ...  |  thread <nr> <tekst>  |  dm <tekst>  |  klik <knop>  |
        formulier veld:"tekst"  |  wacht 2d  |  /help  |  stop
"""


def new_session(app: App, out: Callable[[str], None] = print) -> ConsoleSession:
    """A console session whose ``wacht`` also does the due work it jumps over."""

    async def on_wait(start: datetime, end: datetime) -> None:
        await run_through(app, start, end)

    return ConsoleSession(app, out, on_wait=on_wait)


async def run_lines(
    app: App, lines: Iterable[str], out: Callable[[str], None] = print, echo: bool = True
) -> int:
    """Run script lines; return the number of lines the console could not understand."""
    session = new_session(app, out)
    problems = 0
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if echo:
            out(f"\n> {stripped}")
        try:
            await session.line(stripped)
        except (ScriptError, BotError) as exc:
            problems += 1
            message = t("nl", exc.key, **exc.params) if isinstance(exc, BotError) else str(exc)
            out(f"! regel {number}: {message}")
    return problems


async def read_line(prompt: str) -> str:
    """``input()`` on a daemon thread: a stop (SIGTERM, Ctrl-C) never waits for Enter."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[str] = loop.create_future()

    def settle(line: str | None, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(line or "")

    def read() -> None:
        try:
            line = input(prompt)
            answer: tuple[str | None, BaseException | None] = (line, None)
        except BaseException as exc:  # EOF, or Ctrl-C while reading
            answer = (None, exc)
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile (a stop)
            loop.call_soon_threadsafe(settle, *answer)

    reader = threading.Thread(target=read, name="console-input", daemon=True)
    reader.start()
    try:
        return await future
    finally:
        if future.done():  # it has answered: let it end before the process may exit
            reader.join(timeout=1)


async def interactive(app: App, session: ConsoleSession | None = None) -> None:
    session = session or new_session(app)
    print(INTRO)
    while True:
        prompt = f"{session.current} ({session.roles[session.current].value})> "
        try:
            line = await read_line(prompt)
        except (EOFError, KeyboardInterrupt):
            print()
            return
        if line.strip().lower() in ("stop", "exit", "quit"):
            return
        try:
            await session.line(line)
        except (ScriptError, BotError) as exc:
            message = t("nl", exc.key, **exc.params) if isinstance(exc, BotError) else str(exc)
            print(f"! {message}", file=sys.stderr)
