"""/peiling start|uitslag|sluit, /stem, and the poll card's buttons and form (``poll:…``)."""

from __future__ import annotations

from bot.core.commands import STAFF, Command, choice, moment, number, text, values
from bot.features.bottlenecks.events import BottlenecksMerged
from bot.features.polls import service
from bot.vocabulary.enums import Audience, Recognition, Urgency

COMMANDS = (
    Command(
        "peiling",
        "start",
        service.cmd_start,
        (number("knelpunt", "bottleneck"), choice("doelgroep", values(Audience)), moment("sluit")),
        STAFF,
    ),
    Command(
        "peiling",
        "uitslag",
        service.cmd_result,
        (number("nr", "poll"), number("pagina", required=False)),
    ),
    Command("peiling", "sluit", service.cmd_close, (number("nr", "poll"),), STAFF),
    Command(
        "stem",
        None,
        service.cmd_vote,
        (
            number("peiling", "poll"),
            choice("herkend", values(Recognition), required=True),
            choice("urgentie", values(Urgency)),
            text("nodig", max_length=1500),
        ),
    ),
)
ACTIONS = {"poll": service.on_action}
SUBSCRIBERS = {BottlenecksMerged: (service.on_merged,)}
