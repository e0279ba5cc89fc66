"""The e-mail outbox table."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Index, String, Text
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

    __table_args__ = (Index("ix_outgoing_mail_pending", "sent_at", "failed_at", "send_after"),)
