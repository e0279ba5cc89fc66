"""Tables of the organisations domain."""

from __future__ import annotations

import enum
import secrets
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Enum, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.actor import Role
from carerlink.db import Base, TimestampMixin, UuidPrimaryKey


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, values_callable=lambda e: [m.value for m in e], length=20)


class MembershipStatus(enum.StrEnum):
    """Whether a membership grants its role."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    ENDED = "ended"


class ReferralStatus(enum.StrEnum):
    """Where a self-referral stands."""

    NEW = "new"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class ConsentKind(enum.StrEnum):
    """What a person agreed to."""

    TERMS = "terms"
    HEALTH_DATA = "health_data"  # a carer: the needs of the person they care for
    # A buddy: the needs of the person they cared for, shown to carers they are introduced to. A kind
    # of its own, not HEALTH_DATA: consents are per person and organisation (not per membership), and
    # someone who is both a carer and a buddy agrees to two different uses, each withdrawn on its own.
    BUDDY_HEALTH_DATA = "buddy_health_data"
    # Optional equality monitoring (age band, gender, ethnicity; issue 16): asked apart from everything
    # else, reported only in aggregate, withdrawn on its own.
    EQUALITY_MONITORING = "equality_monitoring"


class ConsentMethod(enum.StrEnum):
    """How a consent was given (issue 16): the person in the app, or recorded for them by a coordinator."""

    IN_APP = "in_app"  # the person ticked it themselves
    VERBAL = "verbal"  # a coordinator read the words to them (an assessment by phone or in person)
    IMPORTED = "imported"  # recorded earlier, outside carerlink, and brought in with an import


def new_pool_stamp() -> int:
    """A fresh, random buddy-pool revision stamp (62 bits, fits a signed BIGINT; never 0)."""
    return secrets.randbits(62) + 1


class Organisation(UuidPrimaryKey, TimestampMixin, Base):
    """A carers' organisation (a carers' centre) running a buddy service."""

    __tablename__ = "organisations"

    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    time_zone: Mapped[str] = mapped_column(String(64))
    crisis_lines: Mapped[list[Any]] = mapped_column(default=list)
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Goes up in the same commit as any change to who is in the pool of buddies or what screening and
    # matching read about them (profiles/pool_revision.py): the key of the suggestions cache.
    buddy_pool_revision: Mapped[int] = mapped_column(BigInteger, default=new_pool_stamp, server_default="0")


class Membership(UuidPrimaryKey, TimestampMixin, Base):
    """A person's role in an organisation; one person may hold several roles."""

    __tablename__ = "memberships"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    status: Mapped[MembershipStatus] = mapped_column(
        _enum(MembershipStatus, "membership_status"), default=MembershipStatus.ACTIVE
    )
    status_changed_at: Mapped[datetime]
    # Issue 16: when a carer first asked for support, where that was before carerlink (an import keeps the
    # original referral date); ``None``: when the membership began (``created_at``).
    waiting_since: Mapped[datetime | None]
    # Coordinators only: on duty means crisis alerts reach them at once (if nobody is, all of them).
    on_duty: Mapped[bool] = mapped_column(default=True)

    __table_args__ = (
        UniqueConstraint("user_id", "organisation_id", "role"),
        Index("ix_memberships_organisation_id_role", "organisation_id", "role"),
    )


class Invitation(UuidPrimaryKey, TimestampMixin, Base):
    """An invitation to join with a role: a single-use link token and a short code, both stored as digests."""

    __tablename__ = "invitations"

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    token_digest: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    code_digest: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    invited_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    accepted_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None]
    # The invitation's e-mail in the outbox: the coordinators' list says whether it went, and a mail that
    # can never go is told to them once (``mail_failure_told_at``), so nobody waits for it (issue 10).
    mail_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("outgoing_mail.id", ondelete="SET NULL"), index=True
    )
    mail_failure_told_at: Mapped[datetime | None]


class Consent(UuidPrimaryKey, Base):
    """A consent a person gave (or withdrew), with the version of the words they agreed to."""

    __tablename__ = "consents"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    kind: Mapped[ConsentKind] = mapped_column(_enum(ConsentKind, "consent_kind"))
    version: Mapped[str] = mapped_column(String(40))
    given_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]
    # Issue 16: how it was given, and the coordinator who recorded it when it was not in the app.
    method: Mapped[ConsentMethod] = mapped_column(
        _enum(ConsentMethod, "consent_method"), default=ConsentMethod.IN_APP, server_default="in_app"
    )
    recorded_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Issue 17: the language of the words agreed to; with ``version`` it names the exact wording read.
    # ``None``: not known (a consent brought in from a spreadsheet was read out before carerlink); set so,
    # it is stored as NULL (``evaluates_none``), and only a consent made without one gets the default.
    locale: Mapped[str | None] = mapped_column(
        String(16).evaluates_none(), default="en-GB", server_default="en-GB"
    )
    # Issue 16: who took a consent given before carerlink, as the centre's spreadsheet names them (a member
    # of staff, who may have no account; the coordinator who brought it in is ``recorded_by_user_id``).
    taken_by_name: Mapped[str | None] = mapped_column(String(80))


class Referral(UuidPrimaryKey, TimestampMixin, Base):
    """A carer asking to join an organisation's waiting list through its public form."""

    __tablename__ = "referrals"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(30))
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ReferralStatus] = mapped_column(
        _enum(ReferralStatus, "referral_status"), default=ReferralStatus.NEW
    )
    decided_at: Mapped[datetime | None]
    decided_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decline_reason: Mapped[str | None] = mapped_column(String(500))
    invitation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("invitations.id", ondelete="SET NULL"))

    __table_args__ = (
        Index("ix_referrals_organisation_id_status_created_at", "organisation_id", "status", "created_at"),
    )
