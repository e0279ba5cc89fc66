"""check-ins, crisis alerts and coordinator duty

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 20:20:58.359693
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "crisis_alerts",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("carer_user_id", sa.Uuid(), nullable=False),
        sa.Column("buddy_user_id", sa.Uuid(), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("open", "acknowledged", name="crisis_alert_status", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("raised_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("escalate_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("escalated_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("action_taken", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_user_id"],
            ["users.id"],
            name=op.f("fk_crisis_alerts_acknowledged_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["buddy_user_id"],
            ["users.id"],
            name=op.f("fk_crisis_alerts_buddy_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["carer_user_id"],
            ["users.id"],
            name=op.f("fk_crisis_alerts_carer_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_crisis_alerts_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crisis_alerts")),
        sa.UniqueConstraint("source_id", name=op.f("uq_crisis_alerts_source_id")),
    )
    with op.batch_alter_table("crisis_alerts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_crisis_alerts_escalation", ["status", "escalated_at", "escalate_at"], unique=False
        )
        batch_op.create_index(
            "ix_crisis_alerts_organisation_id_status_raised_at",
            ["organisation_id", "status", "raised_at"],
            unique=False,
        )

    op.create_table(
        "checkin_plans",
        sa.Column("match_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("carer_user_id", sa.Uuid(), nullable=False),
        sa.Column("buddy_user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "frequency",
            sa.Enum("weekly", "fortnightly", name="checkin_frequency", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("weekdays", sa.JSON(), nullable=False),
        sa.Column("local_time", sa.String(length=5), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("rrule", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("materialised_until", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("updated_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["buddy_user_id"],
            ["users.id"],
            name=op.f("fk_checkin_plans_buddy_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["carer_user_id"],
            ["users.id"],
            name=op.f("fk_checkin_plans_carer_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name=op.f("fk_checkin_plans_match_id_matches"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_checkin_plans_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_user_id"],
            ["users.id"],
            name=op.f("fk_checkin_plans_updated_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_plans")),
        sa.UniqueConstraint("match_id", name=op.f("uq_checkin_plans_match_id")),
    )
    op.create_table(
        "checkin_occurrences",
        sa.Column("match_id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=True),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("carer_user_id", sa.Uuid(), nullable=False),
        sa.Column("buddy_user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("scheduled", "unscheduled", name="checkin_kind", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("local_start", sa.String(length=16), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("due_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "scheduled",
                "open",
                "answered",
                "replied",
                "missed",
                "cancelled",
                name="checkin_state",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("next_check_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("answered_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("wellbeing", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("wants_call", sa.Boolean(), nullable=False),
        sa.Column("needs_help", sa.Boolean(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=80), nullable=True),
        sa.Column("replied_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "reply_kind",
            sa.Enum(
                "message",
                "we_spoke",
                "call_arranged",
                name="checkin_reply_kind",
                native_enum=False,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("reply_message", sa.Text(), nullable=True),
        sa.Column("replied_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["buddy_user_id"],
            ["users.id"],
            name=op.f("fk_checkin_occurrences_buddy_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["carer_user_id"],
            ["users.id"],
            name=op.f("fk_checkin_occurrences_carer_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["match_id"],
            ["matches.id"],
            name=op.f("fk_checkin_occurrences_match_id_matches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_checkin_occurrences_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["checkin_plans.id"],
            name=op.f("fk_checkin_occurrences_plan_id_checkin_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["replied_by_user_id"],
            ["users.id"],
            name=op.f("fk_checkin_occurrences_replied_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_occurrences")),
        sa.UniqueConstraint(
            "carer_user_id",
            "idempotency_key",
            name=op.f("uq_checkin_occurrences_carer_user_id_idempotency_key"),
        ),
        sa.UniqueConstraint(
            "plan_id", "local_start", name=op.f("uq_checkin_occurrences_plan_id_local_start")
        ),
    )
    with op.batch_alter_table("checkin_occurrences", schema=None) as batch_op:
        batch_op.create_index(
            "ix_checkin_occurrences_buddy_user_id_state", ["buddy_user_id", "state"], unique=False
        )
        batch_op.create_index(
            "ix_checkin_occurrences_carer_user_id_due_at", ["carer_user_id", "due_at"], unique=False
        )
        batch_op.create_index("ix_checkin_occurrences_match_id_due_at", ["match_id", "due_at"], unique=False)
        batch_op.create_index("ix_checkin_occurrences_next_check_at", ["next_check_at"], unique=False)

    op.create_table(
        "checkin_steps",
        sa.Column("occurrence_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("step", sa.String(length=30), nullable=False),
        sa.Column("at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("needs_coordinator", sa.Boolean(), nullable=False),
        sa.Column("resolved_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("resolved_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("resolution_note", sa.String(length=1000), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["occurrence_id"],
            ["checkin_occurrences.id"],
            name=op.f("fk_checkin_steps_occurrence_id_checkin_occurrences"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_checkin_steps_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_user_id"],
            ["users.id"],
            name=op.f("fk_checkin_steps_resolved_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_steps")),
        sa.UniqueConstraint("occurrence_id", "step", name=op.f("uq_checkin_steps_occurrence_id_step")),
    )
    with op.batch_alter_table("checkin_steps", schema=None) as batch_op:
        batch_op.create_index(
            "ix_checkin_steps_attention",
            ["organisation_id", "needs_coordinator", "resolved_at"],
            unique=False,
        )

    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.add_column(sa.Column("on_duty", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_column("on_duty")

    with op.batch_alter_table("checkin_steps", schema=None) as batch_op:
        batch_op.drop_index("ix_checkin_steps_attention")

    op.drop_table("checkin_steps")
    with op.batch_alter_table("checkin_occurrences", schema=None) as batch_op:
        batch_op.drop_index("ix_checkin_occurrences_next_check_at")
        batch_op.drop_index("ix_checkin_occurrences_match_id_due_at")
        batch_op.drop_index("ix_checkin_occurrences_carer_user_id_due_at")
        batch_op.drop_index("ix_checkin_occurrences_buddy_user_id_state")

    op.drop_table("checkin_occurrences")
    op.drop_table("checkin_plans")
    with op.batch_alter_table("crisis_alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_crisis_alerts_organisation_id_status_raised_at")
        batch_op.drop_index("ix_crisis_alerts_escalation")

    op.drop_table("crisis_alerts")
