"""Request and response shapes of the profiles API (profiles, screening, health-data consent)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

import msgspec

from carerlink.kit.schema import Line, LocalTime, MultiLine, Schema, whole
from carerlink.profiles.models import DebriefUrgency, SessionKind
from carerlink.profiles.vocabulary import (
    CarerCategory,
    CaringStatus,
    CheckType,
    ContactMode,
    Culture,
    Day,
    DayPart,
    Faith,
    Gender,
    HelpWith,
    HoursBand,
    JourneyStage,
    MentalHealthNeed,
    Need,
    Region,
    Relationship,
    Strength,
)

LanguageCode = Annotated[
    str,
    msgspec.Meta(
        pattern=whole(r"[a-z]{2,3}"),
        description="An ISO 639 language code from the list carerlink knows (en, cy, ur, pl, bfi…)",
        examples=["en"],
    ),
]
PostcodeDistrict = Annotated[
    str,
    msgspec.Meta(
        pattern=whole(r"[A-Za-z]{1,2}[0-9][A-Za-z0-9]?"),
        description="The first half of a UK postcode",
        examples=["SE5"],
    ),
]
ShortText = Annotated[MultiLine, msgspec.Meta(max_length=500)]
CourseName = Annotated[Line, msgspec.Meta(min_length=2, max_length=120)]
YearsCaring = Annotated[int, msgspec.Meta(ge=0, le=80)]
Capacity = Annotated[int, msgspec.Meta(ge=1, le=5, description="How many carers at once (1-5)")]


class AvailabilitySlot(Schema):
    """A part of a day in the week when someone is usually free (their local time)."""

    day: Day
    part: DayPart


Availability = Annotated[list[AvailabilitySlot], msgspec.Meta(max_length=21)]


class GenderPreference(Schema):
    """The genders a carer would like their buddy to be, and how much it matters."""

    genders: Annotated[list[Gender], msgspec.Meta(min_length=1, max_length=3)]
    strength: Strength


class BuddyPreferences(Schema):
    """A carer's optional wishes for a buddy: each a "must" or "nice to have"."""

    gender: GenderPreference | None = None
    shared_background: Strength | None = None
    same_language: Strength | None = None


class CarerProfileWrite(Schema):
    """My caring situation (needs only with my health-data consent)."""

    relationships: Annotated[list[Relationship], msgspec.Meta(min_length=1, max_length=8)]
    co_resident: bool
    hours_band: HoursBand
    journey_stage: JourneyStage
    years_caring: YearsCaring
    carer_category: CarerCategory
    languages: Annotated[list[LanguageCode], msgspec.Meta(min_length=1, max_length=6)]
    preferred_language: LanguageCode
    contact_modes: Annotated[list[ContactMode], msgspec.Meta(min_length=1, max_length=4)]
    needs: Annotated[list[Need], msgspec.Meta(max_length=10)] = msgspec.field(default_factory=list)
    mental_health_needs: Annotated[list[MentalHealthNeed], msgspec.Meta(max_length=6)] = msgspec.field(
        default_factory=list
    )
    under_18: bool = False
    interpreter_needed: bool = False
    postcode_district: PostcodeDistrict | None = None
    region: Region | None = None
    availability: Availability = msgspec.field(default_factory=list)
    help_with: Annotated[list[HelpWith], msgspec.Meta(max_length=9)] = msgspec.field(default_factory=list)
    help_note: ShortText = ""
    cultures: Annotated[list[Culture], msgspec.Meta(max_length=3)] = msgspec.field(default_factory=list)
    faith: Faith | None = None
    preferences: BuddyPreferences = msgspec.field(default_factory=BuddyPreferences)


class CarerProfileRead(Schema):
    """A carer's profile; ``needs_shared`` says whether health data may be kept (their consent)."""

    membership_id: uuid.UUID
    user_id: uuid.UUID
    display_name: str
    relationships: list[Relationship]
    needs: list[Need]
    mental_health_needs: list[MentalHealthNeed]
    needs_shared: bool
    co_resident: bool
    hours_band: HoursBand
    journey_stage: JourneyStage
    years_caring: int
    carer_category: CarerCategory
    under_18: bool
    languages: list[str]
    preferred_language: str
    interpreter_needed: bool
    postcode_district: str | None
    region: Region | None
    contact_modes: list[ContactMode]
    availability: list[AvailabilitySlot]
    help_with: list[HelpWith]
    help_note: str
    cultures: list[Culture]
    faith: Faith | None
    preferences: BuddyPreferences
    updated_at: datetime
    entered_by_name: str | None = None  # the coordinator who last filled it in with the carer
    entered_at: datetime | None = None


class QuietHours(Schema):
    """Quiet hours a buddy set on the profile before they moved to notification settings (local time)."""

    start: LocalTime
    end: LocalTime


class BuddyProfileWrite(Schema):
    """My experience of caring and how I can help, capacity included (pausing has its own request).

    ``confirmed_adult`` ("I am 18 or over") must be sent every time, so no client can drop it by
    leaving it out; ``needs`` only with my buddy health-data consent.
    """

    relationships: Annotated[list[Relationship], msgspec.Meta(min_length=1, max_length=8)]
    caring_status: CaringStatus
    confirmed_adult: bool
    years_caring: YearsCaring
    languages: Annotated[list[LanguageCode], msgspec.Meta(min_length=1, max_length=6)]
    contact_modes: Annotated[list[ContactMode], msgspec.Meta(min_length=1, max_length=4)]
    journey_stage: JourneyStage | None = None
    needs: Annotated[list[Need], msgspec.Meta(max_length=10)] = msgspec.field(default_factory=list)
    mental_health_needs: Annotated[list[MentalHealthNeed], msgspec.Meta(max_length=6)] = msgspec.field(
        default_factory=list
    )
    postcode_district: PostcodeDistrict | None = None
    region: Region | None = None
    availability: Availability = msgspec.field(default_factory=list)
    gender: Gender | None = None
    cultures: Annotated[list[Culture], msgspec.Meta(max_length=3)] = msgspec.field(default_factory=list)
    faith: Faith | None = None
    about_me: ShortText = ""
    capacity: Capacity = 2


class VerbalConsent(Schema):
    """Health-data consent given out loud during an assessment (issue 16).

    ``version`` is the version of the words the coordinator read out (it must be the current one);
    ``agreed`` that the person said yes to them.
    """

    version: Annotated[str, msgspec.Meta(min_length=1, max_length=40, pattern=whole(r"[a-z0-9-]+"))]
    agreed: bool


class CarerProfileEntry(CarerProfileWrite):
    """A carer's profile filled in with them by a coordinator, with their spoken health-data consent.

    The same answers as the carer's own form. Needs of the person they care for only with the carer's
    consent: already given, or given now (``health_consent``: the coordinator read the current words
    and the carer agreed).
    """

    health_consent: VerbalConsent | None = None


class BuddyProfileEntry(Schema):
    """A buddy's profile filled in with them by a coordinator (issue 16).

    The buddy's own answers except "I'm 18 or over" and how many carers they support, which stay
    theirs to say; needs only with their consent, already given or given now (``health_consent``).
    """

    relationships: Annotated[list[Relationship], msgspec.Meta(min_length=1, max_length=8)]
    caring_status: CaringStatus
    years_caring: YearsCaring
    languages: Annotated[list[LanguageCode], msgspec.Meta(min_length=1, max_length=6)]
    contact_modes: Annotated[list[ContactMode], msgspec.Meta(min_length=1, max_length=4)]
    journey_stage: JourneyStage | None = None
    needs: Annotated[list[Need], msgspec.Meta(max_length=10)] = msgspec.field(default_factory=list)
    mental_health_needs: Annotated[list[MentalHealthNeed], msgspec.Meta(max_length=6)] = msgspec.field(
        default_factory=list
    )
    postcode_district: PostcodeDistrict | None = None
    region: Region | None = None
    availability: Availability = msgspec.field(default_factory=list)
    gender: Gender | None = None
    cultures: Annotated[list[Culture], msgspec.Meta(max_length=3)] = msgspec.field(default_factory=list)
    faith: Faith | None = None
    about_me: ShortText = ""
    health_consent: VerbalConsent | None = None


class BuddyWellbeingUpdate(Schema):
    """Pause new matches, change how many carers I support (fields left out stay).

    ``paused_until`` is the organisation's date I'm available again (the pause ends by itself that
    day); null pauses with no end date; a date alone pauses; resuming (``paused`` false) clears it.
    Quiet hours are set in notification preferences; ``earlier_quiet_hours: null`` clears the ones
    left on the profile from before (the buddy has read the note about them).
    """

    paused: bool | msgspec.UnsetType = msgspec.UNSET
    paused_until: date | msgspec.UnsetType | None = msgspec.UNSET
    capacity: Capacity | msgspec.UnsetType = msgspec.UNSET
    earlier_quiet_hours: msgspec.UnsetType | None = msgspec.UNSET


class BuddyProfileRead(Schema):
    """A buddy's profile; ``needs_shared`` says whether health data may be kept (their consent)."""

    membership_id: uuid.UUID
    user_id: uuid.UUID
    display_name: str
    relationships: list[Relationship]
    needs: list[Need]
    mental_health_needs: list[MentalHealthNeed]
    needs_shared: bool
    confirmed_adult: bool
    caring_status: CaringStatus
    journey_stage: JourneyStage
    years_caring: int
    languages: list[str]
    postcode_district: str | None
    region: Region | None
    contact_modes: list[ContactMode]
    availability: list[AvailabilitySlot]
    gender: Gender | None
    cultures: list[Culture]
    faith: Faith | None
    about_me: str
    capacity: int
    places_taken: int
    # The pause holds today; ``paused_until`` is when it ends by itself (null: until I resume, or not paused).
    paused: bool
    paused_until: date | None
    # Quiet hours set on this profile before they moved to notification preferences, and not moved
    # because the person has another role too (or had other quiet hours there): shown as a note asking
    # them to set quiet hours in notification settings; null for everyone else. Never honoured.
    earlier_quiet_hours: QuietHours | None
    updated_at: datetime
    entered_by_name: str | None = None  # the coordinator who last filled it in with the buddy
    entered_at: datetime | None = None


class HealthConsentUpdate(Schema):
    """Agree (or stop agreeing) to the organisation keeping broad health information for matching."""

    agree: bool


class HealthConsentRead(Schema):
    """Whether I agree, to which words; withdrawing deletes the needs from my profile at once."""

    agreed: bool
    version: str
    text: str
    given_at: datetime | None
    method: str | None = None  # how it was given: "in_app", "verbal" (read out by a coordinator), "imported"
    recorded_by_name: str | None = None  # the coordinator who recorded it, when not the person
    taken_by_name: str | None = (
        None  # who took it before carerlink, as the centre's spreadsheet says (imported)
    )


class TrainingCourseCreate(Schema):
    """A course buddies take; ``valid_months`` left out means it never runs out."""

    name: CourseName
    required: bool
    description: ShortText = ""
    valid_months: Annotated[int, msgspec.Meta(ge=1, le=120)] | None = None


class TrainingCourseUpdate(Schema):
    """Changes to a course; ``retired`` stops it counting (its records stay)."""

    name: CourseName | msgspec.UnsetType = msgspec.UNSET
    description: ShortText | msgspec.UnsetType = msgspec.UNSET
    required: bool | msgspec.UnsetType = msgspec.UNSET
    valid_months: Annotated[int, msgspec.Meta(ge=1, le=120)] | msgspec.UnsetType | None = msgspec.UNSET
    retired: bool | msgspec.UnsetType = msgspec.UNSET


class TrainingCourseRead(Schema):
    """A course of the organisation."""

    id: uuid.UUID
    name: str
    description: str
    required: bool
    valid_months: int | None
    retired: bool


class TrainingRecordCreate(Schema):
    """A buddy completed a course."""

    course_id: uuid.UUID
    completed_on: date


class SafeguardingCheckCreate(Schema):
    """A safeguarding check the coordinator has seen."""

    check_type: CheckType
    reference: Annotated[str, msgspec.Meta(min_length=1, max_length=40, pattern=whole(r"[A-Za-z0-9 /-]+"))]
    issued_on: date
    recheck_due: date


class DecisionUpdate(Schema):
    """Approve a buddy or withdraw approval; clear them for young carers or not."""

    granted: bool
    note: ShortText = ""


class ReasonRead(Schema):
    """Why a buddy cannot be matched yet."""

    code: str
    message: str


class CourseStatusRead(Schema):
    """Where a buddy stands on one course."""

    course_id: uuid.UUID
    name: str
    required: bool
    state: str
    completed_on: date | None
    expires_on: date | None
    record_id: uuid.UUID | None


class CheckRead(Schema):
    """The latest safeguarding check recorded."""

    id: uuid.UUID
    check_type: CheckType
    reference: str
    issued_on: date
    recheck_due: date
    state: str
    recorded_at: datetime


class ScreeningRead(Schema):
    """A buddy's screening and whether they can be matched now (derived, with the reasons why not)."""

    membership_id: uuid.UUID
    user_id: uuid.UUID
    display_name: str
    matchable: bool
    reasons: list[ReasonRead]
    has_profile: bool
    approved: bool
    young_carers_cleared: bool
    paused: bool
    paused_until: date | None
    capacity: int
    places_taken: int
    courses: list[CourseStatusRead]
    check: CheckRead | None


class BuddySummaryRead(Schema):
    """One buddy in the coordinators' list."""

    membership_id: uuid.UUID
    user_id: uuid.UUID
    display_name: str
    matchable: bool
    reasons: list[ReasonRead]
    capacity: int
    places_taken: int
    paused: bool
    paused_until: date | None
    recheck_due: date | None
    # The check runs out within the organisation's warning window (settings.recheck_warning_days), or has.
    recheck_soon: bool = False
    # Supervision (issue 13): the last supervision or group supervision, when the next is due (approved
    # buddies only; None otherwise) and whether that date has passed.
    last_supervised_on: date | None = None
    supervision_due_on: date | None = None
    supervision_overdue: bool = False


class RecheckDueRead(Schema):
    """A safeguarding check due (or overdue) for renewal."""

    membership_id: uuid.UUID
    user_id: uuid.UUID
    display_name: str
    check_type: CheckType
    recheck_due: date
    days_left: int


class DebriefCreate(Schema):
    """A buddy asks to talk something through with a coordinator."""

    urgency: Annotated[
        DebriefUrgency,
        msgspec.Meta(description="today (today if possible), this_week, or whenever (whenever suits)"),
    ]
    note: Annotated[MultiLine, msgspec.Meta(max_length=2000)] = ""


class DebriefSessionCreate(Schema):
    """The debrief conversation itself, recorded when a coordinator takes a request up (optional)."""

    held_on: date
    duration_minutes: Annotated[int, msgspec.Meta(ge=5, le=480)]
    notes: Annotated[MultiLine, msgspec.Meta(max_length=4000)] = ""


class DebriefTakeUp(Schema):
    """A coordinator takes a debrief request up; optionally what was arranged and the session held."""

    note: Annotated[MultiLine, msgspec.Meta(max_length=1000)] = ""
    session: DebriefSessionCreate | None = None


class DebriefRead(Schema):
    """A buddy's request to talk something through, and whether (when, by whom) it was taken up.

    The buddy sees their own; coordinators see every request of the organisation. ``taken_up_note`` is
    the coordinator's record and is shown to coordinators only (always ``None`` for the buddy).
    """

    id: uuid.UUID
    buddy_membership_id: uuid.UUID
    buddy_name: str
    urgency: DebriefUrgency
    note: str
    asked_at: datetime
    taken_up_at: datetime | None
    taken_up_by_name: str | None
    taken_up_note: str | None = None
    session_held_on: date | None = None


class SupervisionSessionCreate(Schema):
    """A supervision or debrief session a coordinator held with a buddy."""

    kind: SessionKind
    held_on: date
    duration_minutes: Annotated[int, msgspec.Meta(ge=5, le=480, description="How long it lasted, in minutes")]
    notes: Annotated[
        MultiLine,
        msgspec.Meta(max_length=4000, description="Private: only the centre's coordinators read them"),
    ] = ""


class SupervisionSessionRead(Schema):
    """A session as coordinators see it, with the private notes."""

    id: uuid.UUID
    kind: SessionKind
    held_on: date
    duration_minutes: int
    notes: str
    recorded_by_name: str | None
    recorded_at: datetime


class BuddySupervisionRead(Schema):
    """A buddy's supervision as coordinators see it (the read is audited)."""

    membership_id: uuid.UUID
    display_name: str
    every_weeks: int
    approved: bool
    last_supervised_on: date | None
    supervision_due_on: date | None
    supervision_overdue: bool
    sessions: list[SupervisionSessionRead]
    open_debriefs: list[DebriefRead]


class MySessionRead(Schema):
    """A session as the buddy sees it: that it happened, never the notes."""

    kind: SessionKind
    held_on: date
    duration_minutes: int


class MySupervisionRead(Schema):
    """My supervision as a buddy: the sessions I had (dates and kinds only)."""

    last_supervised_on: date | None
    sessions: list[MySessionRead]
