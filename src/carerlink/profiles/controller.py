"""HTTP routes of profiles: my own profile and consent, coordinators' reads, and buddy screening."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec
from litestar import Controller, delete, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter

from carerlink.actor import Role
from carerlink.http.params import IdempotencyHeader
from carerlink.i18n import _
from carerlink.organisations.consents import CURRENT
from carerlink.organisations.models import Consent, ConsentKind
from carerlink.organisations.scope import Scope
from carerlink.profiles import service
from carerlink.profiles.models import DecisionKind, TrainingCourse
from carerlink.profiles.schemas import (
    BuddyPreferences,
    BuddyProfileEntry,
    BuddyProfileRead,
    BuddyProfileWrite,
    BuddySummaryRead,
    BuddySupervisionRead,
    BuddyWellbeingUpdate,
    CarerProfileEntry,
    CarerProfileRead,
    CarerProfileWrite,
    CheckRead,
    CourseStatusRead,
    DebriefCreate,
    DebriefRead,
    DebriefTakeUp,
    DecisionUpdate,
    HealthConsentRead,
    HealthConsentUpdate,
    MySessionRead,
    MySupervisionRead,
    QuietHours,
    ReasonRead,
    RecheckDueRead,
    SafeguardingCheckCreate,
    ScreeningRead,
    SupervisionSessionCreate,
    SupervisionSessionRead,
    TrainingCourseCreate,
    TrainingCourseRead,
    TrainingCourseUpdate,
    TrainingRecordCreate,
)
from carerlink.profiles.vocabulary import MentalHealthNeed, Need, Relationship


def carer_profile_read(view: service.CarerProfileView) -> CarerProfileRead:
    """A carer profile as the API shows it (needs only with consent)."""
    p = view.profile
    return CarerProfileRead(
        membership_id=p.membership_id,
        user_id=p.user_id,
        display_name=view.display_name,
        relationships=[Relationship(r) for r in p.relationships],
        needs=[Need(n) for n in view.needs],
        mental_health_needs=[MentalHealthNeed(m) for m in view.mental_health_needs],
        needs_shared=view.needs_shared,
        co_resident=p.co_resident,
        hours_band=p.hours_band,
        journey_stage=p.journey_stage,
        years_caring=p.years_caring,
        carer_category=p.carer_category,
        under_18=p.under_18,
        languages=list(p.languages),
        preferred_language=p.preferred_language,
        interpreter_needed=p.interpreter_needed,
        postcode_district=p.postcode_district,
        region=p.region,
        contact_modes=list(p.contact_modes),
        availability=service.availability_slots(p.availability),
        help_with=list(p.help_with),
        help_note=p.help_note,
        cultures=list(p.cultures),
        faith=p.faith,
        preferences=msgspec.convert(p.preferences, BuddyPreferences),
        updated_at=p.updated_at,
        entered_by_name=view.entered_by_name if p.entered_by_user_id else None,
        entered_at=p.entered_at,
    )


def buddy_profile_read(view: service.BuddyProfileView) -> BuddyProfileRead:
    """A buddy profile as the API shows it (needs only with consent)."""
    p = view.profile
    earlier = view.earlier_quiet_hours
    return BuddyProfileRead(
        membership_id=p.membership_id,
        user_id=p.user_id,
        display_name=view.display_name,
        relationships=list(p.relationships),
        needs=[Need(n) for n in view.needs],
        mental_health_needs=[MentalHealthNeed(m) for m in view.mental_health_needs],
        needs_shared=view.needs_shared,
        confirmed_adult=p.confirmed_adult,
        caring_status=p.caring_status,
        journey_stage=p.journey_stage,
        years_caring=p.years_caring,
        languages=list(p.languages),
        postcode_district=p.postcode_district,
        region=p.region,
        contact_modes=list(p.contact_modes),
        availability=service.availability_slots(p.availability),
        gender=p.gender,
        cultures=list(p.cultures),
        faith=p.faith,
        about_me=p.about_me,
        capacity=p.capacity,
        places_taken=p.places_taken,
        paused=view.paused,
        paused_until=view.paused_until,
        earlier_quiet_hours=QuietHours(start=earlier[0], end=earlier[1]) if earlier else None,
        updated_at=p.updated_at,
        entered_by_name=view.entered_by_name if p.entered_by_user_id else None,
        entered_at=p.entered_at,
    )


def screening_read(screening: service.BuddyScreening) -> ScreeningRead:
    """A buddy's screening as the API shows it."""
    a, profile, check = screening.assessment, screening.profile, screening.check
    return ScreeningRead(
        membership_id=screening.membership.id,
        user_id=screening.membership.user_id,
        display_name=screening.display_name,
        matchable=a.matchable,
        reasons=[ReasonRead(code=r.code, message=r.message) for r in a.reasons],
        has_profile=profile is not None,
        approved=a.approved,
        young_carers_cleared=a.young_carers_cleared,
        paused=a.paused,
        paused_until=a.paused_until,
        capacity=profile.capacity if profile else 0,
        places_taken=profile.places_taken if profile else 0,
        courses=[
            CourseStatusRead(
                course_id=s.course.id,
                name=s.course.name,
                required=s.course.required,
                state=s.state,
                completed_on=s.completed_on,
                expires_on=s.expires_on,
                record_id=screening.records[s.course.id].id if s.course.id in screening.records else None,
            )
            for s in a.courses
        ],
        check=CheckRead(
            id=check.id,
            check_type=check.check_type,
            reference=check.reference,
            issued_on=check.issued_on,
            recheck_due=check.recheck_due,
            state=a.check_state,
            recorded_at=check.recorded_at,
        )
        if check is not None
        else None,
    )


def course_read(course: TrainingCourse) -> TrainingCourseRead:
    """A training course as the API shows it."""
    return TrainingCourseRead(
        id=course.id,
        name=course.name,
        description=course.description,
        required=course.required,
        valid_months=course.valid_months,
        retired=course.retired_at is not None,
    )


def health_consent_read(
    given_at: datetime | None, kind: ConsentKind = ConsentKind.HEALTH_DATA
) -> HealthConsentRead:
    """Whether a health-data consent is given, with the words the person agrees to."""
    version, text = CURRENT[kind]
    return HealthConsentRead(agreed=given_at is not None, version=version, text=text, given_at=given_at)


def buddy_summary_read(
    b: service.BuddyScreening, supervised: service.supervision.SupervisionStatus | None = None
) -> BuddySummaryRead:
    """One line of the coordinators' list of buddies."""
    return BuddySummaryRead(
        membership_id=b.membership.id,
        user_id=b.membership.user_id,
        display_name=b.display_name,
        matchable=b.assessment.matchable,
        reasons=[ReasonRead(code=r.code, message=r.message) for r in b.assessment.reasons],
        capacity=b.profile.capacity if b.profile else 0,
        places_taken=b.profile.places_taken if b.profile else 0,
        paused=b.assessment.paused,
        paused_until=b.assessment.paused_until,
        recheck_due=b.check.recheck_due if b.check else None,
        recheck_soon=b.recheck_soon,
        last_supervised_on=supervised.last_supervised_on if supervised else None,
        supervision_due_on=supervised.due_on if supervised else None,
        supervision_overdue=supervised.overdue if supervised else False,
    )


def recheck_due_read(b: service.BuddyScreening, days_left: int) -> RecheckDueRead:
    """A buddy whose check is due for renewal, with the days left (negative: overdue)."""
    assert b.check is not None  # only buddies with a check are due
    return RecheckDueRead(
        membership_id=b.membership.id,
        user_id=b.membership.user_id,
        display_name=b.display_name,
        check_type=b.check.check_type,
        recheck_due=b.check.recheck_due,
        days_left=days_left,
    )


class MyProfileController(Controller):
    """My own carer or buddy profile, my health-data consent, and (buddies) my screening."""

    path = "/api/v1/orgs/{org:str}/me"
    tags = ["Profiles"]

    @get("/carer-profile", operation_id="getMyCarerProfile", summary="My carer profile")
    async def get_carer_profile(self, org_scope: NamedDependency[Scope]) -> CarerProfileRead:
        """My caring situation and wishes; 404 until I have filled it in."""
        return carer_profile_read(await service.carers.get_my_carer_profile(org_scope))

    @put("/carer-profile", operation_id="saveMyCarerProfile", summary="Fill in or change my carer profile")
    async def save_carer_profile(
        self, org_scope: NamedDependency[Scope], data: JSONBody[CarerProfileWrite]
    ) -> CarerProfileRead:
        """The whole profile; needs of the person I care for only with my health-data consent."""
        return carer_profile_read(await service.carers.save_my_carer_profile(org_scope, data=data))

    @get("/health-data-consent", operation_id="getMyHealthConsent", summary="My health-data consent")
    async def get_health_consent(self, org_scope: NamedDependency[Scope]) -> HealthConsentRead:
        """Whether I agree to the organisation keeping broad health information, how I did, and the words."""
        found = await service.consent.health_consent_of(org_scope)
        return recorded_consent_read(found, ConsentKind.HEALTH_DATA)

    @put(
        "/health-data-consent",
        operation_id="setMyHealthConsent",
        summary="Agree, or stop agreeing, to keeping health information",
    )
    async def set_health_consent(
        self, org_scope: NamedDependency[Scope], data: JSONBody[HealthConsentUpdate]
    ) -> HealthConsentRead:
        """Withdrawing deletes the needs from my profile straight away."""
        agreed = await service.consent.set_health_consent(org_scope, agree=data.agree)
        return health_consent_read(org_scope.now if agreed else None)

    @get("/buddy-profile", operation_id="getMyBuddyProfile", summary="My buddy profile")
    async def get_buddy_profile(self, org_scope: NamedDependency[Scope]) -> BuddyProfileRead:
        """My experience of caring and how I help; 404 until I have filled it in."""
        return buddy_profile_read(await service.buddies.get_my_buddy_profile(org_scope))

    @put("/buddy-profile", operation_id="saveMyBuddyProfile", summary="Fill in or change my buddy profile")
    async def save_buddy_profile(
        self, org_scope: NamedDependency[Scope], data: JSONBody[BuddyProfileWrite]
    ) -> BuddyProfileRead:
        """The whole profile; needs of the person I cared for only with my health-data consent."""
        return buddy_profile_read(await service.buddies.save_my_buddy_profile(org_scope, data=data))

    @get(
        "/buddy-profile/health-data-consent",
        operation_id="getMyBuddyHealthConsent",
        summary="My health-data consent as a buddy",
    )
    async def get_buddy_health_consent(self, org_scope: NamedDependency[Scope]) -> HealthConsentRead:
        """Whether I agree to the needs of the person I cared for being kept and shown, and the words."""
        found = await service.consent.health_consent_of(org_scope, role=Role.BUDDY)
        return recorded_consent_read(found, ConsentKind.BUDDY_HEALTH_DATA)

    @put(
        "/buddy-profile/health-data-consent",
        operation_id="setMyBuddyHealthConsent",
        summary="As a buddy, agree, or stop agreeing, to keeping health information",
    )
    async def set_buddy_health_consent(
        self, org_scope: NamedDependency[Scope], data: JSONBody[HealthConsentUpdate]
    ) -> HealthConsentRead:
        """Withdrawing deletes the needs from my buddy profile at once (a carer's consent is separate)."""
        agreed = await service.consent.set_health_consent(org_scope, agree=data.agree, role=Role.BUDDY)
        return health_consent_read(org_scope.now if agreed else None, ConsentKind.BUDDY_HEALTH_DATA)

    @patch(
        "/buddy-profile/wellbeing",
        operation_id="updateMyBuddyWellbeing",
        summary="Pause new matches (until a date, or until I resume) or change my capacity",
    )
    async def update_wellbeing(
        self, org_scope: NamedDependency[Scope], data: JSONBody[BuddyWellbeingUpdate]
    ) -> BuddyProfileRead:
        """Mine alone to change; lowering capacity never drops anyone I already support."""
        return buddy_profile_read(await service.buddies.update_my_wellbeing(org_scope, data=data))

    @get("/screening", operation_id="getMyScreening", summary="My screening as a buddy")
    async def get_screening(self, org_scope: NamedDependency[Scope]) -> ScreeningRead:
        """Training, checks and approval, and what still stands in the way of being matched."""
        return screening_read(await service.buddy_screening.get_my_screening(org_scope))


def recorded_consent_read(found: tuple[Consent | None, str | None], kind: ConsentKind) -> HealthConsentRead:
    """A health-data consent with how it was given, who took it and who recorded it (issue 16)."""
    consent, recorded_by = found
    version, text = CURRENT[kind]
    return HealthConsentRead(
        agreed=consent is not None,
        version=version,
        text=text,
        given_at=consent.given_at if consent else None,
        method=consent.method.value if consent else None,
        recorded_by_name=recorded_by,
        taken_by_name=consent.taken_by_name if consent else None,
    )


class ProfileController(Controller):
    """Coordinators: reading carers' and buddies' profiles (audited), and filling them in with the person."""

    path = "/api/v1/orgs/{org:str}"
    tags = ["Profiles"]

    @get(
        "/carers/{membership_id:uuid}/profile",
        operation_id="getCarerProfile",
        summary="A carer's profile (coordinators)",
    )
    async def get_carer_profile(
        self, org_scope: NamedDependency[Scope], membership_id: FromPath[uuid.UUID]
    ) -> CarerProfileRead:
        """The read is written to the audit log."""
        return carer_profile_read(
            await service.carers.read_carer_profile(org_scope, membership_id=membership_id)
        )

    @get(
        "/buddies/{membership_id:uuid}/profile",
        operation_id="getBuddyProfile",
        summary="A buddy's profile (coordinators)",
    )
    async def get_buddy_profile(
        self, org_scope: NamedDependency[Scope], membership_id: FromPath[uuid.UUID]
    ) -> BuddyProfileRead:
        """The read is written to the audit log."""
        return buddy_profile_read(
            await service.buddies.read_buddy_profile(org_scope, membership_id=membership_id)
        )

    @put(
        "/carers/{membership_id:uuid}/profile",
        operation_id="enterCarerProfile",
        summary="Fill in or change a carer's profile with them (coordinators)",
    )
    async def enter_carer_profile(
        self,
        org_scope: NamedDependency[Scope],
        membership_id: FromPath[uuid.UUID],
        data: JSONBody[CarerProfileEntry],
    ) -> CarerProfileRead:
        """Recorded as filled in with them; needs only with their consent, given before or out loud now."""
        return carer_profile_read(
            await service.on_behalf.enter_carer_profile(org_scope, membership_id=membership_id, data=data)
        )

    @put(
        "/buddies/{membership_id:uuid}/profile",
        operation_id="enterBuddyProfile",
        summary="Fill in or change a buddy's profile with them (coordinators)",
    )
    async def enter_buddy_profile(
        self,
        org_scope: NamedDependency[Scope],
        membership_id: FromPath[uuid.UUID],
        data: JSONBody[BuddyProfileEntry],
    ) -> BuddyProfileRead:
        """Recorded as filled in with them; "I'm 18 or over" and capacity stay the buddy's to say."""
        return buddy_profile_read(
            await service.on_behalf.enter_buddy_profile(org_scope, membership_id=membership_id, data=data)
        )

    @get(
        "/carers/{membership_id:uuid}/health-data-consent",
        operation_id="getCarerHealthConsent",
        summary="A carer's health-data consent and the words to read them (coordinators)",
    )
    async def get_carer_consent(
        self, org_scope: NamedDependency[Scope], membership_id: FromPath[uuid.UUID]
    ) -> HealthConsentRead:
        """Whether they agreed, how and when, and the current words; the read is audited."""
        found = await service.on_behalf.read_health_consent(
            org_scope, membership_id=membership_id, role=Role.CARER
        )
        return recorded_consent_read(found, ConsentKind.HEALTH_DATA)

    @get(
        "/buddies/{membership_id:uuid}/health-data-consent",
        operation_id="getBuddyHealthConsent",
        summary="A buddy's health-data consent and the words to read them (coordinators)",
    )
    async def get_buddy_consent(
        self, org_scope: NamedDependency[Scope], membership_id: FromPath[uuid.UUID]
    ) -> HealthConsentRead:
        """Whether they agreed, how and when, and the current words; the read is audited."""
        found = await service.on_behalf.read_health_consent(
            org_scope, membership_id=membership_id, role=Role.BUDDY
        )
        return recorded_consent_read(found, ConsentKind.BUDDY_HEALTH_DATA)


class ScreeningController(Controller):
    """Coordinators: training courses, training records, safeguarding checks and approval of buddies."""

    path = "/api/v1/orgs/{org:str}"
    tags = ["Screening"]

    @get("/buddies", operation_id="listBuddies", summary="Buddies and whether they can be matched")
    async def list_buddies(self, org_scope: NamedDependency[Scope]) -> list[BuddySummaryRead]:
        """Every active buddy, with the reasons any cannot be matched yet, and when supervision is due."""
        found = await service.supervision.list_buddies_with_supervision(org_scope)
        return [buddy_summary_read(b, supervised) for b, supervised in found]

    @get(
        "/buddies/{membership_id:uuid}/screening",
        operation_id="getBuddyScreening",
        summary="A buddy's screening (coordinators)",
    )
    async def get_screening(
        self, org_scope: NamedDependency[Scope], membership_id: FromPath[uuid.UUID]
    ) -> ScreeningRead:
        """Training, check, approval and whether they can be matched; the read is audited."""
        return screening_read(
            await service.buddy_screening.get_screening(org_scope, membership_id=membership_id)
        )

    @post(
        "/buddies/{membership_id:uuid}/training",
        operation_id="recordTraining",
        summary="Record a course a buddy completed (coordinators)",
    )
    async def record_training(
        self,
        org_scope: NamedDependency[Scope],
        membership_id: FromPath[uuid.UUID],
        data: JSONBody[TrainingRecordCreate],
    ) -> ScreeningRead:
        """The buddy's screening afterwards."""
        return screening_read(
            await service.checks.record_training(
                org_scope,
                membership_id=membership_id,
                course_id=data.course_id,
                completed_on=data.completed_on,
            )
        )

    @delete(
        "/buddies/{membership_id:uuid}/training/{record_id:uuid}",
        operation_id="deleteTrainingRecord",
        summary="Remove a training record made in error (coordinators)",
        status_code=200,
    )
    async def delete_training(
        self,
        org_scope: NamedDependency[Scope],
        membership_id: FromPath[uuid.UUID],
        record_id: FromPath[uuid.UUID],
    ) -> ScreeningRead:
        """The buddy's screening afterwards."""
        return screening_read(
            await service.checks.delete_training_record(
                org_scope, membership_id=membership_id, record_id=record_id
            )
        )

    @post(
        "/buddies/{membership_id:uuid}/checks",
        operation_id="recordSafeguardingCheck",
        summary="Record a buddy's safeguarding check (coordinators)",
    )
    async def record_check(
        self,
        org_scope: NamedDependency[Scope],
        membership_id: FromPath[uuid.UUID],
        data: JSONBody[SafeguardingCheckCreate],
    ) -> ScreeningRead:
        """The check issued last is the one that counts."""
        return screening_read(
            await service.checks.record_check(org_scope, membership_id=membership_id, data=data)
        )

    @put(
        "/buddies/{membership_id:uuid}/approval",
        operation_id="setBuddyApproval",
        summary="Approve a buddy or withdraw approval (coordinators)",
    )
    async def set_approval(
        self,
        org_scope: NamedDependency[Scope],
        membership_id: FromPath[uuid.UUID],
        data: JSONBody[DecisionUpdate],
    ) -> ScreeningRead:
        """Recorded with who and when; the history is kept."""
        return screening_read(
            await service.checks.decide(
                org_scope,
                membership_id=membership_id,
                kind=DecisionKind.APPROVAL,
                granted=data.granted,
                note=data.note,
            )
        )

    @put(
        "/buddies/{membership_id:uuid}/young-carers-clearance",
        operation_id="setYoungCarersClearance",
        summary="Clear a buddy for young carers, or not (coordinators)",
    )
    async def set_young_carers_clearance(
        self,
        org_scope: NamedDependency[Scope],
        membership_id: FromPath[uuid.UUID],
        data: JSONBody[DecisionUpdate],
    ) -> ScreeningRead:
        """Needs a current check covering work with children; young carers also need the programme on."""
        return screening_read(
            await service.checks.decide(
                org_scope,
                membership_id=membership_id,
                kind=DecisionKind.YOUNG_CARERS,
                granted=data.granted,
                note=data.note,
            )
        )

    @get("/rechecks-due", operation_id="listRechecksDue", summary="Safeguarding checks due for renewal")
    async def rechecks_due(
        self,
        org_scope: NamedDependency[Scope],
        within_days: Annotated[int | None, QueryParameter(ge=0, le=365)] = None,
    ) -> list[RecheckDueRead]:
        """Overdue first, then the soonest due within ``within_days`` (else the organisation's window)."""
        due = await service.buddy_screening.list_rechecks_due(org_scope, within_days=within_days)
        return [recheck_due_read(b, days) for b, days in due]

    @get("/training-courses", operation_id="listTrainingCourses", summary="Training courses (coordinators)")
    async def list_courses(self, org_scope: NamedDependency[Scope]) -> list[TrainingCourseRead]:
        """Current courses first, then retired ones."""
        return [course_read(c) for c in await service.checks.list_courses(org_scope)]

    @post("/training-courses", operation_id="createTrainingCourse", summary="Add a training course")
    async def create_course(
        self, org_scope: NamedDependency[Scope], data: JSONBody[TrainingCourseCreate]
    ) -> TrainingCourseRead:
        """Required courses must be complete and in date before a buddy can be matched."""
        return course_read(await service.checks.create_course(org_scope, data=data))

    @patch(
        "/training-courses/{course_id:uuid}",
        operation_id="updateTrainingCourse",
        summary="Change or retire a training course",
    )
    async def update_course(
        self,
        org_scope: NamedDependency[Scope],
        course_id: FromPath[uuid.UUID],
        data: JSONBody[TrainingCourseUpdate],
    ) -> TrainingCourseRead:
        """Fields left out stay as they are."""
        return course_read(await service.checks.update_course(org_scope, course_id=course_id, data=data))


def debrief_read(view: service.supervision.DebriefView) -> DebriefRead:
    """A request to talk as its viewer may see it (the coordinators' record only for coordinators)."""
    r = view.request
    return DebriefRead(
        id=r.id,
        buddy_membership_id=r.membership_id,
        buddy_name=view.buddy_name,
        urgency=r.urgency,
        note=r.note,
        asked_at=r.asked_at,
        taken_up_at=r.taken_up_at,
        taken_up_by_name=(view.taken_up_by_name or _("A coordinator")) if r.taken_up_at else None,
        taken_up_note=r.taken_up_note if view.for_coordinator else None,
        session_held_on=view.session_held_on,
    )


def buddy_supervision_read(found: service.supervision.BuddySupervision) -> BuddySupervisionRead:
    """A buddy's supervision as coordinators see it, with the sessions' private notes."""
    return BuddySupervisionRead(
        membership_id=found.membership_id,
        display_name=found.display_name,
        every_weeks=found.every_weeks,
        approved=found.status.approved_on is not None,
        last_supervised_on=found.status.last_supervised_on,
        supervision_due_on=found.status.due_on,
        supervision_overdue=found.status.overdue,
        sessions=[
            SupervisionSessionRead(
                id=v.session.id,
                kind=v.session.kind,
                held_on=v.session.held_on,
                duration_minutes=v.session.duration_minutes,
                notes=v.session.notes,
                recorded_by_name=v.recorded_by_name,
                recorded_at=v.session.recorded_at,
            )
            for v in found.sessions
        ],
        open_debriefs=[debrief_read(d) for d in found.open_debriefs],
    )


class SupervisionController(Controller):
    """Buddies are never the safety net alone: asks to talk something through, and supervision (issue 13)."""

    path = "/api/v1/orgs/{org:str}"
    tags = ["Supervision"]

    @post("/debriefs", operation_id="askForDebrief", summary="I'd like to talk something through (buddies)")
    async def ask(
        self,
        org_scope: NamedDependency[Scope],
        data: JSONBody[DebriefCreate],
        idempotency_key: IdempotencyHeader,
    ) -> DebriefRead:
        """Goes on the coordinators' attention list; they are told (never the note).

        A retry with the same Idempotency-Key returns the first request.
        """
        view = await service.supervision.ask_for_debrief(
            org_scope, data=data, idempotency_key=idempotency_key
        )
        return debrief_read(view)

    @get("/debriefs", operation_id="listDebriefs", summary="Asks to talk something through")
    async def list_debriefs(self, org_scope: NamedDependency[Scope]) -> list[DebriefRead]:
        """A buddy: their own, newest first. Coordinators: all, open ones first (the read is audited)."""
        return [debrief_read(v) for v in await service.supervision.list_debriefs(org_scope)]

    @get("/debriefs/{request_id:uuid}", operation_id="getDebrief", summary="One ask to talk")
    async def get_debrief(
        self, org_scope: NamedDependency[Scope], request_id: FromPath[uuid.UUID]
    ) -> DebriefRead:
        """The buddy who asked, or a coordinator (the read is audited)."""
        return debrief_read(await service.supervision.get_debrief(org_scope, request_id=request_id))

    @post(
        "/debriefs/{request_id:uuid}/take-up",
        operation_id="takeUpDebrief",
        summary="Take up an ask to talk, and optionally record the debrief (coordinators)",
        status_code=200,
    )
    async def take_up(
        self,
        org_scope: NamedDependency[Scope],
        request_id: FromPath[uuid.UUID],
        data: JSONBody[DebriefTakeUp],
    ) -> DebriefRead:
        """It leaves the attention list; the buddy sees who took it up and when, and is told."""
        view = await service.supervision.take_up_debrief(
            org_scope, request_id=request_id, note=data.note, session=data.session
        )
        return debrief_read(view)

    @get(
        "/buddies/{membership_id:uuid}/supervision",
        operation_id="getBuddySupervision",
        summary="A buddy's supervision and debrief sessions (coordinators)",
    )
    async def get_supervision(
        self, org_scope: NamedDependency[Scope], membership_id: FromPath[uuid.UUID]
    ) -> BuddySupervisionRead:
        """With the sessions' private notes; the read is audited."""
        return buddy_supervision_read(
            await service.supervision.get_buddy_supervision(org_scope, membership_id=membership_id)
        )

    @post(
        "/buddies/{membership_id:uuid}/supervision",
        operation_id="recordSupervisionSession",
        summary="Record a supervision or debrief session with a buddy (coordinators)",
    )
    async def record_session(
        self,
        org_scope: NamedDependency[Scope],
        membership_id: FromPath[uuid.UUID],
        data: JSONBody[SupervisionSessionCreate],
    ) -> BuddySupervisionRead:
        """The buddy's supervision afterwards; their asks to talk from before the session are taken up."""
        return buddy_supervision_read(
            await service.supervision.record_session(org_scope, membership_id=membership_id, data=data)
        )

    @get("/me/supervision", operation_id="getMySupervision", summary="My supervision sessions (buddies)")
    async def my_supervision(self, org_scope: NamedDependency[Scope]) -> MySupervisionRead:
        """That sessions happened (dates and kinds), never the coordinators' notes."""
        mine = await service.supervision.get_my_supervision(org_scope)
        return MySupervisionRead(
            last_supervised_on=mine.last_supervised_on,
            sessions=[
                MySessionRead(kind=s.kind, held_on=s.held_on, duration_minutes=s.duration_minutes)
                for s in mine.sessions
            ],
        )
