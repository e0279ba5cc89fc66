"""Tables of the accounts domain."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.db import Base, TimestampMixin, UuidPrimaryKey


class User(UuidPrimaryKey, TimestampMixin, Base):
    """A person who can sign in. The e-mail is stored normalised (case-folded), so it is unique."""

    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    time_zone: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(16), default="en-GB")
    # Issue 17: whether the person chose ``locale`` (sign-in, invitation, My details). Until they do it is
    # a first guess (their browser's), and an organisation's language offer (Welsh in Wales) comes first.
    locale_chosen: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    password_hash: Mapped[str] = mapped_column(String(255))
    password_changed_at: Mapped[datetime]
    is_active: Mapped[bool] = mapped_column(default=True)
    # E.164 (accounts/phones.py). Coordinators of the person's organisations always see it; the other
    # person of a pair only while the match is open and this person shares it (matching/policy.py).
    phone: Mapped[str | None] = mapped_column(String(16))
    # Issue 14: when ``phone`` was proved to be theirs (a code sent by text and typed back). Changing the
    # number clears it; no reminder is ever texted to an unverified number.
    phone_verified_at: Mapped[datetime | None]
    # They texted STOP (the provider stops delivering too); START clears it.
    texts_stopped_at: Mapped[datetime | None]
    # Issue 15: when the person was erased (the row stays, anonymised, so other people's histories and
    # the figures still read; nobody signs in to it again).
    erased_at: Mapped[datetime | None]


class EmergencyContact(UuidPrimaryKey, TimestampMixin, Base):
    """Whom the centre may ring if a carer can't be reached in a crisis (one per person, carers only).

    Contact details, not matching data: only the person and their organisations' coordinators read it.
    """

    __tablename__ = "emergency_contacts"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    relationship: Mapped[str] = mapped_column(String(60))
    phone: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime]


class AuthSession(UuidPrimaryKey, TimestampMixin, Base):
    """A signed-in browser. Only a SHA-256 digest of the cookie's token is kept."""

    __tablename__ = "auth_sessions"

    token_digest: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    user_agent: Mapped[str] = mapped_column(String(120), default="")


class PasswordResetToken(UuidPrimaryKey, TimestampMixin, Base):
    """A single-use link to choose a new password; only its digest is kept."""

    __tablename__ = "password_reset_tokens"

    token_digest: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class RateLimitWindow(Base):
    """How many attempts one key (a digest of e.g. ``login:ip:…``) made in its current window.

    Kept in the database so every web process counts the same attempts.
    """

    __tablename__ = "rate_limit_windows"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[datetime]
    hits: Mapped[int]

    __table_args__ = (Index("ix_rate_limit_windows_window_start", "window_start"),)
