"""Shared fixtures: a real database (SQLite file; PostgreSQL when reachable), a fake clock,
and the same app the bot builds, with the console as platform."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import App, build_app
from bot.clock import FakeClock
from bot.core import i18n
from bot.settings import Community, Settings
from bot.storage.database import create_engine
from bot.storage.migrate import upgrade

# A text key or parameter missing from the catalogs is an error in every test.
i18n.set_strict(True)

POSTGRES_URL = os.environ.get("BOT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
_pg_state: dict[str, str | None] = {}


def _postgres_problem() -> str | None:
    """None when PostgreSQL answers; otherwise why not (checked once per run)."""
    if "problem" not in _pg_state:
        import asyncpg

        async def probe() -> None:
            conn = await asyncpg.connect(POSTGRES_URL, timeout=3)
            await conn.close()

        try:
            # A thread of its own: this may be called from inside a running event loop.
            with ThreadPoolExecutor(1) as pool:
                pool.submit(asyncio.run, probe()).result()
            _pg_state["problem"] = None
        except Exception as exc:  # any failure means: not reachable here
            _pg_state["problem"] = f"{type(exc).__name__}: {exc}"
    return _pg_state["problem"]


def require_postgres() -> None:
    problem = _postgres_problem()
    if problem is None:
        return
    message = (f"PostgreSQL is not reachable at {POSTGRES_URL} ({problem}); start it or set "
               "BOT_TEST_POSTGRES_URL to run the PostgreSQL tests")
    if os.environ.get("BOT_REQUIRE_POSTGRES") == "1":
        pytest.fail(message)
    pytest.skip(message)


async def _create_database() -> tuple[str, str]:
    import asyncpg

    name = f"sb_test_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(POSTGRES_URL)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    base, _, _ = POSTGRES_URL.rpartition("/")
    return name, f"{base}/{name}"


async def _drop_database(name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(POSTGRES_URL)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))


@pytest.fixture
def community() -> Community:
    return Community()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database_url(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    """Each test using this runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bot.db'}"
        return
    require_postgres()
    name, url = await _create_database()
    try:
        yield url
    finally:
        await _drop_database(name)


_TEMPLATE: dict[str, Path] = {}


def migrated_template() -> Path:
    """One migrated SQLite file per test run; each test (or Hypothesis example, which
    cannot take a fixture) starts from a copy (fast)."""
    if "path" not in _TEMPLATE:
        path = Path(tempfile.mkdtemp(prefix="sb-template-")) / "bot.db"

        async def migrate() -> None:
            engine = create_engine(f"sqlite:///{path}")
            await upgrade(engine)
            await engine.dispose()

        with ThreadPoolExecutor(1) as pool:  # also from inside a running event loop
            pool.submit(asyncio.run, migrate()).result()
        _TEMPLATE["path"] = path
    return _TEMPLATE["path"]


@pytest.fixture(scope="session")
def sqlite_template() -> Path:
    return migrated_template()


@pytest.fixture
def sqlite_url(tmp_path, sqlite_template: Path) -> str:  # type: ignore[no-untyped-def]
    shutil.copyfile(sqlite_template, tmp_path / "bot.db")
    return f"sqlite:///{tmp_path / 'bot.db'}"


def _files_dir() -> Path:
    """Files the console saves in tests go to a temporary folder, never the work tree."""
    return Path(tempfile.mkdtemp(prefix="signaalbot-files-"))


async def make_app(url: str, community: Community, clock: FakeClock,
                   platforms: list[str] | None = None) -> App:
    settings = Settings(BOT_DATABASE_URL=url, BOT_FILES_DIR=str(_files_dir()))
    return await build_app(settings, community, clock=clock, platforms=platforms or ["console"])


@pytest.fixture
async def app(sqlite_url: str, community: Community, clock: FakeClock) -> AsyncIterator[App]:
    """The app on a fresh SQLite file (most tests)."""
    built = await make_app(sqlite_url, community, clock)
    yield built
    await built.close()


@pytest.fixture
async def any_app(database_url: str, community: Community, clock: FakeClock
                  ) -> AsyncIterator[App]:
    """The app on SQLite and on PostgreSQL (storage-sensitive tests)."""
    built = await make_app(database_url, community, clock)
    yield built
    await built.close()
