"""Drainers give way to members' messages (issue 13): while messages are being stored a
claim waits, so a burst is stored first and its answers follow — for a bounded while,
so answers never wait on a burst that does not end."""

from __future__ import annotations

import asyncio
import time

from bot.core.storing import Storing
from tests.delivery.support import FakePlatform, dms, drainer, members, stop_once_sent


async def test_quiet_waits_for_the_messages_being_stored_and_no_longer() -> None:
    storing = Storing()
    await asyncio.wait_for(storing.quiet(5), 0.1)  # nothing stored: at once
    with storing.one():
        waiting = asyncio.create_task(storing.quiet(5))
        await asyncio.sleep(0.05)
        assert not waiting.done() and storing.count == 1
    await asyncio.wait_for(waiting, 0.1)  # the message was stored: on it goes
    with storing.one():
        started = time.monotonic()
        await storing.quiet(0.05)  # a burst that does not end holds it only so long
        assert 0.04 <= time.monotonic() - started < 1


async def test_a_drainer_claims_once_no_message_is_being_stored(app, clock) -> None:
    platform = FakePlatform(clock)
    d = drainer(app, platform)
    storing = Storing()
    d.give_way = storing.quiet
    ids = await dms(app, await members(app, 3))
    with storing.one():  # a message is being stored
        task = asyncio.create_task(d.run())
        d.wake()
        await asyncio.sleep(0.1)
        assert not platform.accepted  # the drainer waits its turn
    await stop_once_sent(d, task, platform, len(ids))  # then it sends
    assert sorted(platform.accepted) == sorted(str(i) for i in ids)
