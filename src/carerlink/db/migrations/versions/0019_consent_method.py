"""Running the service (issue 16): how a consent was given and who recorded it; a carer's original waiting date.

Revision ID: 0019
Revises: 0018
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "method",
                sa.Enum("in_app", "verbal", "imported", name="consent_method", native_enum=False, length=20),
                server_default="in_app",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("recorded_by_user_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_consents_recorded_by_user_id_users"),
            "users",
            ["recorded_by_user_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("waiting_since", carerlink.db.types.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_column("waiting_since")

    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_consents_recorded_by_user_id_users"), type_="foreignkey")
        batch_op.drop_column("recorded_by_user_id")
        batch_op.drop_column("method")
