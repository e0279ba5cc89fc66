"""Alembic, driven from code: the only way carerlink's schema changes."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from carerlink.db.files import protect_sqlite_database

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(database_url: str, *, schema: str | None = None) -> Config:
    """Return an Alembic configuration pointing at carerlink's migrations and ``database_url``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database_url"] = database_url
    config.attributes["schema"] = schema
    return config


def upgrade(database_url: str, *, schema: str | None = None, revision: str = "heads") -> None:
    """Bring the database up to ``revision`` (blocking; call via ``asyncio.to_thread`` from async code).

    A SQLite file is created (or kept) readable by this user only, with its side files.
    """
    protect_sqlite_database(database_url)
    command.upgrade(alembic_config(database_url, schema=schema), revision)


def heads() -> frozenset[str]:
    """The newest revisions the code knows."""
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return frozenset(script.get_heads())


async def applied_revisions(engine: AsyncEngine) -> frozenset[str]:
    """The revisions recorded in the database (empty when it was never migrated)."""
    async with engine.connect() as connection:
        try:
            rows = await connection.execute(text("SELECT version_num FROM alembic_version"))
        except Exception:
            return frozenset()
        return frozenset(row[0] for row in rows)
