"""Tables of the profiles domain: carer and buddy profiles, and buddy screening."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Enum, ForeignKey, Index, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from carerlink.db import Base, TimestampMixin, UuidPrimaryKey
from carerlink.profiles.vocabulary import (
    CarerCategory,
    CaringStatus,
    CheckType,
    Faith,
    Gender,
    HoursBand,
    JourneyStage,
    Region,
)


def _enum(cls: type[enum.Enum], name: str, length: int = 40) -> Enum:
    return Enum(
        cls, name=name, native_enum=False, values_callable=lambda e: [m.value for m in e], length=length
    )


class CarerProfile(UuidPrimaryKey, TimestampMixin, Base):
    """A carer's caring situation and wishes, one per carer membership.

    Multi-select answers are JSON lists of enum values (vocabulary.py). ``needs`` and
    ``mental_health_needs`` are health data about a third party: stored only while the carer consents
    (organisations' ``ConsentKind.HEALTH_DATA``) and emptied when they withdraw.
    """

    __tablename__ = "carer_profiles"

    membership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("memberships.id", ondelete="CASCADE"), unique=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    relationships: Mapped[list[Any]]
    needs: Mapped[list[Any]]
    mental_health_needs: Mapped[list[Any]]
    co_resident: Mapped[bool]
    hours_band: Mapped[HoursBand] = mapped_column(_enum(HoursBand, "hours_band"))
    journey_stage: Mapped[JourneyStage] = mapped_column(_enum(JourneyStage, "journey_stage"))
    years_caring: Mapped[int]
    carer_category: Mapped[CarerCategory] = mapped_column(_enum(CarerCategory, "carer_category"))
    under_18: Mapped[bool]
    languages: Mapped[list[Any]]
    preferred_language: Mapped[str] = mapped_column(String(3))
    interpreter_needed: Mapped[bool]
    postcode_district: Mapped[str | None] = mapped_column(String(4))
    region: Mapped[Region | None] = mapped_column(_enum(Region, "region"))
    contact_modes: Mapped[list[Any]]
    availability: Mapped[int]  # bit ``slot_index(day, part)`` per free weekly slot
    help_with: Mapped[list[Any]]
    help_note: Mapped[str] = mapped_column(String(500), default="")
    cultures: Mapped[list[Any]]
    faith: Mapped[Faith | None] = mapped_column(_enum(Faith, "faith"))
    preferences: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]
    # Filled in with the carer by a coordinator during an assessment (issue 16): who, and when last.
    entered_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_carer_profiles_organisation_id", "organisation_id"),)


class BuddyProfile(UuidPrimaryKey, TimestampMixin, Base):
    """A buddy's lived experience and how they want to help, one per buddy membership.

    ``needs`` and ``mental_health_needs`` (of the person they cared for) are stored only while the buddy
    consents (``ConsentKind.BUDDY_HEALTH_DATA``) and emptied when they withdraw. ``confirmed_adult`` is
    the buddy's own "I am 18 or over"; rows from before it was asked start ``False`` (screening says
    ``not_adult`` until the buddy confirms). ``capacity`` and ``paused`` are the buddy's own.
    ``paused_until`` is the organisation-local date a pause ends by itself (the buddy is available
    again that day; None: until they resume); read the pause through
    ``screening.pause_holds``, never ``paused`` alone. ``places_taken`` counts their open matches
    (proposed, active or paused); only ``take_place``/``release_place`` change it, with a guarded
    ``UPDATE`` so two coordinators can never fill the same last place.
    """

    __tablename__ = "buddy_profiles"

    membership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("memberships.id", ondelete="CASCADE"), unique=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    relationships: Mapped[list[Any]]
    needs: Mapped[list[Any]]
    mental_health_needs: Mapped[list[Any]]
    caring_status: Mapped[CaringStatus] = mapped_column(_enum(CaringStatus, "caring_status"))
    journey_stage: Mapped[JourneyStage] = mapped_column(_enum(JourneyStage, "journey_stage"))
    years_caring: Mapped[int]
    languages: Mapped[list[Any]]
    postcode_district: Mapped[str | None] = mapped_column(String(4))
    region: Mapped[Region | None] = mapped_column(_enum(Region, "region"))
    contact_modes: Mapped[list[Any]]
    availability: Mapped[int]
    gender: Mapped[Gender | None] = mapped_column(_enum(Gender, "gender"))
    cultures: Mapped[list[Any]]
    faith: Mapped[Faith | None] = mapped_column(_enum(Faith, "faith"))
    about_me: Mapped[str] = mapped_column(String(500), default="")
    confirmed_adult: Mapped[bool] = mapped_column(default=False, server_default=false())
    capacity: Mapped[int]
    places_taken: Mapped[int] = mapped_column(default=0)
    paused: Mapped[bool] = mapped_column(default=False)
    paused_at: Mapped[datetime | None]
    paused_until: Mapped[date | None]
    # Quiet hours are a person's notification preference (issue 12). These hold the ones a buddy set
    # here before, only where migration 0012 could not move them (another role, or other quiet hours
    # already set): never honoured, shown as a note until the buddy clears them; nothing else writes them.
    quiet_hours_start: Mapped[str | None] = mapped_column(String(5))
    quiet_hours_end: Mapped[str | None] = mapped_column(String(5))
    updated_at: Mapped[datetime]
    # Filled in with the buddy by a coordinator during an assessment (issue 16): who, and when last.
    entered_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_buddy_profiles_organisation_id", "organisation_id"),)


class TrainingCourse(UuidPrimaryKey, TimestampMixin, Base):
    """A course an organisation asks buddies to take; ``valid_months`` None means it never expires."""

    __tablename__ = "training_courses"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(500), default="")
    required: Mapped[bool]
    valid_months: Mapped[int | None]
    retired_at: Mapped[datetime | None]

    __table_args__ = (UniqueConstraint("organisation_id", "name"),)


class TrainingRecord(UuidPrimaryKey, Base):
    """A buddy completed a course on a day (recorded by a coordinator)."""

    __tablename__ = "training_records"

    membership_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"))
    course_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("training_courses.id", ondelete="CASCADE"))
    completed_on: Mapped[date]
    recorded_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime]

    __table_args__ = (Index("ix_training_records_membership_id_course_id", "membership_id", "course_id"),)


class SafeguardingCheck(UuidPrimaryKey, Base):
    """A safeguarding check (e.g. an enhanced DBS) a coordinator saw for a buddy; the latest counts."""

    __tablename__ = "safeguarding_checks"

    membership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("memberships.id", ondelete="CASCADE"), index=True
    )
    check_type: Mapped[CheckType] = mapped_column(_enum(CheckType, "check_type"))
    reference: Mapped[str] = mapped_column(String(40))
    issued_on: Mapped[date]
    recheck_due: Mapped[date]
    recorded_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime]


class DecisionKind(enum.StrEnum):
    """What a coordinator decided about a buddy."""

    APPROVAL = "approval"
    YOUNG_CARERS = "young_carers"


class BuddyDecision(UuidPrimaryKey, Base):
    """A coordinator approving (or withdrawing approval of) a buddy, or clearing them for young carers.

    Rows are only added; the highest ``sequence`` of each kind is the current decision, the rest is
    the history.
    """

    __tablename__ = "buddy_decisions"

    membership_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"))
    kind: Mapped[DecisionKind] = mapped_column(_enum(DecisionKind, "decision_kind", 20))
    sequence: Mapped[int]  # 1, 2, … per buddy and kind: the highest is current
    granted: Mapped[bool]
    note: Mapped[str] = mapped_column(String(500), default="")
    decided_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime]

    # Two coordinators deciding at the same moment cannot both write the same next decision.
    __table_args__ = (UniqueConstraint("membership_id", "kind", "sequence"),)


class DebriefUrgency(enum.StrEnum):
    """How soon a buddy would like to talk something through."""

    TODAY = "today"
    THIS_WEEK = "this_week"
    WHENEVER = "whenever"


class SessionKind(enum.StrEnum):
    """What kind of session a coordinator held with a buddy."""

    SUPERVISION = "supervision"
    DEBRIEF = "debrief"
    GROUP_SUPERVISION = "group_supervision"


class SupervisionSession(UuidPrimaryKey, Base):
    """A supervision or debrief session a coordinator held with a buddy (issue 13).

    ``notes`` are private to the organisation's coordinators: never shown to the buddy or anyone
    else, never logged, never in a notification; every coordinator's read of them is audited.
    """

    __tablename__ = "supervision_sessions"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    membership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("memberships.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[SessionKind] = mapped_column(_enum(SessionKind, "supervision_kind", 20))
    held_on: Mapped[date]
    duration_minutes: Mapped[int]
    notes: Mapped[str] = mapped_column(String(4000), default="")
    recorded_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime]


class DebriefRequest(UuidPrimaryKey, Base):
    """A buddy asked to talk something through: on the coordinators' attention list until taken up.

    ``note`` is the buddy's own words for the coordinators (never in a notification or a log).
    ``idempotency_key`` makes a retried request (offline, a double tap) the same request.
    """

    __tablename__ = "debrief_requests"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    membership_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("memberships.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    urgency: Mapped[DebriefUrgency] = mapped_column(_enum(DebriefUrgency, "debrief_urgency", 20))
    note: Mapped[str] = mapped_column(String(2000), default="")
    idempotency_key: Mapped[str | None] = mapped_column(String(80))
    asked_at: Mapped[datetime]
    taken_up_at: Mapped[datetime | None]
    taken_up_by_user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    taken_up_note: Mapped[str | None] = mapped_column(String(1000))
    session_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("supervision_sessions.id", ondelete="SET NULL")
    )

    __table_args__ = (
        UniqueConstraint("membership_id", "idempotency_key"),
        Index("ix_debrief_requests_open", "organisation_id", "taken_up_at"),
    )
