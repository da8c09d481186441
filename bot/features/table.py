"""The one command table, assembled from the features in the order /help shows them."""

from __future__ import annotations

from types import ModuleType

from bot.core.commands import Action, CommandTable, Subscriber
from bot.features.bottlenecks import commands as bottlenecks
from bot.features.calls import commands as calls
from bot.features.dashboard import commands as dashboard
from bot.features.events import commands as events
from bot.features.feedback import commands as feedback
from bot.features.help import commands as help_
from bot.features.polls import commands as polls
from bot.features.privacy import commands as privacy
from bot.features.signals import commands as signals
from bot.features.triage import commands as triage

FEATURES: tuple[ModuleType, ...] = (
    calls,
    signals,
    triage,
    bottlenecks,
    polls,
    feedback,
    events,
    privacy,
    dashboard,
    help_,
)


def build() -> CommandTable:
    actions: dict[str, Action] = {}
    staff_actions: set[str] = set()
    subscribers: dict[type, tuple[Subscriber, ...]] = {}
    for feature in FEATURES:
        actions.update(getattr(feature, "ACTIONS", {}))
        staff_actions.update(getattr(feature, "STAFF_ACTIONS", ()))
        for event, listeners in getattr(feature, "SUBSCRIBERS", {}).items():
            subscribers[event] = subscribers.get(event, ()) + tuple(listeners)
    return CommandTable(
        commands=tuple(c for feature in FEATURES for c in feature.COMMANDS),
        actions=actions,
        staff_actions=frozenset(staff_actions),
        subscribers=subscribers,
        on_message=signals.ON_MESSAGE,
    )
