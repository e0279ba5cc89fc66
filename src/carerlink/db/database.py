"""Engines and sessions for SQLite (the embedded default) and PostgreSQL, with one API for both."""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Result, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool

from carerlink.db.files import protect_sqlite_database

log = logging.getLogger("carerlink.db")

# Where a session keeps the writes that must outlive a rollback of its transaction (``execute_kept``).
_KEPT_WRITES = "carerlink.kept_writes"


class Database:
    """One engine and its session factory.

    SQLite runs in WAL mode with a busy timeout and starts every transaction with ``BEGIN IMMEDIATE``:
    SQLite has one writer at a time, and taking the write lock up front makes a second writer wait
    for the busy timeout instead of failing when a read transaction later tries to write.
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
        self._turns: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Wait for this process's turn to write (SQLite only; PostgreSQL needs no queue).

        SQLite has one writer at a time. Without a queue, writers in one process race for its lock and
        a busy one (a burst of reminders) can starve the rest, which back off and poll; this lock hands
        the database to waiting transactions in order. Hold it around a whole session, never nested.
        """
        if not self.is_sqlite:
            yield
            return
        loop = asyncio.get_running_loop()
        lock = self._turns.get(loop)
        if lock is None:
            lock = self._turns[loop] = asyncio.Lock()
        async with lock:
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


async def execute_kept(session: AsyncSession, statement: Any) -> Result[Any]:
    """Run a write that must stand even if the caller's transaction is rolled back.

    A counted attempt against a rate limit, or the audit entry of a refused request, happens in the
    request's transaction (on SQLite the request already holds the one write lock, so a second
    connection would only wait for it). The statement is remembered, and ``rollback_keeping`` writes it
    again after the rollback, in a short transaction of its own on the same session: the same turn on
    SQLite, and no second pooled connection per request on PostgreSQL. When the transaction commits, it
    went in with the rest.
    """
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
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def dialect_insert(session: AsyncSession, table: Any) -> Any:
    """Return an ``INSERT`` for ``table`` with ``on_conflict_*`` for the session's dialect."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"carerlink runs on SQLite and PostgreSQL, not {name}")
