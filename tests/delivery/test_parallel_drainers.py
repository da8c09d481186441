"""Two drainers on one database at once (PostgreSQL: ``FOR UPDATE SKIP LOCKED``; SQLite:
one claim at a time under its write lock) never send a row twice."""

from __future__ import annotations

import asyncio

from bot.delivery.drainer import Drainer
from bot.settings import DeliverySettings
from bot.storage.database import create_engine, sessionmaker
from tests.delivery.support import FakePlatform, FakeSleep, dms, members, rows


class SlowPlatform(FakePlatform):
    """Real (short) waits, so both drainers' claims and sends interleave."""

    async def send(self, delivery):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.001)
        return await super().send(delivery)


async def test_two_drainers_never_send_a_row_twice(any_app, clock) -> None:
    ids = await dms(any_app, await members(any_app, 400), platform="fake")
    platform = SlowPlatform(clock, platform="fake")  # not paced: as fast as they can
    second_engine = create_engine(any_app.settings.database_url)  # another process
    settings = DeliverySettings(processes=2)
    try:
        drainers = [
            Drainer(
                sessions, platform, clock, settings=settings, sleep=FakeSleep(clock), batch_size=20
            )
            for sessions in (any_app.sessions, sessionmaker(second_engine))
        ]
        sent = await asyncio.gather(*(d.drain_once() for d in drainers))
    finally:
        await second_engine.dispose()
    assert sum(sent) == 400
    assert sorted(platform.accepted) == sorted(str(i) for i in ids)
    assert set(platform.requests.values()) == {1}  # not even a resend
    assert all(r.status == "sent" and r.attempts == 1 for r in await rows(any_app))
    if any_app.engine.dialect.name == "postgresql":
        assert min(sent) > 0  # both really worked
