"""hardening: an invitation knows its e-mail (sent, waiting or failed) and whether its coordinators were told

Also mends organisation names that hold line breaks or control characters (accepted before issue 10,
they broke every invitation e-mail of their organisation): each becomes a space.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 11:30:00
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

import carerlink.db.types

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# kit.text.NOT_IN_ONE_LINE as it was when this migration was written (a migration never imports the
# code it migrates, which may change).
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def upgrade() -> None:
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mail_id", sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column("mail_failure_told_at", carerlink.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_invitations_mail_id"), ["mail_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_invitations_mail_id_outgoing_mail"),
            "outgoing_mail",
            ["mail_id"],
            ["id"],
            ondelete="SET NULL",
        )
    organisations = sa.table("organisations", sa.column("id", sa.Uuid()), sa.column("name", sa.String()))
    connection = op.get_bind()
    for organisation_id, name in connection.execute(sa.select(organisations.c.id, organisations.c.name)):
        mended = " ".join(_NOT_ONE_LINE.sub(" ", name).split())
        if mended != name:
            connection.execute(
                organisations.update().where(organisations.c.id == organisation_id).values(name=mended)
            )


def downgrade() -> None:
    # Mended names stay mended: the broken ones are not worth restoring.
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_invitations_mail_id_outgoing_mail"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_invitations_mail_id"))
        batch_op.drop_column("mail_failure_told_at")
        batch_op.drop_column("mail_id")
