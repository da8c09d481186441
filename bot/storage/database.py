"""Engine set-up. SQLite: WAL, a busy timeout and BEGIN IMMEDIATE for every transaction
that may write, so concurrent writers wait instead of failing with "database is locked".
Within the process, writers queue on an asyncio lock (never in SQLite's sleeping busy
handler) and statements run on the event loop's thread: see ``SQLiteConnection``."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar, cast

import aiosqlite
from sqlalchemy import Table, event, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase

from bot.settings import ConfigError
from bot.storage.checkpoints import SAFETY_PAGES, Checkpoints

M = TypeVar("M", bound=DeclarativeBase)

SQLITE_BUSY_TIMEOUT_MS = 15_000
CONNECT_TIMEOUT = 10  # seconds: an unreachable server is reported, not waited for
# Connections: writers wait for their turn holding one, so a pool as small as the default
# (5) leaves none for the reads on an acknowledgement's path. A SQLite connection costs an
# idle thread; PostgreSQL allows 100 by default, shared by every bot process.
SQLITE_POOL = {"pool_size": 20, "max_overflow": 20}
POSTGRES_POOL = {"pool_size": 10, "max_overflow": 10}
PING_AFTER = 5.0  # seconds a PostgreSQL connection lay idle: pinged before it is used
USED = "signaalbot_used"  # a pooled connection's record: when it was last used


class DatabaseUnavailable(ConfigError):
    """The database cannot be used; the message says what to fix (in Dutch)."""


def normalise_url(url: str) -> str:
    """Accept the URLs people paste (postgres://, postgresql://, sqlite:///) and pick the
    async driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"BOT_DATABASE_URL is geen database-URL. {SUPPORTED}") from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigError(
            f"BOT_DATABASE_URL: {parsed.drivername} wordt niet ondersteund. {SUPPORTED}"
        )
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+asyncpg")
    elif parsed.drivername == "sqlite":
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    return parsed.render_as_string(hide_password=False)


SUPPORTED = "Gebruik sqlite:///pad/naar/bestand.db of postgresql://gebruiker:wachtwoord@host/db."


def unavailable(url: str, exc: BaseException) -> DatabaseUnavailable:
    """What went wrong connecting to (or migrating) the database, as one Dutch line
    without the password."""
    parsed = make_url(normalise_url(url))
    where = (
        parsed.database
        if parsed.get_backend_name() == "sqlite"
        else (f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}")
    )
    names = {type(e).__name__ for e in _chain(exc)}
    text = " ".join(str(e) for e in _chain(exc)).lower()
    if "InvalidCatalogNameError" in names or "does not exist" in text:
        hint = (
            f"de database {parsed.database} bestaat niet; maak hem aan (createdb {parsed.database})"
        )
    elif names & {"InvalidPasswordError", "InvalidAuthorizationSpecificationError"}:
        hint = "inloggen geweigerd; controleer gebruiker en wachtwoord in BOT_DATABASE_URL"
    elif "gaierror" in names or "name or service not known" in text:
        hint = "de host is onbekend; controleer BOT_DATABASE_URL"
    elif names & {"TimeoutError", "CancelledError"}:
        hint = "de server antwoordt niet; draait hij en klopt het adres?"
    elif "unable to open database file" in text or names & {"PermissionError"}:
        hint = "het bestand kan niet geopend of gemaakt worden; controleer de map en de rechten"
    elif names & {"ConnectionRefusedError", "ConnectionError", "OSError"}:
        hint = "geen verbinding; draait de databaseserver en klopt het adres?"
    else:
        hint = f"de database gaf een fout ({type(exc).__name__})"
    return DatabaseUnavailable(f"database {where}: {hint}" + ("" if hint.endswith("?") else "."))


def _chain(exc: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in found:
        found.append(current)
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return found


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    # hide_parameters: members' words travel as SQL parameters; a database error (or SQL
    # logging) never shows them, at any log level
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnavailable(
                    f"de map {folder} voor de SQLite-database kan niet gemaakt worden; "
                    "controleer BOT_DATABASE_URL en de rechten."
                ) from exc
        options: dict[str, Any] = {"connect_args": {"timeout": 15}}
        if parsed.database and parsed.database != ":memory:" and not parsed.query:
            options = {"async_creator": _sqlite_creator(parsed.database), **SQLITE_POOL}
        engine = create_async_engine(url, hide_parameters=True, **options, **kwargs)
        _sqlite_pragmas(engine)
        return engine
    engine = create_async_engine(
        url,
        hide_parameters=True,
        connect_args={"timeout": CONNECT_TIMEOUT},
        **{**POSTGRES_POOL, **kwargs},
    )
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: AsyncEngine) -> None:
    """A pooled PostgreSQL connection is pinged before use when it lay idle for
    ``PING_AFTER`` (a restart or a dropped link shows there: it is replaced, unnoticed).
    SQLAlchemy's ``pool_pre_ping`` pings before every transaction: a round trip each,
    two per message under a steady stream. A connection that dropped while in use fails
    its transaction; the core runs such a request again (``dispatch._passing``)."""
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    @event.listens_for(sync_engine, "checkin")
    def _used(_dbapi_connection: Any, record: Any) -> None:
        record.info[USED] = time.monotonic()

    @event.listens_for(sync_engine, "checkout")
    def _taken(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get(USED, 0.0) < PING_AFTER:
            return
        try:
            sync_engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:  # the pool throws it away and takes another
            raise DisconnectionError("the connection did not answer a ping") from exc


def _sqlite_pragmas(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        # READ_ONLY sessions take no write lock: in WAL a reader never waits
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


READ_ONLY = "signaalbot_read_only"  # execution option: a transaction that never writes


def _sqlite_creator(path: str) -> Callable[[], Any]:
    writer = asyncio.Lock()  # one per database file and engine: writers queue here
    checkpoints = Checkpoints(path, SQLITE_BUSY_TIMEOUT_MS)
    connector = partial(
        sqlite3.connect, path, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )

    async def create() -> aiosqlite.Connection:
        connection = cast(SQLiteConnection, await SQLiteConnection(connector, writer, checkpoints))
        connection.checkpoint_far_out()
        return connection

    return create


class SQLiteConnection(aiosqlite.Connection):
    """aiosqlite, but statements run on the event loop's thread, and only what must wait
    goes to aiosqlite's thread. A hop to that thread and back costs more than a statement
    (on a busy loop up to the interpreter's 5 ms switch interval), and a transaction has
    dozens of them. In WAL mode nothing waits except ``BEGIN IMMEDIATE`` while another
    process writes: it is tried at once and, when the database is busy, waits in the
    thread. Writers of this process take ``writer`` before ``BEGIN IMMEDIATE`` and release
    it when their transaction ends, so they queue in order and never meet each other in
    SQLite's polling busy handler."""

    def __init__(
        self,
        connector: Callable[[], sqlite3.Connection],
        writer: asyncio.Lock,
        checkpoints: Checkpoints,
    ):
        super().__init__(connector, iter_chunk_size=64)
        self._writer = writer
        self._writing = False
        self._checkpoints = checkpoints

    def checkpoint_far_out(self) -> None:
        """WAL checkpoints run on a thread of their own (``Checkpoints``)."""
        self._conn.execute(f"PRAGMA wal_autocheckpoint={SAFETY_PAGES}")

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        sql = args[0] if args and isinstance(args[0], str) else ""
        if sql.startswith("BEGIN IMMEDIATE"):
            return await self._begin_writing(fn, *args, **kwargs)
        ends = sql in ("COMMIT", "ROLLBACK") or (
            getattr(fn, "__self__", None) is self._connection
            and getattr(fn, "__name__", "") in ("commit", "rollback", "close")
        )
        if getattr(fn, "__name__", "") == "close" and ends:
            try:
                return await super()._execute(fn, *args, **kwargs)  # type: ignore[no-untyped-call]
            finally:
                self._release()
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        try:
            return fn(*args, **kwargs)
        finally:
            if ends:
                self._release()

    async def _begin_writing(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        await self._writer.acquire()
        self._writing = True
        try:
            try:
                return self._at_once(fn, *args, **kwargs)
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
            # another process writes: wait for it in the thread
            return await super()._execute(fn, *args, **kwargs)  # type: ignore[no-untyped-call]
        except BaseException:
            self._release()
            raise

    def _at_once(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        conn = self._conn
        conn.execute("PRAGMA busy_timeout=0")
        try:
            return fn(*args, **kwargs)
        finally:
            conn.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")

    def _release(self) -> None:
        if self._writing:
            self._writing = False
            self._writer.release()
            self._checkpoints.written()

    def stop(self) -> asyncio.Future[Any] | None:
        self._release()  # a connection thrown away mid-transaction lets the others go on
        return super().stop()


def is_postgres(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "postgresql"


def sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def read_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that only read. On SQLite they begin without the write lock, so a look-up
    on the acknowledgement's path never queues behind writers (WAL readers do not wait)."""
    return async_sessionmaker(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)


def dialect_name(session: AsyncSession) -> str:
    return session.bind.dialect.name if session.bind is not None else "sqlite"


def _insert(session: AsyncSession) -> Callable[..., Any]:
    """The dialect's INSERT, which knows ON CONFLICT."""
    return dialect_insert(dialect_name(session))


def dialect_insert(dialect: str) -> Callable[..., Any]:
    """The INSERT of a dialect by name (for statements built once per dialect)."""
    return pg_insert if dialect == "postgresql" else sqlite_insert


async def insert_object(session: AsyncSession, model: type[M], values: dict[str, Any]) -> M | None:
    """``INSERT … ON CONFLICT DO NOTHING RETURNING *`` as an object in ``session``: one
    statement that stores a new row and says whether it was new (None: a unique row like
    it was there, or came at the same moment). Cheaper than an ORM flush of one object."""
    statement = _insert_or_nothing(dialect_name(session), model)
    return cast("M | None", await session.scalar(statement, values))


async def insert_objects(
    session: AsyncSession, model: type[M], rows: list[dict[str, Any]]
) -> list[M]:
    """``insert_object`` of many rows in one go (one INSERT of many rows where the
    database allows): the new rows as objects; a row a unique row like it kept out is left
    out."""
    statement = _insert_or_nothing(dialect_name(session), model)
    return list(await session.scalars(statement, rows))


@cache  # built once per model: building it costs more than running it
def _insert_or_nothing(dialect: str, model: type[Any]) -> Any:
    insert = dialect_insert(dialect)
    table = model.__table__
    # a Core INSERT whose returned row the ORM loads as an object: the ORM's own bulk
    # INSERT spends more per row resolving the values' names than the INSERT costs
    return select(model).from_statement(insert(table).on_conflict_do_nothing().returning(*table.c))


async def insert_id(session: AsyncSession, model: type[M], values: dict[str, Any]) -> int | None:
    """``INSERT … ON CONFLICT DO NOTHING RETURNING id``: the new row's id, or None when a
    unique row like it was there. For a row nothing changes in this transaction: no
    object to load (cheaper than ``insert_object`` by half)."""
    return cast(
        "int | None", await session.scalar(_insert_id(dialect_name(session), model), values)
    )


@cache
def _insert_id(dialect: str, model: type[Any]) -> Any:
    insert = dialect_insert(dialect)
    table = model.__table__
    return insert(table).on_conflict_do_nothing().returning(table.c.id)


async def insert_missing(session: AsyncSession, model: type[Any], values: dict[str, Any]) -> bool:
    """``INSERT … ON CONFLICT DO NOTHING``: the row is there afterwards, also when another
    transaction inserted it at the same moment (no unique violation, no retry). True when
    this call inserted it."""
    statement = _insert(session)(model.__table__).values(**values).on_conflict_do_nothing()
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0))


async def insert_new(
    session: AsyncSession, model: type[M], rows: list[dict[str, Any]], returning: tuple[Any, ...]
) -> list[tuple[Any, ...]]:
    """``INSERT … ON CONFLICT DO NOTHING RETURNING``, many rows in one statement: the
    ``returning`` columns of the rows this call inserted (not those already there)."""
    if not rows:
        return []
    result = await session.execute(_insert_new(dialect_name(session), model, returning), rows)
    return [tuple(row) for row in result.all()]


@cache  # built once: the rows go as parameters (SQLAlchemy writes one multi-row INSERT)
def _insert_new(dialect: str, model: type[M], returning: tuple[Any, ...]) -> Any:
    insert = dialect_insert(dialect)
    table = cast(Table, model.__table__)  # Core: no ORM bulk machinery per row
    return insert(table).on_conflict_do_nothing().returning(*returning)
