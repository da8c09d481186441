"""``/privacy verwijder``: staff erase a member who left (she can no longer do it
herself), after a confirmation. The kernel records the command and the button in the audit
log; the erasure itself adds "gegevens gewist, lid #nr" — never her name."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, or_, select

from bot.core.context import Tx
from bot.core.errors import InvalidInput, NotFound
from bot.core.members import shown_name
from bot.core.replies import Choice, Reply, Style
from bot.features.privacy.erasure import erase
from bot.storage.models import Member, Rsvp, Signal, Vote

# <@U123|sanne> (Slack), <@123> or <@!123> (Discord): the id inside a mention
MENTION = re.compile(r"^<@!?([\w.-]+)(?:\|[^>]*)?>$")


async def cmd_erase_member(tx: Tx, args: dict[str, Any]) -> None:
    member = await find(tx, args["lid"])
    if member.id == tx.member.id:
        raise InvalidInput("privacy-staff-self")
    s = tx.session
    signals = await s.scalar(select(func.count()).where(Signal.member_id == member.id))
    votes = await s.scalar(select(func.count()).where(Vote.member_id == member.id))
    rsvps = await s.scalar(select(func.count()).where(Rsvp.member_id == member.id))
    text = tx.t(
        "privacy-staff-confirm",
        name=shown_name(member, lang=tx.lang),
        nr=member.id,
        platform=member.platform,
        signals=signals or 0,
        votes=votes or 0,
        rsvps=rsvps or 0,
    )
    buttons = (
        Choice(f"erasure:{member.id}:confirm", tx.t("privacy-staff-btn-erase"), Style.DANGER),
        Choice(f"erasure:{member.id}:cancel", tx.t("privacy-btn-cancel")),
    )
    tx.answer(Reply(text=text, rows=(buttons,)))


async def find(tx: Tx, typed: str) -> Member:
    """A member by ``#nr``, platform id, mention or name; refused when it is not one."""
    wanted = typed.strip()
    if re.fullmatch(r"#\d+", wanted):
        member = await tx.get(Member, int(wanted[1:]), "privacy-member-not-found")
        if member.erased:
            raise InvalidInput("privacy-member-erased", nr=member.id)
        return member
    mention = MENTION.match(wanted)
    wanted = mention.group(1) if mention else wanted.lstrip("@")
    found = list(
        (
            await tx.session.scalars(
                select(Member)
                .where(
                    or_(
                        Member.platform_user_id == wanted,
                        func.lower(Member.display_name) == wanted.lower(),
                    ),
                    Member.platform_user_id.is_not(None),
                )
                .order_by(Member.id)
            )
        ).all()
    )
    by_id = [m for m in found if m.platform_user_id == wanted]
    found = by_id or found
    if not found:
        raise NotFound("privacy-member-unknown", name=typed.strip())
    if len(found) > 1:
        options = ", ".join(f"#{m.id} ({m.platform})" for m in found)
        raise InvalidInput("privacy-member-ambiguous", options=options)
    return found[0]


async def on_action(tx: Tx, parts: list[str], values: dict[str, str]) -> None:
    """``erasure:<member nr>:confirm|cancel`` (staff only: the kernel checks)."""
    if len(parts) != 2 or not parts[0].isdigit() or parts[1] not in ("confirm", "cancel"):
        raise InvalidInput("error-unknown-button")
    if parts[1] == "cancel":
        tx.answer(Reply(text=tx.t("privacy-cancelled"), update_origin=True))
        return
    member = await tx.get(Member, int(parts[0]), "privacy-member-not-found")
    if member.erased:
        raise InvalidInput("privacy-member-erased", nr=member.id)
    await erase(tx, member)
    tx.answer(Reply(text=tx.t("privacy-staff-erased", nr=member.id), update_origin=True))
