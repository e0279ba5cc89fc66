"""Tables of the check-ins domain: plans, occurrences and the ladder steps taken."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.checkins.ladder import State, Step
from carerlink.checkins.schedule import Frequency
from carerlink.db import Base, TimestampMixin, UuidPrimaryKey


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, values_callable=lambda e: [m.value for m in e], length=20)


class OccurrenceKind(enum.StrEnum):
    """A check-in from the plan, or one the carer started ("I'd like to talk")."""

    SCHEDULED = "scheduled"
    UNSCHEDULED = "unscheduled"


class ReplyKind(enum.StrEnum):
    """How a buddy answered."""

    MESSAGE = "message"
    WE_SPOKE = "we_spoke"
    CALL_ARRANGED = "call_arranged"


class CheckinPlan(UuidPrimaryKey, TimestampMixin, Base):
    """A pair's rhythm: local time + IANA zone + RRULE, so 19:00 stays 19:00 across clock changes."""

    __tablename__ = "checkin_plans"

    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"), unique=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    carer_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    buddy_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    frequency: Mapped[Frequency] = mapped_column(_enum(Frequency, "checkin_frequency"))
    weekdays: Mapped[list[Any]]
    local_time: Mapped[str] = mapped_column(String(5))  # "19:00"
    time_zone: Mapped[str] = mapped_column(String(64))  # the carer's
    rrule: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date]
    paused: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)
    materialised_until: Mapped[datetime | None]
    updated_at: Mapped[datetime]
    updated_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class CheckinOccurrence(UuidPrimaryKey, TimestampMixin, Base):
    """One check-in: when it is due, where it stands, the carer's answer and the buddy's reply."""

    __tablename__ = "checkin_occurrences"

    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"))
    plan_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("checkin_plans.id", ondelete="CASCADE"))
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    carer_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    buddy_user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[OccurrenceKind] = mapped_column(_enum(OccurrenceKind, "checkin_kind"))
    # The agreed wall-clock time in the plan's zone ("2026-03-29T19:00"): with plan_id, the unique key
    # that makes materialising idempotent.
    local_start: Mapped[str | None] = mapped_column(String(16))
    time_zone: Mapped[str] = mapped_column(String(64))
    due_at: Mapped[datetime]
    state: Mapped[State] = mapped_column(_enum(State, "checkin_state"))
    # When the ladder next has something to do (NULL: nothing more); the ladder tick's work queue.
    next_check_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    wellbeing: Mapped[int | None]
    note: Mapped[str | None] = mapped_column(Text)
    wants_call: Mapped[bool] = mapped_column(default=False)
    needs_help: Mapped[bool] = mapped_column(default=False)
    idempotency_key: Mapped[str | None] = mapped_column(String(80))
    replied_at: Mapped[datetime | None]
    reply_kind: Mapped[ReplyKind | None] = mapped_column(_enum(ReplyKind, "checkin_reply_kind"))
    reply_message: Mapped[str | None] = mapped_column(Text)
    replied_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    __table_args__ = (
        UniqueConstraint("plan_id", "local_start"),
        UniqueConstraint("carer_user_id", "idempotency_key"),
        Index("ix_checkin_occurrences_next_check_at", "next_check_at"),
        Index("ix_checkin_occurrences_match_id_due_at", "match_id", "due_at"),
        Index("ix_checkin_occurrences_buddy_user_id_state", "buddy_user_id", "state"),
        Index("ix_checkin_occurrences_carer_user_id_due_at", "carer_user_id", "due_at"),
    )


class CheckinStep(UuidPrimaryKey, Base):
    """A ladder step taken for a check-in, at most once (the unique key), with when it happened.

    Steps that need a coordinator (the coordinator told, a low-score run) stay on the attention list
    until a coordinator resolves them.
    """

    __tablename__ = "checkin_steps"

    occurrence_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checkin_occurrences.id", ondelete="CASCADE"))
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    step: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime]
    needs_coordinator: Mapped[bool] = mapped_column(default=False)
    resolved_at: Mapped[datetime | None]
    resolved_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    resolution_note: Mapped[str | None] = mapped_column(String(1000))

    __table_args__ = (
        UniqueConstraint("occurrence_id", "step"),
        Index("ix_checkin_steps_attention", "organisation_id", "needs_coordinator", "resolved_at"),
    )


LOW_SCORE_REVIEW = "low_score_review"
COORDINATOR_STEPS = frozenset({Step.TELL_COORDINATOR.value, LOW_SCORE_REVIEW})
