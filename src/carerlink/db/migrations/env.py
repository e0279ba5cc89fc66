"""Alembic environment: runs carerlink's migrations on SQLite or PostgreSQL through the async drivers."""

from __future__ import annotations

import asyncio
from typing import Any

from alembic import context
from sqlalchemy.engine import Connection

from carerlink.db.database import Database
from carerlink.tables import metadata

config = context.config


def _run(connection: Connection) -> None:
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
