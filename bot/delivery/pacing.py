"""Pacing: a platform-wide budget and one per channel (or recipient), as token buckets.

Each bucket uses the generic cell rate algorithm (GCRA): it keeps the theoretical
arrival time of the next message, so a sender *books* a slot and sleeps until it, instead
of polling. A 429 pauses a bucket; slots booked before the pause are booked again.
Times are plain seconds (``datetime.timestamp()`` of the injected clock)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.settings import Pacing

# Channel buckets idle this long are forgotten (a fan-out touches thousands of DMs).
_PRUNE_ABOVE = 5000
_UNLIMITED = 1e9


class Bucket:
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


@dataclass(frozen=True)
class Booking:
    at: float
    epochs: tuple[int, ...]


class Pacer:
    """All buckets of one platform for one drainer. ``share`` splits the budget between
    drainers that run at the same time (several processes on PostgreSQL)."""

    def __init__(self, pacing: Pacing, share: int = 1) -> None:
        scale = pacing.headroom / share
        self.glob = (
            Bucket(pacing.rate * scale, max(1.0, pacing.burst / share)) if pacing.rate else None
        )
        self.channel_rate = (
            pacing.channel_messages / pacing.channel_seconds * scale
            if pacing.channel_messages
            else 0.0
        )
        self.channel_burst = max(1.0, pacing.channel_messages / share)
        self.channels: dict[str, Bucket] = {}

    @property
    def limited(self) -> bool:
        return self.glob is not None or self.channel_rate > 0

    @property
    def rate(self) -> float | None:
        """Messages per second this drainer may send at most (None: unlimited)."""
        return 1.0 / self.glob.interval if self.glob else None

    def _buckets(self, key: str, use_global: bool) -> list[Bucket]:
        found = []
        if use_global and self.glob is not None:
            found.append(self.glob)
        bucket = self.channels.get(key)
        if bucket is None:  # without a channel limit the bucket only carries 429 pauses
            bucket = self.channels[key] = Bucket(
                self.channel_rate or _UNLIMITED, self.channel_burst
            )
        found.append(bucket)
        return found

    def earliest(self, key: str, now: float, use_global: bool = True) -> float:
        return max([now, *(b.earliest(now) for b in self._buckets(key, use_global))])

    def book(self, key: str, now: float, use_global: bool = True) -> Booking:
        """Take the earliest slot in every bucket the message needs."""
        buckets = self._buckets(key, use_global)
        at = max([now, *(b.earliest(now) for b in buckets)])
        for bucket in buckets:
            bucket.book(at)
        return Booking(at, tuple(b.epoch for b in buckets))

    def still_valid(self, key: str, booking: Booking, use_global: bool = True) -> bool:
        """False when a bucket was paused after the booking was made."""
        epochs = tuple(b.epoch for b in self._buckets(key, use_global))
        return epochs == booking.epochs

    def channel_interval(self) -> float:
        return 1.0 / self.channel_rate if self.channel_rate else 0.0

    def pause(self, key: str, until: float, scope: str = "global") -> None:
        """Honour a 429: pause the channel, and the whole platform unless the platform
        said the limit was only the channel's."""
        for bucket in self._buckets(key, use_global=scope != "channel"):
            bucket.pause(until)

    def prune(self, now: float) -> None:
        if len(self.channels) > _PRUNE_ABOVE:
            self.channels = {k: b for k, b in self.channels.items() if not b.idle(now)}
