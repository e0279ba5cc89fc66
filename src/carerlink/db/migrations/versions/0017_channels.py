"""Channels (issue 14): reminders by e-mail and text beside push, number verification, replies by text.

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the text tables, the channel columns and who an e-mail is for."""
    op.create_table(
        "inbound_texts",
        sa.Column("provider_message_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("organisation_id", sa.Uuid(), nullable=True),
        sa.Column("occurrence_id", sa.Uuid(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("received_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("handled_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("handled_by_user_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["handled_by_user_id"],
            ["users.id"],
            name=op.f("fk_inbound_texts_handled_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_inbound_texts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_texts")),
        sa.UniqueConstraint("provider_message_id", name=op.f("uq_inbound_texts_provider_message_id")),
    )
    with op.batch_alter_table("inbound_texts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_inbound_texts_organisation_id_received_at", ["organisation_id", "received_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_inbound_texts_user_id"), ["user_id"], unique=False)

    op.create_table(
        "phone_verifications",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("phone", sa.String(length=16), nullable=False),
        sa.Column("code_digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("confirmed_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_phone_verifications_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_verifications")),
    )
    with op.batch_alter_table("phone_verifications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_phone_verifications_user_id"), ["user_id"], unique=False)

    op.create_table(
        "outgoing_texts",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=True),
        sa.Column("notification_id", sa.Uuid(), nullable=True),
        sa.Column("to_number", sa.String(length=16), nullable=False),
        sa.Column("body", sa.String(length=400), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("segments", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("send_after", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=True),
        sa.Column("provider_message_id", sa.String(length=64), nullable=True),
        sa.Column("provider_status", sa.String(length=20), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.Column("sent_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("lease_token", sa.Uuid(), nullable=True),
        sa.Column("lease_until", carerlink.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notifications.id"],
            name=op.f("fk_outgoing_texts_notification_id_notifications"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_outgoing_texts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_texts")),
        sa.UniqueConstraint("notification_id", name=op.f("uq_outgoing_texts_notification_id")),
        sa.UniqueConstraint("provider_message_id", name=op.f("uq_outgoing_texts_provider_message_id")),
    )
    with op.batch_alter_table("outgoing_texts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_outgoing_texts_due",
            ["send_after"],
            unique=False,
            postgresql_where=sa.text("state = 'pending'"),
            sqlite_where=sa.text("state = 'pending'"),
        )
        batch_op.create_index(
            "ix_outgoing_texts_organisation_id_sent_at", ["organisation_id", "sent_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outgoing_texts_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("notification_preferences", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channels", sa.JSON(none_as_null=True), nullable=True))
        batch_op.add_column(sa.Column("channels_set_by_user_id", sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column("channels_set_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_notification_preferences_channels_set_by_user_id_users"),
            "users",
            ["channels_set_by_user_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel", sa.String(length=10), server_default="push", nullable=False))
        batch_op.add_column(sa.Column("fallbacks", sa.JSON(), server_default="[]", nullable=False))
        batch_op.add_column(
            sa.Column("fell_back_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True)
        )

    with op.batch_alter_table("outgoing_mail", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("organisation_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("notification_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("unsubscribe_url", sa.String(length=500), nullable=True))
        batch_op.create_index(
            "ix_outgoing_mail_organisation_id_failed_at", ["organisation_id", "failed_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outgoing_mail_user_id"), ["user_id"], unique=False)
        batch_op.create_unique_constraint(batch_op.f("uq_outgoing_mail_notification_id"), ["notification_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_outgoing_mail_user_id_users"), "users", ["user_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_outgoing_mail_notification_id_notifications"),
            "notifications",
            ["notification_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("phone_verified_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("texts_stopped_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    """Drop them again."""
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("texts_stopped_at")
        batch_op.drop_column("phone_verified_at")

    with op.batch_alter_table("outgoing_mail", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_outgoing_mail_notification_id_notifications"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("fk_outgoing_mail_user_id_users"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("uq_outgoing_mail_notification_id"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_outgoing_mail_user_id"))
        batch_op.drop_index("ix_outgoing_mail_organisation_id_failed_at")
        batch_op.drop_column("unsubscribe_url")
        batch_op.drop_column("notification_id")
        batch_op.drop_column("organisation_id")
        batch_op.drop_column("user_id")

    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_column("fell_back_at")
        batch_op.drop_column("fallbacks")
        batch_op.drop_column("channel")

    with op.batch_alter_table("notification_preferences", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_notification_preferences_channels_set_by_user_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("channels_set_at")
        batch_op.drop_column("channels_set_by_user_id")
        batch_op.drop_column("channels")

    with op.batch_alter_table("outgoing_texts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outgoing_texts_user_id"))
        batch_op.drop_index("ix_outgoing_texts_organisation_id_sent_at")
        batch_op.drop_index(
            "ix_outgoing_texts_due",
            postgresql_where=sa.text("state = 'pending'"),
            sqlite_where=sa.text("state = 'pending'"),
        )

    op.drop_table("outgoing_texts")
    with op.batch_alter_table("phone_verifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phone_verifications_user_id"))

    op.drop_table("phone_verifications")
    with op.batch_alter_table("inbound_texts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbound_texts_user_id"))
        batch_op.drop_index("ix_inbound_texts_organisation_id_received_at")

    op.drop_table("inbound_texts")
