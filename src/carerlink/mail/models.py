"""The e-mail outbox table."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.db import Base, TimestampMixin, UuidPrimaryKey


class OutgoingMail(UuidPrimaryKey, TimestampMixin, Base):
    """One e-mail waiting to go, or gone; the body is wiped once sent (it may hold a sign-up link)."""

    __tablename__ = "outgoing_mail"

    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(40))
    send_after: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    sent_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(200))
    lease_token: Mapped[uuid.UUID | None]
    lease_until: Mapped[datetime | None]
    # Issue 14: whom it is for (refusals shown to their coordinators; "e-mail bouncing" per person), and
    # the notification it carries when it is a reminder (unique: each notification goes by e-mail once).
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[uuid.UUID | None]
    notification_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("notifications.id", ondelete="SET NULL"), unique=True
    )
    # The one-click unsubscribe address (RFC 8058) of a reminder e-mail; ``None`` for other mail.
    unsubscribe_url: Mapped[str | None] = mapped_column(String(500))

    __table_args__ = (
        Index("ix_outgoing_mail_pending", "sent_at", "failed_at", "send_after"),
        Index("ix_outgoing_mail_organisation_id_failed_at", "organisation_id", "failed_at"),
    )
