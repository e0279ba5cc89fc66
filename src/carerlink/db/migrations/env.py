"""Alembic environment: runs carerlink's migrations on SQLite or PostgreSQL through the async drivers."""

from __future__ import annotations

import asyncio
from typing import Any

from alembic import context
from sqlalchemy.engine import Connection

from carerlink.db.database import Database
from carerlink.tables import metadata

config = context.config


def _foreign_keys(connection: Connection, *, on: bool) -> None:
    """Switch SQLite's foreign-key enforcement, which only takes effect outside a transaction.

    Batch mode changes a SQLite table by copying it and dropping the old one; with enforcement on, that
    DROP deletes every row pointing at it through ``ON DELETE CASCADE`` (dropping ``users.phone`` in a
    downgrade would take every membership and device with it). The driver has no transaction open yet
    (``isolation_level = None``; SQLAlchemy's BEGIN comes with the first statement), so the PRAGMA goes
    straight to the DBAPI connection.
    """
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    finally:
        cursor.close()


def _run(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        _foreign_keys(connection, on=False)
        try:
            _migrate(connection)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:  # a migration left a row pointing nowhere: refuse rather than commit it
                raise RuntimeError(f"migration left {len(broken)} rows with a broken reference: {broken[:5]}")
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            _foreign_keys(connection, on=True)
    else:
        _migrate(connection)


def _migrate(connection: Connection) -> None:
    schema = config.attributes.get("schema")
    options: dict[str, Any] = {
        "connection": connection,
        "target_metadata": metadata,
        "render_as_batch": connection.dialect.name == "sqlite",
        "compare_type": True,
    }
    if schema:
        options["version_table_schema"] = schema
    context.configure(**options)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    database = Database(
        config.attributes["database_url"], schema=config.attributes.get("schema"), pool_size=1
    )
    try:
        async with database.engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await database.dispose()


if context.is_offline_mode():
    raise SystemExit("carerlink migrations run online only: use `carerlink db upgrade`")
asyncio.run(_run_async())
