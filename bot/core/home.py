"""A member's overview (Slack's App Home tab; any platform may show it): the open calls
they can answer, and their own signals with what became of each."""

from __future__ import annotations

from sqlalchemy import select

from bot.core import calls, members
from bot.core.context import Actor, Tx
from bot.core.dispatch import Core
from bot.core.replies import Reply
from bot.core.texts import stage_label, when
from bot.storage.models import Bottleneck, Signal

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
    rows = (
        await tx.session.execute(
            select(Signal, Bottleneck)
            .outerjoin(Bottleneck, Bottleneck.id == Signal.bottleneck_id)
            .where(Signal.member_id == tx.member.id)
            .order_by(Signal.id.desc())
            .limit(MAX_SIGNALS)
        )
    ).all()
    if not rows:
        return [tx.t("mine.head"), tx.t("mine.none")]
    lines = [tx.t("mine.head")]
    for signal, bottleneck in rows:
        text = signal.text or tx.t("mine.erased")
        short = text if len(text) <= 80 else text[:79] + "…"
        lines.append(
            tx.t("mine.item", nr=signal.id, when=when(signal.created_at, tx.lang), text=short)
        )
        lines.append("   " + await _fate(tx, signal, bottleneck))
    return lines


async def _fate(tx: Tx, signal: Signal, bottleneck: Bottleneck | None) -> str:
    while bottleneck is not None and bottleneck.merged_into_id is not None:
        bottleneck = await tx.session.get(Bottleneck, bottleneck.merged_into_id)
    if bottleneck is not None:
        return tx.t(
            "mine.linked",
            nr=bottleneck.id,
            title=bottleneck.title,
            stage=stage_label(bottleneck.stage, tx.lang),
        )
    return tx.t(f"mine.status.{signal.status.name.lower()}")
