"""Filling in a profile with the person (issue 16): which coordinator entered a profile with them, and when.

Revision ID: 0021
Revises: 0020
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("buddy_profiles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("entered_by_user_id", sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column("entered_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_buddy_profiles_entered_by_user_id_users"),
            "users",
            ["entered_by_user_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("carer_profiles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("entered_by_user_id", sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column("entered_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_carer_profiles_entered_by_user_id_users"),
            "users",
            ["entered_by_user_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("carer_profiles", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_carer_profiles_entered_by_user_id_users"), type_="foreignkey")
        batch_op.drop_column("entered_at")
        batch_op.drop_column("entered_by_user_id")

    with op.batch_alter_table("buddy_profiles", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_buddy_profiles_entered_by_user_id_users"), type_="foreignkey")
        batch_op.drop_column("entered_at")
        batch_op.drop_column("entered_by_user_id")
