"""Tables of text messages: the outbox, number verification codes, and replies received (issue 14)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.db import Base, TimestampMixin, UuidPrimaryKey


class OutgoingText(UuidPrimaryKey, TimestampMixin, Base):
    """One text to one number, claimed by workers with a lease like the push outbox.

    ``state``: ``pending`` (waiting to go), ``sent`` (the provider took it), ``delivered`` /
    ``undelivered`` / ``failed`` (the provider's status callback), ``expired`` (no longer useful),
    ``withdrawn`` (no longer needed), ``refused`` (never sent: the number stopped texts, the budget ran
    out, or the provider refused it for good). The body is wiped once the text is finished.
    """

    __tablename__ = "outgoing_texts"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[uuid.UUID | None]
    # The notification it carries (unique: each notification goes by text once); ``None`` for a code.
    notification_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("notifications.id", ondelete="SET NULL"), unique=True
    )
    to_number: Mapped[str] = mapped_column(String(16))  # E.164
    body: Mapped[str] = mapped_column(String(400))
    category: Mapped[str] = mapped_column(String(40))
    segments: Mapped[int] = mapped_column(default=1)
    state: Mapped[str] = mapped_column(String(12), default="pending")
    send_after: Mapped[datetime]
    expires_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    provider: Mapped[str | None] = mapped_column(String(20))
    provider_message_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    provider_status: Mapped[str | None] = mapped_column(String(20))
    last_error: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    lease_token: Mapped[uuid.UUID | None]
    lease_until: Mapped[datetime | None]

    __table_args__ = (
        Index(
            "ix_outgoing_texts_due",
            "send_after",
            postgresql_where=text("state = 'pending'"),
            sqlite_where=text("state = 'pending'"),
        ),
        Index("ix_outgoing_texts_organisation_id_sent_at", "organisation_id", "sent_at"),
    )


class PhoneVerification(UuidPrimaryKey, Base):
    """A 6-digit code texted to prove a number is the person's; stored as a keyed digest, never as typed."""

    __tablename__ = "phone_verifications"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    phone: Mapped[str] = mapped_column(String(16))  # E.164, the number the code was sent to
    code_digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    confirmed_at: Mapped[datetime | None]


class InboundText(UuidPrimaryKey, Base):
    """A text received from a verified number, once per provider message id (the idempotency key).

    ``outcome``: what it did (``answered``, ``help``, ``call``, ``note``, ``stop``, ``start``,
    ``no_open_checkin``). A reply with no open check-in waits on the coordinators' attention list until
    one of them deals with it (``handled_at``): never lost. Texts from unknown numbers are not stored.
    """

    __tablename__ = "inbound_texts"

    provider_message_id: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[uuid.UUID | None]
    occurrence_id: Mapped[uuid.UUID | None]
    outcome: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime]
    handled_at: Mapped[datetime | None]
    handled_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    __table_args__ = (
        Index("ix_inbound_texts_organisation_id_received_at", "organisation_id", "received_at"),
    )
