"""APScheduler 3.x as an alarm clock. It is started inside the running loop; on start, and
whenever the core committed a change, the schedule is rebuilt from the database. Late
wake-ups still run (a generous misfire grace, coalesced); whether a reminder is still
worth sending is decided by the database and the configured grace period, not here."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.app import App
from bot.features.reports import retention
from bot.scheduling import due, jobs
from bot.scheduling.leader import Leadership
from bot.scheduling.plan import planned

log = logging.getLogger(__name__)

MISFIRE_GRACE = 24 * 3600  # seconds; APScheduler's default (1 s) silently drops late runs
SWEEP_SECONDS = 300
STANDBY_SECONDS = 30
# ids rebuilt from the database by sync(), and the tables whose writes change that plan
MANAGED = ("call:", "poll:", "event:", "agenda:", "feedback:")
PLANNED_FROM = frozenset({"calls", "polls", "events", "reminders", "agenda_items", "feedback"})


class Scheduler:
    def __init__(self, app: App, *, sweep_seconds: int = SWEEP_SECONDS) -> None:
        self.app = app
        self.sweep_seconds = sweep_seconds
        self.zone = ZoneInfo(app.community.timezone)
        self.aps = AsyncIOScheduler(
            timezone=self.zone,
            job_defaults={
                "misfire_grace_time": MISFIRE_GRACE,
                "coalesce": True,
                "max_instances": 1,
            },
        )
        self.leadership = Leadership(app.engine)
        self._sync_task: asyncio.Task[None] | None = None
        self._dirty = False
        self._standby: asyncio.Task[None] | None = None

    # -- life cycle ----------------------------------------------------------------------

    async def start(self) -> None:
        """Call from inside the running event loop."""
        self.aps.start()
        self.app.core.listeners.append(self.written)
        if await self.leadership.try_acquire():
            await self._lead()
        else:
            log.info("another process runs the schedule; this one stands by")
            self._standby = asyncio.create_task(self._wait_for_lead())

    async def _lead(self) -> None:
        report = await due.run_due(self.app)  # catch up on what fell due while down
        if report.reminders_missed:
            log.warning("reminders missed while the bot was down: %s", report.reminders_missed)
        self._fixed_jobs()
        await self.sync()

    async def _wait_for_lead(self) -> None:
        while not self.leadership.held:
            await asyncio.sleep(STANDBY_SECONDS)
            try:
                if await self.leadership.try_acquire():
                    log.info("this process now runs the schedule")
                    await self._lead()
            except Exception:
                log.exception("could not take over the schedule; trying again")

    async def shutdown(self) -> None:
        if self.written in self.app.core.listeners:
            self.app.core.listeners.remove(self.written)
        running = [t for t in (self._standby, self._sync_task) if t is not None and not t.done()]
        for task in running:
            task.cancel()
        # awaited: a task cancelled mid-query must let go of its connection before the
        # engine closes, or closing the connection waits forever
        await asyncio.gather(*running, return_exceptions=True)
        if self.aps.running:
            self.aps.shutdown(wait=False)
        await self.leadership.release()

    # -- the jobs ------------------------------------------------------------------------

    def _fixed_jobs(self) -> None:
        digest = self.app.community.digest
        if digest.enabled:
            self.aps.add_job(
                self._as_leader,
                CronTrigger(
                    day_of_week=digest.day_of_week,
                    hour=digest.hour,
                    minute=digest.minute,
                    timezone=self.zone,
                ),
                args=[jobs.digest, self.app],
                id="digest:weekly",
                replace_existing=True,
            )
        news = self.app.community.news
        self.aps.add_job(
            jobs.news,
            CronTrigger(hour=news.hour, minute=news.minute, timezone=self.zone),
            args=[self.app],
            id="news:daily",
            replace_existing=True,
        )
        self.aps.add_job(
            self._as_leader,
            CronTrigger(hour=retention.AT.hour, minute=retention.AT.minute, timezone=self.zone),
            args=[jobs.retention, self.app],
            id="retention:daily",
            replace_existing=True,
        )
        self.aps.add_job(
            self._as_leader,
            IntervalTrigger(seconds=self.sweep_seconds),
            args=[jobs.sweep, self.app],
            id="schedule:sweep",
            replace_existing=True,
        )

    async def sync(self) -> None:
        """Make the scheduler's jobs match the database (add, move, remove)."""
        if not self.leadership.held:
            return
        now = self.app.clock.now()
        wanted = {p.id: p for p in await planned(self.app.reads)}
        for job in self.aps.get_jobs():
            if job.id.startswith(MANAGED) and job.id not in wanted:
                job.remove()
        for p in wanted.values():
            # Already due (e.g. changed just now): run it right away.
            at = max(p.at, now)
            self.aps.add_job(
                self._as_leader,
                DateTrigger(run_date=at),
                args=[p.func, self.app, *p.ids],
                id=p.id,
                replace_existing=True,
            )

    async def _as_leader(self, job: Callable[..., Awaitable[None]], *args: Any) -> None:
        """Every job first checks that this process still holds the lock; one that lost
        it (its connection dropped) steps down instead of running next to the new leader."""
        if not await self.leadership.check():
            self.step_down()
            return
        await job(*args)

    def step_down(self) -> None:
        """Stop scheduling here and stand by to take over again."""
        log.warning("lost the schedule's lock; this process stands by")
        self.aps.remove_all_jobs()
        if self._standby is None or self._standby.done():
            self._standby = asyncio.create_task(self._wait_for_lead())

    def written(self, tables: frozenset[str]) -> None:
        """Called by the core after each committed change: rebuild when it wrote what the
        plan is made of (not after every signal or vote)."""
        if tables & PLANNED_FROM:
            self.request_sync()

    def request_sync(self) -> None:
        """Rebuild soon, once."""
        self._dirty = True
        if self._sync_task is None or self._sync_task.done():
            self._sync_task = asyncio.get_running_loop().create_task(self._sync_soon())

    async def _sync_soon(self) -> None:
        while self._dirty:
            self._dirty = False
            try:
                await self.sync()
            except Exception:
                log.exception("rebuilding the schedule failed; the sweep will catch up")
