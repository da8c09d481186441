"""Pacing: a platform-wide budget (a token bucket) and a limit per channel or recipient
(at most N messages in any T seconds, as Discord and Slack state theirs).

A sender *books* a slot in every limit the message needs and sleeps until it, instead of
polling. A 429 pauses a limit; slots booked before the pause are booked again. Times are
plain seconds (``datetime.timestamp()`` of the injected clock)."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

from bot.outbox.store import INTERACTION_LANE
from bot.settings import Pacing

# Above this many channel windows, idle ones are forgotten (a fan-out touches thousands).
_PRUNE_ABOVE = 5000


class Bucket:
    """A token bucket (GCRA): ``rate`` per second, bursts of ``burst``."""

    def __init__(self, rate: float, burst: float) -> None:
        self.interval = 1.0 / rate
        self.tolerance = max(0.0, burst - 1) * self.interval
        self.tat = -math.inf  # theoretical arrival time of the next message
        self.paused_until = -math.inf
        self.epoch = 0  # bumped by every pause, so booked slots can be re-checked

    def earliest(self, now: float) -> float:
        return max(now, self.tat - self.tolerance, self.paused_until)

    def book(self, at: float) -> None:
        self.tat = max(self.tat, at) + self.interval

    def pause(self, until: float) -> None:
        """No sends before ``until``; after it, no burst either (the platform was annoyed)."""
        self.paused_until = max(self.paused_until, until)
        self.tat = max(self.tat, until + self.tolerance)
        self.epoch += 1

    def idle(self, now: float) -> bool:
        return self.tat <= now and self.paused_until <= now


class Window:
    """At most ``count`` messages in any ``seconds`` (a channel's limit, as the platforms
    state it): the next slot is the count-th last send plus the window."""

    def __init__(self, count: int, seconds: float) -> None:  # count 0: no limit
        self.seconds = seconds
        self.sent: deque[float] = deque(maxlen=count)
        self.paused_until = -math.inf
        self.epoch = 0

    def earliest(self, now: float) -> float:
        full = bool(self.sent.maxlen) and len(self.sent) == self.sent.maxlen
        return max(now, self.paused_until, self.sent[0] + self.seconds if full else now)

    def book(self, at: float) -> None:
        self.sent.append(at)

    def pause(self, until: float) -> None:
        self.paused_until = max(self.paused_until, until)
        self.epoch += 1

    def idle(self, now: float) -> bool:
        return self.paused_until <= now and (not self.sent or self.sent[-1] + self.seconds <= now)


@dataclass(frozen=True)
class Booking:
    at: float
    epochs: tuple[int, ...]


class Pacer:
    """All limits of one platform for one drainer. ``share`` splits the budget between
    drainers that run at the same time (several processes on PostgreSQL)."""

    def __init__(self, pacing: Pacing, share: int = 1) -> None:
        rate = pacing.rate * pacing.headroom / share
        self.glob = Bucket(rate, max(1.0, pacing.burst / share)) if pacing.rate else None
        # The bucket may catch up after a hiccup with a burst; this cap on the moments
        # messages really left keeps any one second within "N per second" all the same.
        self.glob_cap = Window(max(1, int(rate)), 1.0) if pacing.rate else None
        if pacing.channel_messages:
            self.channel_count = max(1, pacing.channel_messages // share)
            self.channel_seconds = pacing.channel_seconds / pacing.headroom
        else:  # no channel limit: the windows only carry 429 pauses
            self.channel_count, self.channel_seconds = 0, 0.0
        self.channels: dict[str, Window] = {}

    @property
    def rate(self) -> float | None:
        """Messages per second this drainer may send at most (None: unlimited)."""
        return 1.0 / self.glob.interval if self.glob else None

    def channel_interval(self) -> float:
        """The average spacing the channel limit allows (to spread rows given back)."""
        return self.channel_seconds / self.channel_count if self.channel_count else 0.0

    def _limits(self, key: str, use_global: bool) -> list[Bucket | Window]:
        window = self.channels.get(key)
        if window is None:
            # Interaction answers have no channel limit (Discord's interaction webhooks,
            # Slack's response_url): their window only carries 429 pauses.
            count = 0 if key.startswith(INTERACTION_LANE) else self.channel_count
            window = self.channels[key] = Window(count, self.channel_seconds)
        return [self.glob, window] if use_global and self.glob is not None else [window]

    def earliest(self, key: str, now: float, use_global: bool = True) -> float:
        return max(limit.earliest(now) for limit in self._limits(key, use_global))

    def book(self, key: str, now: float, use_global: bool = True) -> Booking:
        """Take the earliest slot that every limit of the message allows."""
        limits = self._limits(key, use_global)
        at = max(limit.earliest(now) for limit in limits)
        for limit in limits:
            limit.book(at)
        return Booking(at, tuple(limit.epoch for limit in limits))

    def cap_wait(self, now: float, use_global: bool = True) -> float:
        """Seconds to wait before sending a booked message (0: go)."""
        if not use_global or self.glob_cap is None:
            return 0.0
        return self.glob_cap.earliest(now) - now

    def sending(self, key: str, now: float, use_global: bool = True) -> None:
        """A booked message leaves now: count the real moment (it may be later than the
        slot when the process stalled), so the next slots keep the limits for real."""
        window = self.channels.get(key)
        if window is not None and window.sent and window.sent[-1] < now:
            window.sent[-1] = now
        if use_global and self.glob_cap is not None:
            self.glob_cap.book(now)

    def still_valid(self, key: str, booking: Booking, use_global: bool = True) -> bool:
        """False when a limit was paused after the booking was made."""
        return tuple(limit.epoch for limit in self._limits(key, use_global)) == booking.epochs

    def pause(self, key: str, until: float, scope: str = "global") -> None:
        """Honour a 429: pause the channel, and the whole platform unless the platform
        said the limit was only the channel's."""
        for limit in self._limits(key, use_global=scope != "channel"):
            limit.pause(until)

    def prune(self, now: float) -> None:
        if len(self.channels) > _PRUNE_ABOVE:
            self.channels = {k: w for k, w in self.channels.items() if not w.idle(now)}
