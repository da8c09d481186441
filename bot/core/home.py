"""A member's overview (Slack's App Home tab; any platform may show it): the open calls
they can answer, and their own signals with what became of each."""

from __future__ import annotations

from bot.core import calls, members, privacy
from bot.core.context import Actor, Tx
from bot.core.dispatch import Core
from bot.core.replies import Reply
from bot.core.texts import when

MAX_SIGNALS = 20


async def overview(core: Core, actor: Actor) -> Reply:
    """Read-only: nothing is sent, only the member row is kept up to date."""
    async with core.sessions() as session, session.begin():
        now = core.clock.now()
        member = await members.upsert(session, actor, now)
        tx = Tx(session, now, core.community, core.platforms, actor, member)
        lines = [tx.t("home.intro", name=core.community.name), ""]
        lines += await _open_calls(tx)
        lines += [""] + await _signals(tx)
        return Reply(title=tx.t("home.title"), text="\n".join(lines))


async def _open_calls(tx: Tx) -> list[str]:
    found = await calls.open_calls(tx.session, tx.now)
    if not found:
        return [tx.t("home.calls.head"), tx.t("call.none_open")]
    lines = [tx.t("home.calls.head")]
    for call in found:
        closes = (
            tx.t("call.list.closes", when=when(call.closes_at, tx.lang)) if call.closes_at else ""
        )
        lines.append(f"• #{call.id} {call.question}{closes}")
    lines.append(tx.t("home.calls.how"))
    return lines


async def _signals(tx: Tx) -> list[str]:
    lines = await privacy.signal_lines(tx, limit=MAX_SIGNALS)
    return lines if len(lines) > 1 else [*lines, tx.t("mine.none")]
