"""profiles and matching: carer and buddy profiles, buddy screening, matches, waiting-list drafts

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-25 19:28:03.774563
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "match_drafts",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("created_by_user_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "draft", "confirmed", "discarded", name="match_draft_status", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column("carers_considered", sa.Integer(), nullable=False),
        sa.Column("buddies_considered", sa.Integer(), nullable=False),
        sa.Column("total_score", sa.Double(), nullable=False),
        sa.Column("greedy_total", sa.Double(), nullable=False),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("decided_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_match_drafts_created_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_user_id"],
            ["users.id"],
            name=op.f("fk_match_drafts_decided_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_match_drafts_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_drafts")),
    )
    with op.batch_alter_table("match_drafts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_match_drafts_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "training_courses",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("valid_months", sa.Integer(), nullable=True),
        sa.Column("retired_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_training_courses_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_courses")),
        sa.UniqueConstraint("organisation_id", "name", name=op.f("uq_training_courses_organisation_id_name")),
    )
    op.create_table(
        "buddy_decisions",
        sa.Column("membership_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("approval", "young_carers", name="decision_kind", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("decided_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_user_id"],
            ["users.id"],
            name=op.f("fk_buddy_decisions_decided_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["membership_id"],
            ["memberships.id"],
            name=op.f("fk_buddy_decisions_membership_id_memberships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buddy_decisions")),
        sa.UniqueConstraint(
            "membership_id", "kind", "sequence", name=op.f("uq_buddy_decisions_membership_id_kind_sequence")
        ),
    )
    op.create_table(
        "buddy_profiles",
        sa.Column("membership_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("relationships", sa.JSON(), nullable=False),
        sa.Column("needs", sa.JSON(), nullable=False),
        sa.Column("mental_health_needs", sa.JSON(), nullable=False),
        sa.Column(
            "caring_status",
            sa.Enum("current", "former", name="caring_status", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column(
            "journey_stage",
            sa.Enum(
                "noticing",
                "diagnosis",
                "adjusting",
                "established",
                "crisis",
                "ended",
                name="journey_stage",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("years_caring", sa.Integer(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("postcode_district", sa.String(length=4), nullable=True),
        sa.Column(
            "region",
            sa.Enum(
                "north_east",
                "north_west",
                "yorkshire_and_humber",
                "east_midlands",
                "west_midlands",
                "east_of_england",
                "london",
                "south_east",
                "south_west",
                "wales",
                "scotland",
                "northern_ireland",
                name="region",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("contact_modes", sa.JSON(), nullable=False),
        sa.Column("availability", sa.Integer(), nullable=False),
        sa.Column(
            "gender",
            sa.Enum("woman", "man", "non_binary", name="gender", native_enum=False, length=40),
            nullable=True,
        ),
        sa.Column("cultures", sa.JSON(), nullable=False),
        sa.Column(
            "faith",
            sa.Enum(
                "no_religion",
                "christian",
                "buddhist",
                "hindu",
                "jewish",
                "muslim",
                "sikh",
                "other",
                name="faith",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("about_me", sa.String(length=500), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("places_taken", sa.Integer(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("paused_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("quiet_hours_start", sa.String(length=5), nullable=True),
        sa.Column("quiet_hours_end", sa.String(length=5), nullable=True),
        sa.Column("updated_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["membership_id"],
            ["memberships.id"],
            name=op.f("fk_buddy_profiles_membership_id_memberships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_buddy_profiles_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_buddy_profiles_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buddy_profiles")),
        sa.UniqueConstraint("membership_id", name=op.f("uq_buddy_profiles_membership_id")),
    )
    with op.batch_alter_table("buddy_profiles", schema=None) as batch_op:
        batch_op.create_index("ix_buddy_profiles_organisation_id", ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_buddy_profiles_user_id"), ["user_id"], unique=False)

    op.create_table(
        "carer_profiles",
        sa.Column("membership_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("relationships", sa.JSON(), nullable=False),
        sa.Column("needs", sa.JSON(), nullable=False),
        sa.Column("mental_health_needs", sa.JSON(), nullable=False),
        sa.Column("co_resident", sa.Boolean(), nullable=False),
        sa.Column(
            "hours_band",
            sa.Enum("19_or_less", "20_to_49", "50_or_more", name="hours_band", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column(
            "journey_stage",
            sa.Enum(
                "noticing",
                "diagnosis",
                "adjusting",
                "established",
                "crisis",
                "ended",
                name="journey_stage",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("years_caring", sa.Integer(), nullable=False),
        sa.Column(
            "carer_category",
            sa.Enum(
                "adult",
                "young_adult",
                "young",
                "parent",
                "kinship",
                "former",
                name="carer_category",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("under_18", sa.Boolean(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("preferred_language", sa.String(length=3), nullable=False),
        sa.Column("interpreter_needed", sa.Boolean(), nullable=False),
        sa.Column("postcode_district", sa.String(length=4), nullable=True),
        sa.Column(
            "region",
            sa.Enum(
                "north_east",
                "north_west",
                "yorkshire_and_humber",
                "east_midlands",
                "west_midlands",
                "east_of_england",
                "london",
                "south_east",
                "south_west",
                "wales",
                "scotland",
                "northern_ireland",
                name="region",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("contact_modes", sa.JSON(), nullable=False),
        sa.Column("availability", sa.Integer(), nullable=False),
        sa.Column("help_with", sa.JSON(), nullable=False),
        sa.Column("help_note", sa.String(length=500), nullable=False),
        sa.Column("cultures", sa.JSON(), nullable=False),
        sa.Column(
            "faith",
            sa.Enum(
                "no_religion",
                "christian",
                "buddhist",
                "hindu",
                "jewish",
                "muslim",
                "sikh",
                "other",
                name="faith",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("preferences", sa.JSON(), nullable=False),
        sa.Column("updated_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["membership_id"],
            ["memberships.id"],
            name=op.f("fk_carer_profiles_membership_id_memberships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_carer_profiles_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_carer_profiles_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carer_profiles")),
        sa.UniqueConstraint("membership_id", name=op.f("uq_carer_profiles_membership_id")),
    )
    with op.batch_alter_table("carer_profiles", schema=None) as batch_op:
        batch_op.create_index("ix_carer_profiles_organisation_id", ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_carer_profiles_user_id"), ["user_id"], unique=False)

    op.create_table(
        "match_draft_items",
        sa.Column("draft_id", sa.Uuid(), nullable=False),
        sa.Column("carer_membership_id", sa.Uuid(), nullable=False),
        sa.Column("buddy_membership_id", sa.Uuid(), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("added_by_hand", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["buddy_membership_id"],
            ["memberships.id"],
            name=op.f("fk_match_draft_items_buddy_membership_id_memberships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["carer_membership_id"],
            ["memberships.id"],
            name=op.f("fk_match_draft_items_carer_membership_id_memberships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["match_drafts.id"],
            name=op.f("fk_match_draft_items_draft_id_match_drafts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_draft_items")),
        sa.UniqueConstraint(
            "draft_id", "carer_membership_id", name=op.f("uq_match_draft_items_draft_id_carer_membership_id")
        ),
    )
    op.create_table(
        "matches",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("carer_membership_id", sa.Uuid(), nullable=False),
        sa.Column("carer_user_id", sa.Uuid(), nullable=False),
        sa.Column("buddy_membership_id", sa.Uuid(), nullable=False),
        sa.Column("buddy_user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "active",
                "paused",
                "ended",
                "declined",
                "withdrawn",
                name="match_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("proposed_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("proposed_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("draft_id", sa.Uuid(), nullable=True),
        sa.Column("carer_introduced_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("buddy_introduced_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "carer_decision",
            sa.Enum("accepted", "declined", name="match_decision", native_enum=False, length=20),
            nullable=True,
        ),
        sa.Column("carer_decided_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("carer_decline_reason", sa.String(length=500), nullable=True),
        sa.Column(
            "buddy_decision",
            sa.Enum("accepted", "declined", name="match_decision", native_enum=False, length=20),
            nullable=True,
        ),
        sa.Column("buddy_decided_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("buddy_decline_reason", sa.String(length=500), nullable=True),
        sa.Column("activated_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("paused_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_by_user_id", sa.Uuid(), nullable=True),
        sa.Column(
            "end_reason",
            sa.Enum(
                "caring_ended",
                "goals_met",
                "carer_request",
                "buddy_request",
                "buddy_stepping_down",
                "not_a_good_fit",
                "lost_contact",
                "moved_away",
                "safeguarding",
                "other",
                name="match_end_reason",
                native_enum=False,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("close_note", sa.String(length=1000), nullable=True),
        sa.Column("carer_feedback", sa.String(length=1000), nullable=True),
        sa.Column("buddy_feedback", sa.String(length=1000), nullable=True),
        sa.Column("events_recorded", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["buddy_membership_id"],
            ["memberships.id"],
            name=op.f("fk_matches_buddy_membership_id_memberships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["buddy_user_id"], ["users.id"], name=op.f("fk_matches_buddy_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["carer_membership_id"],
            ["memberships.id"],
            name=op.f("fk_matches_carer_membership_id_memberships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["carer_user_id"], ["users.id"], name=op.f("fk_matches_carer_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["closed_by_user_id"],
            ["users.id"],
            name=op.f("fk_matches_closed_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["match_drafts.id"],
            name=op.f("fk_matches_draft_id_match_drafts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_matches_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_user_id"],
            ["users.id"],
            name=op.f("fk_matches_proposed_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matches")),
    )
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.create_index(
            "ix_matches_buddy_membership_id_status", ["buddy_membership_id", "status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_matches_buddy_user_id"), ["buddy_user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_matches_carer_user_id"), ["carer_user_id"], unique=False)
        batch_op.create_index(
            "ix_matches_organisation_id_status", ["organisation_id", "status"], unique=False
        )
        batch_op.create_index(
            "uq_matches_carer_membership_id_open",
            ["carer_membership_id"],
            unique=True,
            sqlite_where=sa.text("status IN ('proposed', 'active', 'paused')"),
            postgresql_where=sa.text("status IN ('proposed', 'active', 'paused')"),
        )

    op.create_table(
        "safeguarding_checks",
        sa.Column("membership_id", sa.Uuid(), nullable=False),
        sa.Column(
            "check_type",
            sa.Enum(
                "dbs_basic",
                "dbs_standard",
                "dbs_enhanced",
                "dbs_enhanced_adults_barred",
                "dbs_enhanced_children_barred",
                "dbs_enhanced_both_barred",
                "pvg_adults",
                "pvg_children",
                "access_ni_enhanced",
                "other",
                name="check_type",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("recheck_due", sa.Date(), nullable=False),
        sa.Column("recorded_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("recorded_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["membership_id"],
            ["memberships.id"],
            name=op.f("fk_safeguarding_checks_membership_id_memberships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"],
            ["users.id"],
            name=op.f("fk_safeguarding_checks_recorded_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safeguarding_checks")),
    )
    with op.batch_alter_table("safeguarding_checks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_safeguarding_checks_membership_id"), ["membership_id"], unique=False
        )

    op.create_table(
        "training_records",
        sa.Column("membership_id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("recorded_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["training_courses.id"],
            name=op.f("fk_training_records_course_id_training_courses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["membership_id"],
            ["memberships.id"],
            name=op.f("fk_training_records_membership_id_memberships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"],
            ["users.id"],
            name=op.f("fk_training_records_recorded_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_records")),
    )
    with op.batch_alter_table("training_records", schema=None) as batch_op:
        batch_op.create_index(
            "ix_training_records_membership_id_course_id", ["membership_id", "course_id"], unique=False
        )

    op.create_table(
        "match_events",
        sa.Column("match_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_user_id", sa.Uuid(), nullable=True),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum(
                "proposed",
                "active",
                "paused",
                "ended",
                "declined",
                "withdrawn",
                name="match_status",
                native_enum=False,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "proposed",
                "active",
                "paused",
                "ended",
                "declined",
                "withdrawn",
                name="match_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_user_id"],
            ["users.id"],
            name=op.f("fk_match_events_actor_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name=op.f("fk_match_events_match_id_matches"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_events")),
    )
    with op.batch_alter_table("match_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_events_match_id"), ["match_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("match_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_match_events_match_id"))

    op.drop_table("match_events")
    with op.batch_alter_table("training_records", schema=None) as batch_op:
        batch_op.drop_index("ix_training_records_membership_id_course_id")

    op.drop_table("training_records")
    with op.batch_alter_table("safeguarding_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safeguarding_checks_membership_id"))

    op.drop_table("safeguarding_checks")
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_matches_carer_membership_id_open",
            sqlite_where=sa.text("status IN ('proposed', 'active', 'paused')"),
            postgresql_where=sa.text("status IN ('proposed', 'active', 'paused')"),
        )
        batch_op.drop_index("ix_matches_organisation_id_status")
        batch_op.drop_index(batch_op.f("ix_matches_carer_user_id"))
        batch_op.drop_index(batch_op.f("ix_matches_buddy_user_id"))
        batch_op.drop_index("ix_matches_buddy_membership_id_status")

    op.drop_table("matches")
    op.drop_table("match_draft_items")
    with op.batch_alter_table("carer_profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_carer_profiles_user_id"))
        batch_op.drop_index("ix_carer_profiles_organisation_id")

    op.drop_table("carer_profiles")
    with op.batch_alter_table("buddy_profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buddy_profiles_user_id"))
        batch_op.drop_index("ix_buddy_profiles_organisation_id")

    op.drop_table("buddy_profiles")
    op.drop_table("buddy_decisions")
    op.drop_table("training_courses")
    with op.batch_alter_table("match_drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_match_drafts_organisation_id"))

    op.drop_table("match_drafts")
