"""a buddy's own "I am 18 or over" on their profile (false for existing buddies until they confirm)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 01:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nobody has told us an existing buddy's age: false keeps them out of matching (screening reason
    # "not_adult") until they confirm it in their profile, rather than assuming it.
    with op.batch_alter_table("buddy_profiles", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("confirmed_adult", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("buddy_profiles", schema=None) as batch_op:
        batch_op.drop_column("confirmed_adult")
