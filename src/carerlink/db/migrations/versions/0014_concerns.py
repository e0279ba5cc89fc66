"""concerns raised by buddies and coordinators about a carer, and the actions recorded on them (issue 13)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 17:31:47
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "concerns",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("carer_user_id", sa.Uuid(), nullable=False),
        sa.Column("raised_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("raised_by_role", sa.String(length=20), nullable=False),
        sa.Column("match_id", sa.Uuid(), nullable=True),
        sa.Column("checkin_id", sa.Uuid(), nullable=True),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "risk_to_carer",
                "risk_to_cared_for",
                "carers_health",
                "money_or_housing",
                "boundary",
                "other",
                name="concern_category",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("at_risk_now", sa.Boolean(), nullable=False),
        sa.Column("what_happened", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("open", "acknowledged", "closed", name="concern_status", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("raised_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("target_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("escalated_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("closed_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_by_user_id", sa.Uuid(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "no_further_action",
                "support_offered",
                "referral_adult_social_care",
                "referral_childrens_services",
                "referral_gp",
                "referral_mental_health_team",
                "other",
                name="concern_outcome",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("outcome_note", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_user_id"],
            ["users.id"],
            name=op.f("fk_concerns_acknowledged_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["carer_user_id"], ["users.id"], name=op.f("fk_concerns_carer_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["checkin_id"],
            ["checkin_occurrences.id"],
            name=op.f("fk_concerns_checkin_id_checkin_occurrences"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["closed_by_user_id"],
            ["users.id"],
            name=op.f("fk_concerns_closed_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name=op.f("fk_concerns_match_id_matches"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_concerns_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["raised_by_user_id"],
            ["users.id"],
            name=op.f("fk_concerns_raised_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concerns")),
        sa.UniqueConstraint("request_id", name=op.f("uq_concerns_request_id")),
    )
    with op.batch_alter_table("concerns", schema=None) as batch_op:
        batch_op.create_index("ix_concerns_escalation", ["status", "escalated_at", "target_at"], unique=False)
        batch_op.create_index(
            "ix_concerns_organisation_id_status_raised_at",
            ["organisation_id", "status", "raised_at"],
            unique=False,
        )
        batch_op.create_index("ix_concerns_raised_by_user_id", ["raised_by_user_id"], unique=False)

    op.create_table(
        "concern_actions",
        sa.Column("concern_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("recorded_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("recorded_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["concern_id"],
            ["concerns.id"],
            name=op.f("fk_concern_actions_concern_id_concerns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_concern_actions_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"],
            ["users.id"],
            name=op.f("fk_concern_actions_recorded_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern_actions")),
    )
    with op.batch_alter_table("concern_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_concern_actions_concern_id"), ["concern_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("concern_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_concern_actions_concern_id"))

    op.drop_table("concern_actions")
    with op.batch_alter_table("concerns", schema=None) as batch_op:
        batch_op.drop_index("ix_concerns_raised_by_user_id")
        batch_op.drop_index("ix_concerns_organisation_id_status_raised_at")
        batch_op.drop_index("ix_concerns_escalation")

    op.drop_table("concerns")
