"""Step 2, oogsten: the triage queue. Staff mark each new signal relevant or not, set
its domain and link it to a new or existing bottleneck; the bot suggests a domain and
similar bottlenecks (rapidfuzz)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from rapidfuzz import fuzz, process, utils
from sqlalchemy import func, select

from bot.core.context import Tx
from bot.core.errors import InvalidInput
from bot.core.parsing import clean_text
from bot.core.replies import Choice, Form, FormField, Option, Reply, Select, Style, rows_of
from bot.features.bottlenecks import service as bottlenecks
from bot.features.signals.disclosure import disclose, label
from bot.storage.models import Bottleneck, Call, Member, Signal
from bot.vocabulary.consent import Place
from bot.vocabulary.enums import Domain, SignalStatus, code, from_code
from bot.vocabulary.stages import OPEN_STAGES

QUEUE = (SignalStatus.NEW, SignalStatus.RELEVANT)
SIMILAR_CUTOFF = 55
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


async def similar(tx: Tx, text: str, limit: int = 3) -> list[tuple[Bottleneck, int]]:
    candidates = (
        await tx.session.scalars(
            select(Bottleneck).where(
                Bottleneck.merged_into_id.is_(None), Bottleneck.stage.in_(OPEN_STAGES)
            )
        )
    ).all()
    choices = {b.id: f"{b.title} {b.description or ''}" for b in candidates}
    by_id = {b.id: b for b in candidates}
    found = process.extract(
        text,
        choices,
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=SIMILAR_CUTOFF,
    )
    return [(by_id[key], round(score)) for _, score, key in found]


async def next_signal(tx: Tx) -> Signal | None:
    return await tx.session.scalar(
        select(Signal).where(Signal.status.in_(QUEUE)).order_by(Signal.id).limit(1)
    )


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
    shown = disclose(signal, author, Place.STAFF)
    assert shown is not None  # staff see every signal
    who = f"@{shown.author}" if shown.author and not signal.on_behalf_of else shown.who(tx.lang)
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
        "> " + (shown.text or tx.t("triage-erased")).replace("\n", "\n> "),
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


def _buttons(
    tx: Tx, signal: Signal, found: list[tuple[Bottleneck, int]]
) -> tuple[tuple[Choice, ...], ...]:
    s = f"triage:{signal.id}"
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
    open_ones = (
        await tx.session.scalars(
            select(Bottleneck)
            .where(Bottleneck.merged_into_id.is_(None), Bottleneck.stage.in_(OPEN_STAGES))
            .order_by(Bottleneck.updated_at.desc())
            .limit(25)
        )
    ).all()
    if not open_ones:
        return None
    return Select(
        f"triage:{signal.id}:link",
        tx.t("triage-pick"),
        tuple(Option(str(b.id), f"#{b.id} {b.title}"[:100]) for b in open_ones),
    )


async def on_action(tx: Tx, parts: list[str], values: dict[str, str]) -> None:
    """``triage:<nr>:relevant|irrelevant|duplicate``, ``triage:<nr>:domain:<d>``,
    ``triage:<nr>:link:<knelpunt>`` and the form ``triage:<nr>:new``."""
    if len(parts) < 2 or not parts[0].isdigit():
        raise InvalidInput("error-unknown-button")
    signal = await tx.get(Signal, int(parts[0]), "signal-not-found")
    what, rest = parts[1], parts[2:]
    if what == "relevant":
        _review(tx, signal, SignalStatus.RELEVANT)
        tx.answer(await card(tx, signal, update=True))
        return
    if what == "domain" and rest:
        signal.domain = from_code(Domain, rest[0])
        tx.answer(await card(tx, signal, update=True))
        return
    if what in ("irrelevant", "duplicate"):
        _review(
            tx,
            signal,
            SignalStatus.NOT_RELEVANT if what == "irrelevant" else SignalStatus.DUPLICATE,
        )
    elif what == "link" and rest and rest[0].isdigit():
        bottlenecks.link(tx, signal, await bottlenecks.get(tx, int(rest[0])))
    elif what == "new":
        await _new_bottleneck(tx, signal, values)
    else:
        raise InvalidInput("error-unknown-button")
    tx.answer(
        Reply(text=tx.t(f"triage-done-{what}", nr=signal.id, bottleneck=signal.bottleneck_id or 0))
    )
    await _show_next(tx, update=False)


def _review(tx: Tx, signal: Signal, status: SignalStatus) -> None:
    signal.status = status
    signal.reviewed_by = tx.member.id
    signal.reviewed_at = tx.now


async def _new_bottleneck(tx: Tx, signal: Signal, values: dict[str, str]) -> None:
    title = clean_text(values.get("titel", ""), "titel", 200)
    description = values.get("omschrijving", "").strip()
    domain = signal.domain or suggest_domain(signal.text or "", tx.community.domain_keywords)
    bottleneck = await bottlenecks.create(
        tx, title, clean_text(description, "omschrijving") if description else None, domain
    )
    bottlenecks.link(tx, signal, bottleneck)
