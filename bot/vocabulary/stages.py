"""The stage machine over the seven steps, as a pure rule: forward one step at a time;
toetsen may jump to agenderen; back one step with a reason; parking and closing as not
recognised from any open stage with a reason; a parked bottleneck reopens where it was
parked (with a reason), a not-recognised one in toetsen."""

from __future__ import annotations

from bot.vocabulary.enums import Stage

OPEN_STAGES = (
    Stage.OOGSTEN,
    Stage.TOETSEN,
    Stage.VERDIEPEN,
    Stage.DELEN,
    Stage.AGENDEREN,
    Stage.TERUGKOPPELEN,
)
PIPELINE = (*OPEN_STAGES, Stage.AFGEROND)
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
