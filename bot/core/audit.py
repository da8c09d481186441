"""The audit log of staff actions: written by the kernel for every restricted command, every
staff-only button or form, and every refusal, in the transaction of the action itself. The
detail holds numbers and fixed values only: free text (a member's name typed into
``lid:``, a feedback text) is recorded as ``naam:…``, so the log holds no one's words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.commands import Command, Kind
from bot.storage.models import AuditEntry, Member

OK, REFUSED = "ok", "geweigerd"
DETAIL_MAX = 300
# kinds whose values are numbers or fixed words: safe to record as typed
PLAIN = (Kind.NUMBER, Kind.CHOICE, Kind.BOOL, Kind.DATETIME, Kind.OFFSETS)


def record(
    session: AsyncSession,
    now: datetime,
    member: Member | None,
    action: str,
    detail: str = "",
    outcome: str = OK,
) -> None:
    """One entry; ``member`` None: the command line (exports run by an operator)."""
    session.add(
        AuditEntry(
            at=now,
            member_id=member.id if member else None,
            role=member.role.value if member else "cli",
            action=action[:60],
            detail=detail[:DETAIL_MAX],
            outcome=outcome,
        )
    )


def describe(command: Command, values: dict[str, Any]) -> str:
    """``nr:3 fase:toetsen tekst:…``: what was given, without free text."""
    parts = []
    for arg in command.args:
        value = values.get(arg.name)
        if value is None:
            continue
        if arg.kind in PLAIN:
            shown = value.isoformat() if hasattr(value, "isoformat") else _plain(value)
            parts.append(f"{arg.name}:{shown}")
        else:
            parts.append(f"{arg.name}:…")
    return " ".join(parts)


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)
