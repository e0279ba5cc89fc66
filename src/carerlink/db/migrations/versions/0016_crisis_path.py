"""Crisis path (issue 13): where an alert's escalation went, for the alert page.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``crisis_alerts.escalated_to``."""
    with op.batch_alter_table("crisis_alerts") as batch:
        batch.add_column(sa.Column("escalated_to", sa.String(length=20), nullable=True))


def downgrade() -> None:
    """Drop it again."""
    with op.batch_alter_table("crisis_alerts") as batch:
        batch.drop_column("escalated_to")
