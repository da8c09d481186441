"""A member's overview (Slack's App Home tab; any platform may show it): the open calls
they can answer, and their own signals with what became of each."""

from __future__ import annotations

from bot.core.context import Actor, Tx
from bot.core.dispatch import Core
from bot.core.replies import Reply
from bot.features.calls.service import open_calls
from bot.features.privacy.service import signal_lines

MAX_SIGNALS = 20


async def overview(core: Core, actor: Actor) -> Reply:
    """Read-only: nothing is sent, only the member row is kept up to date."""
    async with core.unit(actor) as tx:
        lines = [tx.t("home-intro", name=core.community.name), ""]
        lines += await _open_calls(tx)
        lines += [""] + await _signals(tx)
        return Reply(title=tx.t("home-title"), text="\n".join(lines))


async def _open_calls(tx: Tx) -> list[str]:
    found = await open_calls(tx.session, tx.now)
    if not found:
        return [tx.t("home-calls-head"), tx.t("call-none-open")]
    lines = [tx.t("home-calls-head")]
    for call in found:
        closes = tx.t("call-list-closes", when=tx.when(call.closes_at)) if call.closes_at else ""
        lines.append(f"• #{call.id} {call.question}{closes}")
    lines.append(tx.t("home-calls-how"))
    return lines


async def _signals(tx: Tx) -> list[str]:
    lines = await signal_lines(tx, limit=MAX_SIGNALS)
    return lines if len(lines) > 1 else [*lines, tx.t("mine-none")]
