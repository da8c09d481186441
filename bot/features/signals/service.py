"""Signals (step 1→2): replies in a call's thread, DMs to the bot, /signaal, and offline
input recorded by staff. Each is stored first; deduplicated on the platform message id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.core.context import Incoming, Tx
from bot.core.errors import Forbidden, InvalidInput
from bot.core.i18n import shorten
from bot.core.parsing import clean_text
from bot.core.replies import Choice, Reply, Style, rows_of
from bot.features.calls import service as calls
from bot.storage.models import Call, PostRef, Signal
from bot.vocabulary.enums import Domain, SignalSource, SignalStatus


async def on_message(tx: Tx, incoming: Incoming) -> None:
    if incoming.message_id and await _seen(tx, incoming.message_id):
        return  # a redelivery of a message we already stored
    text = clean_text(incoming.text, "tekst")
    if incoming.kind == "thread":
        await _thread_reply(tx, incoming, text)
    else:
        await _direct_message(tx, incoming, text)


async def _seen(tx: Tx, message_id: str) -> bool:
    found = await tx.session.scalar(
        select(Signal.id).where(
            Signal.platform == tx.actor.platform, Signal.platform_message_id == message_id
        )
    )
    return found is not None


def _store(
    tx: Tx,
    text: str,
    source: SignalSource,
    call: Call | None = None,
    message_id: str | None = None,
    **extra: Any,
) -> Signal:
    signal = Signal(
        member_id=tx.member.id,
        source=source,
        call_id=call.id if call else None,
        text=text,
        domain=call.domain if call else extra.pop("domain", None),
        status=SignalStatus.NEW,
        created_at=tx.now,
        platform=tx.actor.platform,
        platform_message_id=message_id,
        **extra,
    )
    tx.session.add(signal)
    return signal


async def _thread_call(tx: Tx, incoming: Incoming) -> Call | None:
    if incoming.call_id is not None:
        return await tx.session.get(Call, incoming.call_id)
    ref = await tx.session.scalar(
        select(PostRef).where(
            PostRef.platform == tx.actor.platform,
            (PostRef.thread_id == incoming.thread_ref)
            | (PostRef.message_id == incoming.thread_ref),
            PostRef.subject.like("call:%"),
        )
    )
    return await tx.session.get(Call, int(ref.subject.split(":")[1])) if ref else None


async def _thread_reply(tx: Tx, incoming: Incoming, text: str) -> None:
    call = await _thread_call(tx, incoming)
    if call is None:
        raise InvalidInput("signal-no-call")
    if calls.is_closed(call, tx.now):
        # Never lose what someone wrote: keep it as a loose signal and say so.
        signal = _store(tx, text, SignalSource.THREAD, None, incoming.message_id)
        await tx.session.flush()
        tx.dm(tx.member, Reply(text=tx.t("signal-call-closed", nr=call.id, signal=signal.id)))
        return
    _store(tx, text, SignalSource.THREAD, call, incoming.message_id)
    await tx.session.flush()
    if incoming.message_id:
        tx.react(incoming.message_id)


async def _direct_message(tx: Tx, incoming: Incoming, text: str) -> None:
    open_calls = await calls.open_calls(tx.session, tx.now)
    call = open_calls[0] if len(open_calls) == 1 else None
    signal = _store(tx, text, SignalSource.DM, call, incoming.message_id)
    await tx.session.flush()
    if len(open_calls) > 1:
        choices = [
            Choice(
                f"signal:{signal.id}:call:{c.id}",
                tx.t("signal-pick-call", nr=c.id, question=shorten(c.question, 60)),
                Style.PRIMARY,
            )
            for c in open_calls[:20]
        ]
        choices.append(Choice(f"signal:{signal.id}:call:0", tx.t("signal-pick-none")))
        tx.dm(
            tx.member, Reply(text=tx.t("signal-which-call", nr=signal.id), rows=rows_of(choices, 1))
        )
        return
    key = "signal-thanks-call" if call else "signal-thanks"
    tx.dm(tx.member, Reply(text=tx.t(key, nr=signal.id, call=call.id if call else 0)))


async def on_action(tx: Tx, parts: list[str], values: dict[str, str]) -> None:
    """``signal:<nr>:call:<call nr or 0>``: the member picks the call their DM answers."""
    if len(parts) != 3 or parts[1] != "call":
        raise InvalidInput("error-unknown-button")
    signal = await tx.get(Signal, int(parts[0]), "signal-not-found")
    if signal.member_id != tx.member.id:
        raise Forbidden("signal-not-yours")
    call_nr = int(parts[2])
    if call_nr == 0:
        signal.call_id = None
        tx.answer(Reply(text=tx.t("signal-thanks", nr=signal.id), update_origin=True))
        return
    call = await tx.get(Call, call_nr, "call-not-found")
    if calls.is_closed(call, tx.now):
        raise InvalidInput("call-already-closed", nr=call.id)
    signal.call_id = call.id
    signal.domain = signal.domain or call.domain
    tx.answer(
        Reply(text=tx.t("signal-thanks-call", nr=signal.id, call=call.id), update_origin=True)
    )


async def cmd_signal(tx: Tx, args: dict[str, Any]) -> None:
    source = SignalSource.COMMAND
    on_behalf = args.get("namens")
    if args.get("bron") or on_behalf:
        if not tx.is_staff:
            raise Forbidden("signal-offline-staff-only")
        if not args.get("bron"):
            raise InvalidInput("signal-namens-needs-bron")
        source = SignalSource(args["bron"])
    domain = Domain(args["domein"]) if args.get("domein") else None
    signal = _store(
        tx,
        args["tekst"],
        source,
        domain=domain,
        anonymous=bool(args.get("anoniem")),
        on_behalf_of=on_behalf,
    )
    await tx.session.flush()
    key = "signal-recorded-offline" if source is not SignalSource.COMMAND else "signal-thanks"
    tx.answer(Reply(text=tx.t(key, nr=signal.id)))
