"""Step 1, uitzetten: open and targeted calls, posted with their reason."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.context import Tx
from bot.core.errors import InvalidInput
from bot.core.i18n import t
from bot.core.replies import Reply
from bot.features.bottlenecks import service as bottlenecks
from bot.features.bottlenecks.queries import counted, involved, viewer
from bot.storage.models import Bottleneck, Call, Signal
from bot.vocabulary.consent import Place
from bot.vocabulary.enums import CallKind, Domain
from bot.vocabulary.news import NewsKind


def subject(call: Call) -> str:
    return f"call:{call.id}"


async def cmd_open(tx: Tx, args: dict[str, Any]) -> None:
    call = await _create(tx, CallKind.OPEN, args, bottleneck=None)
    _announce(tx, call, None)


async def cmd_targeted(tx: Tx, args: dict[str, Any]) -> None:
    bottleneck = await bottlenecks.get_open(tx, args["knelpunt"])
    call = await _create(tx, CallKind.TARGETED, args, bottleneck=bottleneck)
    _announce(tx, call, bottleneck)
    # Offer the follow-up question privately to everyone who contributed or voted.
    people = await involved(tx.session, bottleneck.id, exclude=tx.member.id)
    tx.fan_out(people, NewsKind.CALL, lambda m: _targeted_dm(call, bottleneck, m.language))


def _targeted_dm(call: Call, bottleneck: Bottleneck, lang: str) -> Reply:
    return Reply(
        title=t(lang, "call-targeted-dm-title", nr=bottleneck.id),
        text=t(
            lang,
            "call-targeted-dm",
            title=bottleneck.title,
            question=call.question,
            reason=call.reason or "-",
            nr=call.id,
        ),
    )


async def _create(
    tx: Tx, kind: CallKind, args: dict[str, Any], bottleneck: Bottleneck | None
) -> Call:
    closes_at: datetime | None = args.get("sluit")
    if closes_at is not None and closes_at <= tx.now:
        raise InvalidInput("call-close-in-past")
    domain = args.get("domein")
    call = Call(
        kind=kind,
        question=args["vraag"],
        reason=args.get("reden"),
        domain=Domain(domain) if domain else (bottleneck.domain if bottleneck else None),
        bottleneck_id=bottleneck.id if bottleneck else None,
        created_by=tx.member.id,
        created_at=tx.now,
        closes_at=closes_at,
    )
    tx.session.add(call)
    await tx.session.flush()
    return call


def _announce(tx: Tx, call: Call, bottleneck: Bottleneck | None) -> None:
    lang = tx.community.language
    tx.post("calls", render(tx, call, bottleneck, lang), subject=subject(call))
    tx.answer(Reply(text=tx.t("call-posted", nr=call.id, channel=tx.community.channels.calls)))


def render(tx: Tx, call: Call, bottleneck: Bottleneck | None, lang: str) -> Reply:
    """The call as posted in the calls channel, in ``lang``."""
    lines = [call.question, ""]
    if bottleneck is not None:
        lines.append(t(lang, "call-about", nr=bottleneck.id, title=bottleneck.title))
    if call.reason:
        lines.append(t(lang, "call-reason", reason=call.reason))
    if call.domain:
        lines.append(t(lang, "call-domain", domain=call.domain.value))
    if call.closes_at:
        lines.append(t(lang, "call-closes", when=tx.when(call.closes_at, lang)))
    lines += ["", t(lang, "call-how")]
    kind = "call-title-targeted" if call.kind is CallKind.TARGETED else "call-title-open"
    return Reply(title=t(lang, kind, nr=call.id), text="\n".join(lines))


async def open_calls(session: AsyncSession, now: datetime) -> list[Call]:
    query = select(Call).where(Call.closed_at.is_(None)).order_by(Call.id)
    return [c for c in (await session.scalars(query)).all() if not is_closed(c, now)]


def is_closed(call: Call, now: datetime) -> bool:
    return call.closed_at is not None or (call.closes_at is not None and call.closes_at <= now)


async def cmd_list(tx: Tx, args: dict[str, Any]) -> None:
    calls = await open_calls(tx.session, tx.now)
    if not calls:
        tx.answer(Reply(text=tx.t("call-none-open")))
        return
    counts = dict(
        (
            await tx.session.execute(
                select(Signal.call_id, func.count())
                .where(Signal.call_id.in_([c.id for c in calls]), counted(viewer(tx)))
                .group_by(Signal.call_id)
            )
        ).all()
    )
    lines = [tx.t("call-list-head")]
    for call in calls:
        closes = tx.t("call-list-closes", when=tx.when(call.closes_at)) if call.closes_at else ""
        lines.append(
            tx.t(
                "call-list-item",
                nr=call.id,
                question=call.question,
                count=counts.get(call.id, 0),
                closes=closes,
            )
        )
    tx.answer(Reply(text="\n".join(lines)))


async def cmd_close(tx: Tx, args: dict[str, Any]) -> None:
    call = await tx.get(Call, args["nr"], "call-not-found")
    if is_closed(call, tx.now):
        raise InvalidInput("call-already-closed", nr=call.id)
    await close(tx, call)
    tx.answer(Reply(text=tx.t("call-closed-ok", nr=call.id)))


async def close(tx: Tx, call: Call) -> None:
    """Close a call and thank everyone in its thread (also used by the schedule)."""
    call.closed_at = tx.now
    count = await tx.session.scalar(
        select(func.count()).where(Signal.call_id == call.id, counted(Place.PUBLIC))
    )
    tx.post_thread(
        subject(call),
        Reply(text=t(tx.community.language, "call-closed-thread", nr=call.id, count=count or 0)),
    )
