"""Data rights (issue 15): copies of a person's data, erasure, retention runs; the audit log append-only.

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


# The audit log is append-only: no route or job edits an entry (the retention tick deletes whole entries
# past their time). The database refuses an UPDATE, so a mistake in code cannot rewrite history.
_SQLITE_TRIGGER = """
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END
"""
_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only';
END
$$ LANGUAGE plpgsql
"""
_PG_TRIGGER = """
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE ON audit_entries
FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()
"""


def _append_only() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute(_PG_TRIGGER)
    else:
        op.execute(_SQLITE_TRIGGER)


def upgrade() -> None:
    """Add the data-rights tables and ``users.erased_at``; make the audit log refuse updates."""
    op.create_table(
        "data_exports",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=True),
        sa.Column("requested_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("requested_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("identity_note", sa.String(length=300), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "pending", "ready", "failed", "expired", name="export_state", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.Column("lease_token", sa.Uuid(), nullable=True),
        sa.Column("lease_until", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ready_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("expires_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("archive", sa.LargeBinary(), nullable=True),
        sa.Column("archive_bytes", sa.Integer(), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("includes_released", sa.Boolean(), nullable=False),
        sa.Column("downloads", sa.Integer(), nullable=False),
        sa.Column("last_downloaded_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_data_exports_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_user_id"],
            ["users.id"],
            name=op.f("fk_data_exports_requested_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_data_exports_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_exports")),
    )
    with op.batch_alter_table("data_exports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_data_exports_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index("ix_data_exports_state_lease_until", ["state", "lease_until"], unique=False)
        batch_op.create_index(batch_op.f("ix_data_exports_user_id"), ["user_id"], unique=False)

    op.create_table(
        "erasure_requests",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("requested_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("requested_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "requested", "paused", "done", "cancelled", name="erasure_state", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column("paused_reasons", sa.JSON(), nullable=False),
        sa.Column("paused_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("completed_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_user_id"],
            ["users.id"],
            name=op.f("fk_erasure_requests_decided_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_erasure_requests_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_user_id"],
            ["users.id"],
            name=op.f("fk_erasure_requests_requested_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_erasure_requests_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_requests")),
    )
    with op.batch_alter_table("erasure_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_erasure_requests_organisation_id_state", ["organisation_id", "state"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_erasure_requests_user_id"), ["user_id"], unique=False)

    op.create_table(
        "retention_runs",
        sa.Column("organisation_id", sa.Uuid(), nullable=True),
        sa.Column("started_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("removed", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_retention_runs_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_runs")),
    )
    with op.batch_alter_table("retention_runs", schema=None) as batch_op:
        batch_op.create_index(
            "ix_retention_runs_organisation_id_started_at", ["organisation_id", "started_at"], unique=False
        )

    op.create_table(
        "export_reviews",
        sa.Column("export_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.Uuid(), nullable=False),
        sa.Column(
            "decision",
            sa.Enum("pending", "released", "withheld", name="review_decision", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("decided_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_user_id"],
            ["users.id"],
            name=op.f("fk_export_reviews_decided_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["export_id"],
            ["data_exports.id"],
            name=op.f("fk_export_reviews_export_id_data_exports"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_export_reviews_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_reviews")),
        sa.UniqueConstraint(
            "export_id",
            "object_type",
            "object_id",
            name=op.f("uq_export_reviews_export_id_object_type_object_id"),
        ),
    )
    with op.batch_alter_table("export_reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_export_reviews_export_id"), ["export_id"], unique=False)
        batch_op.create_index(
            "ix_export_reviews_organisation_id_decision", ["organisation_id", "decision"], unique=False
        )

    op.create_table(
        "retained_identities",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("erasure_id", sa.Uuid(), nullable=True),
        sa.Column("display_name", sa.String(length=80), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("phone", sa.String(length=16), nullable=True),
        sa.Column("kept_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["erasure_id"],
            ["erasure_requests.id"],
            name=op.f("fk_retained_identities_erasure_id_erasure_requests"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_retained_identities_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_retained_identities_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retained_identities")),
        sa.UniqueConstraint(
            "organisation_id", "user_id", name=op.f("uq_retained_identities_organisation_id_user_id")
        ),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("erased_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True)
        )

    _append_only()


def downgrade() -> None:
    """Drop them again."""
    op.execute(
        "DROP TRIGGER IF EXISTS audit_entries_append_only"
        + (" ON audit_entries" if op.get_bind().dialect.name == "postgresql" else "")
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("erased_at")

    op.drop_table("retained_identities")
    with op.batch_alter_table("export_reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_export_reviews_organisation_id_decision")
        batch_op.drop_index(batch_op.f("ix_export_reviews_export_id"))

    op.drop_table("export_reviews")
    with op.batch_alter_table("retention_runs", schema=None) as batch_op:
        batch_op.drop_index("ix_retention_runs_organisation_id_started_at")

    op.drop_table("retention_runs")
    with op.batch_alter_table("erasure_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_erasure_requests_user_id"))
        batch_op.drop_index("ix_erasure_requests_organisation_id_state")

    op.drop_table("erasure_requests")
    with op.batch_alter_table("data_exports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_data_exports_user_id"))
        batch_op.drop_index("ix_data_exports_state_lease_until")
        batch_op.drop_index(batch_op.f("ix_data_exports_organisation_id"))

    op.drop_table("data_exports")
