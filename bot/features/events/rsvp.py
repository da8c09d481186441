"""RSVPs: answering an event with the buttons on its card or ``/aanmelden``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.core.context import Tx
from bot.core.errors import InvalidInput
from bot.core.replies import Reply
from bot.features.events.queries import counts, get
from bot.features.events.render import card, subject
from bot.storage.models import Event, Rsvp
from bot.vocabulary.enums import RsvpAnswer, code, from_code


async def rsvp(tx: Tx, event: Event, answer: RsvpAnswer) -> None:
    # One answer at a time per event: "Ik kom" pressed at once by many never overfills it.
    await tx.session.refresh(event, with_for_update=True)
    if event.cancelled_at is not None:
        raise InvalidInput("event-cancelled", nr=event.id)
    if event.starts_at <= tx.now:
        raise InvalidInput("event-started", nr=event.id)
    row = await tx.session.scalar(
        select(Rsvp).where(Rsvp.event_id == event.id, Rsvp.member_id == tx.member.id)
    )
    if answer is RsvpAnswer.YES and event.capacity and (row is None or row.answer is not answer):
        going = (await counts(tx.session, event.id))[RsvpAnswer.YES]
        if going >= event.capacity:
            raise InvalidInput("event-full", nr=event.id, capacity=event.capacity)
    await tx.first_contact()
    if row is None:
        row = Rsvp(event_id=event.id, member_id=tx.member.id, answer=answer, updated_at=tx.now)
        tx.session.add(row)
    else:
        row.answer = answer
        row.updated_at = tx.now
    await tx.session.flush()
    # the event's post shows the new counts (edits of a burst of answers coalesce)
    c = await counts(tx.session, event.id)
    await tx.edit(subject(event), card(event, tx.community.language, tx.zone, c))
    tx.answer(
        Reply(
            text=tx.t(
                f"event-rsvp-{code(answer)}",
                nr=event.id,
                title=event.title,
                when=tx.when(event.starts_at),
            )
        )
    )


async def cmd_rsvp(tx: Tx, args: dict[str, Any]) -> None:
    event = await get(tx, args["bijeenkomst"])
    await rsvp(tx, event, RsvpAnswer(args.get("antwoord") or "ja"))


async def on_action(tx: Tx, parts: list[str], values: dict[str, str]) -> None:
    """``event:<nr>:rsvp:<yes|maybe|no>``."""
    try:
        nr, what, value = parts
        if what != "rsvp" or not nr.isdigit():
            raise ValueError(what)
        answer = from_code(RsvpAnswer, value)
    except (ValueError, KeyError) as exc:
        raise InvalidInput("error-unknown-button") from exc
    await rsvp(tx, await get(tx, int(nr)), answer)
