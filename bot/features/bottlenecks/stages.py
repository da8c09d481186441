"""Moving a bottleneck through the stages (the rule is ``bot.vocabulary.stages``): who,
when and why is recorded, and everyone involved hears about it (``StageMoved``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.core.context import Tx
from bot.core.errors import InvalidInput
from bot.core.i18n import stage_label
from bot.core.replies import Reply
from bot.features.bottlenecks import service
from bot.features.bottlenecks.events import StageMoved
from bot.storage.models import Bottleneck, StageChange
from bot.vocabulary.enums import Stage
from bot.vocabulary.stages import moves


async def _parked_from(tx: Tx, bottleneck: Bottleneck) -> Stage | None:
    if bottleneck.stage is not Stage.PARKED:
        return None
    return await tx.session.scalar(
        select(StageChange.from_stage)
        .where(StageChange.bottleneck_id == bottleneck.id, StageChange.to_stage == Stage.PARKED)
        .order_by(StageChange.id.desc())
        .limit(1)
    )


async def move(tx: Tx, bottleneck: Bottleneck, to: Stage, reason: str | None) -> int:
    """Record the move and tell the listeners; returns how many people were told."""
    if to is bottleneck.stage:
        raise InvalidInput("stage-same", nr=bottleneck.id, stage=stage_label(to, tx.lang))
    allowed = moves(bottleneck.stage, await _parked_from(tx, bottleneck))
    if to not in allowed:
        options = ", ".join(s.value for s in allowed) or "-"
        raise InvalidInput(
            "stage-forbidden",
            frm=stage_label(bottleneck.stage, tx.lang),
            to=stage_label(to, tx.lang),
            options=options,
        )
    if allowed[to] and not reason:
        raise InvalidInput("stage-reason-needed", to=stage_label(to, tx.lang))
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
    told = await tx.publish(StageMoved(bottleneck, change))
    return sum(n for n in told if isinstance(n, int))


async def cmd_stage(tx: Tx, args: dict[str, Any]) -> None:
    bottleneck = await service.get(tx, args["nr"])
    old = bottleneck.stage
    told = await move(tx, bottleneck, Stage(args["fase"]), args.get("toelichting"))
    tx.answer(
        Reply(
            text=tx.t(
                "stage-moved",
                nr=bottleneck.id,
                frm=stage_label(old, tx.lang),
                to=stage_label(bottleneck.stage, tx.lang),
            )
            + " "
            + tx.t("stage-notified", count=told)
        )
    )
