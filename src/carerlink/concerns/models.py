"""Tables of the concerns domain: a concern raised about a carer, and the actions coordinators record."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.db import Base, UuidPrimaryKey


def _enum(cls: type[enum.StrEnum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, values_callable=lambda e: [m.value for m in e], length=40)


class ConcernCategory(enum.StrEnum):
    """What the concern is about (the words people read are in ``CATEGORY_WORDS``)."""

    RISK_TO_CARER = "risk_to_carer"
    RISK_TO_CARED_FOR = "risk_to_cared_for"
    CARERS_HEALTH = "carers_health"
    MONEY_OR_HOUSING = "money_or_housing"
    BOUNDARY = "boundary"
    OTHER = "other"


CATEGORY_WORDS: dict[str, str] = {
    "risk_to_carer": "Risk to the carer",
    "risk_to_cared_for": "Risk to the person they care for",
    "carers_health": "The carer's health",
    "money_or_housing": "Money or housing",
    "boundary": "A boundary issue",
    "other": "Something else",
}


class ConcernStatus(enum.StrEnum):
    """Where a concern stands."""

    OPEN = "open"  # nobody has acknowledged it yet
    ACKNOWLEDGED = "acknowledged"  # a coordinator is dealing with it
    CLOSED = "closed"  # handled, with an outcome


class ConcernOutcome(enum.StrEnum):
    """What came of a concern (coordinators only: the buddy is told only that it was handled)."""

    NO_FURTHER_ACTION = "no_further_action"
    SUPPORT_OFFERED = "support_offered"
    REFERRAL_ADULT_SOCIAL_CARE = "referral_adult_social_care"
    REFERRAL_CHILDRENS_SERVICES = "referral_childrens_services"
    REFERRAL_GP = "referral_gp"
    REFERRAL_MENTAL_HEALTH_TEAM = "referral_mental_health_team"
    OTHER = "other"


OUTCOME_WORDS: dict[str, str] = {
    "no_further_action": "No further action",
    "support_offered": "Support offered",
    "referral_adult_social_care": "Referral made to adult social care",
    "referral_childrens_services": "Referral made to children's services",
    "referral_gp": "Referral made to the GP",
    "referral_mental_health_team": "Referral made to the mental health team",
    "other": "Other",
}


class Concern(UuidPrimaryKey, Base):
    """Someone worried about a carer (or the person they care for): one per request, so a retry adds none.

    Never shown to the carer it is about; the buddy who raised it sees only where it stands.
    """

    __tablename__ = "concerns"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    carer_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    raised_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    raised_by_role: Mapped[str] = mapped_column(String(20))  # "buddy" or "coordinator"
    match_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("matches.id", ondelete="SET NULL"))
    checkin_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("checkin_occurrences.id", ondelete="SET NULL")
    )
    # From the raiser and their Idempotency-Key: a retried request finds the concern already raised.
    request_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    category: Mapped[ConcernCategory] = mapped_column(_enum(ConcernCategory, "concern_category"))
    at_risk_now: Mapped[bool]
    what_happened: Mapped[str] = mapped_column(Text)
    status: Mapped[ConcernStatus] = mapped_column(_enum(ConcernStatus, "concern_status"))
    raised_at: Mapped[datetime]
    # Acknowledged by then, or the safeguarding lead (or every coordinator) is told, once.
    target_at: Mapped[datetime]
    escalated_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    closed_at: Mapped[datetime | None]
    closed_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    outcome: Mapped[ConcernOutcome | None] = mapped_column(_enum(ConcernOutcome, "concern_outcome"))
    outcome_note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_concerns_organisation_id_status_raised_at", "organisation_id", "status", "raised_at"),
        Index("ix_concerns_escalation", "status", "escalated_at", "target_at"),
        Index("ix_concerns_raised_by_user_id", "raised_by_user_id"),
    )


class ConcernAction(UuidPrimaryKey, Base):
    """Something a coordinator did about a concern ("Rang Sam; GP appointment tomorrow")."""

    __tablename__ = "concern_actions"

    concern_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("concerns.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    recorded_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text)
