"""Tables of messaging: a pair's messages, the reports people make about one, and a buddy's mute."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.db import Base, UuidPrimaryKey


class Message(UuidPrimaryKey, Base):
    """One message within a pair; the pair's two people are kept on it so access needs no join."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("sender_user_id", "idempotency_key", name="uq_messages_sender_key"),
        Index("ix_messages_match_sent", "match_id", "sent_at"),
    )

    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"))
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    carer_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    buddy_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    sender: Mapped[str] = mapped_column(String(5))  # "carer" or "buddy"
    sender_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    text: Mapped[str | None] = mapped_column(Text)  # cleared on erasure and by retention
    sent_at: Mapped[datetime]
    read_at: Mapped[datetime | None]  # when the other person read it
    reads_as_crisis: Mapped[bool] = mapped_column(default=False)
    idempotency_key: Mapped[str | None] = mapped_column(String(80))


class MessageReport(UuidPrimaryKey, Base):
    """Someone in a pair asked the centre to look at a message ("This worried me" / "This wasn't OK").

    One per message and reporter (asking again returns the first). Open until a coordinator marks it
    dealt with (``dealt_with_at``).
    """

    __tablename__ = "message_reports"
    __table_args__ = (
        UniqueConstraint("message_id", "reporter_user_id", name="uq_message_reports_message_reporter"),
    )

    message_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), index=True)
    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"))
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    reporter_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(10))  # "worried" or "not_ok"
    reported_at: Mapped[datetime]
    dealt_with_at: Mapped[datetime | None]
    dealt_with_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )


class MessageMute(UuidPrimaryKey, Base):
    """A buddy has muted their pair's thread until a time: notifications are held, messages still arrive."""

    __tablename__ = "message_mutes"
    __table_args__ = (UniqueConstraint("match_id", "user_id", name="uq_message_mutes_match_user"),)

    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"))
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    until: Mapped[datetime]
