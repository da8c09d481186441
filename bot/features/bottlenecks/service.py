"""Bottlenecks (knelpunten): creating, linking signals, merging duplicates, listing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from bot.core.context import Tx
from bot.core.errors import InvalidInput
from bot.core.i18n import stage_label
from bot.core.replies import Reply
from bot.core.versions import bump
from bot.features.bottlenecks import timeline
from bot.features.bottlenecks.events import BottlenecksMerged
from bot.features.bottlenecks.queries import signal_counts, viewer
from bot.storage.models import Bottleneck, Signal, StageChange
from bot.vocabulary.enums import Domain, SignalStatus, Stage
from bot.vocabulary.stages import OPEN_STAGES


async def get(tx: Tx, nr: int) -> Bottleneck:
    """A bottleneck by number; a merged one leads to where it went."""
    bottleneck = await tx.get(Bottleneck, nr, "bottleneck-not-found")
    if bottleneck.merged_into_id is not None:
        raise InvalidInput("bottleneck-merged", nr=nr, into=bottleneck.merged_into_id)
    return bottleneck


async def get_open(tx: Tx, nr: int) -> Bottleneck:
    bottleneck = await get(tx, nr)
    if bottleneck.stage not in OPEN_STAGES:
        raise InvalidInput("bottleneck-closed", nr=nr, stage=stage_label(bottleneck.stage, tx.lang))
    return bottleneck


async def create(tx: Tx, title: str, description: str | None, domain: Domain | None) -> Bottleneck:
    bottleneck = Bottleneck(
        title=title,
        description=description,
        domain=domain,
        stage=Stage.OOGSTEN,
        created_by=tx.member.id,
        created_at=tx.now,
        updated_at=tx.now,
    )
    tx.session.add(bottleneck)
    await tx.session.flush()
    tx.session.add(
        StageChange(
            bottleneck_id=bottleneck.id,
            from_stage=None,
            to_stage=Stage.OOGSTEN,
            by_member_id=tx.member.id,
            at=tx.now,
        )
    )
    return bottleneck


async def place(
    tx: Tx,
    signal: Signal,
    status: SignalStatus,
    bottleneck: Bottleneck | None = None,
    duplicate_of: Signal | None = None,
) -> None:
    """Every triage outcome goes through here, so a signal is never both niet-relevant
    and linked: linked and dubbel carry a bottleneck (a duplicate of a signal follows that
    signal's), relevant and niet-relevant carry none. Duplicates of this signal follow."""
    if duplicate_of is not None:
        bottleneck_id = duplicate_of.bottleneck_id
    else:
        bottleneck_id = bottleneck.id if bottleneck is not None else None
    signal.status = status
    signal.bottleneck_id = bottleneck_id
    signal.duplicate_of_id = duplicate_of.id if duplicate_of is not None else None
    signal.reviewed_by = tx.member.id
    signal.reviewed_at = tx.now
    if bottleneck is not None:
        signal.domain = signal.domain or bottleneck.domain
        bottleneck.updated_at = tx.now
    await tx.session.flush()
    await tx.session.execute(
        update(Signal)
        .where(Signal.duplicate_of_id == signal.id)
        .values(bottleneck_id=bottleneck_id, version=Signal.version + 1)
        .execution_options(synchronize_session=False)
    )


async def link(tx: Tx, signal: Signal, bottleneck: Bottleneck) -> None:
    await place(tx, signal, SignalStatus.LINKED, bottleneck)


async def cmd_new(tx: Tx, args: dict[str, Any]) -> None:
    signal = None
    if args.get("signaal"):
        signal = await tx.get(Signal, args["signaal"], "signal-not-found")
    domain = Domain(args["domein"]) if args.get("domein") else (signal.domain if signal else None)
    bottleneck = await create(tx, args["titel"], args.get("omschrijving"), domain)
    if signal is not None:
        bump(signal)
        await link(tx, signal, bottleneck)
    tx.answer(Reply(text=tx.t("bottleneck-created", nr=bottleneck.id, title=bottleneck.title)))


async def cmd_show(tx: Tx, args: dict[str, Any]) -> None:
    bottleneck = await tx.get(Bottleneck, args["nr"], "bottleneck-not-found")
    tx.answer(await timeline.render(tx, bottleneck))


async def cmd_list(tx: Tx, args: dict[str, Any]) -> None:
    query = select(Bottleneck).where(Bottleneck.merged_into_id.is_(None)).order_by(Bottleneck.id)
    if args.get("fase"):
        query = query.where(Bottleneck.stage == Stage(args["fase"]))
    if args.get("domein"):
        query = query.where(Bottleneck.domain == Domain(args["domein"]))
    found = (await tx.session.scalars(query)).all()
    if not found:
        tx.answer(Reply(text=tx.t("bottleneck-none")))
        return
    counts = await signal_counts(tx.session, [b.id for b in found], viewer(tx))
    lines = [tx.t("bottleneck-list-head")]
    for b in found:
        lines.append(
            tx.t(
                "bottleneck-list-item",
                nr=b.id,
                title=b.title,
                stage=stage_label(b.stage, tx.lang),
                domain=b.domain.value if b.domain else "-",
                count=counts.get(b.id, 0),
            )
        )
    tx.answer(Reply(text="\n".join(lines)))


async def cmd_link(tx: Tx, args: dict[str, Any]) -> None:
    signal = await tx.get(Signal, args["signaal"], "signal-not-found")
    bottleneck = await get(tx, args["knelpunt"])
    bump(signal)  # a triage card drawn before this is outdated
    await link(tx, signal, bottleneck)
    tx.answer(Reply(text=tx.t("bottleneck-linked", signal=signal.id, nr=bottleneck.id)))


async def cmd_merge(tx: Tx, args: dict[str, Any]) -> None:
    source = await get(tx, args["van"])
    target = await get(tx, args["naar"])
    if source.id == target.id:
        raise InvalidInput("bottleneck-merge-self")
    await merge(tx, source, target)
    tx.answer(Reply(text=tx.t("bottleneck-merged-ok", src=source.id, dst=target.id)))


async def merge(tx: Tx, source: Bottleneck, target: Bottleneck) -> None:
    """Move the signals (duplicates too) to the target and tell the polls feature
    (``BottlenecksMerged``). People are counted by distinct member everywhere
    (``involved``, poll results), so nobody is counted twice."""
    await tx.session.execute(
        update(Signal)
        .where(Signal.bottleneck_id == source.id)
        .values(bottleneck_id=target.id, version=Signal.version + 1)
        .execution_options(synchronize_session="fetch")
    )
    source.merged_into_id = target.id
    source.merged_at = tx.now
    target.updated_at = tx.now
    await tx.session.flush()
    await tx.publish(BottlenecksMerged(source, target))
