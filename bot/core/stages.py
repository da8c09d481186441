"""The stage machine over the seven steps (DESIGN.md §3): forward one step at a time;
toetsen may jump to agenderen; back one step with a reason; parking and closing as not
recognised from any open stage with a reason; a parked or not-recognised bottleneck can be
reopened with a reason."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from bot.core import bottlenecks, closeloop
from bot.core.context import Tx
from bot.core.enums import OPEN_STAGES, PIPELINE, Stage
from bot.core.errors import InvalidInput
from bot.core.replies import Reply
from bot.core.texts import stage_label
from bot.storage.models import Bottleneck, Notice, StageChange

OUTCOMES = (Stage.PARKED, Stage.NOT_RECOGNISED)


def _step(stage: Stage, delta: int) -> Stage | None:
    if stage not in PIPELINE:
        return None
    index = PIPELINE.index(stage) + delta
    return PIPELINE[index] if 0 <= index < len(PIPELINE) else None


def moves(current: Stage, parked_from: Stage | None = None) -> dict[Stage, bool]:
    """Allowed target stages, each with whether a reason is required."""
    allowed: dict[Stage, bool] = {}
    if current in OPEN_STAGES:
        forward = _step(current, 1)
        if forward:
            allowed[forward] = False
        if current is Stage.TOETSEN:
            allowed[Stage.AGENDEREN] = False
        for outcome in OUTCOMES:
            allowed[outcome] = True
    back = _step(current, -1)
    if back:
        allowed[back] = True
    if current is Stage.PARKED:
        allowed[parked_from or Stage.OOGSTEN] = True
    if current is Stage.NOT_RECOGNISED:
        allowed[Stage.TOETSEN] = True  # a new targeted call can reopen testing
    return allowed


async def _parked_from(tx: Tx, bottleneck: Bottleneck) -> Stage | None:
    if bottleneck.stage is not Stage.PARKED:
        return None
    return await tx.session.scalar(
        select(StageChange.from_stage)
        .where(StageChange.bottleneck_id == bottleneck.id, StageChange.to_stage == Stage.PARKED)
        .order_by(StageChange.id.desc())
        .limit(1)
    )


async def move(tx: Tx, bottleneck: Bottleneck, to: Stage, reason: str | None) -> StageChange:
    if to is bottleneck.stage:
        raise InvalidInput("stage.same", nr=bottleneck.id, stage=stage_label(to, tx.lang))
    allowed = moves(bottleneck.stage, await _parked_from(tx, bottleneck))
    if to not in allowed:
        options = ", ".join(s.value for s in allowed) or "-"
        raise InvalidInput(
            "stage.forbidden",
            frm=stage_label(bottleneck.stage, tx.lang),
            to=stage_label(to, tx.lang),
            options=options,
        )
    if allowed[to] and not reason:
        raise InvalidInput("stage.reason_needed", to=stage_label(to, tx.lang))
    change = StageChange(
        bottleneck_id=bottleneck.id,
        from_stage=bottleneck.stage,
        to_stage=to,
        by_member_id=tx.member.id,
        at=tx.now,
        reason=reason,
    )
    tx.session.add(change)
    bottleneck.stage = to
    bottleneck.updated_at = tx.now
    await tx.session.flush()
    await closeloop.stage_moved(tx, bottleneck, change)  # everyone involved hears it, once
    return change


async def cmd_stage(tx: Tx, args: dict[str, Any]) -> None:
    bottleneck = await bottlenecks.get(tx, args["nr"])
    old = bottleneck.stage
    change = await move(tx, bottleneck, Stage(args["fase"]), args.get("toelichting"))
    told = await tx.session.scalar(
        select(func.count()).where(Notice.kind == closeloop.STAGE, Notice.ref_id == change.id)
    )
    tx.answer(
        Reply(
            text=tx.t(
                "stage.moved",
                nr=bottleneck.id,
                frm=stage_label(old, tx.lang),
                to=stage_label(bottleneck.stage, tx.lang),
            )
            + " "
            + tx.t("stage.notified", count=told or 0)
        )
    )
