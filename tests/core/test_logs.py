"""Logs hold no message texts at any level, by default: not in the bot's own DEBUG lines,
not in the SQL parameters of a database error (the traceback logged with a reference)."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from bot.__main__ import configure_logging
from tests.helpers import Harness

SECRET = "Mijn zoon wordt thuis geslagen door zijn stiefvader"
NEEDED = "Een vertrouwenspersoon op school voor Jamal"

TRIGGER = {
    "sqlite": ["CREATE TRIGGER boom BEFORE INSERT ON signals "
               "BEGIN SELECT RAISE(ABORT, 'boom'); END"],
    "postgresql": ["CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'boom'; "
                   "END $$ LANGUAGE plpgsql",
                   "CREATE TRIGGER boom BEFORE INSERT ON signals FOR EACH ROW "
                   "EXECUTE FUNCTION boom()"],
}


@pytest.fixture
def debug_logs(caplog):
    """The bot's logging as `python -m bot` sets it up, at its most talkative."""
    configure_logging("DEBUG")
    caplog.set_level(logging.DEBUG, logger="bot")
    yield caplog
    logging.getLogger("bot").setLevel(logging.NOTSET)


async def test_no_message_text_in_the_logs_even_on_a_database_error(any_app, debug_logs):
    app = any_app
    h = Harness(app)
    await h.run('@vera:staf /oproep open vraag:"Waar loop je tegenaan?"',
                '@vera /knelpunt nieuw titel:"K"', "@vera /peiling start knelpunt:1",
                f'@sanne:lid klik "Wat is er nodig?" nodig:"{NEEDED}"',
                "@vera /peiling uitslag nr:1")
    async with app.engine.begin() as conn:
        for statement in TRIGGER[app.engine.dialect.name]:
            await conn.execute(text(statement))
    out = await h.run(f"@sanne thread 1 {SECRET}")
    assert "Sorry" in out  # the member got an apology with a reference
    logged = debug_logs.text
    assert "unexpected error (ref" in logged and "boom" in logged  # the error is there
    assert "hide_parameters" in logged  # ... without its SQL parameters
    assert SECRET not in logged and NEEDED not in logged
    assert "geslagen" not in logged
