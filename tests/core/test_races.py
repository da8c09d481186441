"""Concurrent requests (issue 9): new members, double clicks and a full event, on SQLite
and PostgreSQL. On PostgreSQL these used to lose DMs, apologise for saved votes and
overfill events."""

import asyncio

from sqlalchemy import func, select

from bot.core.context import Actor, Incoming
from bot.storage.models import Member, OutboxMessage, Rsvp, Signal, Vote
from bot.vocabulary.enums import Role, RsvpAnswer

STAFF = Actor("console", "vera", "vera", Role.STAFF, "console:vera")
APOLOGY = "Sorry, er ging iets mis"


async def count(app, query) -> int:
    async with app.sessions() as session:
        return int(await session.scalar(query) or 0)


async def apologies(app) -> int:
    async with app.sessions() as session:
        payloads = (await session.scalars(select(OutboxMessage.payload))).all()
    return sum(APOLOGY in (p.get("text") or "") for p in payloads)


async def test_fifty_new_members_sending_at_once_lose_nothing(any_app):
    async def dm(i: int, n: int) -> None:
        actor = Actor("console", f"nieuw{i}", f"Nieuw {i}", Role.MEMBER, None)
        await any_app.core.message(actor, Incoming("dm", f"Signaal {i}.{n}", f"m{i}.{n}"))

    await asyncio.gather(*(dm(i, n) for i in range(50) for n in (1, 2)))
    assert await count(any_app, select(func.count(Signal.id))) == 100
    assert await count(any_app, select(func.count(Member.id))) == 50
    assert await apologies(any_app) == 0


async def test_a_vote_clicked_five_times_at_once_is_one_vote_without_apology(any_app):
    await any_app.core.command(STAFF, '/knelpunt nieuw titel:"Wachtlijst"')
    await any_app.core.command(STAFF, "/peiling start knelpunt:1")
    for round_ in range(3):
        actor = Actor("console", f"klikker{round_}", "Klikker", Role.MEMBER, None)
        if round_:  # a known member; round 0: a first-time member
            await any_app.core.command(actor, "/help")
        clicks = ["poll:1v0:recognised:yes"] * 4 + ["poll:1v0:urgency:high"]
        await asyncio.gather(*(any_app.core.press(actor, c) for c in clicks))
    votes = await count(any_app, select(func.count(Vote.id)))
    assert votes == 3 and await apologies(any_app) == 0
    assert await count(any_app, select(func.count(Vote.id)).where(Vote.urgency.is_not(None))) == 3


async def test_twenty_rsvps_for_ten_places_fill_it_exactly(any_app):
    await any_app.core.command(
        STAFF,
        '/bijeenkomst nieuw titel:"Studiemiddag" soort:studiemiddag start:"1-12-2027 14:00" '
        "capaciteit:10",
    )
    guests = [Actor("console", f"gast{i}", f"Gast {i}", Role.MEMBER, None) for i in range(20)]
    await asyncio.gather(*(any_app.core.press(g, "event:1:rsvp:yes") for g in guests))
    going = select(func.count(Rsvp.id)).where(Rsvp.answer == RsvpAnswer.YES)
    assert await count(any_app, going) == 10
    async with any_app.sessions() as session:
        texts = [p.get("text", "") for p in (await session.scalars(select(OutboxMessage.payload)))]
    assert sum("vol" in t for t in texts) == 10  # the other ten heard it is full
    assert await apologies(any_app) == 0
