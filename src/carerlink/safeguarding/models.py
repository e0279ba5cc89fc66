"""Tables of the safeguarding domain."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.db import Base, UuidPrimaryKey


class AlertStatus(enum.StrEnum):
    """Where a crisis alert stands."""

    OPEN = "open"  # nobody has acknowledged it yet
    ACKNOWLEDGED = "acknowledged"  # a coordinator has it, and recorded what they did


class CrisisAlert(UuidPrimaryKey, Base):
    """A carer pressed "I need help now"; one per source (the check-in), so a retry makes no second alert."""

    __tablename__ = "crisis_alerts"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    carer_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    buddy_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(20))  # "checkin", "checkin_refused", "help_button"
    source_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    status: Mapped[AlertStatus] = mapped_column(
        Enum(
            AlertStatus,
            name="crisis_alert_status",
            native_enum=False,
            values_callable=lambda e: [m.value for m in e],
            length=20,
        )
    )
    raised_at: Mapped[datetime]
    # The lead (or, without one, every coordinator) is told when nobody acknowledges in time.
    escalate_at: Mapped[datetime]
    escalated_at: Mapped[datetime | None]
    # Who the escalation went to, "safeguarding_lead" or "all_coordinators" (issue 13: the alert page says).
    escalated_to: Mapped[str | None] = mapped_column(String(20))
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    action_taken: Mapped[str | None] = mapped_column(Text)
    # The carer said they pressed it by mistake (issue 10): shown to coordinators, who still check.
    # It never closes the alert or stops its escalation.
    mistake_reported_at: Mapped[datetime | None]

    __table_args__ = (
        Index("ix_crisis_alerts_organisation_id_status_raised_at", "organisation_id", "status", "raised_at"),
        Index("ix_crisis_alerts_escalation", "status", "escalated_at", "escalate_at"),
    )
