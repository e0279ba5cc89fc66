"""debriefs a buddy asks for, and supervision and debrief sessions coordinators record (issue 13)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 17:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "supervision_sessions",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("membership_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "supervision",
                "debrief",
                "group_supervision",
                name="supervision_kind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("notes", sa.String(length=4000), nullable=False),
        sa.Column("recorded_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("recorded_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["membership_id"],
            ["memberships.id"],
            name=op.f("fk_supervision_sessions_membership_id_memberships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_supervision_sessions_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"],
            ["users.id"],
            name=op.f("fk_supervision_sessions_recorded_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_sessions")),
    )
    with op.batch_alter_table("supervision_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_supervision_sessions_membership_id"), ["membership_id"], unique=False
        )
    op.create_table(
        "debrief_requests",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("membership_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "urgency",
            sa.Enum("today", "this_week", "whenever", name="debrief_urgency", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("note", sa.String(length=2000), nullable=False),
        sa.Column("idempotency_key", sa.String(length=80), nullable=True),
        sa.Column("asked_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("taken_up_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("taken_up_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("taken_up_note", sa.String(length=1000), nullable=True),
        sa.Column("session_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["membership_id"],
            ["memberships.id"],
            name=op.f("fk_debrief_requests_membership_id_memberships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_debrief_requests_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["supervision_sessions.id"],
            name=op.f("fk_debrief_requests_session_id_supervision_sessions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["taken_up_by_user_id"],
            ["users.id"],
            name=op.f("fk_debrief_requests_taken_up_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_debrief_requests_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debrief_requests")),
        sa.UniqueConstraint(
            "membership_id", "idempotency_key", name=op.f("uq_debrief_requests_membership_id_idempotency_key")
        ),
    )
    with op.batch_alter_table("debrief_requests", schema=None) as batch_op:
        batch_op.create_index("ix_debrief_requests_open", ["organisation_id", "taken_up_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("debrief_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_debrief_requests_open")
    op.drop_table("debrief_requests")
    with op.batch_alter_table("supervision_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supervision_sessions_membership_id"))
    op.drop_table("supervision_sessions")
