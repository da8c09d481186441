"""Signals (step 1→2): replies in a call's thread, DMs to the bot, /signaal, and offline
input recorded by staff. Each is stored first; deduplicated on the platform message id."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import select

from bot.core.context import Incoming, Tx
from bot.core.errors import Forbidden, InvalidInput
from bot.core.i18n import shorten, t
from bot.core.parsing import clean_text
from bot.core.replies import Choice, Reply, Style, rows_of
from bot.features.calls import service as calls
from bot.features.signals.visibility import label
from bot.storage.later import insert_id_later
from bot.storage.models import Call, PostRef, Signal
from bot.vocabulary.enums import Consent, Domain, SignalSource, SignalStatus, code, from_code


class Duplicate(Exception):
    """A redelivery of a message already stored: nothing to do, nothing to say."""


@dataclass(frozen=True)
class Stored:
    """A signal just stored: what its thank-you shows (its number, how she lets staff use
    her words). Not an object of the session: nothing changes it in this transaction."""

    id: int
    consent: Consent


async def on_message(tx: Tx, incoming: Incoming) -> None:
    text = clean_text(incoming.text, "tekst")
    try:
        if incoming.kind == "thread":
            await _thread_reply(tx, incoming, text)
        else:
            await _direct_message(tx, incoming, text)
    except Duplicate:
        return


async def _store(
    tx: Tx,
    text: str,
    source: SignalSource,
    call: Call | None = None,
    message_id: str | None = None,
    **extra: Any,
) -> Stored:
    """Store a signal with the community's default consent (unless given); the first one
    of a member brings her the privacy notice. One INSERT that also tells a redelivered
    message (the same platform message id) from a new one (``Duplicate``); in a batch of
    messages the rows go in one INSERT at the batch's end (``bot.storage.later``)."""
    values: dict[str, Any] = {
        "member_id": tx.member.id,
        "source": source,
        "call_id": call.id if call else None,
        "text": text,
        "domain": call.domain if call else extra.pop("domain", None),
        "status": SignalStatus.NEW,
        "consent": extra.pop("consent", None) or default_consent(tx),
        "created_at": tx.now,
        "platform": tx.actor.platform,
        "platform_message_id": message_id,
        **extra,
    }
    nr = await insert_id_later(tx.session, Signal, values)
    if nr is None:
        raise Duplicate(message_id)
    await tx.first_contact()
    return Stored(nr, values["consent"])


def default_consent(tx: Tx) -> Consent:
    return Consent(tx.community.privacy.default_consent)


def consent_question(tx: Tx, signal: Signal | Stored) -> tuple[str, tuple[tuple[Choice, ...], ...]]:
    """How may staff use these words? The current choice and a button per choice."""
    text = _asked(tx.lang, signal.consent)
    buttons = tuple(
        Choice(f"signal:{signal.id}:consent:{choice}", label, style)
        for choice, label, style in _buttons(tx.lang, signal.consent)
    )
    return text, (buttons,)


@cache  # the same three buttons under every signal, but for its number
def _buttons(lang: str, consent: Consent) -> tuple[tuple[str, str, Style], ...]:
    return tuple(
        (
            code(c),
            t(lang, f"consent-btn-{c.value}"),
            Style.PRIMARY if c is consent else Style.SECONDARY,
        )
        for c in Consent
    )


@cache  # the same few texts under every signal: formatted once per language and choice
def _asked(lang: str, consent: Consent) -> str:
    return t(lang, "consent-ask", choice=label(consent, lang))


def _thanks(
    tx: Tx, signal: Signal | Stored, key: str, update: bool = False, **params: Any
) -> Reply:
    """A thank-you with the consent question under it."""
    question, rows = consent_question(tx, signal)
    text = tx.t(key, nr=signal.id, **params) + "\n\n" + question
    return Reply(text=text, rows=rows, update_origin=update)


async def _thread_call(tx: Tx, incoming: Incoming) -> Call | None:
    if incoming.call_id is not None:
        return await tx.kept(Call, incoming.call_id)
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
        signal = await _store(tx, text, SignalSource.THREAD, None, incoming.message_id)
        tx.dm(tx.member, _thanks(tx, signal, "signal-call-closed", call=call.id))
        return
    signal = await _store(tx, text, SignalSource.THREAD, call, incoming.message_id)
    if incoming.message_id:
        tx.react(incoming.message_id)
    # only she sees it (ephemeral in the thread where the platform can)
    question, rows = consent_question(tx, signal)
    tx.answer(Reply(text=tx.t("consent-thread", nr=signal.id) + "\n" + question, rows=rows))


async def _direct_message(tx: Tx, incoming: Incoming, text: str) -> None:
    open_calls = await calls.open_calls(tx.session, tx.now)
    call = open_calls[0] if len(open_calls) == 1 else None
    signal = await _store(tx, text, SignalSource.DM, call, incoming.message_id)
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
    tx.dm(tx.member, _thanks(tx, signal, key, call=call.id if call else 0))


async def on_action(tx: Tx, parts: list[str], values: dict[str, str]) -> None:
    """``signal:<nr>:call:<call nr or 0>``: the member picks the call their DM answers;
    ``signal:<nr>:consent:<quote|count|staff>``: how staff may use her words."""
    if len(parts) != 3 or parts[1] not in ("call", "consent") or not parts[0].isdigit():
        raise InvalidInput("error-unknown-button")
    signal = await own_signal(tx, int(parts[0]))
    if parts[1] == "consent":
        try:
            consent = from_code(Consent, parts[2])
        except KeyError as exc:
            raise InvalidInput("error-unknown-button") from exc
        set_consent(tx, signal, consent, update=True)
        return
    if not parts[2].isdigit():
        raise InvalidInput("error-unknown-button")
    call_nr = int(parts[2])
    if call_nr == 0:
        signal.call_id = None
        tx.answer(_thanks(tx, signal, "signal-thanks", update=True, call=0))
        return
    call = await tx.get(Call, call_nr, "call-not-found")
    if calls.is_closed(call, tx.now):
        raise InvalidInput("call-already-closed", nr=call.id)
    signal.call_id = call.id
    signal.domain = signal.domain or call.domain
    tx.answer(_thanks(tx, signal, "signal-thanks-call", update=True, call=call.id))


async def own_signal(tx: Tx, nr: int) -> Signal:
    signal = await tx.get(Signal, nr, "signal-not-found")
    if signal.member_id != tx.member.id:
        raise Forbidden("signal-not-yours")
    return signal


def set_consent(tx: Tx, signal: Signal, consent: Consent, update: bool = False) -> None:
    """The member changes how her words may be used (any time: /mijn signalen)."""
    signal.consent = consent
    tx.answer(
        Reply(
            text=tx.t("consent-set", nr=signal.id, choice=label(consent, tx.lang)),
            update_origin=update,
        )
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
    signal = await _store(
        tx,
        args["tekst"],
        source,
        domain=domain,
        anonymous=bool(args.get("anoniem")),
        on_behalf_of=on_behalf,
        consent=Consent(args["gebruik"]) if args.get("gebruik") else None,
    )
    if source is not SignalSource.COMMAND:
        use = tx.t("consent-now", choice=label(signal.consent, tx.lang))
        tx.answer(Reply(text=tx.t("signal-recorded-offline", nr=signal.id) + " " + use))
        return
    tx.answer(_thanks(tx, signal, "signal-thanks", call=0))
