"""Names a platform tells after the message (Slack's users.info): many new members at
once are named together, whether her message is stored before or after her name."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.app import App
from bot.core.context import Actor, Incoming
from bot.storage.models import Member, Signal
from bot.vocabulary.enums import Role

STAFF = Actor("console", "vera", "vera", Role.STAFF, "console:vera")


def new(i: int, name: str = "") -> Actor:
    return Actor("console", f"u{i}", name, Role.MEMBER, f"console:u{i}")


async def names(app: App) -> dict[str, str]:
    async with app.sessions() as session:
        rows = await session.execute(select(Member.platform_user_id, Member.display_name))
        return {user or "": name for user, name in rows.all() if user != "vera"}


async def test_names_told_together_are_written_together(any_app):
    await any_app.core.command(STAFF, '/oproep open vraag:"Waar?"')
    commits: list[frozenset[str]] = []
    any_app.core.listeners.append(commits.append)
    # half of them wrote before Slack said their name, half after
    await asyncio.gather(
        *(
            any_app.core.message(new(i), Incoming("thread", f"Signaal {i}", f"m{i}", call_id=1))
            for i in range(0, 40, 2)
        )
    )
    commits.clear()
    await asyncio.gather(*(any_app.core.rename(new(i, f"Lid {i}")) for i in range(40)))
    assert len(commits) < 10  # not a transaction per name
    await asyncio.gather(
        *(
            any_app.core.message(new(i), Incoming("thread", f"Signaal {i}", f"m{i}", call_id=1))
            for i in range(1, 40, 2)
        )
    )
    assert await names(any_app) == {f"u{i}": f"Lid {i}" for i in range(40)}  # one each
    async with any_app.sessions() as session:
        assert len((await session.scalars(select(Signal))).all()) == 40


async def test_a_rename_keeps_an_unchanged_or_empty_name(any_app):
    await any_app.core.rename(new(1, "Noor"))
    await any_app.core.rename(new(1, "Noor"))
    await any_app.core.rename(new(1, " \u200b "))  # a platform that gives no name
    assert await names(any_app) == {"u1": "Noor"}


async def test_the_name_told_last_wins_when_one_member_is_named_twice_at_once(any_app):
    # the first keeps the writer busy: the two names of u1 queue up and go in one batch
    told = [new(2, "Ahmed"), new(1, "Noor"), new(1, "Noor B.")]
    await asyncio.gather(*(any_app.core.rename(actor) for actor in told))
    assert await names(any_app) == {"u1": "Noor B.", "u2": "Ahmed"}
