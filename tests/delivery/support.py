"""Fakes at the delivery edge: a platform that counts what it received per idempotency key,
a sleep that moves the fake clock instead of waiting, and helpers to fill the outbox."""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import App
from bot.clock import FakeClock
from bot.core.replies import Reply
from bot.delivery.drainer import Drainer
from bot.outbox import rows as outbox
from bot.outbox.delivery import Delivery, Sent
from bot.settings import DeliverySettings
from bot.storage.models import Member, OutboxMessage


class Crash(BaseException):
    """The process dies (not an error the drainer may handle)."""


@dataclass
class Arrival:
    at: datetime
    key: str
    lane: str
    attempt: int


@dataclass
class FakePlatform:
    """Accepts every message once per idempotency key (a resend with a known key returns
    the first message, as Discord does with ``enforce_nonce``). ``hook(delivery, n)`` runs
    before a request is accepted (n counts requests from 1) and may raise."""

    clock: FakeClock
    platform: str = "discord"
    hook: Callable[[Delivery, int], None] | None = None
    after: Callable[[Delivery, int], None] | None = None  # runs after accepting
    requests: Counter[str] = field(default_factory=Counter)
    accepted: Counter[str] = field(default_factory=Counter)
    arrivals: list[Arrival] = field(default_factory=list)
    attempts_seen: dict[str, list[int]] = field(default_factory=dict)

    async def send(self, delivery: Delivery) -> Sent:
        arrived = self.clock.now()  # the request reaches the platform as it is sent
        await asyncio.sleep(0)  # a network round trip: let other lanes run
        self.requests[delivery.key] += 1
        self.attempts_seen.setdefault(delivery.key, []).append(delivery.attempt)
        count = sum(self.requests.values())
        if self.hook:
            self.hook(delivery, count)
        row = delivery.message
        if not self.accepted[delivery.key]:
            self.accepted[delivery.key] += 1
            lane = row.channel_key or row.subject or f"member:{row.member_id}"
            self.arrivals.append(Arrival(arrived, delivery.key, lane, delivery.attempt))
        if self.after:
            self.after(delivery, count)
        return Sent(message_id=f"m{delivery.key}", channel_id=row.channel_key or "dm")

    def times(self, lane: str | None = None) -> list[float]:
        return [a.at.timestamp() for a in self.arrivals if lane is None or a.lane == lane]


class FakeSleep:
    """Virtual time: sleepers wake in the order of their wake-up times; each wake-up moves
    the fake clock there, never back — but only once no database work is running (see
    ``tracked``) and everything else had a chance to run."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.busy = 0  # database sessions open right now
        self.waits: list[float] = []
        self._heap: list[tuple[datetime, int, asyncio.Future[None]]] = []
        self._count = itertools.count()
        self._driver: asyncio.Task[None] | None = None

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        target = self.clock.now() + timedelta(seconds=seconds)
        heapq.heappush(self._heap, (target, next(self._count), future))
        if self._driver is None or self._driver.done():
            self._driver = asyncio.create_task(self._drive())
        await future

    async def _drive(self) -> None:
        while self._heap:
            await self._settle()
            target, _, future = heapq.heappop(self._heap)
            if future.done():  # cancelled
                continue
            if self.clock.now() < target:
                self.clock.set(target)
            future.set_result(None)

    async def _settle(self) -> None:
        """Let the other tasks reach their own sleep first (database work takes real
        time in a thread)."""
        while True:
            for _ in range(20):
                await asyncio.sleep(0)
            if not self.busy:
                return
            await asyncio.sleep(0.0005)

    def tracked(self, sessions: async_sessionmaker) -> Callable[[], AbstractAsyncContextManager]:
        @asynccontextmanager
        async def session() -> AsyncIterator[AsyncSession]:
            self.busy += 1
            try:
                async with sessions() as opened:
                    yield opened
            finally:
                self.busy -= 1

        return session


def drainer(app: App, sender: FakePlatform, **settings: object) -> Drainer:
    options = DeliverySettings.model_validate(settings)
    sleep = FakeSleep(app.clock)
    return Drainer(sleep.tracked(app.sessions), sender, app.clock, settings=options, sleep=sleep)


async def stop_once_sent(
    d: Drainer, running: asyncio.Task[None], platform: FakePlatform, count: int
) -> None:
    """Wait until ``count`` messages arrived (real time, but only that long), then stop
    the running drainer."""
    for _ in range(400):
        if len(platform.accepted) == count:
            break
        await asyncio.sleep(0.005)
    d.stop()
    await asyncio.wait_for(running, timeout=5)


async def members(app: App, count: int, platform: str = "discord") -> list[int]:
    async with app.sessions() as session, session.begin():
        rows = [
            Member(
                platform=platform,
                platform_user_id=f"u{i}",
                display_name=f"lid {i}",
                created_at=app.clock.now(),
            )
            for i in range(count)
        ]
        session.add_all(rows)
        await session.flush()
        return [m.id for m in rows]


async def dms(app: App, member_ids: list[int], platform: str = "discord") -> list[int]:
    """One DM per member, written as the core writes them."""
    async with app.sessions() as session, session.begin():
        rows = [
            outbox.add(
                session,
                platform=platform,
                target_kind="dm",
                member_id=m,
                payload=Reply(text=f"Bericht {m}").to_dict(),
                now=app.clock.now(),
            )
            for m in member_ids
        ]
        await session.flush()
        return [r.id for r in rows]


async def posts(
    app: App,
    channel_key: str,
    count: int,
    platform: str = "discord",
    target_kind: str = "channel",
    subject: str | None = None,
) -> list[int]:
    async with app.sessions() as session, session.begin():
        rows = [
            outbox.add(
                session,
                platform=platform,
                target_kind=target_kind,
                channel_key=channel_key if target_kind == "channel" else None,
                subject=subject,
                payload=Reply(text=f"Post {i}").to_dict(),
                now=app.clock.now(),
            )
            for i in range(count)
        ]
        await session.flush()
        return [r.id for r in rows]


async def rows(app: App) -> list[OutboxMessage]:
    async with app.sessions() as session:
        return list((await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all())


async def drain_until_done(d: Drainer, clock: FakeClock, rounds: int = 200) -> None:
    """Drain; when rows wait for a later time, move the clock there and drain again."""
    for _ in range(rounds):
        await d.drain_once()
        waiting = [r for r in await rows_of(d) if r.status in ("pending", "sending")]
        if not waiting:
            return
        clock.set(max(clock.now(), min(r.next_attempt_at for r in waiting)))
    raise AssertionError("the outbox did not drain")


async def rows_of(d: Drainer) -> list[OutboxMessage]:
    async with d.sessions() as session:
        return list((await session.scalars(select(OutboxMessage))).all())


def max_in_window(times: list[float], window: float) -> int:
    """The most arrivals in any half-open window of ``window`` seconds."""
    times = sorted(times)
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= window - 1e-9:
            start += 1
        best = max(best, end - start + 1)
    return best
