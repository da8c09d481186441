"""Reading what people type: dates in Europe/Amsterdam (DST), offsets, quotes, mentions."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.errors import InvalidInput
from bot.core.parsing import clean_text, defuse, parse_datetime, parse_number, parse_offsets, split

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-12-01 17:00", datetime(2026, 12, 1, 16, 0, tzinfo=UTC)),  # winter: UTC+1
    ("1-7-2027 17:00", datetime(2027, 7, 1, 15, 0, tzinfo=UTC)),  # summer: UTC+2
    ("01-12-2026", datetime(2026, 12, 1, 22, 59, tzinfo=UTC)),  # date only: end of day
    ("morgen 9u", datetime(2026, 11, 3, 8, 0, tzinfo=UTC)),
    ("vandaag 17.30", datetime(2026, 11, 2, 16, 30, tzinfo=UTC)),
    ("3-1 10:00", datetime(2027, 1, 3, 9, 0, tzinfo=UTC)),  # day-month already past: next year
    ("2026-10-25 02:30", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),  # DST end: first 02:30
])
def test_datetimes_are_read_in_amsterdam_and_stored_in_utc(text, expected):
    assert parse_datetime(text, "sluit", NOW, AMS) == expected


@pytest.mark.parametrize("text", ["gisteren", "32-13-2026", "2026-12-01 25:00", "", "a b c"])
def test_bad_datetimes_are_explained(text):
    with pytest.raises(InvalidInput) as err:
        parse_datetime(text, "sluit", NOW, AMS)
    assert err.value.key == "arg-datetime"


def test_offsets():
    assert parse_offsets("7d,1d,1u") == [timedelta(days=7), timedelta(days=1), timedelta(hours=1)]
    assert parse_offsets("30m; 2w") == [timedelta(weeks=2), timedelta(minutes=30)]
    with pytest.raises(InvalidInput):
        parse_offsets("morgen")


def test_numbers_quotes_and_mentions():
    assert parse_number("#12", "nr") == 12
    with pytest.raises(InvalidInput):
        parse_number("0", "nr")
    assert split('/oproep open vraag:“Waar loop je tegenaan?”') == [
        "/oproep", "open", "vraag:Waar loop je tegenaan?"]
    assert "@everyone" not in defuse("hallo @everyone en @Here en <!channel> <!here|here>")
    assert "<!channel>" not in defuse("<!channel>")
    assert clean_text("  tekst  ", "t") == "tekst"
