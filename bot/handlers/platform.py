"""The written interface a chat platform implements (``Platform``), and what every
platform shares: decoding outbox payloads for the senders (``TargetRouter``), running the
outbox drainer while it serves (``delivering``) and replaying stored inbound items
(``replaying``). A new platform (Teams, Mattermost) is one folder next to ``console``,
``discord`` and ``slack`` that implements ``Platform``; see docs/architecture.md."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from bot.app import App
from bot.core.context import Actor
from bot.core.replies import Reply
from bot.delivery.drainer import Drainer
from bot.outbox.delivery import Delivery, PermanentFailure, Sender, Sent
from bot.outbox.rows import TARGET_KINDS
from bot.settings import Pacing
from bot.storage.models import Member, OutboxMessage

log = logging.getLogger(__name__)

REPLAY_SECONDS = 60


class Platform(Protocol):
    """What Signaalbot needs of a chat platform. One object per running process."""

    #: ``console``, ``discord``, ``slack``: the members' and outbox rows' platform
    name: str

    def sender(self) -> Sender:
        """Delivers this platform's outbox rows: channel posts, thread messages, DMs,
        answers only the actor sees, reactions (``TargetRouter`` does the routing)."""
        ...

    def pacing(self) -> Pacing:
        """How fast the drainer may send here: the community's ``[delivery.<name>]``,
        whose defaults are this platform's published limits."""
        ...

    async def actor(self, user_id: str, reply_ref: str | None = None) -> Actor:
        """Who a platform user is for the kernel: a name and a role (staf, ambassadeur,
        lid) from the platform's roles or groups and the community's mapping."""
        ...

    async def serve(self) -> None:
        """Connect and handle events until cancelled. Every inbound message is persisted
        in the inbox before it is acknowledged; the outbox is delivered meanwhile."""
        ...


# -- sending ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outgoing:
    """A claimed outbox row with its payload decoded as a neutral reply."""

    delivery: Delivery
    reply: Reply

    @property
    def message(self) -> OutboxMessage:
        return self.delivery.message

    @property
    def recipient(self) -> Member | None:
        return self.delivery.recipient

    @property
    def attempt(self) -> int:
        return self.delivery.attempt

    @property
    def key(self) -> str:
        return self.delivery.key


class TargetRouter:
    """Base for platform senders: ``route`` decodes the payload and calls ``_channel``,
    ``_thread``, ``_dm``, ``_ephemeral``, ``_reaction`` or ``_edit`` (new content for the
    post about the row's subject) for the row's target kind."""

    async def route(self, delivery: Delivery) -> Sent:
        kind = delivery.message.target_kind
        if kind not in TARGET_KINDS:
            raise PermanentFailure(f"unknown target kind {kind!r}")
        handler: Callable[[Outgoing], Awaitable[Sent]] = getattr(self, f"_{kind}")
        return await handler(Outgoing(delivery, Reply.from_dict(delivery.payload)))


def drainer_for(app: App, platform: Platform, **options: Any) -> Drainer:
    """The outbox drainer of one platform, with the community's delivery settings."""
    return Drainer(
        app.sessions,
        platform.sender(),
        app.clock,
        settings=app.community.delivery,
        pacing=platform.pacing(),
        give_way=app.core.storing.quiet,
        **options,
    )


@asynccontextmanager
async def delivering(app: App, drainer: Drainer) -> AsyncIterator[Drainer]:
    """Run the drainer while the block runs; every committed change wakes it. On the way
    out the sends in flight finish (within the shutdown bound) and every other claimed
    row goes back to pending, so a restart sends it at once."""
    app.core.listeners.append(drainer.wake)
    task = asyncio.create_task(drainer.run(), name=f"{drainer.sender.platform}-outbox")
    try:
        yield drainer
    finally:
        app.core.listeners.remove(drainer.wake)
        drainer.stop()
        done, _ = await asyncio.wait({task}, timeout=app.settings.shutdown_seconds)
        if not done:  # a send that hangs: its row is resent (same key) after its lease
            log.warning("%s outbox: sends still running at shutdown", drainer.sender.platform)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)


async def finishing(name: str, busy: Callable[[], Awaitable[None]], within: float) -> None:
    """Wait (at most ``within`` seconds) for the requests being handled; what does not
    finish was persisted first and is replayed at the next start."""
    try:
        await asyncio.wait_for(busy(), within)
    except TimeoutError:
        log.warning("%s: requests still running at shutdown; they are replayed at start", name)


# -- replaying the inbox ---------------------------------------------------------------------


async def replaying(
    app: App,
    platform: str,
    process: Callable[[int], Awaitable[None]],
    every: float = REPLAY_SECONDS,
) -> None:
    """Process what was stored but not processed: now (a crash or deploy left it), then
    every ``every`` seconds (the database was briefly away). Runs until cancelled."""
    replayed = await app.inbox.replay(platform, process)
    if replayed:
        log.info("replayed %s stored %s items", replayed, platform)
    while True:
        await asyncio.sleep(every)
        try:
            await app.inbox.replay(platform, process, min_age=timedelta(seconds=every))
        except Exception:
            log.exception("replaying stored %s items failed", platform)
