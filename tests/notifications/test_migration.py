"""Migration 0002 matches the models and goes up and down cleanly, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import create_async_engine

from carerlink.db.migrate import alembic_config, upgrade
from carerlink.tables import metadata
from tests.conftest import DatabaseTarget, _execute, _in_thread

NOTIFICATION_TABLES = {
    "notifications",
    "push_subscriptions",
    "push_deliveries",
    "notification_preferences",
    "push_service_backoffs",
}


async def _differences_and_tables(url: str, schema: str | None) -> tuple[list[object], set[str]]:
    engine = create_async_engine(
        url, connect_args={"server_settings": {"search_path": schema}} if schema else {}
    )
    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(sync, opts={"compare_type": True}), metadata
                )
            )
            tables = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    finally:
        await engine.dispose()
    return differences, tables


async def test_the_migrated_database_matches_the_models(database_target: DatabaseTarget) -> None:
    differences, tables = await _differences_and_tables(database_target.url, database_target.schema)

    assert differences == []
    assert tables >= NOTIFICATION_TABLES


async def test_0002_downgrades_and_upgrades_again(database_target: DatabaseTarget, tmp_path: Path) -> None:
    if database_target.backend == "sqlite":
        url, schema = f"sqlite+aiosqlite:///{tmp_path / 'updown.sqlite3'}", None
    else:
        url, schema = database_target.url, f"carerlink_updown_{uuid.uuid4().hex[:10]}"
        await _execute(url, f'CREATE SCHEMA "{schema}"')
    try:
        _in_thread(lambda: upgrade(url, schema=schema))
        _in_thread(lambda: command.downgrade(alembic_config(url, schema=schema), "0001"))
        _, tables = await _differences_and_tables(url, schema)
        assert not tables & NOTIFICATION_TABLES
        _in_thread(lambda: upgrade(url, schema=schema))
        differences, tables = await _differences_and_tables(url, schema)
        assert differences == []
        assert tables >= NOTIFICATION_TABLES
    finally:
        if schema:
            await _execute(url, f'DROP SCHEMA "{schema}" CASCADE')
