"""Reported messages (issue 18 audit): one report per message and reporter, and whether it was dealt with.

Revision ID: 0027
Revises: 0026
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """One report per message and person, and whether it was dealt with (every report so far is open).

    Each person's first report of a message is kept: reporting again used to add another.
    """
    op.execute(
        "DELETE FROM message_reports WHERE EXISTS (SELECT 1 FROM message_reports AS earlier"
        " WHERE earlier.message_id = message_reports.message_id"
        " AND earlier.reporter_user_id = message_reports.reporter_user_id"
        " AND (earlier.reported_at < message_reports.reported_at"
        " OR (earlier.reported_at = message_reports.reported_at AND earlier.id < message_reports.id)))"
    )
    with op.batch_alter_table("message_reports", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("dealt_with_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("dealt_with_by_user_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_message_reports_dealt_with_by_user_id_users"),
            "users",
            ["dealt_with_by_user_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_unique_constraint(
            "uq_message_reports_message_reporter", ["message_id", "reporter_user_id"]
        )


def downgrade() -> None:
    """Drop the unique pair and the dealt-with columns."""
    with op.batch_alter_table("message_reports", schema=None) as batch_op:
        batch_op.drop_constraint("uq_message_reports_message_reporter", type_="unique")
        batch_op.drop_constraint(
            batch_op.f("fk_message_reports_dealt_with_by_user_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("dealt_with_by_user_id")
        batch_op.drop_column("dealt_with_at")
