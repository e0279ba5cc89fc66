"""Volunteer hours (issue 16): the time buddies log (counted time is read from check-ins).

Revision ID: 0023
Revises: 0022
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "volunteer_time",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "call", "visit", "messages", "other", name="volunteer_time_kind", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("logged_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_volunteer_time_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_volunteer_time_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_time")),
    )
    with op.batch_alter_table("volunteer_time", schema=None) as batch_op:
        batch_op.create_index(
            "ix_volunteer_time_organisation_id_given_on", ["organisation_id", "given_on"], unique=False
        )
        batch_op.create_index("ix_volunteer_time_user_id_given_on", ["user_id", "given_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("volunteer_time", schema=None) as batch_op:
        batch_op.drop_index("ix_volunteer_time_user_id_given_on")
        batch_op.drop_index("ix_volunteer_time_organisation_id_given_on")

    op.drop_table("volunteer_time")
