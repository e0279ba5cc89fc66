"""each notification and push records the membership it is for, so a suspended or ended role gets nothing more

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 11:30:00

Issue 10 §2: suspending or ending a membership withdraws what is still waiting for it (a query on
``membership_id``, not a guess from the person and the organisation). Rows written before this have no
membership (``NULL``) and are left as they are. The match end reason ``carer_left`` needs no schema change
(the reason is a VARCHAR(20) without a CHECK constraint).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("membership_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_notifications_membership_id"), ["membership_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_notifications_membership_id_memberships"),
            "memberships",
            ["membership_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("push_deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("membership_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_push_deliveries_membership_id"), ["membership_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("push_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_push_deliveries_membership_id"))
        batch_op.drop_column("membership_id")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_notifications_membership_id_memberships"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_notifications_membership_id"))
        batch_op.drop_column("membership_id")
