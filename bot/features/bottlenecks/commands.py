"""The bottleneck commands: /knelpunt nieuw|toon|lijst|koppel|samenvoegen|fase|oorzaak|
agendeer and /delen."""

from __future__ import annotations

from bot.core.commands import STAFF, Arg, Command, Kind, choice, moment, number, text, values
from bot.features.bottlenecks import progress, service, stages
from bot.vocabulary.enums import ActionKind, CauseArea, Domain, ShareForm, Stage

DOMAIN = choice("domein", values(Domain))
NR = number("nr", "bottleneck")

COMMANDS = (
    Command(
        "knelpunt",
        "nieuw",
        service.cmd_new,
        (
            text("titel", required=True, max_length=200),
            text("omschrijving"),
            DOMAIN,
            number("signaal", "signal", required=False),
        ),
        STAFF,
    ),
    Command("knelpunt", "toon", service.cmd_show, (NR,)),
    Command("knelpunt", "lijst", service.cmd_list, (choice("fase", values(Stage)), DOMAIN)),
    Command(
        "knelpunt",
        "koppel",
        service.cmd_link,
        (number("signaal", "signal"), number("knelpunt", "bottleneck")),
        STAFF,
    ),
    Command(
        "knelpunt",
        "samenvoegen",
        service.cmd_merge,
        (number("van", "bottleneck"), number("naar", "bottleneck")),
        STAFF,
    ),
    Command(
        "knelpunt",
        "fase",
        stages.cmd_stage,
        (NR, choice("fase", values(Stage), required=True), text("toelichting")),
        STAFF,
    ),
    Command(
        "knelpunt",
        "oorzaak",
        progress.cmd_cause,
        (
            NR,
            choice("gebied", values(CauseArea), required=True),
            text("tekst", required=True),
            text("expert", max_length=100),
        ),
        STAFF,
    ),
    Command(
        "knelpunt",
        "agendeer",
        progress.cmd_agenda,
        (
            NR,
            text("tafel", max_length=200),
            choice("actie", values(ActionKind)),
            moment("datum"),
            text("uitkomst"),
            moment("vervolg"),
            number("stap", required=False),
        ),
        STAFF,
    ),
    Command(
        "delen",
        None,
        progress.cmd_share,
        (
            number("knelpunt", "bottleneck"),
            choice("vorm", values(ShareForm), required=True),
            text("tekst", required=True),
            Arg("link", Kind.URL),
        ),
        STAFF,
    ),
)
