"""``python -m bot demo``: a realistic Dutch scenario through all seven steps."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bot.app import build_app
from bot.clock import FakeClock
from bot.handlers.console.runner import run_lines
from bot.settings import Community, PollRules, Settings

SCRIPT = Path(__file__).with_name("scenario.txt")
START = datetime(2026, 9, 7, 7, 30, tzinfo=UTC)  # Monday 7 September 2026, 09:30 in Amsterdam


async def run_demo(community: Community, out: Callable[[str], None] = print) -> int:
    """Play the scenario on a throw-away SQLite database with a clock that jumps ahead."""
    # A small demo network: "broadly recognised" from 5 votes instead of 10.
    demo_community = community.model_copy(
        update={"polls": PollRules(min_votes=5, min_recognised_share=0.6)}
    )
    with tempfile.TemporaryDirectory(prefix="signaalbot-demo-") as folder:
        settings = Settings(database_url=f"sqlite:///{folder}/demo.db")
        app = await build_app(
            settings, demo_community, clock=FakeClock(START), platforms=["console"]
        )
        try:
            out(
                "Signaalbot demo — een netwerk van onderwijs, zorg, jeugdhulp, kinderopvang "
                "en ouders.\nElke regel met > is wat iemand doet; daaronder wat de bot stuurt "
                "en waarheen."
            )
            problems = await run_lines(app, SCRIPT.read_text(encoding="utf-8").splitlines(), out)
        finally:
            await app.close()
    return 1 if problems else 0
