"""a buddy's pause may end by itself: the organisation-local date they are available again (issue 11)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 12:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing pauses have no end date: they hold until the buddy resumes, as before.
    with op.batch_alter_table("buddy_profiles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("paused_until", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("buddy_profiles", schema=None) as batch_op:
        batch_op.drop_column("paused_until")
