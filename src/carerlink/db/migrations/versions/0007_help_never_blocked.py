"""a carer's "I pressed this by mistake" on a crisis alert (recorded; the alert stays open)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 11:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Issue 10: the carer may say they pressed "I need help now" by mistake. It is recorded on the alert
    # for the coordinators to see; it never closes the alert or stops its escalation.
    with op.batch_alter_table("crisis_alerts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("mistake_reported_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("crisis_alerts", schema=None) as batch_op:
        batch_op.drop_column("mistake_reported_at")
