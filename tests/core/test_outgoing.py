"""Outgoing messages are collected in the unit and written in one INSERT when it ends
(issue 13): what a unit wrote before a feature reads or changes the outbox itself is seen
by that feature, edits in one unit still coalesce, and the ids returned are the rows."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.app import App
from bot.core.context import Actor
from bot.core.replies import Reply
from bot.features.privacy.erasure import erase
from bot.storage.models import OutboxMessage
from bot.vocabulary.enums import Role

STAFF = Actor("console", "vera", "vera", Role.STAFF, "console:vera")
ANNA = Actor("console", "anna", "Anna")


async def rows(app: App, *where: object) -> list[OutboxMessage]:
    async with app.sessions() as session:
        return list((await session.scalars(select(OutboxMessage).where(*where))).all())


async def test_the_ids_returned_are_the_rows_written(any_app: App) -> None:
    ids = await any_app.core.command(STAFF, '/oproep open vraag:"Waar loop je tegenaan?"')
    written = await rows(any_app)
    assert ids and sorted(ids) == sorted(r.id for r in written)


async def test_edits_in_one_unit_coalesce_into_the_newest(any_app: App) -> None:
    async with any_app.core.unit(STAFF) as tx:
        await tx.edit("event:1", Reply(text="eerste"))
        await tx.edit("event:1", Reply(text="tweede"))
        await tx.edit("event:2", Reply(text="ander"))
    edits = await rows(any_app, OutboxMessage.target_kind == "edit")
    assert sorted(r.payload["text"] for r in edits) == ["ander", "tweede"]
    async with any_app.core.unit(STAFF) as tx:  # a later unit finds the waiting row
        await tx.edit("event:1", Reply(text="derde"))
    edits = await rows(any_app, OutboxMessage.subject == "event:1")
    assert [r.payload["text"] for r in edits] == ["derde"]


async def test_an_erasure_removes_what_its_own_unit_wrote_to_her(any_app: App) -> None:
    async with any_app.core.unit(ANNA) as tx:
        tx.dm(tx.member, Reply(text="iets voor Anna"))
        await erase(tx, tx.member)
    async with any_app.sessions() as session:
        left = await session.scalar(
            select(func.count()).select_from(OutboxMessage).where(
                OutboxMessage.payload["text"].as_string() == "iets voor Anna"
            )
        )
    assert left == 0


async def test_a_failing_unit_writes_nothing(any_app: App) -> None:
    try:
        async with any_app.core.unit(ANNA) as tx:
            tx.dm(tx.member, Reply(text="nooit"))
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert await rows(any_app) == []
