"""The schema is built only by migrations, and the migrations agree with the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from carerlink.db import Database
from carerlink.tables import metadata


async def test_models_and_migrations_agree(db: Database) -> None:
    def differences(connection):  # type: ignore[no-untyped-def]
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, metadata)

    async with db.engine.connect() as connection:
        diff = await connection.run_sync(differences)
    assert diff == [], f"models and migrations disagree; add a migration: {diff}"


async def test_instants_come_back_in_utc_on_both_databases(db: Database) -> None:
    from datetime import datetime, timedelta, timezone

    from carerlink.audit.models import AuditEntry

    new_york_evening = datetime(2026, 7, 1, 19, 0, tzinfo=timezone(timedelta(hours=-4)))
    async with db.session_scope() as session:
        session.add(AuditEntry(at=new_york_evening, action="test.instant", details={}))
    async with db.session_scope() as session:
        from sqlalchemy import select

        stored = await session.scalar(select(AuditEntry.at).where(AuditEntry.action == "test.instant"))
    assert stored == new_york_evening
    assert stored is not None and stored.utcoffset() == timedelta(0)
