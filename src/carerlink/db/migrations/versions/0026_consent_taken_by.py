"""Who took a consent given before carerlink (issue 16), and a consent's language may be unknown.

A health-data consent brought in from a spreadsheet was taken by someone at the centre, whose name the
file gives (``taken_by_name``; the coordinator who confirmed the import is ``recorded_by_user_id``). The
language its words were read in is not known, so ``locale`` may now be empty.

Revision ID: 0026
Revises: 0025
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``taken_by_name``; ``locale`` may be null (every consent so far keeps its language)."""
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("taken_by_name", sa.String(length=80), nullable=True))
        batch_op.alter_column(
            "locale", existing_type=sa.String(length=16), existing_server_default="en-GB", nullable=True
        )


def downgrade() -> None:
    """Drop ``taken_by_name``; a consent of unknown language is taken as English, as before 0025."""
    op.execute("UPDATE consents SET locale = 'en-GB' WHERE locale IS NULL")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.alter_column(
            "locale", existing_type=sa.String(length=16), existing_server_default="en-GB", nullable=False
        )
        batch_op.drop_column("taken_by_name")
