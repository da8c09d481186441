"""APScheduler as the alarm clock: jobs with deterministic ids are rebuilt from the
database at start and after every change; one leader on PostgreSQL; the command line
starts the schedule with the platforms and writes the agenda as .ics."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar
from sqlalchemy import select

from bot.__main__ import main
from bot.clock import FakeClock
from bot.scheduling.leader import Leadership
from bot.scheduling.scheduler import MISFIRE_GRACE, Scheduler
from bot.settings import Community
from bot.storage.models import JobRun
from tests.conftest import make_app
from tests.helpers import Harness

AMS = ZoneInfo("Europe/Amsterdam")
ROOT = Path(__file__).resolve().parents[2]


def typed(moment: datetime) -> str:
    return moment.astimezone(AMS).strftime("%Y-%m-%d %H:%M")


async def _settle(scheduler: Scheduler) -> None:
    while scheduler._sync_task is not None and not scheduler._sync_task.done():
        await scheduler._sync_task


async def test_jobs_are_rebuilt_from_the_database_and_follow_changes(app, clock):
    # APScheduler runs on real time: plan everything in the real future.
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    clock.set(now)
    start = (now + timedelta(days=10)).astimezone(AMS).replace(hour=14, minute=0)
    h = Harness(app)
    await h.run(
        f'@vera:staf /bijeenkomst nieuw titel:Webinar soort:webinar start:"{typed(start)}"',
        f'/oproep open vraag:"Wat schuurt?" sluit:"{typed(now + timedelta(days=3))}"',
        '/knelpunt nieuw titel:"Wachtlijst"',
        f'/peiling start knelpunt:1 sluit:"{typed(now + timedelta(days=4))}"',
    )
    scheduler = Scheduler(app)
    await scheduler.start()
    try:
        ids = {job.id for job in scheduler.aps.get_jobs()}
        assert ids == {
            "digest:weekly",
            "news:daily",
            "retention:daily",
            "schedule:sweep",
            "call:1:close",
            "poll:1:close",
            "event:1:reminder:1d",
            "event:1:reminder:1h",
        }
        job = scheduler.aps.get_job("event:1:reminder:1d")
        assert job.next_run_time == start - timedelta(days=1)
        assert job.misfire_grace_time == MISFIRE_GRACE and job.coalesce
        digest = scheduler.aps.get_job("digest:weekly").next_run_time.astimezone(AMS)
        assert (digest.weekday(), digest.hour, digest.minute) == (0, 9, 0)
        news = scheduler.aps.get_job("news:daily").next_run_time.astimezone(AMS)
        assert (news.hour, news.minute) == (17, 0)

        await h.run("/bijeenkomst annuleer nr:1", "/oproep sluit nr:1")
        await _settle(scheduler)
        ids = {job.id for job in scheduler.aps.get_jobs()}
        assert not any(i.startswith(("event:1:", "call:1:")) for i in ids)
        assert "poll:1:close" in ids

        later = start + timedelta(days=7)
        await h.run(
            f'/bijeenkomst nieuw titel:Intervisie soort:intervisie start:"{typed(later)}" '
            "herinneringen:2d"
        )
        await _settle(scheduler)
        assert scheduler.aps.get_job("event:2:reminder:2d").next_run_time == later - timedelta(
            days=2
        )
    finally:
        await scheduler.shutdown()
    assert scheduler.request_sync not in app.core.listeners
    assert scheduler.written not in app.core.listeners


async def test_a_job_function_does_only_what_the_database_says_is_due(app, clock):
    from bot.scheduling import jobs

    h = Harness(app)
    await h.run('@vera:staf /oproep open vraag:"Wat schuurt?" sluit:"2026-11-03 12:00"')
    await jobs.close_call(app, 1)  # woken too early (or twice): nothing happens
    assert "gesloten" not in "\n".join(h.output)
    clock.set(datetime(2026, 11, 3, 11, 0, tzinfo=UTC))
    await jobs.close_call(app, 1)
    await jobs.close_call(app, 1)
    await h.session.flush()
    assert sum("[thread oproep 1]" in line for line in h.output) == 1


async def test_one_leader_per_database(any_app):
    first, second = Leadership(any_app.engine), Leadership(any_app.engine)
    try:
        assert await first.try_acquire()
        postgres = any_app.engine.dialect.name == "postgresql"
        assert await second.try_acquire() is (not postgres)
        await first.release()
        assert await second.try_acquire()
    finally:
        await first.release()
        await second.release()


async def test_standby_scheduler_does_nothing_until_it_leads(any_app):
    if any_app.engine.dialect.name != "postgresql":
        return  # SQLite: one process, always the leader
    leader, standby = Scheduler(any_app), Scheduler(any_app)
    await leader.start()
    try:
        await standby.start()
        assert standby.aps.get_jobs() == []
        assert standby._standby is not None and not standby._standby.done()
    finally:
        await standby.shutdown()
        await leader.shutdown()


def test_agenda_command_writes_upcoming_events_as_ics(tmp_path):
    url = f"sqlite:///{tmp_path / 'bot.db'}"

    async def plan() -> None:
        app = await make_app(url, Community(), FakeClock())
        try:
            await Harness(app).run(
                '@vera:staf /bijeenkomst nieuw titel:"Doen-Dag" soort:doendag '
                'start:"2030-05-14 10:00" eind:"2030-05-14 16:00" plek:Zwolle'
            )
        finally:
            await app.close()

    asyncio.run(plan())
    out = tmp_path / "agenda.ics"
    assert main(["--database", url, "agenda", "--ics", str(out)]) == 0
    (event,) = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "Doen-Dag" and str(event["location"]) == "Zwolle"
    assert event["dtstart"].dt == datetime(2030, 5, 14, 8, 0, tzinfo=UTC)


def test_run_starts_the_schedule_with_the_console(tmp_path):
    env = {
        **os.environ,
        "BOT_DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "BOT_CONFIG": str(ROOT / "config" / "community.example.toml"),
    }
    for name in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        input="stop\n",
        text=True,
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr

    async def runs() -> list[str]:
        app = await make_app(env["BOT_DATABASE_URL"], Community(), FakeClock())
        try:
            async with app.sessions() as session:
                return list((await session.scalars(select(JobRun.job))).all())
        finally:
            await app.close()

    assert sorted(asyncio.run(runs())) == ["digest:weekly", "retention:daily"]  # catch-up ran


async def test_a_leader_whose_lock_connection_drops_steps_down(any_app):
    """Two processes must never both act as leader: before each job the leader checks
    its lock; when its connection was lost it stands by, and the other takes over."""
    if any_app.engine.dialect.name != "postgresql":
        assert await Leadership(any_app.engine).check()  # SQLite: always the leader
        return
    from sqlalchemy import text

    leader, other = Scheduler(any_app), Leadership(any_app.engine)
    ran: list[str] = []

    async def job(name: str) -> None:
        ran.append(name)

    await leader.start()
    try:
        assert leader.leadership.held and await leader.leadership.check()
        await leader._as_leader(job, "while leading")
        pid = await leader.leadership._conn.scalar(text("SELECT pg_backend_pid()"))
        async with any_app.engine.connect() as conn:  # the connection drops (a failover)
            await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        await leader._as_leader(job, "after losing the lock")
        assert ran == ["while leading"]
        assert not leader.leadership.held and leader.aps.get_jobs() == []
        assert leader._standby is not None and not leader._standby.done()
        assert await other.try_acquire()  # the lock is free: someone else leads now
    finally:
        await other.release()
        await leader.shutdown()


async def test_the_plan_is_rebuilt_after_changes_to_what_it_plans_only(app, clock):
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    clock.set(now)
    h = Harness(app)
    scheduler = Scheduler(app)
    await scheduler.start()
    rebuilt: list[str] = []
    sync = scheduler.sync

    async def counted() -> None:
        rebuilt.append("sync")
        await sync()

    scheduler.sync = counted  # type: ignore[method-assign]
    try:
        await h.run(f'@vera:staf /oproep open vraag:"Wat?" sluit:"{typed(now + timedelta(days=2))}"')
        await _settle(scheduler)
        assert rebuilt == ["sync"] and scheduler.aps.get_job("call:1:close") is not None
        await h.run("@sanne:lid thread 1 Geen plek voor ouders", "@ahmed dm De arbeidseis")
        await _settle(scheduler)
        assert rebuilt == ["sync"]  # signals change nothing the schedule plans
        await h.run("@vera /oproep sluit nr:1")
        await _settle(scheduler)
        assert rebuilt == ["sync", "sync"] and scheduler.aps.get_job("call:1:close") is None
    finally:
        await scheduler.shutdown()
