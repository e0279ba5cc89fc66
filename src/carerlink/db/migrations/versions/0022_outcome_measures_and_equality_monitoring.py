"""Outcome measures and equality monitoring (issue 16): measures, questions, asks of carers, equality answers.

Revision ID: 0022
Revises: 0021
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "equality_answers",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("age_band", sa.String(length=40), nullable=False),
        sa.Column("gender", sa.String(length=40), nullable=False),
        sa.Column("ethnicity", sa.String(length=60), nullable=False),
        sa.Column("answered_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_equality_answers_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_equality_answers_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equality_answers")),
        sa.UniqueConstraint(
            "organisation_id", "user_id", name=op.f("uq_equality_answers_organisation_id_user_id")
        ),
    )
    with op.batch_alter_table("equality_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_equality_answers_user_id"), ["user_id"], unique=False)

    op.create_table(
        "outcome_measures",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("licence_note", sa.Text(), nullable=False),
        sa.Column("in_use_since", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_outcome_measures_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_measures")),
        sa.UniqueConstraint("organisation_id", "key", name=op.f("uq_outcome_measures_organisation_id_key")),
    )
    op.create_table(
        "outcome_asks",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("carer_user_id", sa.Uuid(), nullable=False),
        sa.Column("measure_id", sa.Uuid(), nullable=False),
        sa.Column(
            "point",
            sa.Enum("start", "3_months", "6_months", name="outcome_ask_point", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum(
                "open",
                "answered",
                "declined",
                "closed",
                name="outcome_ask_state",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("due_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("not_now_until", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("answered_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("answers", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["carer_user_id"],
            ["users.id"],
            name=op.f("fk_outcome_asks_carer_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["measure_id"],
            ["outcome_measures.id"],
            name=op.f("fk_outcome_asks_measure_id_outcome_measures"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_outcome_asks_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_asks")),
        sa.UniqueConstraint(
            "organisation_id",
            "carer_user_id",
            "point",
            name=op.f("uq_outcome_asks_organisation_id_carer_user_id_point"),
        ),
    )
    with op.batch_alter_table("outcome_asks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outcome_asks_carer_user_id"), ["carer_user_id"], unique=False)
        batch_op.create_index("ix_outcome_asks_state_due", ["state", "due_at"], unique=False)

    op.create_table(
        "outcome_questions",
        sa.Column("measure_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("wording", sa.String(length=500), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["measure_id"],
            ["outcome_measures.id"],
            name=op.f("fk_outcome_questions_measure_id_outcome_measures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_questions")),
        sa.UniqueConstraint("measure_id", "position", name=op.f("uq_outcome_questions_measure_id_position")),
    )


def downgrade() -> None:
    op.drop_table("outcome_questions")
    with op.batch_alter_table("outcome_asks", schema=None) as batch_op:
        batch_op.drop_index("ix_outcome_asks_state_due")
        batch_op.drop_index(batch_op.f("ix_outcome_asks_carer_user_id"))

    op.drop_table("outcome_asks")
    op.drop_table("outcome_measures")
    with op.batch_alter_table("equality_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_equality_answers_user_id"))

    op.drop_table("equality_answers")
