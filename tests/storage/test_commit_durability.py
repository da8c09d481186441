"""Which commits wait for the disk on PostgreSQL: the inbox's (a member's message is
acknowledged only once it is durable) and every other; only the processing of a stored
item does not (lost in a server crash, it is replayed from the durable inbox)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bot.core.context import Actor
from bot.core.errors import AlreadyHandled
from bot.vocabulary.enums import Role

# the app on PostgreSQL only (``database_url`` would give SQLite too)
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("database_url", ["postgres"], indirect=True),
]

VERA = Actor("console", "vera", "vera", Role.STAFF, "console:vera")


async def durability(tx) -> str:  # type: ignore[no-untyped-def]
    return str(await tx.session.scalar(text("SHOW synchronous_commit")))


async def test_only_the_processing_of_a_stored_item_skips_the_wait_for_the_disk(any_app):
    row = await any_app.inbox.persist("console", "k1", "command", {"text": "/help"})
    assert row is not None
    async with any_app.core.unit(VERA, inbound=row) as tx:
        assert await durability(tx) == "off"
    async with any_app.core.unit(VERA) as tx:  # the schedule, a console line
        assert await durability(tx) == "on"
    with pytest.raises(AlreadyHandled):  # a replay of the item: nothing to process
        async with any_app.core.unit(VERA, inbound=row):
            pass
