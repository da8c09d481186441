"""Domain events other features listen to (``Tx.publish``), so a bottleneck's stage can
move without this feature knowing who reports back about it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.models import Bottleneck, StageChange


@dataclass(frozen=True)
class StageMoved:
    """A bottleneck moved to another stage; listeners return how many people they told."""

    bottleneck: Bottleneck
    change: StageChange


@dataclass(frozen=True)
class BottlenecksMerged:
    """``source`` was merged into ``target`` (its signals moved already); the polls
    feature moves its polls and closes an open one into the target's."""

    source: Bottleneck
    target: Bottleneck
