""" "Dubbel": of which signal or bottleneck? The card asks, with suggestions by similarity;
the duplicate is linked there, so its reporter hears back like any contributor."""

from __future__ import annotations

from bot.core.context import Tx
from bot.core.errors import InvalidInput
from bot.core.replies import Choice, Option, Reply, Select, Style, rows_of
from bot.features.bottlenecks import service as bottlenecks
from bot.features.triage.similar import (
    JUDGED,
    earlier_signals,
    open_bottlenecks,
    similar,
    similar_signals,
)
from bot.storage.models import Signal
from bot.vocabulary.enums import SignalStatus

PICK = 25  # a drop-down holds at most 25 options (Discord, Slack)


async def picker(tx: Tx, signal: Signal, card: str) -> Reply:
    """The card's "Dubbel" view: similar signals and bottlenecks as buttons, any recent
    one in the drop-down, and a way back."""
    signals = await similar_signals(tx, signal)
    found = await similar(tx, signal.text or "")
    choices = [
        Choice(f"{card}:dup:s{s.id}", tx.t("triage-btn-dup-signal", nr=s.id), Style.PRIMARY)
        for s, _ in signals
    ]
    choices += [
        Choice(f"{card}:dup:b{b.id}", tx.t("triage-btn-dup-bottleneck", nr=b.id), Style.PRIMARY)
        for b, _ in found
    ]
    lines = [tx.t("triage-dup-ask", nr=signal.id)]
    lines += [
        tx.t("triage-dup-signal", nr=s.id, score=score, text=(s.text or "")[:80])
        for s, score in signals
    ]
    lines += [
        tx.t("triage-dup-bottleneck", nr=b.id, score=score, title=b.title) for b, score in found
    ]
    if not signals and not found:
        lines.append(tx.t("triage-dup-none"))
    options = [
        Option(f"b{b.id}", f"#{b.id} {b.title}"[:100]) for b in await open_bottlenecks(tx, 10)
    ]
    options += [
        Option(f"s{s.id}", tx.t("triage-dup-option", nr=s.id, text=(s.text or "")[:60])[:100])
        for s in await earlier_signals(tx, signal, PICK - len(options))
    ]
    back = Choice(f"{card}:back", tx.t("triage-btn-back"))
    return Reply(
        title=tx.t("triage-title", nr=signal.id),
        text="\n".join(lines),
        rows=(*rows_of(choices), (back,)),
        select=Select(f"{card}:dup", tx.t("triage-dup-pick"), tuple(options)) if options else None,
        update_origin=True,
    )


async def mark(tx: Tx, signal: Signal, target: str) -> None:
    """``s<nr>``: a duplicate of that signal (it follows that signal's bottleneck, now and
    later); ``b<nr>``: a duplicate of that bottleneck."""
    kind, nr = target[:1], target[1:]
    if not nr.isdigit() or kind not in ("s", "b"):
        raise InvalidInput("error-unknown-button")
    if kind == "b":
        bottleneck = await bottlenecks.get(tx, int(nr))
        await bottlenecks.place(tx, signal, SignalStatus.DUPLICATE, bottleneck)
        return
    other = await tx.get(Signal, int(nr), "signal-not-found")
    if other.duplicate_of_id is not None:  # point at the original, not at another copy
        other = await tx.get(Signal, other.duplicate_of_id, "signal-not-found")
    if other.id == signal.id:
        raise InvalidInput("triage-dup-self", nr=signal.id)
    if other.status not in JUDGED:
        raise InvalidInput("triage-dup-unjudged", nr=other.id)
    await bottlenecks.place(tx, signal, SignalStatus.DUPLICATE, duplicate_of=other)
