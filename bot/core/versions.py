"""Cards carry the version of what they were drawn from (a signal on the triage card, a
poll on its card): ``triage:12v3:relevant``. A press on an older card is refused with a
fresh card instead of being applied to data that changed meanwhile (two staff triaging at
once, a poll that was merged)."""

from __future__ import annotations

import re
from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Poll, Signal

_REF = re.compile(r"(\d+)(?:v(\d+))?")


def card_ref(nr: int, version: int) -> str:
    """The first part of a card's button ids: the number and the version drawn from."""
    return f"{nr}v{version}"


def parse_ref(part: str) -> tuple[int, int | None] | None:
    """``12v3`` -> (12, 3); ``12`` (a card from before versions) -> (12, None)."""
    found = _REF.fullmatch(part)
    if found is None:
        return None
    return int(found[1]), int(found[2]) if found[2] is not None else None


async def claim(session: AsyncSession, row: Signal | Poll, seen: int | None) -> bool:
    """Move ``row`` to its next version, only when it is still at ``seen``; False when it
    changed since the card was drawn. On PostgreSQL the update waits for a concurrent
    change of the same row and then finds the version moved, so only one press wins."""
    if seen is None:
        return False
    model = type(row)
    result = await session.execute(
        update(model)
        .where(model.id == row.id, model.version == seen)
        .values(version=model.version + 1)
        .execution_options(synchronize_session=False)
    )
    await session.refresh(row)
    return cast(CursorResult[Any], result).rowcount == 1


def bump(row: Signal | Poll) -> None:
    """A change made elsewhere (a command, a merge): cards drawn before it are outdated."""
    row.version = (row.version or 0) + 1
