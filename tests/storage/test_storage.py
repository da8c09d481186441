"""Storage on SQLite and PostgreSQL: migrations match the models, times stay UTC, the
whole pipeline works, and concurrent writers do not fail."""

import asyncio
from datetime import UTC, datetime, timedelta, timezone

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from bot.core.context import Actor, Incoming
from bot.storage.database import insert_object, normalise_url
from bot.storage.models import Base, Call, Member, Signal
from bot.vocabulary.enums import Role
from tests.helpers import Harness

FLOW = (
    '@vera:staf /oproep open vraag:"Waar loop je tegenaan?" reden:"Tafel" sluit:"2026-12-01 17:00"',
    "@sanne:lid thread 1 Geen plek voor ouders", "@ahmed:ambassadeur dm De arbeidseis",
    "@vera /ordenen", "@vera klik relevant",
    '@vera klik "Nieuw knelpunt" titel:"Geen ontmoetingsplek"', '@vera klik "#1 Geen ontmoetingsplek"',
    "@vera /knelpunt fase nr:1 fase:toetsen", "@vera /peiling start knelpunt:1",
    '@sanne klik "Herken ik"', "@ahmed klik Deels", '@ahmed klik "Herken ik"',
    "@vera /peiling sluit nr:1", "@vera /knelpunt fase nr:1 fase:verdiepen",
    '@vera /knelpunt oorzaak nr:1 gebied:sturing tekst:"Versnipperde verantwoordelijkheid"',
    "@vera /knelpunt fase nr:1 fase:delen", '@vera /delen knelpunt:1 vorm:blikvanger tekst:"Poster"',
    "@vera /knelpunt fase nr:1 fase:agenderen",
    '@vera /knelpunt agendeer nr:1 tafel:"Verbindingsroute" actie:onderzoek vervolg:2027-02-01',
    '@vera /terugkoppeling knelpunt:1 tekst:"Er komt onderzoek"',
)


async def test_migrations_match_the_models(any_app):
    async with any_app.engine.connect() as conn:
        diff = await conn.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata))
    assert diff == []


async def test_whole_pipeline(any_app):
    h = Harness(any_app)
    out = await h.run(*FLOW)
    assert "⚠️" not in out and "Sorry" not in out, out
    assert "ja 2 (100%)" in out
    shown = await h.run("@sanne /knelpunt toon nr:1")
    assert "Fase: **agenderen** · domein: - · 2 signalen · 2 betrokkenen" in shown
    assert "vervolg op 1 feb 2027" in shown


async def test_times_are_stored_and_read_as_utc(any_app):
    await Harness(any_app).run(FLOW[0])
    async with any_app.sessions() as s:
        call = await s.scalar(select(Call))
    assert call.closes_at == datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
    assert call.closes_at.utcoffset() == timedelta(0)
    assert call.created_at.tzinfo is not None


async def test_naive_datetimes_are_refused(any_app):
    import pytest

    async with any_app.sessions() as s:
        call = await s.scalar(select(Call))
        assert call is None
    with pytest.raises(Exception, match="naive"):
        async with any_app.sessions() as s, s.begin():
            s.add(Call(kind="OPEN", question="x", created_by=1,
                       created_at=datetime(2026, 1, 1), closes_at=None))
    other = datetime(2026, 1, 1, 12, tzinfo=timezone(timedelta(hours=5)))
    assert other.astimezone(UTC).hour == 7


async def test_concurrent_signals_are_all_stored(any_app):
    await Harness(any_app).run(FLOW[0])
    actors = [Actor("console", f"lid{i}", f"lid{i}", Role.MEMBER) for i in range(20)]
    await asyncio.gather(*(any_app.core.message(a, Incoming("thread", f"Signaal {i}", f"m{i}",
                                                           call_id=1))
                           for i, a in enumerate(actors)))
    async with any_app.sessions() as s:
        assert len((await s.scalars(select(Signal))).all()) == 20


def test_database_urls_people_paste_are_normalised():
    assert normalise_url("postgres://u:p@h/db") == "postgresql+asyncpg://u:p@h/db"
    assert normalise_url("sqlite:///data/x.db") == "sqlite+aiosqlite:///data/x.db"


async def test_a_database_error_never_carries_message_texts(any_app, caplog):
    """SQL parameters (message texts, channel ids) stay out of errors and logs."""
    from sqlalchemy.exc import IntegrityError

    from bot.storage.models import InboundEvent

    def row() -> InboundEvent:
        return InboundEvent(platform="slack", event_key="k1", kind="dm",
                            payload={"text": "mijn geheime verhaal"}, received_at=datetime.now(UTC))

    async with any_app.sessions() as session, session.begin():
        session.add(row())
    try:
        async with any_app.sessions() as session, session.begin():
            session.add(row())
    except IntegrityError as exc:
        assert "mijn geheime verhaal" not in str(exc)
    else:
        raise AssertionError("the duplicate was stored")


async def test_listeners_hear_a_table_written_by_an_insert_the_orm_loads(any_app):
    # ``insert_object``: a Core INSERT … RETURNING whose row the ORM loads as an object
    staff = Actor("console", "vera", "vera", Role.STAFF)
    async with any_app.core.unit(staff):
        pass  # vera exists now
    heard: list[frozenset[str]] = []
    any_app.core.listeners.append(heard.append)
    async with any_app.core.unit(staff) as tx:
        values = {"platform": "console", "platform_user_id": "nieuw", "display_name": "Nieuw",
                  "role": Role.MEMBER, "language": "nl", "created_at": tx.now}  # fmt: skip
        assert await insert_object(tx.session, Member, values) is not None
    assert heard == [frozenset({"members"})]
