"""Engines and sessions for SQLite (the embedded default) and PostgreSQL, with one API for both."""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import TextClause, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Result, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    AsyncSessionTransaction,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import NullPool

from carerlink.db.files import protect_sqlite_database

log = logging.getLogger("carerlink.db")

# Where a session keeps the writes that must outlive a rollback of its transaction (``execute_kept``).
_KEPT_WRITES = "carerlink.kept_writes"
# The execution option that makes a SQLite transaction begin deferred (a reader) instead of IMMEDIATE.
_DEFERRED_BEGIN = "carerlink_deferred_begin"


class Database:
    """One engine and its session factory.

    SQLite runs in WAL mode with a busy timeout and starts a job's or the CLI's transaction with
    ``BEGIN IMMEDIATE``: SQLite has one writer at a time, and taking the write lock up front makes a
    second writer wait for the busy timeout instead of failing when a read transaction later tries to
    write. A request's transaction (``request_sessionmaker``) begins as a reader and switches to
    ``BEGIN IMMEDIATE`` at its first write (``WriteTurnSession``).
    """

    def __init__(
        self, url: str, *, schema: str | None = None, pool_size: int = 10, echo: bool = False
    ) -> None:
        self.url = url
        self.schema = schema
        self.is_sqlite = make_url(url).get_backend_name() == "sqlite"
        if self.is_sqlite:
            protect_sqlite_database(url)
        self.engine: AsyncEngine = _create_engine(url, schema=schema, pool_size=pool_size, echo=echo)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        # A request's sessions read without the write turn and take it at their first write (below).
        self.request_sessionmaker = async_sessionmaker(
            self.engine.execution_options(**{_DEFERRED_BEGIN: True}) if self.is_sqlite else self.engine,
            class_=WriteTurnSession,
            expire_on_commit=False,
            autoflush=False,
            database=self,
        )
        # Every factory of this database's sessions, for listeners that must see all of them.
        self.sessionmakers: tuple[async_sessionmaker[Any], ...] = (
            self.sessionmaker,
            self.request_sessionmaker,
        )
        self._turns: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    def write_lock(self) -> asyncio.Lock:
        """This process's queue of SQLite writers on the running event loop."""
        loop = asyncio.get_running_loop()
        lock = self._turns.get(loop)
        if lock is None:
            lock = self._turns[loop] = asyncio.Lock()
        return lock

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Wait for this process's turn to write (SQLite only; PostgreSQL needs no queue).

        SQLite has one writer at a time. Without a queue, writers in one process race for its lock and
        a busy one (a burst of reminders) can starve the rest, which back off and poll; this lock hands
        the database to waiting transactions in order. Jobs and the CLI hold it around a whole session
        (``session_scope``); a request's session takes it only at its first write (``WriteTurnSession``).
        Never nested.
        """
        if not self.is_sqlite:
            yield
            return
        async with self.write_lock():
            yield

    @asynccontextmanager
    async def session_scope(self) -> AsyncIterator[AsyncSession]:
        """Open a session, commit when the block ends normally, roll back when it raises."""
        async with self.turn(), self.sessionmaker() as session:
            try:
                yield session
            except Exception:
                await rollback_keeping(session)
                raise
            except BaseException:
                await session.rollback()
                raise
            await commit(session)

    async def ping(self) -> None:
        """Run a trivial query; raises when the database cannot be reached."""
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


class WriteTurnSession(AsyncSession):
    """A request's session: on SQLite it reads without the write turn and waits for it only to write.

    Holding the turn for a whole request made every request wait for every other, the reads and the
    seconds of an argon2 password check included (issue 12). Here a request's transaction begins as a
    plain (deferred) SQLite reader: WAL lets readers run beside the one writer. At its first write (a
    flush with changes, an INSERT, UPDATE or DELETE, a ``FOR UPDATE`` read, a savepoint, or a commit
    with changes) the session waits for the turn, ends its read transaction and begins ``BEGIN
    IMMEDIATE``, so everything from there on runs as before under SQLite's single writer; the turn is
    given back when the transaction commits or the session closes.

    What was read before the first write may have been read before another writer's commit, as under
    PostgreSQL's READ COMMITTED; a read that must stay true until the write says ``FOR UPDATE`` and so
    takes the turn first.

    On both databases a kept write (``execute_kept``) made before the first write is committed at once,
    on its own (on SQLite in a short turn): it had to outlive the request's outcome anyway, and so a
    counted sign-in attempt holds neither the SQLite turn nor, on PostgreSQL, the lock on its
    rate-limit row through the password check (two sign-ins from one address would otherwise queue).
    """

    def __init__(self, *args: Any, database: Database, **kwargs: Any) -> None:
        """A session of ``database`` (the other arguments are ``AsyncSession``'s)."""
        super().__init__(*args, **kwargs)
        self._database = database
        self._held: asyncio.Lock | None = None
        self._wrote = False  # whether this transaction has written (or is about to)

    @property
    def holds_write_turn(self) -> bool:
        """Whether this session has the SQLite write turn (always false on PostgreSQL)."""
        return self._held is not None

    @property
    def may_write_alone(self) -> bool:
        """Whether a kept write would be this transaction's first write (``write_alone`` applies)."""
        return not self._wrote and not self._has_changes()

    async def take_write_turn(self) -> None:
        """Mark the transaction as writing; on SQLite wait for the turn and become its one writer."""
        self._wrote = True
        if self._held is not None or not self._database.is_sqlite:
            return
        lock = self._database.write_lock()
        await lock.acquire()
        self._held = lock
        try:
            connection = await self.connection()
            # Nothing is written yet, so ending the read transaction loses nothing; BEGIN IMMEDIATE
            # then waits for writers in other processes (the busy timeout) instead of failing later.
            await connection.exec_driver_sql("COMMIT")
            await connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            self.give_back_write_turn()
            raise

    def give_back_write_turn(self) -> None:
        """Let the next writer go (after the commit, or when the session ends)."""
        if self._held is not None:
            self._held.release()
            self._held = None

    async def write_alone(self, statement: Any) -> Result[Any]:
        """Run one write in a short transaction of its own, committed now (a kept write, see the class).

        Only while ``may_write_alone``: the transaction so far has only read, so committing it loses
        nothing and takes nothing of the request's own work with it.
        """
        if not self._database.is_sqlite:
            kept: Result[Any] = await super().execute(statement)  # asyncpg's rows arrive buffered
            await super().commit()
            return kept
        lock = self._database.write_lock()
        async with lock:
            connection = await self.connection()
            await connection.exec_driver_sql("COMMIT")
            await connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                # aiosqlite hands over every row at once, so the result stays readable after COMMIT.
                result: Result[Any] = await super().execute(statement)
                await connection.exec_driver_sql("COMMIT")
            except BaseException:
                await connection.exec_driver_sql("ROLLBACK")
                raise
            finally:
                await connection.exec_driver_sql("BEGIN")  # the read transaction the session expects
        return result

    def _has_changes(self) -> bool:
        return bool(self.new or self.dirty or self.deleted)

    async def execute(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        """``AsyncSession.execute``, waiting for the write turn first when the statement writes."""
        if _writes(statement):
            await self.take_write_turn()
        return await super().execute(statement, *args, **kwargs)

    async def scalar(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        """``AsyncSession.scalar``, waiting for the write turn first when the statement writes."""
        if _writes(statement):
            await self.take_write_turn()
        return await super().scalar(statement, *args, **kwargs)

    async def scalars(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        """``AsyncSession.scalars``, waiting for the write turn first when the statement writes."""
        if _writes(statement):
            await self.take_write_turn()
        return await super().scalars(statement, *args, **kwargs)

    async def flush(self, objects: Any = None) -> None:
        """``AsyncSession.flush``, waiting for the write turn first when there is something to write."""
        if self._has_changes():
            await self.take_write_turn()
        await super().flush(objects)

    def begin_nested(self) -> AsyncSessionTransaction:
        """A savepoint, begun in the write turn (a savepoint is only ever made to write in it)."""
        return _SavepointInTurn(self, nested=True)

    async def commit(self) -> None:
        """Commit (waiting for the write turn if there are changes to flush), then give the turn back."""
        try:
            if self._has_changes():
                await self.take_write_turn()
            await super().commit()
        finally:
            self._wrote = False
            self.give_back_write_turn()

    async def close(self) -> None:
        """Close the session and give back the write turn if it still has it."""
        try:
            await super().close()
        finally:
            self.give_back_write_turn()


class _SavepointInTurn(AsyncSessionTransaction):
    async def start(self, is_ctxmanager: bool = False) -> AsyncSessionTransaction:
        assert isinstance(self.session, WriteTurnSession)
        await self.session.take_write_turn()
        return await super().start(is_ctxmanager)


def _writes(statement: Any) -> bool:
    """Whether a statement writes, or reads ``FOR UPDATE`` (and so needs the write turn first)."""
    if isinstance(statement, str | TextClause):
        return not str(statement).lstrip().lower().startswith("select")
    if getattr(statement, "is_dml", False):
        return True
    return getattr(statement, "_for_update_arg", None) is not None


async def execute_kept(session: AsyncSession, statement: Any) -> Result[Any]:
    """Run a write that must stand even if the caller's transaction is rolled back.

    A counted attempt against a rate limit, or the audit entry of a refused request, happens in the
    request's transaction (on SQLite the request already holds the one write lock, so a second
    connection would only wait for it). The statement is remembered, and ``rollback_keeping`` writes it
    again after the rollback, in a short transaction of its own on the same session: the same turn on
    SQLite, and no second pooled connection per request on PostgreSQL. When the transaction commits, it
    went in with the rest. A request's session that has not written yet commits it at once instead
    (``WriteTurnSession.write_alone``), so neither the SQLite turn nor a row lock is held for what
    comes next.
    """
    if isinstance(session, WriteTurnSession) and session.may_write_alone:
        return await session.write_alone(statement)
    result = await session.execute(statement)
    session.info.setdefault(_KEPT_WRITES, []).append(statement)
    return result


async def commit(session: AsyncSession) -> None:
    """Commit the session's transaction (its kept writes go in with it)."""
    await session.commit()
    session.info.pop(_KEPT_WRITES, None)


async def rollback_keeping(session: AsyncSession) -> None:
    """Roll back, then write the kept writes again and commit them on their own.

    If that fails too (the database went away), the original error is what the caller must see, so
    the loss is logged rather than raised.
    """
    await session.rollback()
    kept = session.info.pop(_KEPT_WRITES, [])
    if not kept:
        return
    try:
        for statement in kept:
            await session.execute(statement)
        await session.commit()
    except Exception:
        log.exception("db.kept_writes.lost", extra={"fields": {"writes": len(kept)}})
        await session.rollback()


def _create_engine(url: str, *, schema: str | None, pool_size: int, echo: bool) -> AsyncEngine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        memory = parsed.database in (None, "", ":memory:")
        kwargs: dict[str, Any] = {"connect_args": {"timeout": 30}}
        if memory:
            kwargs["poolclass"] = NullPool
        engine = create_async_engine(url, echo=echo, **kwargs)
        _configure_sqlite(engine)
        return engine
    connect_args: dict[str, Any] = {}
    if schema:
        connect_args["server_settings"] = {"search_path": schema}
    return create_async_engine(
        url,
        echo=echo,
        pool_size=pool_size,
        max_overflow=pool_size,
        # No pre-ping: it doubles the round trips of every request. A connection found dead (the database
        # restarted) fails that one request and the pool replaces every connection at once.
        pool_pre_ping=False,
        pool_recycle=1800,
        connect_args=connect_args,
    )


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the driver so BEGIN IMMEDIATE below is the only BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=NORMAL",
            "PRAGMA foreign_keys=ON",
            "PRAGMA busy_timeout=30000",
        ):
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def on_begin(connection: Any) -> None:
        # A request's session begins as a reader and takes the write lock at its first write.
        deferred = connection.get_execution_options().get(_DEFERRED_BEGIN, False)
        connection.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


def dialect_insert(session: AsyncSession, table: Any) -> Any:
    """Return an ``INSERT`` for ``table`` with ``on_conflict_*`` for the session's dialect."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"carerlink runs on SQLite and PostgreSQL, not {name}")
