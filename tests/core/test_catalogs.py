"""The text catalogs: every Dutch text has an English one with the same parameters, a
missing key is an error in tests, dates follow the community's zone, and English replies
carry no Dutch beyond the documented command values."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from fluent.runtime.types import fluent_number
from fluent.syntax import ast as ftl
from fluent.syntax import parse
from fluent.syntax.visitor import Visitor as FluentVisitor

from bot.core import i18n
from bot.features.table import build
from bot.vocabulary import enums
from tests.helpers import Harness


def messages(lang: str) -> dict[str, ftl.Message]:
    found: dict[str, ftl.Message] = {}
    for path in i18n.catalog_files(lang):
        resource = parse(path.read_text(encoding="utf-8"))
        junk = [entry for entry in resource.body if isinstance(entry, ftl.Junk)]
        assert not junk, f"{path}: {junk[0].content[:80]}"
        for entry in resource.body:
            if isinstance(entry, ftl.Message):
                assert entry.id.name not in found, f"{entry.id.name} twice"
                found[entry.id.name] = entry
    return found


def variables(node: ftl.BaseNode) -> set[str]:
    names: set[str] = set()

    class Visitor(FluentVisitor):
        def visit_VariableReference(self, node: ftl.VariableReference) -> None:
            names.add(node.id.name)

    Visitor().visit(node)
    return names


def test_every_dutch_text_has_an_english_one_with_the_same_parameters():
    nl, en = messages("nl"), messages("en")
    assert set(nl) == set(en)
    for key, message in nl.items():
        assert variables(message) == variables(en[key]), key
        assert {a.id.name for a in message.attributes} == {a.id.name for a in en[key].attributes}


def test_every_command_and_option_has_help_in_both_languages():
    for command in build().commands:
        for lang in i18n.LANGUAGES:
            assert i18n.bundle(lang).has_message(command.key), command.key
            for arg in command.args:
                assert i18n.attribute(lang, command.key, arg.name), (command.key, arg.name)


def test_a_missing_key_or_parameter_is_an_error_in_strict_mode():
    with pytest.raises(i18n.MissingText):
        i18n.t("nl", "no-such-text")
    with pytest.raises(i18n.MissingText):
        i18n.t("nl", "poll-not-found")  # needs nr


def test_numbers_are_not_grouped_and_plurals_follow_the_language():
    assert i18n.t("nl", "poll-not-found", nr=12345) == "Peiling #12345 bestaat niet."
    assert "1 signaal" in i18n.t("nl", "bottleneck-head", stage="x", domain="y", count=1, people=2)
    assert "2 signalen" in i18n.t("nl", "bottleneck-head", stage="x", domain="y", count=2, people=2)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_integers_read_as_fluent_would_format_them_in_every_text(lang):
    # integers a text does not choose a form by go in as plain digits (Babel is slow):
    # every text must read exactly as with Fluent's own ungrouped numbers
    found = i18n.bundle(lang)
    for key, message in messages(lang).items():
        if message.value is None:
            continue
        names = variables(message.value)
        for number in (0, 1, 2, 7, 12345, -3):
            params = {name: number for name in names}
            fluent = {name: fluent_number(number, useGrouping=False) for name in names}
            expected, _ = found.format_pattern(found.get_message(key).value, fluent)
            assert i18n.t(lang, key, **params) == expected, (key, number)


@pytest.mark.parametrize("zone", ["Europe/Amsterdam", "America/New_York", "Asia/Tokyo"])
def test_dates_are_shown_in_the_given_zone(zone):
    moment = datetime(2026, 12, 3, 13, 0, tzinfo=UTC)
    local = moment.astimezone(ZoneInfo(zone))
    shown = i18n.when(moment, "nl", ZoneInfo(zone))
    assert shown.endswith(f"{local:%H:%M}") and str(local.day) in shown


# -- English replies -------------------------------------------------------------------------

# Dutch words that no English sentence needs; command names, options and fixed values are
# allowed (they are what people type) and removed before the check.
DUTCH = {
    "het", "een", "je", "jouw", "niet", "voor", "met", "naar", "wordt", "zijn", "ook",
    "signaal", "signalen", "knelpunten", "oproepen", "peilingen", "bijeenkomsten",
    "dank", "opgeslagen", "gekoppeld", "aangemaakt", "geplaatst", "gesloten", "staat",
    "kan", "moet", "nog", "geen", "wat", "waarom", "hoe", "alleen", "betrokkenen",
    "herkend", "urgentie", "stem", "stemmen", "uitslag", "tijdlijn", "fase", "aanmelding",
    "herinnering", "gewijzigd", "geannuleerd", "gegevens", "instellingen", "meldingen",
    "verwijderd", "anoniem", "nieuw", "dubbel", "relevant bevonden", "ordenen", "staf",
}


def typed_words() -> set[str]:
    table = build()
    words = set(table.names())
    for command in table.commands:
        words |= {command.sub or "", *(a.name for a in command.args)}
        for arg in command.args:
            words |= set(arg.choices)
    for enum in (enums.Role, enums.Domain, enums.Stage, enums.Recognition, enums.Urgency,
                 enums.CauseArea, enums.ActionKind, enums.ShareForm, enums.EventKind,
                 enums.RsvpAnswer, enums.Audience, enums.SignalSource, enums.CallKind):
        words |= {m.value for m in enum}
    return words


def dutch_in(text: str, allowed: set[str]) -> set[str]:
    text = re.sub(r"`[^`]*`", " ", text)  # commands as typed
    text = re.sub(r"\[[^\]]*\]", " ", text)  # where a message goes: [dm @emma]
    words = {w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+", text)}
    return {w for w in words if w in DUTCH and w not in allowed}


ENGLISH_SCRIPT = [
    "@emma:staf /mijn instellingen taal:en",
    "@noah:lid /mijn instellingen taal:en domein:zorg",
    "@liam:ambassadeur /mijn instellingen taal:en",
    "@emma /help",
    "@emma /help knelpunt",
    '@emma /oproep open vraag:"Where do you get stuck?" reden:"For the national table" sluit:"morgen 17:00"',
    "@emma /oproep lijst",
    "@noah thread 1 Waiting lists are too long.",
    "@liam dm Parents cannot find help.",
    '@noah /signaal tekst:"Schools call too late." anoniem:ja',
    "@emma /ordenen",
    "@emma klik Relevant",
    '@emma klik "New bottleneck" titel:"Waiting lists"',
    "@emma /knelpunt fase nr:1 fase:toetsen",
    "@emma /peiling start knelpunt:1",
    "@noah klik poll:1v0:recognised:yes",
    "@liam klik poll:1v0:recognised:partly",
    '@noah /stem peiling:1 herkend:ja urgentie:hoog nodig:"More staff"',
    "@emma /peiling uitslag nr:1",
    "@noah /peiling uitslag nr:1",
    '@emma /oproep gericht knelpunt:1 vraag:"What would help?"',
    '@emma /knelpunt oorzaak nr:1 gebied:financiering tekst:"No budget"',
    '@emma /knelpunt agendeer nr:1 tafel:"National table" actie:agendering vervolg:2027-02-01',
    '@emma /delen knelpunt:1 vorm:update tekst:"A short update"',
    "@emma /knelpunt fase nr:1 fase:verdiepen",
    '@emma /terugkoppeling knelpunt:1 tekst:"It was discussed at the table."',
    "@emma /knelpunt toon nr:1",
    "@emma /knelpunt lijst",
    "@emma /knelpunt stil dagen:1",
    '@emma /bijeenkomst nieuw titel:"Webinar" soort:webinar start:"2026-12-20 14:00" capaciteit:10',
    "@noah klik event:1:rsvp:yes",
    "@noah /bijeenkomst lijst",
    "@noah /bijeenkomst toon nr:1",
    '@emma /bijeenkomst wijzig nr:1 plek:"Online"',
    "@noah /mijn signalen",
    "@noah /mijn gegevens",
    "@noah /mijn gegevens verwijder",
    "@emma /status",
    "@noah /oproep open vraag:x",
    "@noah /knelpunt toon nr:99",
    "@noah /stem peiling:1 herkend:misschien",
    "@noah /vlieg",
    '@emma /oproep open vraag:"x" kleur:rood',
    "@emma /bijeenkomst annuleer nr:1",
]


async def test_english_replies_carry_no_dutch_beyond_the_command_values(app):
    h = Harness(app)
    out = await h.run(*ENGLISH_SCRIPT)
    allowed = typed_words() | set(app.community.channels.model_dump().values())
    english = ("emma", "noah", "liam")
    leaks = {}
    for block in re.split(r"\n(?=\[)", out):
        head = block.split("]", 1)[0]
        to_english = any(f"@{name}" in head for name in english)
        if to_english and ("voor @" in head or "dm @" in head):
            found = dutch_in(block.split("]", 1)[1], allowed)
            if found:
                leaks[block[:100]] = found
    assert not leaks
    # The check itself finds Dutch where there is Dutch.
    assert dutch_in(await h.run("@sanne:lid /mijn signalen"), allowed)
