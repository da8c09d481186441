"""The drainer: sends due outbox rows at the platform's pace.

One round (``drain_once``) claims a batch in a short transaction, sends outside any
transaction and records each result in a short transaction (results that arrive together
share one commit). Rows go out in *lanes*: one per channel, thread or recipient, in id
order, so a thread never overtakes its opening post; lanes run in parallel up to
``concurrency`` sends at a time. Each send books a slot in the platform bucket and in its
channel bucket (``pacing.Pacer``); a 429 pauses the buckets. A row that would have to wait
longer than ``max_wait`` goes back to pending with its expected time, so no claim is held
long and leases never expire under a live drainer.

``run()`` drains continuously, waking up when the core wrote new rows (``wake``) or every
``interval`` seconds. All time comes from the injected clock and all waiting goes through
the injected ``sleep``, so tests never really sleep."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.delivery.pacing import Pacer
from bot.outbox.delivery import PermanentFailure, RetryLater, Sender, Sent
from bot.outbox.store import Claimed, Result, claim, record
from bot.settings import DeliverySettings, Pacing

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[object]]
GiveWay = Callable[[float], Awaitable[None]]  # waits at most this many seconds
# Claimed mid-round when the core wrote them: answers a member waits for.
URGENT_KINDS = ("ephemeral",)
GIVE_WAY = 0.5  # seconds at most a claim waits while members' messages are being stored
URGENT_EVERY = 0.1  # seconds at least between two such claims (each takes a write lock)
_TICK = 0.001  # shorter waits are not worth a sleep (and a clock may not resolve them)


async def attempt(sender: Sender, claimed: Claimed, settings: DeliverySettings) -> Result:
    """One send; every answer becomes a ``Result`` (a sender bug must not stop draining)."""
    row = claimed.row
    try:
        async with asyncio.timeout(settings.lease_seconds / 3):
            sent = await sender.send(claimed.delivery())
    except RetryLater as exc:
        return Result(claimed, "retry", error=str(exc), delay=exc.seconds, scope=exc.scope)
    except PermanentFailure as exc:
        return Result(claimed, "failed", error=str(exc) or type(exc).__name__)
    except TimeoutError:
        return Result(claimed, "retry", error="no answer in time", scope="channel")
    except Exception as exc:
        log.exception("outbox row %s: unexpected error from the %s sender", row.id, sender.platform)
        return Result(claimed, "retry", error=type(exc).__name__, scope="channel")
    return Result(claimed, "sent", sent=sent if isinstance(sent, Sent) else Sent())


async def deliver_in_order(
    sessions: async_sessionmaker[AsyncSession],
    sender: Sender,
    clock: Clock,
    *,
    ids: Sequence[int] | None = None,
    limit: int = 100,
    settings: DeliverySettings | None = None,
) -> int:
    """Deliver due rows one by one in id order without pacing; return the number sent."""
    settings = settings or DeliverySettings()
    sent = 0
    while True:
        async with sessions() as session, session.begin():
            batch = await claim(
                session,
                platform=sender.platform,
                now=clock.now(),
                settings=settings,
                limit=limit,
                ids=ids,
                urgent_first=False,
            )
        if not batch:
            return sent
        for claimed in batch:
            result = await attempt(sender, claimed, settings)
            async with sessions() as session, session.begin():
                (ok,) = await record(session, [result], clock.now(), settings)
            sent += ok and result.kind == "sent"


class _Recorder:
    """Group commit: lanes hand in results; one short transaction writes all that wait."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Clock, settings: DeliverySettings
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.settings = settings
        self._queue: list[tuple[Result, asyncio.Future[bool]]] = []
        self._ready = asyncio.Event()

    async def record(self, result: Result) -> bool:
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._queue.append((result, future))
        self._ready.set()
        return await future

    async def run(self) -> None:
        while True:
            await self._ready.wait()
            self._ready.clear()
            items, self._queue = self._queue, []
            if items:
                await self._write(items)

    async def _write(self, items: list[tuple[Result, asyncio.Future[bool]]]) -> None:
        try:
            async with self.sessions() as session, session.begin():
                oks = await record(session, [r for r, _ in items], self.clock.now(), self.settings)
        except Exception:  # the rows stay "sending" and are resent after their lease
            log.exception("outbox: recording %d results failed", len(items))
            oks = [False] * len(items)
        for (_, future), ok in zip(items, oks, strict=True):
            if not future.done():
                future.set_result(ok)


class Drainer:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        sender: Sender,
        clock: Clock,
        interval: float = 1.0,
        *,
        settings: DeliverySettings | None = None,
        sleep: Sleep | None = None,
        batch_size: int | None = None,
        pacing: Pacing | None = None,
        give_way: GiveWay | None = None,
    ) -> None:
        self.sessions = sessions
        self.sender = sender
        self.clock = clock
        self.interval = interval
        self.settings = settings or DeliverySettings()
        self.sleep: Sleep = sleep or asyncio.sleep
        self.give_way = give_way  # waits (a bounded while) until intake is quiet
        self.pacer = Pacer(pacing or self.settings.pacing(sender.platform), self.settings.processes)
        rate = self.pacer.rate
        # About a second of work per claim: no lease runs out, and when several drainers
        # share a fan-out none is left holding a long tail at the end.
        self.batch_size = batch_size or (max(10, min(500, int(rate))) if rate else 100)
        self.max_wait = min(10.0, self.settings.lease_seconds / 4)
        self.stats: Counter[str] = Counter()
        self._wake = asyncio.Event()
        self._halt = asyncio.Event()  # set by stop(): waits for pacing end at once
        self._stopped = False
        self._lock = asyncio.Lock()
        self._next_urgent = 0.0
        self._answer_slots = asyncio.Semaphore(self.settings.concurrency)
        self._reset()

    def _reset(self) -> None:
        self._lanes: dict[str, deque[Claimed]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._held = 0
        self._progress = asyncio.Event()
        self._crash: BaseException | None = None

    def wake(self, _written: frozenset[str] = frozenset()) -> None:
        """Look for rows now (after any committed change: whatever it wrote)."""
        self._wake.set()
        self._progress.set()  # a round under way looks for answers someone waits for

    def stop(self) -> None:
        """Finish the sends in flight, give every other claimed row back as pending (due
        now, so the next drainer — a restart — sends it at once), and leave ``run``."""
        self._stopped = True
        self._wake.set()
        self._halt.set()

    async def _nap(self, seconds: float) -> None:
        """A pacing wait that ends early when the drainer stops."""
        if self._stopped:
            return
        napping = asyncio.ensure_future(self.sleep(seconds))
        halted = asyncio.ensure_future(self._halt.wait())
        try:
            await asyncio.wait({napping, halted}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            napping.cancel()
            halted.cancel()

    def _now(self) -> float:
        return self.clock.now().timestamp()

    async def run(self) -> None:
        while not self._stopped:
            self._wake.clear()
            try:
                await self.drain_once()
            except Exception:  # keep draining; unsent rows come back after their lease
                log.exception("outbox drainer for %s failed; retrying", self.sender.platform)
            if not self._stopped:
                await self._idle()

    async def _idle(self) -> None:
        waiters = {
            asyncio.ensure_future(self._wake.wait()),
            asyncio.ensure_future(self.sleep(self.interval)),
        }
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    async def drain_once(self) -> int:
        """Send everything that is due (pacing may make this take a while); return the
        number sent."""
        async with self._lock:
            self._reset()
            sent_before = self.stats["sent"]
            recorder = _Recorder(self.sessions, self.clock, self.settings)
            recording = asyncio.create_task(recorder.run())
            semaphore = asyncio.Semaphore(self.settings.concurrency)
            # Interaction answers have slots of their own: not queued behind a fan-out's
            # lanes that wait, slot in hand, for their turn in the platform budget.
            self._answer_slots = asyncio.Semaphore(self.settings.concurrency)
            try:
                await self._rounds(recorder, semaphore)
            finally:
                for task in [*self._tasks, recording]:
                    task.cancel()
                await asyncio.gather(*self._tasks, recording, return_exceptions=True)
            return self.stats["sent"] - sent_before

    async def _rounds(self, recorder: _Recorder, semaphore: asyncio.Semaphore) -> None:
        exhausted = False
        while True:
            room = self.batch_size - self._held
            if (
                not self._stopped
                and room * 2 >= self.batch_size
                and (not exhausted or not self._tasks)
            ):
                batch = await self._claim(room)
                exhausted = len(batch) < room
                if not batch and not self._tasks:
                    return
                self._enqueue(batch, recorder, semaphore)
            if not self._tasks:
                if self._stopped:
                    return
                continue
            self._progress.clear()
            await self._progress.wait()
            if self._crash is not None:
                raise self._crash
            if self._wake.is_set() and self._backlog() and not self._stopped:
                await self._claim_urgent(recorder, semaphore)

    def _backlog(self) -> bool:
        """More rows held than go out at once (a fan-out, paced posts): a new answer
        would wait behind them for the next claim."""
        return self._held > self.settings.concurrency

    async def _claim_urgent(self, recorder: _Recorder, semaphore: asyncio.Semaphore) -> None:
        """While a fan-out goes out, answers a member waits for are claimed as soon as the
        core wrote them, not at the round's next claim (at most every ``URGENT_EVERY``)."""
        now = self._now()
        if now < self._next_urgent:
            return
        self._wake.clear()
        self._next_urgent = now + URGENT_EVERY
        await self._giving_way()
        async with self.sessions() as session, session.begin():
            batch = await claim(
                session,
                platform=self.sender.platform,
                now=self.clock.now(),
                settings=self.settings,
                limit=self.batch_size,
                kinds=URGENT_KINDS,
            )
        self._enqueue(batch, recorder, semaphore)

    async def _claim(self, limit: int) -> list[Claimed]:
        await self._giving_way()
        async with self.sessions() as session, session.begin():
            return await claim(
                session,
                platform=self.sender.platform,
                now=self.clock.now(),
                settings=self.settings,
                limit=limit,
            )

    async def _giving_way(self) -> None:
        """Members' messages first: a claim (and the sends it starts) waits while they
        are being stored, so a burst is stored at full speed and its answers follow."""
        if self.give_way is not None and not self._stopped:
            await self.give_way(GIVE_WAY)

    def _enqueue(
        self, batch: list[Claimed], recorder: _Recorder, semaphore: asyncio.Semaphore
    ) -> None:
        self.pacer.prune(self._now())
        for claimed in batch:
            self._held += 1
            lane = self._lanes.get(claimed.lane)
            if lane is not None:
                lane.append(claimed)
                continue
            lane = self._lanes[claimed.lane] = deque([claimed])
            task = asyncio.create_task(self._lane(claimed.lane, lane, recorder, semaphore))
            self._tasks.add(task)
            task.add_done_callback(self._lane_done)

    def _lane_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None and self._crash is None:
            self._crash = task.exception()
        self._progress.set()

    async def _lane(
        self, key: str, lane: deque[Claimed], recorder: _Recorder, semaphore: asyncio.Semaphore
    ) -> None:
        try:
            while lane:
                if await self._deliver(key, lane, recorder, semaphore):
                    lane.popleft()
                    self._held -= 1
                    self._progress.set()
        finally:
            self._lanes.pop(key, None)

    async def _deliver(
        self, key: str, lane: deque[Claimed], recorder: _Recorder, semaphore: asyncio.Semaphore
    ) -> bool:
        """Send the lane's first row, or give the lane back; False: the lane was released."""
        claimed = lane[0]
        use_global = claimed.row.target_kind != "ephemeral"  # interaction answers: own budget
        while True:
            if await self._give_back(key, lane, recorder, use_global=False):
                return False
            # Wait for the channel here; the platform slot is booked under the semaphore
            # (lanes sleeping on the shared bucket would all wake up for every slot).
            now = self._now()
            channel_ready = self.pacer.earliest(key, now, use_global=False)
            if channel_ready - now > _TICK:
                await self._nap(channel_ready - now)
                continue
            async with semaphore if use_global else self._answer_slots:
                if await self._give_back(key, lane, recorder, use_global):
                    return False
                booking = self.pacer.book(key, self._now(), use_global)
                if booking.at - self._now() > _TICK:
                    await self._nap(booking.at - self._now())
                    if not self.pacer.still_valid(key, booking, use_global):
                        continue  # a 429 paused the platform meanwhile: book again
                while (wait := self.pacer.cap_wait(self._now(), use_global)) > 0:
                    if self._stopped:
                        break
                    await self._nap(max(wait, _TICK))  # the cap is exact, not "about"
                if self._stopped:
                    continue  # given back by _give_back
                self.pacer.sending(key, self._now(), use_global)
                result = await attempt(self.sender, claimed, self.settings)
                self._note(key, result)
                # Recorded before the slot is freed: a crash leaves at most ``concurrency``
                # rows sent but unrecorded (resent later with the same key).
                await recorder.record(result)
            return True

    async def _give_back(
        self, key: str, lane: deque[Claimed], recorder: _Recorder, use_global: bool
    ) -> bool:
        """Release the lane when the drainer stops, its lease is nearly over or its wait
        is too long."""
        now = self._now()
        if self._stopped:
            await self._release(lane, recorder, now)
            return True
        if lane[0].lease_until.timestamp() - now < self.settings.lease_seconds / 4:
            await self._release(lane, recorder, now)  # too late: let a fresh claim send it
            return True
        earliest = self.pacer.earliest(key, now, use_global)
        if earliest - now > self.max_wait:
            await self._release(lane, recorder, earliest)
            return True
        return False

    def _note(self, key: str, result: Result) -> None:
        self.stats[result.kind] += 1
        if result.kind == "retry" and result.delay > 0:
            self.stats["rate_limited"] += 1
            self.pacer.pause(key, self._now() + result.delay, result.scope)

    async def _release(self, lane: deque[Claimed], recorder: _Recorder, first: float) -> None:
        """Give the lane's rows back as pending, spaced at the channel's pace."""
        step = self.pacer.channel_interval()
        rows = list(lane)
        lane.clear()
        self._held -= len(rows)
        self.stats["released"] += len(rows)
        await asyncio.gather(
            *(
                recorder.record(
                    Result(c, "release", at=datetime.fromtimestamp(first + i * step, UTC))
                )
                for i, c in enumerate(rows)
            )
        )
        self._progress.set()
