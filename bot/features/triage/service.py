"""Step 2, oogsten: the triage queue. Staff mark each new signal relevant or not, set
its domain and link it to a new or existing bottleneck; the bot suggests a domain and
similar bottlenecks (rapidfuzz)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select

from bot.core.context import Tx
from bot.core.errors import InvalidInput
from bot.core.parsing import clean_text
from bot.core.replies import Choice, Form, FormField, Option, Reply, Select, Style, rows_of
from bot.core.versions import card_ref, claim, parse_ref
from bot.features.bottlenecks import service as bottlenecks
from bot.features.signals.visibility import Place, label, shown
from bot.features.triage import duplicates
from bot.features.triage.similar import open_bottlenecks, similar
from bot.storage.models import Bottleneck, Call, Member, Signal
from bot.vocabulary.enums import Domain, SignalStatus, code, from_code

QUEUE = (SignalStatus.NEW, SignalStatus.RELEVANT)
DEFAULT_KEYWORDS = {
    Domain.ONDERWIJS: (
        "school",
        "klas",
        "leraar",
        "leerling",
        "docent",
        "onderwijs",
        "thuiszit",
        "mbo",
        "passend",
    ),
    Domain.ZORG: (
        "zorg",
        "huisarts",
        "ggz",
        "therapie",
        "ziekenhuis",
        "zorgverzeker",
        "wachtlijst",
        "arts",
    ),
    Domain.JEUGDHULP: (
        "jeugdhulp",
        "jeugdzorg",
        "wijkteam",
        "jeugdwet",
        "pleeg",
        "gezinshuis",
        "jeugdconsulent",
    ),
    Domain.KINDEROPVANG: (
        "opvang",
        "bso",
        "kdv",
        "gastouder",
        "peuter",
        "toeslag",
        "pedagogisch medewerker",
    ),
}


def suggest_domain(text: str, keywords: dict[str, list[str]] | None = None) -> Domain | None:
    """The domain whose keywords start the most words of the text; a tie between
    domains suggests domeinoverstijgend."""
    table = {Domain(k): tuple(v) for k, v in (keywords or {}).items()} or DEFAULT_KEYWORDS
    words = re.findall(r"[\w-]+", text.lower())
    hits = Counter({d: _hits(words, text.lower(), kws) for d, kws in table.items()})
    found = [d for d, n in hits.most_common() if n > 0]
    if not found:
        return None
    if len(found) > 1 and hits[found[0]] == hits[found[1]]:
        return Domain.DOMEINOVERSTIJGEND
    return found[0]


def _hits(words: list[str], text: str, keywords: tuple[str, ...]) -> int:
    single = [k for k in keywords if " " not in k]
    phrases = sum(text.count(k) for k in keywords if " " in k)
    return phrases + sum(1 for w in words if any(w.startswith(k) for k in single))


async def next_signal(tx: Tx) -> Signal | None:
    """The oldest signal in the queue: the first of each queue status along the index
    (status, id), so it is found at once however many signals there are."""
    firsts = [
        select(Signal.id).where(Signal.status == status).order_by(Signal.id).limit(1)
        for status in QUEUE
    ]
    found = [n for n in [await tx.session.scalar(q) for q in firsts] if n is not None]
    return await tx.session.get(Signal, min(found)) if found else None


async def cmd_next(tx: Tx, args: dict[str, Any]) -> None:
    await _show_next(tx, update=False)


async def _show_next(tx: Tx, update: bool) -> None:
    signal = await next_signal(tx)
    if signal is None:
        tx.answer(Reply(text=tx.t("triage-empty"), update_origin=update))
        return
    tx.answer(await card(tx, signal, update))


async def card(tx: Tx, signal: Signal, update: bool = False) -> Reply:
    author = await tx.session.get(Member, signal.member_id) if signal.member_id else None
    seen = shown(signal, author, Place.STAFF)
    assert seen is not None  # staff see every signal
    who = f"@{seen.author}" if seen.author and not signal.on_behalf_of else seen.who(tx.lang)
    where = tx.t(f"triage-source-{signal.source.name.lower()}", call=signal.call_id or "-")
    left = await tx.session.scalar(select(func.count()).where(Signal.status.in_(QUEUE)))
    suggestion = suggest_domain(signal.text or "", tx.community.domain_keywords)
    lines = [
        tx.t(
            "triage-meta",
            who=who,
            where=where,
            when=tx.when(signal.created_at),
            status=tx.t("triage-status-" + signal.status.name.lower().replace("_", "-")),
        ),
        "> " + (seen.text or tx.t("triage-erased")).replace("\n", "\n> "),
        tx.t("triage-consent", choice=label(signal.consent, tx.lang)),
        "",
        tx.t(
            "triage-domain",
            domain=signal.domain.value if signal.domain else "-",
            suggestion=suggestion.value if suggestion else "-",
        ),
    ]
    if signal.call_id:
        call = await tx.session.get(Call, signal.call_id)
        if call and call.bottleneck_id:
            lines.append(tx.t("triage-targeted", nr=call.bottleneck_id))
    found = await similar(tx, signal.text or "")
    if found:
        lines.append(
            tx.t("triage-similar")
            + " "
            + "; ".join(f"#{b.id} {b.title} ({score}%)" for b, score in found)
        )
    lines.append(tx.t("triage-left", count=(left or 1) - 1))
    return Reply(
        title=tx.t("triage-title", nr=signal.id),
        text="\n".join(lines),
        rows=_buttons(tx, signal, found),
        select=await _picker(tx, signal),
        update_origin=update,
    )


def card_id(signal: Signal) -> str:
    """``triage:12v3``: the signal and the version the card was drawn from."""
    return f"triage:{card_ref(signal.id, signal.version)}"


def _buttons(
    tx: Tx, signal: Signal, found: list[tuple[Bottleneck, int]]
) -> tuple[tuple[Choice, ...], ...]:
    s = card_id(signal)
    first = (
        Choice(f"{s}:relevant", tx.t("triage-btn-relevant"), Style.SUCCESS),
        Choice(f"{s}:irrelevant", tx.t("triage-btn-irrelevant"), Style.DANGER),
        Choice(f"{s}:duplicate", tx.t("triage-btn-duplicate")),
    )
    domains = tuple(
        Choice(
            f"{s}:domain:{code(d)}",
            d.value,
            Style.PRIMARY if signal.domain is d else Style.SECONDARY,
        )
        for d in Domain
    )
    new_form = Form(
        f"{s}:new",
        tx.t("triage-form-title"),
        (
            # empty on purpose: a title in staff's own words, never a copy of hers
            FormField("titel", tx.t("triage-form-titel"), multiline=False, max_length=200),
            FormField("omschrijving", tx.t("triage-form-omschrijving"), required=False),
        ),
    )
    links = [
        Choice(f"{s}:link:{b.id}", tx.t("triage-btn-link", nr=b.id), Style.PRIMARY)
        for b, _ in found
    ]
    links.append(Choice(f"{s}:new", tx.t("triage-btn-new"), Style.SUCCESS, form=new_form))
    return (first, domains, *rows_of(links))


async def _picker(tx: Tx, signal: Signal) -> Select | None:
    open_ones = await open_bottlenecks(tx, limit=25)
    if not open_ones:
        return None
    return Select(
        f"{card_id(signal)}:link",
        tx.t("triage-pick"),
        tuple(Option(str(b.id), f"#{b.id} {b.title}"[:100]) for b in open_ones),
    )


# Buttons that only show another view of the card: they change nothing.
VIEWS = ("duplicate", "back")


async def on_action(tx: Tx, parts: list[str], values: dict[str, str]) -> None:
    """``triage:<nr>v<version>:`` + ``relevant|irrelevant|duplicate|back``,
    ``domain:<d>``, ``link:<knelpunt>``, ``dup:s<signaal>|b<knelpunt>`` and the form
    ``new``. A press on a card drawn from an older version is refused with a fresh card
    (only staff get here: ``triage`` is in ``STAFF_ACTIONS``)."""
    ref = parse_ref(parts[0]) if len(parts) >= 2 else None
    if ref is None:
        raise InvalidInput("error-unknown-button")
    signal = await tx.get(Signal, ref[0], "signal-not-found")
    what, rest = parts[1], parts[2:]
    current = ref[1] == signal.version if what in VIEWS else await claim(tx.session, signal, ref[1])
    if not current:
        fresh = await card(tx, signal, update=True)
        tx.answer(replace(fresh, text=tx.t("card-stale") + "\n\n" + fresh.text))
        return
    if what == "duplicate":
        tx.answer(await duplicates.picker(tx, signal, card_id(signal)))
        return
    if what in ("back", "relevant", "domain"):
        await _in_place(tx, signal, what, rest)
        return
    await _decide(tx, signal, what, rest, values)
    tx.answer(Reply(text=_done(tx, signal, what)))
    await _show_next(tx, update=False)


def _done(tx: Tx, signal: Signal, what: str) -> str:
    b = signal.bottleneck_id or 0
    if what != "dup":
        return tx.t(f"triage-done-{what}", nr=signal.id, bottleneck=b)
    if signal.duplicate_of_id is None:
        return tx.t("triage-done-dup-bottleneck", nr=signal.id, bottleneck=b)
    key = "triage-done-dup-linked" if b else "triage-done-dup-waiting"
    return tx.t(key, nr=signal.id, of=signal.duplicate_of_id, bottleneck=b)


async def _in_place(tx: Tx, signal: Signal, what: str, rest: list[str]) -> None:
    """Changes the card shows at once, in place: relevant, a domain, or back."""
    if what == "relevant":
        await bottlenecks.place(tx, signal, SignalStatus.RELEVANT)
    elif what == "domain" and rest:
        signal.domain = from_code(Domain, rest[0])
    elif what != "back":
        raise InvalidInput("error-unknown-button")
    tx.answer(await card(tx, signal, update=True))


async def _decide(
    tx: Tx, signal: Signal, what: str, rest: list[str], values: dict[str, str]
) -> None:
    """The outcomes that finish a signal: niet relevant, linked, dubbel, a new bottleneck."""
    if what == "irrelevant":
        await bottlenecks.place(tx, signal, SignalStatus.NOT_RELEVANT)
    elif what == "link" and rest and rest[0].isdigit():
        await bottlenecks.link(tx, signal, await bottlenecks.get(tx, int(rest[0])))
    elif what == "dup" and rest:
        await duplicates.mark(tx, signal, rest[0])
    elif what == "new":
        await _new_bottleneck(tx, signal, values)
    else:
        raise InvalidInput("error-unknown-button")


async def _new_bottleneck(tx: Tx, signal: Signal, values: dict[str, str]) -> None:
    title = clean_text(values.get("titel", ""), "titel", 200)
    description = values.get("omschrijving", "").strip()
    domain = signal.domain or suggest_domain(signal.text or "", tx.community.domain_keywords)
    bottleneck = await bottlenecks.create(
        tx, title, clean_text(description, "omschrijving") if description else None, domain
    )
    await bottlenecks.link(tx, signal, bottleneck)
