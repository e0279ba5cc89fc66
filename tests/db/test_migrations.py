"""The schema is built only by migrations, and the migrations agree with the models."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from carerlink.accounts.models import User
from carerlink.db import Database
from carerlink.db.migrate import alembic_config, upgrade
from carerlink.organisations.models import Consent, Membership
from carerlink.settings import Settings
from carerlink.tables import metadata
from tests.conftest import _in_thread
from tests.profiles.factories import make_carer
from tests.support import make_org


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


async def test_a_downgrade_and_upgrade_keep_every_person_and_what_hangs_off_them(
    db: Database, settings: Settings
) -> None:
    """SQLite's batch mode copies and drops a table to drop a column: with foreign keys enforced, that drop
    would delete every membership and device pointing at ``users`` (issue 13's ``users.phone``)."""
    org = await make_org(db)
    await make_carer(db, org, name="Sam Clarke")
    counted = (User, Membership, Consent)

    async def counts() -> list[int]:
        async with db.session_scope() as session:
            return [int(await session.scalar(select(func.count()).select_from(t)) or 0) for t in counted]

    before = await counts()
    url, schema = settings.database_url, settings.database_schema
    _in_thread(lambda: command.downgrade(alembic_config(url, schema=schema), "0012"))
    _in_thread(lambda: upgrade(url, schema=schema))

    assert await counts() == before and min(before) >= 1
