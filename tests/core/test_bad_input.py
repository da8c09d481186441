"""Bounded, validated input and forgiving parsing (issue 9): every bad value is a Dutch
refusal that names the option, never the generic apology; what people mean is accepted."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.core.errors import InvalidInput
from bot.core.parsing import blank, clean_text, parse_datetime, parse_number, scrub, split
from bot.storage.models import Signal
from tests.helpers import Harness

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday
APOLOGY = "Sorry, er ging iets mis"


@pytest.mark.parametrize("value", ["²", "⑦", "١٢", "1e3", "-1", "0", "12a", "9" * 30])
def test_only_ascii_digits_are_numbers(value):
    with pytest.raises(InvalidInput) as err:
        parse_number(value, "nr")
    assert err.value.key == "arg-number"


@pytest.mark.parametrize("value", [str(2**31), str(2**63), "99999999999"])
def test_numbers_beyond_the_column_are_refused_with_the_maximum(value):
    with pytest.raises(InvalidInput) as err:
        parse_number(value, "nr")
    assert err.value.key == "arg-number-max" and err.value.params["max"] == 2**31 - 1


def test_control_characters_go_and_invisible_text_is_empty():
    assert scrub("a\x00b\x07c\r\nd\te") == "abc\nd\te"
    assert blank("\u200b\u200d \u2060\ufeff\u3164")
    assert not blank("a\u200b")
    with pytest.raises(InvalidInput) as err:
        clean_text("\u200b\u200b", "tekst")
    assert err.value.key == "arg-empty" and err.value.params["arg"] == "tekst"


@pytest.mark.parametrize(("text", "expected"), [
    ("baby's eerste jaar", ["baby's", "eerste", "jaar"]),
    ('vraag:"Wat is "goed" onderwijs?" reden:"x"', ['vraag:Wat is "goed" onderwijs?', "reden:x"]),
    ("tekst:'s avonds laat", ["tekst:'s", "avonds", "laat"]),
    ("tekst:'kort' domein:zorg", ["tekst:kort", "domein:zorg"]),
    ('tekst:"a \\"b\\" c"', ['tekst:a \\"b\\" c']),
])
def test_quotes_are_forgiving_where_the_meaning_is_clear(text, expected):
    assert split(text) == expected


def test_an_unclosed_quote_shows_the_fix():
    with pytest.raises(InvalidInput) as err:
        split('tekst:"nooit dicht')
    assert err.value.key == "parse-quotes"


@pytest.mark.parametrize(("text", "expected"), [
    ("1 januari 14:00", datetime(2027, 1, 1, 13, 0, tzinfo=UTC)),
    ("3 december", datetime(2026, 12, 3, 22, 59, tzinfo=UTC)),
    ("1 jan 2028", datetime(2028, 1, 1, 22, 59, tzinfo=UTC)),
    ("volgende week", datetime(2026, 11, 9, 22, 59, tzinfo=UTC)),
    ("dinsdag 9:30", datetime(2026, 11, 3, 8, 30, tzinfo=UTC)),
    ("maandag", datetime(2026, 11, 9, 22, 59, tzinfo=UTC)),  # today's name: next week
    ("morgen om 17u30", datetime(2026, 11, 3, 16, 30, tzinfo=UTC)),
])
def test_dates_as_people_write_them(text, expected):
    assert parse_datetime(text, "sluit", NOW, AMS) == expected


@pytest.mark.parametrize("text", ["9999-12-31 23:59", "1-1-1900", "31-12-2099"])
def test_far_dates_are_refused_not_overflowed(text):
    with pytest.raises(InvalidInput) as err:
        parse_datetime(text, "start", NOW, AMS)
    assert err.value.key == "arg-datetime-range" and err.value.params["arg"] == "start"


async def test_bad_console_lines_get_a_refusal_not_an_apology(app):
    h = Harness(app)
    await h.run('@vera:staf /knelpunt nieuw titel:"Wachtlijst"')
    lines = [
        "/knelpunt toon nr:9223372036854775808",
        "/knelpunt toon nr:²",
        "/knelpunt toon nr:⑦",
        "/knelpunt stil dagen:99999999999",
        "/knelpunt stil dagen:5000",
        '/bijeenkomst nieuw titel:"x" soort:webinar start:morgen herinneringen:99999999999w',
        '/bijeenkomst nieuw titel:"x" soort:webinar start:"9999-12-31 23:59"',
        '/bijeenkomst nieuw titel:"x" soort:webinar start:morgen capaciteit:2147483648',
        '/signaal tekst:"\u200b\u200b"',
        '/signaal tekst:"\x00"',
        '/bijeenkomst nieuw titel:"x" soort:webinar start:morgen link:"https://a b"',
    ]
    for line in lines:
        out = await h.run(line)
        assert "⚠️" in out and APOLOGY not in out, (line, out)
    assert "dagen:" in await h.run("/knelpunt stil dagen:5000")


async def test_wacht_with_a_huge_offset_is_a_script_error_not_a_crash(app):
    from bot.handlers.console.runner import run_lines

    out: list[str] = []
    problems = await run_lines(app, ["wacht 99999999999w", "wacht 2d"], out.append, echo=False)
    assert problems == 1 and any("gebruik: wacht" in line for line in out)


async def test_a_bare_number_fills_the_required_option(app):
    h = Harness(app)
    await h.run('@vera:staf /knelpunt nieuw titel:"Wachtlijst"')
    assert "Wachtlijst" in await h.run("/knelpunt toon 1")
    assert "Wachtlijst" in await h.run("/knelpunt toon #1")
    assert "⚠️" in await h.run("/knelpunt toon 1 2")  # which is which: still refused


async def test_nul_and_control_characters_never_reach_the_database(any_app):
    """PostgreSQL refuses NUL in text: a DM with one was lost there."""
    h = Harness(any_app)
    await h.run("@sanne:lid dm Geen\x00 plek\x07 voor ouders", '@sanne /signaal tekst:"a\x00b"')
    async with any_app.sessions() as session:
        texts = list((await session.scalars(select(Signal.text).order_by(Signal.id))).all())
    assert texts == ["Geen plek voor ouders", "ab"]


async def test_numbers_at_the_column_limit_on_postgres(any_app):
    h = Harness(any_app)
    out = await h.run(f"@vera:staf /knelpunt toon nr:{2**31 - 1}", f"/peiling uitslag nr:{2**31}")
    assert APOLOGY not in out and out.count("⚠️") == 2
    assert "bestaat niet" in out and "te groot" in out


async def test_a_huge_bad_value_is_quoted_back_shortened(app):
    out = await Harness(app).run(f"@vera:staf /knelpunt lijst fase:{'x' * 5000}")
    assert "⚠️" in out and APOLOGY not in out and len(out) < 1000
