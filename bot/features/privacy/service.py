"""What a member can see and control: my signals and what became of them, my data
(show, export, erase — AVG/GDPR), my settings."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from bot.core.context import Tx
from bot.core.errors import InvalidInput
from bot.core.i18n import shorten, stage_label
from bot.core.replies import Choice, Reply, Style
from bot.features.privacy.erasure import erase
from bot.features.signals.service import own_signal, set_consent
from bot.features.signals.visibility import label
from bot.storage.models import Bottleneck, Rsvp, Signal, Vote
from bot.vocabulary.enums import Consent, Domain, code
from bot.vocabulary.news import NewsPreference


async def cmd_my_signals(tx: Tx, args: dict[str, Any]) -> None:
    """The list; with ``signaal:`` and ``gebruik:`` she changes how one may be used."""
    nr, consent = args.get("signaal"), args.get("gebruik")
    if nr is not None or consent:
        if nr is None or not consent:
            raise InvalidInput("mine-consent-needs-both")
        set_consent(tx, await own_signal(tx, nr), Consent(consent))
        return
    lines = await signal_lines(tx)
    tx.answer(Reply(text="\n".join(lines) if len(lines) > 1 else tx.t("mine-none")))


async def signal_lines(tx: Tx, limit: int | None = None) -> list[str]:
    """ "My signals and what became of them": a heading, then two lines per signal
    (the newest ``limit`` when given)."""
    query = (
        select(Signal, Bottleneck)
        .outerjoin(Bottleneck, Bottleneck.id == Signal.bottleneck_id)
        .where(Signal.member_id == tx.member.id)
        .order_by(Signal.id.desc())
        .limit(limit)
    )
    rows = list(reversed((await tx.session.execute(query)).all()))
    lines = [tx.t("mine-head")]
    for signal, bottleneck in rows:
        text = shorten(signal.text or tx.t("mine-erased"), 80)
        lines.append(tx.t("mine-item", nr=signal.id, when=tx.when(signal.created_at), text=text))
        lines.append("   " + await _fate(tx, signal, bottleneck))
        lines.append("   " + tx.t("mine-consent", choice=label(signal.consent, tx.lang)))
    return lines


async def _fate(tx: Tx, signal: Signal, bottleneck: Bottleneck | None) -> str:
    if bottleneck is not None:
        while bottleneck.merged_into_id is not None:  # follow merges to where it lives now
            bottleneck = await tx.session.get(Bottleneck, bottleneck.merged_into_id)
            assert bottleneck is not None
        return tx.t(
            "mine-linked",
            nr=bottleneck.id,
            title=bottleneck.title,
            stage=stage_label(bottleneck.stage, tx.lang),
        )
    return tx.t(f"mine-status-{signal.status.name.lower().replace('_', '-')}")


async def my_data(tx: Tx) -> dict[str, Any]:
    member = tx.member
    signals = (
        await tx.session.scalars(
            select(Signal).where(Signal.member_id == member.id).order_by(Signal.id)
        )
    ).all()
    votes = (
        await tx.session.scalars(select(Vote).where(Vote.member_id == member.id).order_by(Vote.id))
    ).all()
    rsvps = (await tx.session.scalars(select(Rsvp).where(Rsvp.member_id == member.id))).all()
    return {
        "lid": {
            "platform": member.platform,
            "naam": member.display_name,
            "rol": member.role.value,
            "taal": member.language,
            "domein": member.domain.value if member.domain else None,
            "meldingen": member.news.value,
            "sinds": member.created_at.isoformat(),
            "privacymelding": member.noticed_at.isoformat() if member.noticed_at else None,
        },
        "signalen": [
            {
                "nr": s.id,
                "tekst": s.text,
                "bron": s.source.value,
                "oproep": s.call_id,
                "knelpunt": s.bottleneck_id,
                "anoniem": s.anonymous,
                "gebruik": s.consent.value,
                "datum": s.created_at.isoformat(),
            }
            for s in signals
        ],
        "stemmen": [
            {
                "peiling": v.poll_id,
                "herkend": v.recognition.value if v.recognition else None,
                "urgentie": v.urgency.value if v.urgency else None,
                "nodig": v.needed,
            }
            for v in votes
        ],
        "aanmeldingen": [{"bijeenkomst": r.event_id, "antwoord": r.answer.value} for r in rsvps],
    }


async def cmd_my_data(tx: Tx, args: dict[str, Any]) -> None:
    action = args.get("actie") or "toon"
    data = await my_data(tx)
    if action == "verwijder":
        tx.answer(
            Reply(
                text=tx.t(
                    "privacy-confirm", signals=len(data["signalen"]), votes=len(data["stemmen"])
                ),
                rows=(
                    (
                        Choice("privacy:erase:confirm", tx.t("privacy-btn-erase"), Style.DANGER),
                        Choice("privacy:erase:cancel", tx.t("privacy-btn-cancel")),
                    ),
                ),
            )
        )
        return
    if action == "export":
        body = json.dumps(data, ensure_ascii=False, indent=2)
        tx.answer(Reply(title=tx.t("privacy-export-title"), text=f"```json\n{body}\n```"))
        return
    tx.answer(
        Reply(
            title=tx.t("privacy-show-title"),
            text=tx.t(
                "privacy-show",
                name=tx.member.display_name,
                role=tx.member.role.value,
                signals=len(data["signalen"]),
                votes=len(data["stemmen"]),
                rsvps=len(data["aanmeldingen"]),
                lang=tx.member.language,
                notify=data["lid"]["meldingen"],
                domain=data["lid"]["domein"] or "-",
            ),
        )
    )


async def on_action(tx: Tx, parts: list[str], values: dict[str, str]) -> None:
    if parts == ["erase", "cancel"]:
        tx.answer(Reply(text=tx.t("privacy-cancelled"), update_origin=True))
        return
    if parts != ["erase", "confirm"]:
        raise InvalidInput("error-unknown-button")
    await erase(tx, tx.member)
    tx.answer(Reply(text=tx.t("privacy-erased"), update_origin=True))


async def cmd_settings(tx: Tx, args: dict[str, Any]) -> None:
    member = tx.member
    if args.get("taal"):
        member.language = args["taal"]
    if args.get("meldingen"):
        member.news = NewsPreference(args["meldingen"])
    if args.get("domein"):
        member.domain = Domain(args["domein"])
    tx.answer(
        Reply(
            text=tx.t(
                "settings-now",
                lang=member.language,
                notify=member.news.value,
                domain=member.domain.value if member.domain else "-",
            )
            + "\n"
            + tx.t(f"settings-news-{code(member.news)}")
        )
    )
