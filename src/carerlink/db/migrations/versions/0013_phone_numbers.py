"""phone numbers: a person's own (E.164), a carer's emergency contact, and each side's sharing per match

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 17:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone", sa.String(length=16), nullable=True))
    op.create_table(
        "emergency_contacts",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("relationship", sa.String(length=60), nullable=False),
        sa.Column("phone", sa.String(length=16), nullable=False),
        sa.Column("updated_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_emergency_contacts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emergency_contacts")),
        sa.UniqueConstraint("user_id", name=op.f("uq_emergency_contacts_user_id")),
    )
    # Existing matches start unshared: nobody has chosen to show their number to anyone yet.
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("carer_shares_phone", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("buddy_shares_phone", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.drop_column("buddy_shares_phone")
        batch_op.drop_column("carer_shares_phone")
    op.drop_table("emergency_contacts")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("phone")
