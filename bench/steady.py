"""A steady intake beside another benchmark (fan-out, report-back): ``rate`` DMs per
second to the core, each from its own member, on the console platform (so its own
answers are not the other benchmark's messages). Each message's time from offered to
stored is kept; the longest is how long intake was held up."""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field

from bot.app import App, build_app, settle
from bot.core.context import Actor, Incoming
from bot.settings import Community, Settings


async def console_app(url: str) -> App:
    """The app as the console runs it on this database (migrated, settled)."""
    app = await build_app(Settings(BOT_DATABASE_URL=url), Community(), platforms=["console"])
    settle()
    return app


@dataclass
class Intake:
    app: App
    rate: float = 50.0
    prefix: str = "in"
    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    offered: int = 0
    seconds: float = 0.0

    async def run(self, stop: asyncio.Event) -> None:
        """Offer messages at ``rate`` until ``stop`` is set, then wait for those in flight."""
        started = time.monotonic()
        busy: set[asyncio.Task[None]] = set()
        while not stop.is_set():
            self.offered += 1
            task = asyncio.create_task(self._one(self.offered))
            busy.add(task)
            task.add_done_callback(busy.discard)
            ahead = started + self.offered / self.rate - time.monotonic()
            if ahead > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), ahead)
        self.seconds = time.monotonic() - started
        await asyncio.gather(*busy)

    async def _one(self, i: int) -> None:
        actor = Actor("console", f"{self.prefix}{i}", f"Lid {i}")
        offered = time.monotonic()
        try:
            await self.app.core.message(
                actor, Incoming("dm", f"Signaal {i} over de wachtlijst", f"{self.prefix}:{i}")
            )
        except Exception:  # counted: a refused or failed store is what we look for
            self.failures += 1
            return
        self.latencies.append(time.monotonic() - offered)

    @property
    def stored_per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0
