"""Languages (issue 17): whether a person chose their language, and the language of a consent's words.

Revision ID: 0025
Revises: 0024
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Everyone so far has the default en-GB, unchosen; every consent so far was given in English."""
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locale", sa.String(length=16), server_default="en-GB", nullable=False))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("locale_chosen", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    """Drop both columns."""
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("locale_chosen")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_column("locale")
