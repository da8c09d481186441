"""The one command table (DESIGN.md §8). Discord's application commands, Slack's slash
commands, the console, parsing and /help are all derived from it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.core import (
    bottlenecks,
    calls,
    closeloop,
    events,
    feedback,
    polls,
    privacy,
    progress,
    signals,
    stages,
    status,
    triage,
)
from bot.core import (
    help as help_,
)
from bot.core.context import Tx
from bot.core.enums import (
    ActionKind,
    Audience,
    CauseArea,
    Domain,
    EventKind,
    Recognition,
    Role,
    RsvpAnswer,
    ShareForm,
    Stage,
    Urgency,
)

Handler = Callable[[Tx, dict[str, Any]], Awaitable[None]]


class Kind(StrEnum):
    TEXT = "text"
    NUMBER = "number"  # a number the bot shows (#12); ``ref`` says of what
    CHOICE = "choice"
    DATETIME = "datetime"
    BOOL = "bool"  # ja / nee
    OFFSETS = "offsets"  # 7d,1d,1u
    URL = "url"


_SHORT = {
    "number": "nr",
    "datetime": "datum tijd",
    "bool": "ja|nee",
    "offsets": "7d,1d,1u",
    "url": "link",
}


@dataclass(frozen=True)
class Arg:
    name: str
    kind: Kind
    help: str
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # call / signal / bottleneck / poll / event (autocomplete)
    max_length: int = 4000
    positional: bool = False  # may be typed without ``name:``

    def help_short(self) -> str:
        if self.choices:
            return "|".join(self.choices)
        return _SHORT.get(self.kind, "tekst")


@dataclass(frozen=True)
class Command:
    name: str
    sub: str | None
    help: str
    handler: Handler
    args: tuple[Arg, ...] = ()
    roles: frozenset[Role] | None = None  # None: everyone

    @property
    def full_name(self) -> str:
        return f"{self.name} {self.sub}" if self.sub else self.name

    def usage(self) -> str:
        parts = [f"/{self.full_name}"]
        for arg in self.args:
            shown = arg.name if arg.positional else f"{arg.name}:<{arg.help_short()}>"
            parts.append(shown if arg.required else f"[{shown}]")
        return " ".join(parts)

    def arg(self, name: str) -> Arg | None:
        return next((a for a in self.args if a.name == name), None)

    def allowed(self, role: Role) -> bool:
        return self.roles is None or role in self.roles


STAFF = frozenset({Role.STAFF})


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(m.value for m in enum)


def text(name: str, help: str, required: bool = False, max_length: int = 4000) -> Arg:
    return Arg(name, Kind.TEXT, help, required, max_length=max_length)


def number(name: str, ref: str, help: str, required: bool = True) -> Arg:
    return Arg(name, Kind.NUMBER, help, required, ref=ref)


def choice(name: str, values: tuple[str, ...], help: str, required: bool = False) -> Arg:
    return Arg(name, Kind.CHOICE, help, required, choices=values)


def moment(name: str, help: str, required: bool = False) -> Arg:
    return Arg(name, Kind.DATETIME, help, required)


DOMAIN = choice("domein", _values(Domain), "domein")
DOMAINS = _values(Domain)

def event_fields(new: bool) -> tuple[Arg, ...]:
    """The fields of an event: required when planning it, optional when changing it."""
    return (
        text("titel", "naam van de bijeenkomst", required=new, max_length=200),
        choice("soort", _values(EventKind), "soort bijeenkomst", required=new),
        moment("start", "begin (datum tijd)", required=new),
        moment("eind", "einde (datum tijd)"),
        text("plek", "waar", max_length=200),
        Arg("link", Kind.URL, "link om online mee te doen"),
        text("omschrijving", "waar het over gaat", max_length=1500),
        Arg("capaciteit", Kind.NUMBER, "hoeveel plaatsen"),
        Arg("herinneringen", Kind.OFFSETS, "wanneer herinneren, bijv. 7d,1d,1u"),
    )


COMMANDS: tuple[Command, ...] = (
    Command(
        "oproep",
        "open",
        "Zet een open oproep uit, met de reden waarom je het vraagt.",
        calls.cmd_open,
        (
            text("vraag", "de vraag aan het netwerk", required=True, max_length=1500),
            text("reden", "waarom we dit vragen", max_length=1500),
            DOMAIN,
            moment("sluit", "wanneer de oproep sluit"),
        ),
        STAFF,
    ),
    Command(
        "oproep",
        "gericht",
        "Zet een gerichte vervolgvraag uit over een knelpunt.",
        calls.cmd_targeted,
        (
            number("knelpunt", "bottleneck", "nummer van het knelpunt"),
            text("vraag", "de vervolgvraag", required=True, max_length=1500),
            text("reden", "waarom we dit vragen", max_length=1500),
            moment("sluit", "wanneer de oproep sluit"),
        ),
        STAFF,
    ),
    Command("oproep", "lijst", "Toon de open oproepen.", calls.cmd_list),
    Command(
        "oproep",
        "sluit",
        "Sluit een oproep.",
        calls.cmd_close,
        (number("nr", "call", "nummer van de oproep"),),
        STAFF,
    ),
    Command(
        "signaal",
        None,
        "Meld een signaal: waar loop je tegenaan? (staf: ook offline input uit intake of werkveld)",
        signals.cmd_signal,
        (
            text("tekst", "wat je signaleert", required=True),
            DOMAIN,
            Arg("anoniem", Kind.BOOL, "je naam niet tonen"),
            choice("bron", ("intake", "werkveld"), "offline bron (alleen staf)"),
            text("namens", "naam van wie het vertelde (alleen staf)", max_length=100),
        ),
    ),
    Command(
        "ordenen",
        None,
        "Orden het volgende nieuwe signaal (relevant, domein, knelpunt).",
        triage.cmd_next,
        (),
        STAFF,
    ),
    Command(
        "knelpunt",
        "nieuw",
        "Maak een knelpunt aan.",
        bottlenecks.cmd_new,
        (
            text("titel", "korte titel", required=True, max_length=200),
            text("omschrijving", "omschrijving"),
            DOMAIN,
            number("signaal", "signal", "koppel meteen dit signaal", required=False),
        ),
        STAFF,
    ),
    Command(
        "knelpunt",
        "toon",
        "Toon een knelpunt met zijn tijdlijn.",
        bottlenecks.cmd_show,
        (number("nr", "bottleneck", "nummer van het knelpunt"),),
    ),
    Command(
        "knelpunt",
        "lijst",
        "Toon de knelpunten.",
        bottlenecks.cmd_list,
        (
            choice("fase", _values(Stage), "alleen deze fase"),
            DOMAIN,
        ),
    ),
    Command(
        "knelpunt",
        "koppel",
        "Koppel een signaal aan een knelpunt.",
        bottlenecks.cmd_link,
        (
            number("signaal", "signal", "nummer van het signaal"),
            number("knelpunt", "bottleneck", "nummer van het knelpunt"),
        ),
        STAFF,
    ),
    Command(
        "knelpunt",
        "samenvoegen",
        "Voeg een dubbel knelpunt samen met een ander.",
        bottlenecks.cmd_merge,
        (
            number("van", "bottleneck", "het dubbele knelpunt"),
            number("naar", "bottleneck", "het knelpunt dat blijft"),
        ),
        STAFF,
    ),
    Command(
        "knelpunt",
        "fase",
        "Zet een knelpunt in een andere fase.",
        stages.cmd_stage,
        (
            number("nr", "bottleneck", "nummer van het knelpunt"),
            choice("fase", _values(Stage), "de nieuwe fase", required=True),
            text("toelichting", "waarom (nodig bij terug, parkeren, niet herkend)"),
        ),
        STAFF,
    ),
    Command(
        "knelpunt",
        "oorzaak",
        "Leg een oorzaak vast (verdiepen).",
        progress.cmd_cause,
        (
            number("nr", "bottleneck", "nummer van het knelpunt"),
            choice("gebied", _values(CauseArea), "gebied van de oorzaak", required=True),
            text("tekst", "de oorzaak", required=True),
            text("expert", "met welke expert besproken", max_length=100),
        ),
        STAFF,
    ),
    Command(
        "knelpunt",
        "agendeer",
        "Leg vast aan welke tafel het knelpunt is gebracht.",
        progress.cmd_agenda,
        (
            number("nr", "bottleneck", "nummer van het knelpunt"),
            text("tafel", "welke tafel of welk overleg", required=True, max_length=200),
            choice("actie", _values(ActionKind), "soort handelingsoptie", required=True),
            moment("datum", "wanneer"),
            text("uitkomst", "wat het opleverde"),
            moment("vervolg", "datum van het vervolg"),
        ),
        STAFF,
    ),
    Command(
        "peiling",
        "start",
        "Start een peiling: herkend, urgent, wat is er nodig?",
        polls.cmd_start,
        (
            number("knelpunt", "bottleneck", "nummer van het knelpunt"),
            choice("doelgroep", _values(Audience), "wie mag stemmen (standaard iedereen)"),
            moment("sluit", "wanneer de peiling sluit"),
        ),
        STAFF,
    ),
    Command(
        "peiling",
        "uitslag",
        "Toon de uitslag van een peiling.",
        polls.cmd_result,
        (number("nr", "poll", "nummer van de peiling"),),
    ),
    Command(
        "peiling",
        "sluit",
        "Sluit een peiling en plaats de uitslag.",
        polls.cmd_close,
        (number("nr", "poll", "nummer van de peiling"),),
        STAFF,
    ),
    Command(
        "stem",
        None,
        "Stem in een peiling zonder knoppen.",
        polls.cmd_vote,
        (
            number("peiling", "poll", "nummer van de peiling"),
            choice("herkend", _values(Recognition), "herken je het knelpunt?", required=True),
            choice("urgentie", _values(Urgency), "hoe urgent is het?"),
            text("nodig", "wat is er nodig?", max_length=1500),
        ),
    ),
    Command(
        "delen",
        None,
        "Deel een verhaal over een knelpunt met het netwerk.",
        progress.cmd_share,
        (
            number("knelpunt", "bottleneck", "nummer van het knelpunt"),
            choice("vorm", _values(ShareForm), "vorm", required=True),
            text("tekst", "wat je deelt", required=True),
            Arg("link", Kind.URL, "link naar het verhaal"),
        ),
        STAFF,
    ),
    Command(
        "terugkoppeling",
        None,
        "Koppel terug wat er met een knelpunt gebeurde: openbaar "
        "en aan iedereen die bijdroeg of stemde.",
        feedback.cmd_feedback,
        (
            number("knelpunt", "bottleneck", "nummer van het knelpunt"),
            text("tekst", "wat er gebeurde", required=True),
        ),
        STAFF,
    ),
    Command(
        "knelpunt",
        "stil",
        "Knelpunten waarvan betrokkenen al een tijd niets hoorden (standaard 30 dagen).",
        closeloop.cmd_quiet,
        (Arg("dagen", Kind.NUMBER, "hoeveel dagen zonder bericht"),),
        STAFF,
    ),
    Command(
        "bijeenkomst",
        "nieuw",
        "Plan een bijeenkomst, met aanmeldknoppen en herinneringen.",
        events.cmd_new,
        event_fields(new=True),
        STAFF,
    ),
    Command("bijeenkomst", "lijst", "Toon de komende bijeenkomsten.", events.cmd_list),
    Command(
        "bijeenkomst",
        "toon",
        "Toon een bijeenkomst met de aanmeldknoppen.",
        events.cmd_show,
        (number("nr", "event", "nummer van de bijeenkomst"),),
    ),
    Command(
        "bijeenkomst",
        "wijzig",
        "Wijzig een bijeenkomst; wie zich aanmeldde krijgt bericht.",
        events.cmd_change,
        (number("nr", "event", "nummer van de bijeenkomst"), *event_fields(new=False)),
        STAFF,
    ),
    Command(
        "bijeenkomst",
        "annuleer",
        "Annuleer een bijeenkomst; wie zich aanmeldde krijgt bericht.",
        events.cmd_cancel,
        (
            number("nr", "event", "nummer van de bijeenkomst"),
            text("reden", "waarom", max_length=500),
        ),
        STAFF,
    ),
    Command(
        "bijeenkomst",
        "ics",
        "Zet een bijeenkomst in je agenda (.ics).",
        events.cmd_ics,
        (number("nr", "event", "nummer van de bijeenkomst"),),
    ),
    Command(
        "aanmelden",
        None,
        "Meld je aan voor een bijeenkomst (zonder knoppen).",
        events.cmd_rsvp,
        (
            number("bijeenkomst", "event", "nummer van de bijeenkomst"),
            choice("antwoord", _values(RsvpAnswer), "kom je? (standaard ja)"),
        ),
    ),
    Command("mijn", "signalen", "Wat is er met mijn signalen gebeurd?", privacy.cmd_my_signals),
    Command(
        "mijn",
        "gegevens",
        "Bekijk, exporteer of verwijder wat de bot over je bewaart.",
        privacy.cmd_my_data,
        (
            Arg(
                "actie",
                Kind.CHOICE,
                "toon, export of verwijder",
                choices=("toon", "export", "verwijder"),
                positional=True,
            ),
        ),
    ),
    Command(
        "mijn",
        "instellingen",
        "Je taal, meldingen en domein.",
        privacy.cmd_settings,
        (
            choice("taal", ("nl", "en"), "taal van de bot"),
            choice("meldingen", ("aan", "uit"), "berichten over je signalen"),
            DOMAIN,
        ),
    ),
    Command(
        "status",
        None,
        "Hoe staat het met de berichten: wachtend, mislukt en waarom.",
        status.cmd_status,
        (),
        STAFF,
    ),
    Command(
        "help",
        None,
        "Uitleg over de commando's.",
        help_.cmd_help,
        (Arg("commando", Kind.TEXT, "over welk commando", positional=True, max_length=40),),
    ),
)


def names() -> list[str]:
    return sorted({c.name for c in COMMANDS})


def group(name: str) -> list[Command]:
    return [c for c in COMMANDS if c.name == name]


def find(name: str, sub: str | None) -> Command | None:
    return next((c for c in COMMANDS if c.name == name and c.sub == sub), None)
