"""endings that are handled: a carer's "another buddy?" answer on a match, and asks for a break or a change

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 11:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Null until the carer answers; matches ended before this revision keep null, so their end reason
    # decides (issue 10 §3: caring ended, goals met and the carer's own request count as "no").
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wants_rematch", sa.Boolean(), nullable=True))
        batch_op.add_column(
            sa.Column("wants_rematch_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True)
        )

    op.create_table(
        "match_change_requests",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("match_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("break", "different_buddy", name="match_change_kind", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("asked_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("asked_by", sa.String(length=10), nullable=False),
        sa.Column("asked_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("resolved_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("resolution_note", sa.String(length=1000), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["asked_by_user_id"],
            ["users.id"],
            name=op.f("fk_match_change_requests_asked_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["match_id"],
            ["matches.id"],
            name=op.f("fk_match_change_requests_match_id_matches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_match_change_requests_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_user_id"],
            ["users.id"],
            name=op.f("fk_match_change_requests_resolved_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_change_requests")),
    )
    with op.batch_alter_table("match_change_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_change_requests_match_id"), ["match_id"], unique=False)
        batch_op.create_index(
            "ix_match_change_requests_open", ["organisation_id", "resolved_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("match_change_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_match_change_requests_open")
        batch_op.drop_index(batch_op.f("ix_match_change_requests_match_id"))
    op.drop_table("match_change_requests")
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.drop_column("wants_rematch_at")
        batch_op.drop_column("wants_rematch")
