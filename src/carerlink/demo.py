"""Demo data: "Riverside Carers Centre" with a coordinator, four buddies and eight carers (all fictional).

Every carer and buddy has a full profile; the buddies have their training, checks and approval, so
suggestions and waiting-list drafts work at once. One pair is already matched (Sam and Helen), with
last week's check-in answered and replied to and the next one due within the hour; everyone else is
on the waiting list.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import service as accounts
from carerlink.accounts.models import User
from carerlink.actor import Actor, Role
from carerlink.checkins import service as checkins
from carerlink.checkins.models import ReplyKind
from carerlink.checkins.schedule import Frequency
from carerlink.concerns import service as concerns
from carerlink.concerns.models import Concern, ConcernCategory, ConcernStatus
from carerlink.hours import service as volunteer_hours
from carerlink.imports import service as imports
from carerlink.imports.models import ImportKind
from carerlink.mail import service as mail
from carerlink.mail.models import OutgoingMail
from carerlink.matching import service as matching
from carerlink.matching.models import EndReason, Match
from carerlink.messaging.models import Message, MessageReport
from carerlink.notifications.models import NotificationPreference
from carerlink.notifications.texts.models import InboundText
from carerlink.organisations import service as organisations
from carerlink.organisations.consents import CURRENT
from carerlink.organisations.models import Consent, ConsentKind, Membership, Organisation, Referral
from carerlink.organisations.schemas import OrganisationSettings
from carerlink.organisations.scope import Scope, open_scope
from carerlink.outcomes import service as outcomes
from carerlink.outcomes.models import AskPoint, AskState, EqualityAnswer, OutcomeAsk
from carerlink.privacy.erasure import service as erasure
from carerlink.privacy.export import service as data_copies
from carerlink.profiles import service as profiles
from carerlink.profiles.models import (
    BuddyDecision,
    DebriefRequest,
    DebriefUrgency,
    DecisionKind,
    SessionKind,
)
from carerlink.profiles.schemas import (
    AvailabilitySlot,
    BuddyPreferences,
    BuddyProfileWrite,
    CarerProfileEntry,
    CarerProfileWrite,
    GenderPreference,
    SafeguardingCheckCreate,
    SupervisionSessionCreate,
    TrainingCourseCreate,
)
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
from carerlink.safeguarding import service as safeguarding

DEMO_PASSWORD = "riverside-buddies"  # noqa: S105 - printed at start-up on purpose; demo refused in production
DEMO_ORGANISATION = ("Riverside Carers Centre", "riverside", "Europe/London")


@dataclass(frozen=True, slots=True)
class DemoPerson:
    """One fictional person of the demo organisation."""

    email: str
    name: str
    role: Role
    health_consent: bool = True
    waiting_days: int = 0


PEOPLE = [
    DemoPerson("coordinator@example.org", "Morgan Ellis", Role.COORDINATOR),
    DemoPerson("buddy1@example.org", "Priya Shah", Role.BUDDY),
    DemoPerson("buddy2@example.org", "Tom Okafor", Role.BUDDY),
    DemoPerson("buddy3@example.org", "Helen Wright", Role.BUDDY),
    DemoPerson("buddy4@example.org", "Daniel Hughes", Role.BUDDY),
    DemoPerson("carer1@example.org", "Alex Turner", Role.CARER, waiting_days=64),
    DemoPerson("carer2@example.org", "Fatima Begum", Role.CARER, waiting_days=41),
    DemoPerson("carer3@example.org", "Sam Clarke", Role.CARER, waiting_days=120),
    DemoPerson("carer4@example.org", "Janet Morris", Role.CARER, waiting_days=33),
    DemoPerson("carer5@example.org", "Kwame Mensah", Role.CARER, waiting_days=27),
    DemoPerson("carer6@example.org", "Ruth Evans", Role.CARER, health_consent=False, waiting_days=19),
    DemoPerson("carer7@example.org", "Leo Nowak", Role.CARER, waiting_days=12),
    DemoPerson("carer8@example.org", "Aisha Rahman", Role.CARER, waiting_days=6),
    DemoPerson("carer9@example.org", "Grace Lewis", Role.CARER, waiting_days=200),
]


async def is_empty(session: AsyncSession) -> bool:
    """Whether the database has no organisation yet."""
    return bool((await session.scalar(select(func.count()).select_from(Organisation))) == 0)


async def seed(session: AsyncSession, *, now: datetime) -> Organisation:
    """Create the demo organisation and its people, with consents, in the caller's transaction."""
    name, slug, zone = DEMO_ORGANISATION
    organisation = await organisations.create_organisation(
        session, name=name, slug=slug, time_zone=zone, now=now
    )
    for person in PEOPLE:
        user = await _demo_person(session, organisation, person, now=now)
        # Every demo buddy agrees to their lived experience being used, so suggestions work out of the box.
        health = {Role.CARER: ConsentKind.HEALTH_DATA, Role.BUDDY: ConsentKind.BUDDY_HEALTH_DATA}.get(
            person.role
        )
        kinds = [ConsentKind.TERMS] + ([health] if health is not None and person.health_consent else [])
        for kind in kinds:
            session.add(
                Consent(
                    user_id=user.id,
                    organisation_id=organisation.id,
                    kind=kind,
                    version=CURRENT[kind][0],
                    given_at=now,
                )
            )
    await session.flush()
    await _seed_profiles_and_screening(session, organisation, now)
    await _seed_phone_numbers(session, organisation, now=now)
    await _seed_crisis_path(session, organisation, now)
    await _seed_supervision(session, organisation, now=now)
    await _seed_concerns(session, organisation, now=now)
    await _seed_mail_refusals(session, organisation, now=now)
    await _seed_texts(session, organisation, now=now)
    await _seed_channels(session, organisation, now=now)
    await _seed_retention(session, organisation, now=now)
    await _seed_erasure(session, organisation, now=now)
    await _seed_messages(session, organisation, now=now)  # before the copies: Sam's holds his messages
    await _seed_exports(session, organisation, now=now)
    await _seed_profile_on_behalf(session, organisation, now=now)
    await _seed_outcomes(session, organisation, now=now)
    await _seed_hours(session, organisation, now=now)
    await _seed_imports(session, organisation, now=now)
    await _seed_languages(session, organisation, now=now)
    return organisation


async def _demo_person(
    session: AsyncSession, organisation: Organisation, person: DemoPerson, *, now: datetime
) -> User:
    """A demo person with the demo password and their membership, waiting since ``waiting_days`` ago."""
    user = await accounts.create_user(
        session,
        email=person.email,
        display_name=person.name,
        password=DEMO_PASSWORD,
        time_zone=organisation.time_zone,
        now=now,
    )
    membership = await organisations.add_membership(
        session, user_id=user.id, organisation_id=organisation.id, role=person.role, now=now
    )
    membership.created_at = now - timedelta(days=person.waiting_days)
    return user


def credentials_text(base_url: str) -> str:
    """What ``make run`` prints so a newcomer can sign in."""
    lines = [
        f"carerlink demo: {DEMO_ORGANISATION[0]} at {base_url}",
        f"  password for every demo account: {DEMO_PASSWORD}",
    ]
    lines += [f"  {person.role.value:<12} {person.email:<26} {person.name}" for person in PEOPLE]
    lines.append(f"{WELSH_CENTRE[0]} (offers Welsh first to everyone who has not chosen a language):")
    lines += [f"  {person.role.value:<12} {person.email:<26} {person.name}" for person in WELSH_PEOPLE]
    return "\n".join(lines)


# --- profiles, screening, one match live and one ended -------------------------------------------------


def _week(*slots: tuple[tuple[Day, ...], DayPart]) -> list[AvailabilitySlot]:
    return [AvailabilitySlot(day=day, part=part) for days, part in slots for day in days]


WEEKDAYS = (Day.MON, Day.TUE, Day.WED, Day.THU, Day.FRI)
WEEKEND = (Day.SAT, Day.SUN)

CARERS: dict[str, CarerProfileWrite] = {
    "Alex Turner": CarerProfileWrite(
        relationships=[Relationship.PARENT_OF_ADULT_CHILD],
        needs=[Need.MENTAL_HEALTH],
        mental_health_needs=[MentalHealthNeed.PSYCHOSIS],
        co_resident=True,
        hours_band=HoursBand.FROM_20_TO_49,
        journey_stage=JourneyStage.DIAGNOSIS,
        years_caring=1,
        carer_category=CarerCategory.PARENT,
        languages=["en"],
        preferred_language="en",
        postcode_district="SE5",
        region=Region.LONDON,
        contact_modes=[ContactMode.PHONE, ContactMode.IN_PERSON],
        availability=_week((WEEKDAYS, DayPart.EVENING)),
        help_with=[
            HelpWith.SOMEONE_TO_TALK_TO,
            HelpWith.UNDERSTANDING_THE_CONDITION,
            HelpWith.CRISIS_PLANNING,
        ],
        help_note=(
            "My son was sectioned last spring and is home again now. "
            "I don't know anyone else going through this."
        ),
    ),
    "Fatima Begum": CarerProfileWrite(
        relationships=[Relationship.SON_OR_DAUGHTER],
        needs=[Need.DEMENTIA, Need.FRAILTY],
        co_resident=True,
        hours_band=HoursBand.FROM_50,
        journey_stage=JourneyStage.ADJUSTING,
        years_caring=3,
        carer_category=CarerCategory.ADULT,
        languages=["en", "bn", "syl"],
        preferred_language="bn",
        postcode_district="SE15",
        region=Region.LONDON,
        contact_modes=[ContactMode.PHONE, ContactMode.IN_PERSON],
        availability=_week((WEEKDAYS, DayPart.AFTERNOON), ((Day.SAT,), DayPart.MORNING)),
        help_with=[HelpWith.SERVICES_AND_SUPPORT, HelpWith.LOOKING_AFTER_MYSELF],
        cultures=[Culture.ASIAN_BANGLADESHI],
        faith=Faith.MUSLIM,
        preferences=BuddyPreferences(gender=GenderPreference(genders=[Gender.WOMAN], strength=Strength.NICE)),
    ),
    "Sam Clarke": CarerProfileWrite(
        relationships=[Relationship.PARTNER],
        needs=[Need.PHYSICAL_DISABILITY, Need.LONG_TERM_ILLNESS],
        co_resident=True,
        hours_band=HoursBand.FROM_20_TO_49,
        journey_stage=JourneyStage.ADJUSTING,
        years_caring=2,
        carer_category=CarerCategory.ADULT,
        languages=["en"],
        preferred_language="en",
        postcode_district="SE22",
        region=Region.LONDON,
        contact_modes=[ContactMode.PHONE, ContactMode.VIDEO],
        availability=_week((WEEKDAYS, DayPart.MORNING)),
        help_with=[HelpWith.WORK_AND_CARING, HelpWith.BENEFITS_AND_MONEY],
    ),
    "Janet Morris": CarerProfileWrite(
        relationships=[Relationship.SON_OR_DAUGHTER],
        needs=[Need.DEMENTIA],
        co_resident=False,
        hours_band=HoursBand.UP_TO_19,
        journey_stage=JourneyStage.NOTICING,
        years_caring=1,
        carer_category=CarerCategory.ADULT,
        languages=["en", "cy"],
        preferred_language="en",
        postcode_district="SE22",
        region=Region.LONDON,
        contact_modes=[ContactMode.PHONE, ContactMode.MESSAGES, ContactMode.IN_PERSON],
        availability=_week((WEEKDAYS, DayPart.EVENING), (WEEKEND, DayPart.MORNING)),
        help_with=[HelpWith.UNDERSTANDING_THE_CONDITION, HelpWith.SERVICES_AND_SUPPORT],
        help_note="Dad keeps getting lost on his walks. We're waiting for a memory clinic appointment.",
    ),
    "Kwame Mensah": CarerProfileWrite(
        relationships=[Relationship.PARENT_OF_CHILD],
        needs=[Need.AUTISM, Need.LEARNING_DISABILITY],
        co_resident=True,
        hours_band=HoursBand.FROM_50,
        journey_stage=JourneyStage.DIAGNOSIS,
        years_caring=2,
        carer_category=CarerCategory.PARENT,
        languages=["en", "tw"],
        preferred_language="en",
        postcode_district="CR0",
        region=Region.LONDON,
        contact_modes=[ContactMode.PHONE, ContactMode.MESSAGES],
        availability=_week((WEEKDAYS, DayPart.EVENING)),
        help_with=[HelpWith.SERVICES_AND_SUPPORT, HelpWith.SOMEONE_TO_TALK_TO],
    ),
    # Ruth has not agreed to keeping health information: her profile has no needs, and nothing
    # about her husband's health appears in any explanation.
    "Ruth Evans": CarerProfileWrite(
        relationships=[Relationship.PARTNER],
        co_resident=True,
        hours_band=HoursBand.FROM_50,
        journey_stage=JourneyStage.CRISIS,
        years_caring=6,
        carer_category=CarerCategory.ADULT,
        languages=["en"],
        preferred_language="en",
        postcode_district="SE23",
        region=Region.LONDON,
        contact_modes=[ContactMode.PHONE],
        availability=_week((WEEKDAYS, DayPart.AFTERNOON)),
        help_with=[HelpWith.SOMEONE_TO_TALK_TO, HelpWith.LOOKING_AFTER_MYSELF],
    ),
    "Leo Nowak": CarerProfileWrite(
        relationships=[Relationship.SON_OR_DAUGHTER],
        needs=[Need.MENTAL_HEALTH],
        mental_health_needs=[MentalHealthNeed.DEPRESSION_ANXIETY],
        co_resident=True,
        hours_band=HoursBand.UP_TO_19,
        journey_stage=JourneyStage.ADJUSTING,
        years_caring=3,
        carer_category=CarerCategory.YOUNG,
        under_18=True,
        languages=["en", "pl"],
        preferred_language="en",
        postcode_district="CR0",
        region=Region.LONDON,
        contact_modes=[ContactMode.MESSAGES, ContactMode.VIDEO],
        availability=_week((WEEKDAYS, DayPart.EVENING), (WEEKEND, DayPart.AFTERNOON)),
        help_with=[HelpWith.SOMEONE_TO_TALK_TO],
    ),
    "Aisha Rahman": CarerProfileWrite(
        relationships=[Relationship.SIBLING],
        needs=[Need.MENTAL_HEALTH, Need.SUBSTANCE_MISUSE],
        mental_health_needs=[MentalHealthNeed.BIPOLAR],
        co_resident=False,
        hours_band=HoursBand.UP_TO_19,
        journey_stage=JourneyStage.ESTABLISHED,
        years_caring=5,
        carer_category=CarerCategory.ADULT,
        languages=["en", "ur"],
        preferred_language="ur",
        postcode_district="SE5",
        region=Region.LONDON,
        contact_modes=[ContactMode.VIDEO, ContactMode.MESSAGES, ContactMode.IN_PERSON],
        availability=_week((WEEKDAYS, DayPart.EVENING)),
        help_with=[HelpWith.CRISIS_PLANNING, HelpWith.LOOKING_AFTER_MYSELF],
        cultures=[Culture.ASIAN_PAKISTANI],
        faith=Faith.MUSLIM,
        preferences=BuddyPreferences(
            gender=GenderPreference(genders=[Gender.WOMAN], strength=Strength.MUST),
            same_language=Strength.NICE,
        ),
    ),
}

# Grace and Priya's match has ended well: Grace is asked on her home whether she'd like another buddy,
# and both are asked how it went (issue 10: endings that are handled).
CARERS["Grace Lewis"] = CarerProfileWrite(
    relationships=[Relationship.PARENT_OF_ADULT_CHILD],
    needs=[Need.MENTAL_HEALTH],
    mental_health_needs=[MentalHealthNeed.BIPOLAR],
    co_resident=False,
    hours_band=HoursBand.UP_TO_19,
    journey_stage=JourneyStage.ESTABLISHED,
    years_caring=4,
    carer_category=CarerCategory.PARENT,
    languages=["en"],
    preferred_language="en",
    postcode_district="SE22",
    region=Region.LONDON,
    contact_modes=[ContactMode.PHONE, ContactMode.VIDEO],
    availability=_week((WEEKDAYS, DayPart.EVENING)),
    help_with=[HelpWith.SOMEONE_TO_TALK_TO, HelpWith.LOOKING_AFTER_MYSELF],
)

BUDDIES: dict[str, BuddyProfileWrite] = {
    "Priya Shah": BuddyProfileWrite(
        relationships=[Relationship.PARENT_OF_ADULT_CHILD],
        confirmed_adult=True,
        needs=[Need.MENTAL_HEALTH],
        mental_health_needs=[MentalHealthNeed.PSYCHOSIS, MentalHealthNeed.BIPOLAR],
        caring_status=CaringStatus.CURRENT,
        journey_stage=JourneyStage.ESTABLISHED,
        years_caring=9,
        languages=["en", "hi", "gu", "ur"],
        postcode_district="SE5",
        region=Region.LONDON,
        contact_modes=[ContactMode.PHONE, ContactMode.VIDEO, ContactMode.IN_PERSON],
        availability=_week((WEEKDAYS, DayPart.EVENING), ((Day.SAT,), DayPart.MORNING)),
        gender=Gender.WOMAN,
        cultures=[Culture.ASIAN_INDIAN],
        faith=Faith.HINDU,
        about_me=(
            "My son was diagnosed with schizophrenia at 19. The first years were the hardest, and I'd have "
            "loved to talk to someone who'd been there. I know my way around the mental health services here."
        ),
        capacity=3,
    ),
    "Tom Okafor": BuddyProfileWrite(
        relationships=[Relationship.SON_OR_DAUGHTER],
        confirmed_adult=True,
        needs=[Need.DEMENTIA, Need.FRAILTY],
        caring_status=CaringStatus.FORMER,
        years_caring=6,
        languages=["en", "yo"],
        postcode_district="SE15",
        region=Region.LONDON,
        contact_modes=[ContactMode.PHONE, ContactMode.IN_PERSON],
        availability=_week((WEEKDAYS, DayPart.AFTERNOON), (WEEKEND, DayPart.MORNING)),
        gender=Gender.MAN,
        cultures=[Culture.BLACK_AFRICAN],
        faith=Faith.CHRISTIAN,
        about_me=(
            "I looked after my mum through her dementia until she moved into a care home two years ago. "
            "I know how lonely it gets, and how hard the decisions about care are."
        ),
        capacity=2,
    ),
    "Helen Wright": BuddyProfileWrite(
        relationships=[Relationship.PARTNER],
        confirmed_adult=True,
        needs=[Need.PHYSICAL_DISABILITY, Need.LONG_TERM_ILLNESS],
        caring_status=CaringStatus.CURRENT,
        journey_stage=JourneyStage.ESTABLISHED,
        years_caring=12,
        languages=["en", "cy"],
        postcode_district="SE22",
        region=Region.LONDON,
        contact_modes=[ContactMode.PHONE, ContactMode.VIDEO, ContactMode.MESSAGES],
        availability=_week((WEEKDAYS, DayPart.MORNING), (WEEKDAYS, DayPart.AFTERNOON)),
        gender=Gender.WOMAN,
        cultures=[Culture.WHITE_BRITISH],
        faith=Faith.NO_RELIGION,
        about_me="My husband has had MS for twelve years. I still work part-time, so I know about juggling.",
        capacity=2,
    ),
    "Daniel Hughes": BuddyProfileWrite(
        relationships=[Relationship.PARENT_OF_CHILD, Relationship.SON_OR_DAUGHTER],
        confirmed_adult=True,
        needs=[Need.AUTISM, Need.LEARNING_DISABILITY, Need.MENTAL_HEALTH],
        mental_health_needs=[MentalHealthNeed.DEPRESSION_ANXIETY],
        caring_status=CaringStatus.CURRENT,
        journey_stage=JourneyStage.ESTABLISHED,
        years_caring=8,
        languages=["en", "pl"],
        postcode_district="CR0",
        region=Region.LONDON,
        contact_modes=[ContactMode.PHONE, ContactMode.MESSAGES, ContactMode.VIDEO],
        availability=_week((WEEKDAYS, DayPart.EVENING), (WEEKEND, DayPart.AFTERNOON)),
        gender=Gender.MAN,
        about_me=(
            "Our daughter is autistic and I cared for my mum through her depression when I was a teenager, "
            "so I know both sides. Trained for the young carers' programme."
        ),
        capacity=3,
    ),
}

COURSES = [
    TrainingCourseCreate(
        name="Buddy induction", required=True, description="Boundaries, confidentiality, the app."
    ),
    TrainingCourseCreate(name="Safeguarding adults", required=True, valid_months=36),
    TrainingCourseCreate(name="Mental health awareness", required=False, valid_months=24),
]


async def _actor(session: AsyncSession, email: str) -> Actor:
    user = await session.scalar(select(User).where(User.email == email))
    assert user is not None
    return await organisations.actor_for(session, user_id=user.id, session_id=None)


async def _scope(session: AsyncSession, organisation: Organisation, email: str, *, now: datetime) -> Scope:
    """The person with this e-mail acting in the demo organisation at ``now``."""
    actor = await _actor(session, email)
    return await open_scope(session, actor=actor, now=now, organisation_id=organisation.id)


async def _membership(
    session: AsyncSession, organisation: Organisation, email: str, role: Role
) -> Membership:
    membership = await session.scalar(
        select(Membership)
        .join(User, User.id == Membership.user_id)
        .where(User.email == email, Membership.organisation_id == organisation.id, Membership.role == role)
    )
    assert membership is not None
    return membership


async def _seed_profiles_and_screening(
    session: AsyncSession, organisation: Organisation, now: datetime
) -> None:
    """Profiles for everyone; training, checks and approval for the buddies; one match live, one ended."""
    today = profiles.organisation_today(organisation, now)
    organisation.settings = {**organisation.settings, "young_carers_programme": True}
    # Opened after the settings change, so the coordinator's scope reads the young carers' programme.
    coordinator = await _scope(session, organisation, "coordinator@example.org", now=now)
    email_of = {p.name: p.email for p in PEOPLE}
    for name, carer in CARERS.items():
        carer_scope = await _scope(session, organisation, email_of[name], now=now)
        await profiles.save_my_carer_profile(carer_scope, data=carer)
    courses = [await profiles.create_course(coordinator, data=c) for c in COURSES]
    checks: dict[str, tuple[CheckType, date, date]] = {
        "Priya Shah": (
            CheckType.DBS_ENHANCED_ADULTS_BARRED,
            today - timedelta(days=400),
            today + timedelta(days=695),
        ),
        # Tom's recheck is due within the month: he shows on the coordinators' rechecks list.
        "Tom Okafor": (CheckType.DBS_ENHANCED, today - timedelta(days=1075), today + timedelta(days=20)),
        "Helen Wright": (CheckType.DBS_ENHANCED, today - timedelta(days=200), today + timedelta(days=895)),
        "Daniel Hughes": (
            CheckType.DBS_ENHANCED_BOTH_BARRED,
            today - timedelta(days=90),
            today + timedelta(days=1005),
        ),
    }
    for index, (name, buddy) in enumerate(BUDDIES.items()):
        buddy_scope = await _scope(session, organisation, email_of[name], now=now)
        await profiles.save_my_buddy_profile(buddy_scope, data=buddy)
        membership = await _membership(session, organisation, email_of[name], Role.BUDDY)
        done: list[Any] = courses if index % 2 == 0 else courses[:2]
        for course in done:
            await profiles.record_training(
                coordinator,
                membership_id=membership.id,
                course_id=course.id,
                completed_on=today - timedelta(days=60 + 30 * index),
            )
        check_type, issued_on, recheck_due = checks[name]
        await profiles.record_check(
            coordinator,
            membership_id=membership.id,
            data=SafeguardingCheckCreate(
                check_type=check_type,
                reference=f"00{1734 + index}5519{index}",
                issued_on=issued_on,
                recheck_due=recheck_due,
            ),
        )
        await profiles.decide(
            coordinator,
            membership_id=membership.id,
            kind=DecisionKind.APPROVAL,
            granted=True,
            note="Induction and references done.",
        )
        if name == "Daniel Hughes":
            await profiles.decide(
                coordinator,
                membership_id=membership.id,
                kind=DecisionKind.YOUNG_CARERS,
                granted=True,
                note="Young carers' safeguarding course and enhanced check for children.",
            )
    # Sam and Helen have been matched for a while: both said yes.
    sam_and_helen = await _pair_up(
        coordinator,
        organisation,
        ("carer3@example.org", "buddy3@example.org"),
        note="Both juggling work and caring for a partner with MS.",
    )
    await _seed_checkins(session, organisation, sam_and_helen.id, now=now)
    # Grace and Priya's match has done what it set out to do: the coordinator ended it (issue 10).
    grace_and_priya = await _pair_up(
        coordinator,
        organisation,
        ("carer9@example.org", "buddy1@example.org"),
        note="Both know bipolar from the inside.",
    )
    await matching.end(
        coordinator,
        match_id=grace_and_priya.id,
        reason=EndReason.GOALS_MET,
        note="Grace feels steadier and has joined the Tuesday carers' group.",
        feedback="",
    )


async def _pair_up(
    coordinator: Scope, organisation: Organisation, emails: tuple[str, str], *, note: str
) -> Match:
    """The coordinator proposes a carer and a buddy (by e-mail); both read the introduction, say yes."""
    session = coordinator.session
    carer = await _membership(session, organisation, emails[0], Role.CARER)
    buddy = await _membership(session, organisation, emails[1], Role.BUDDY)
    match = await matching.propose(
        coordinator, carer_membership_id=carer.id, buddy_membership_id=buddy.id, note=note
    )
    for email in emails:
        person = await _scope(session, organisation, email, now=coordinator.now)
        await matching.view(person, match_id=match.id)
        await matching.accept(person, match_id=match.id)
    return match


async def _seed_checkins(
    session: AsyncSession, organisation: Organisation, match_id: Any, *, now: datetime
) -> None:
    """Sam and Helen's rhythm (weekly, today, in an hour) and last week's check-in with Helen's reply."""
    last_week = now - timedelta(days=7)
    sam_last_week = await _scope(session, organisation, "carer3@example.org", now=last_week)
    earlier = await checkins.start_checkin(
        sam_last_week,
        match_id=match_id,
        wellbeing=3,
        note="A long week, but Jo's new physio helps.",
        wants_call=False,
        needs_help=False,
        idempotency_key=None,
    )
    helen = await _scope(session, organisation, "buddy3@example.org", now=last_week + timedelta(hours=2))
    await checkins.reply(
        helen,
        occurrence_id=earlier.occurrence.id,
        kind=ReplyKind.MESSAGE,
        message="Glad the physio helps. Same time next week? Thinking of you both.",
    )
    local = (now + timedelta(hours=1)).astimezone(ZoneInfo(DEMO_ORGANISATION[2]))
    await checkins.set_plan(
        await _scope(session, organisation, "carer3@example.org", now=now),
        match_id=match_id,
        frequency=Frequency.WEEKLY,
        weekdays=[local.weekday()],
        local_time=time(local.hour, 0),
        start_date=local.date(),
        paused=False,
    )


async def _seed_crisis_path(session: AsyncSession, organisation: Organisation, now: datetime) -> None:
    """Sam pressed "I need help now" a few minutes ago (issue 13): nobody has acknowledged it yet.

    Morgan sees it at the top of home and on the alert page (when it goes to the lead), Helen reads that
    the coordinators have been alerted, and Sam that the centre has been told. Acknowledging it shows
    what stops being shown.
    """
    sam = await _scope(session, organisation, "carer3@example.org", now=now - timedelta(minutes=4))
    await safeguarding.ask_for_help(sam, idempotency_key="demo-crisis-path")


# --- debriefs and supervision (issue 13) ----------------------------------------------------------------


async def _seed_supervision(session: AsyncSession, organisation: Organisation, *, now: datetime) -> None:
    """Priya is overdue for supervision, Daniel had his a fortnight ago, Helen has asked to talk.

    Priya was approved twelve weeks ago and last supervised ten weeks ago, so with the default eight
    weeks she shows as overdue on the buddies list and the attention list. Helen's ask is written
    directly, without the push and e-mail a real ask sends: the demo starts with no mail waiting.
    """
    coordinator = await _scope(session, organisation, "coordinator@example.org", now=now)
    today = profiles.organisation_today(organisation, now)
    priya = await _membership(session, organisation, "buddy1@example.org", Role.BUDDY)
    approval = await session.scalar(
        select(BuddyDecision).where(
            BuddyDecision.membership_id == priya.id, BuddyDecision.kind == DecisionKind.APPROVAL
        )
    )
    assert approval is not None
    approval.decided_at = now - timedelta(weeks=12)
    await profiles.supervision.record_session(
        coordinator,
        membership_id=priya.id,
        data=SupervisionSessionCreate(
            kind=SessionKind.SUPERVISION,
            held_on=today - timedelta(weeks=10),
            duration_minutes=60,
            notes="Settling in well; finds the Monday evening calls a good rhythm.",
        ),
    )
    daniel = await _membership(session, organisation, "buddy4@example.org", Role.BUDDY)
    await profiles.supervision.record_session(
        coordinator,
        membership_id=daniel.id,
        data=SupervisionSessionCreate(
            kind=SessionKind.GROUP_SUPERVISION,
            held_on=today - timedelta(weeks=2),
            duration_minutes=90,
            notes="Group session on boundaries with young carers.",
        ),
    )
    helen = await _membership(session, organisation, "buddy3@example.org", Role.BUDDY)
    session.add(
        DebriefRequest(
            organisation_id=organisation.id,
            membership_id=helen.id,
            user_id=helen.user_id,
            urgency=DebriefUrgency.THIS_WEEK,
            note="Sam's last call brought back a lot about my own caring. I'd like to talk it over.",
            asked_at=now - timedelta(hours=3),
        )
    )
    await session.flush()


async def _seed_concerns(session: AsyncSession, organisation: Organisation, *, now: datetime) -> None:
    """One open concern Helen raised about Sam yesterday evening, its target a few hours away (issue 13).

    Stored as it stands, with no notification or e-mail sent for it now: the coordinator sees it at the
    top of the Concerns queue; Sam never sees it anywhere.
    """
    helen = await _membership(session, organisation, "buddy3@example.org", Role.BUDDY)
    sam = await _membership(session, organisation, "carer3@example.org", Role.CARER)
    match_id = await session.scalar(
        select(Match.id).where(Match.carer_user_id == sam.user_id, Match.buddy_user_id == helen.user_id)
    )
    raised_at = now - timedelta(hours=20)
    session.add(
        Concern(
            organisation_id=organisation.id,
            carer_user_id=sam.user_id,
            raised_by_user_id=helen.user_id,
            raised_by_role=Role.BUDDY.value,
            match_id=match_id,
            request_id=uuid.uuid5(concerns.REQUESTS, f"demo:{organisation.id}"),
            category=ConcernCategory.CARERS_HEALTH,
            at_risk_now=False,
            what_happened=(
                "Sam told me he hasn't slept properly for weeks and is skipping meals to keep up with Jo's "
                "care. He laughed it off, but he sounded at the end of his tether."
            ),
            status=ConcernStatus.OPEN,
            raised_at=raised_at,
            target_at=raised_at + timedelta(hours=24),
        )
    )


# Ofcom's numbers for drama (never given to anyone): 07700 900xxx mobiles, 01632 960xxx landlines.
DEMO_PHONES = {
    "coordinator@example.org": "01632 960001",
    "buddy1@example.org": "07700 900101",
    "buddy2@example.org": "07700 900102",
    "buddy3@example.org": "07700 900103",
    "buddy4@example.org": "07700 900104",
    "carer1@example.org": "07700 900201",
    "carer2@example.org": "01632 960202",
    "carer3@example.org": "07700 900123",
    "carer4@example.org": "07700 900204",
    "carer5@example.org": "07700 900205",
    "carer9@example.org": "07700 900209",
}


async def _seed_phone_numbers(session: AsyncSession, organisation: Organisation, *, now: datetime) -> None:
    """Numbers for most people, Sam's emergency contact, and Sam and Helen sharing theirs.

    Ruth, Leo and Aisha have none (the screens say so); Sam and Helen show each other their numbers, so
    the tap-to-call links are there at once.
    """
    for email, number in DEMO_PHONES.items():
        await accounts.update_me(session, actor=await _actor(session, email), phone=number, now=now)
    sam = await _actor(session, "carer3@example.org")
    await accounts.update_me(
        session,
        actor=sam,
        emergency_contact=accounts.ContactWrite(
            name="Chris Clarke", relationship="My brother", phone="07700 900301"
        ),
        now=now,
    )
    match = await session.scalar(select(Match).where(Match.carer_user_id == sam.user_id))
    assert match is not None
    for email in ("carer3@example.org", "buddy3@example.org"):
        scope = await _scope(session, organisation, email, now=now)
        await matching.choose_phone_sharing(scope, match_id=match.id, share=True)


async def _seed_mail_refusals(session: AsyncSession, organisation: Organisation, *, now: datetime) -> None:
    """Two e-mails the mail server refused this morning (issue 14), so "Needs attention" shows the section.

    Kwame's check-in reminder bounced (no such address) and Daniel's pairing news was refused: stored as
    the outbox records a refusal, with nothing left to send.
    """
    for email, role, category, error, hours in (
        ("carer5@example.org", Role.CARER, "checkin_due", "refused:smtp:recipient:550", 3),
        ("buddy4@example.org", Role.BUDDY, "match_proposed", "refused:smtp:content:554", 5),
    ):
        member = await _membership(session, organisation, email, role)
        session.add(
            OutgoingMail(
                to_address=email,
                subject="carerlink",
                body="",
                category=category,
                send_after=now - timedelta(hours=hours),
                attempts=1,
                failed_at=now - timedelta(hours=hours),
                last_error=error,
                user_id=member.user_id,
                organisation_id=organisation.id,
            )
        )


async def _seed_texts(session: AsyncSession, organisation: Organisation, *, now: datetime) -> None:
    """Texts on, Janet's number verified with texts first, and a reply of hers waiting for a coordinator.

    ``make run`` writes the texts it sends to var/texts/. Janet is still waiting for a buddy, so her reply
    came with no check-in open: it waits on the attention list. (Sam, the one carer in a pair, stays
    without a verified number: nothing reaches him, ``_seed_channels``.)
    """
    organisation.settings = {
        **(organisation.settings or {}),
        "texts": {"enabled": True, "monthly_budget": 1000, "warn_at_percent": 80},
    }
    janet = await session.scalar(select(User).where(User.email == "carer4@example.org"))
    assert janet is not None
    janet.phone_verified_at = now - timedelta(days=3)
    preference = await session.get(NotificationPreference, janet.id)
    if preference is None:
        preference = NotificationPreference(user_id=janet.id, muted_kinds=[], updated_at=now)
        session.add(preference)
    preference.channels = ["sms", "push", "email"]
    preference.channels_set_at = now - timedelta(days=3)
    session.add(
        InboundText(
            provider_message_id="SMdemo" + uuid.uuid5(uuid.NAMESPACE_URL, str(organisation.id)).hex[:26],
            user_id=janet.id,
            organisation_id=organisation.id,
            occurrence_id=None,
            outcome="no_open_checkin",
            body="Sorry I missed your call. Could someone ring me after 6?",
            received_at=now - timedelta(hours=2),
        )
    )


async def _seed_channels(session: AsyncSession, organisation: Organisation, *, now: datetime) -> None:
    """How people are reached (issue 14).

    Alex has no push device, so his reminders go by e-mail (the default). Morgan set Fatima's channels
    with her during her assessment (e-mail first; her settings say "Chosen with Morgan"). Sam's last
    e-mail was refused by his mail server and no device of his has reminders on, so nothing reaches him:
    he is on the attention list under "People nobody can reach" until a channel works again.
    """
    fatima = await _membership(session, organisation, "carer2@example.org", Role.CARER)
    morgan = await _scope(session, organisation, "coordinator@example.org", now=now - timedelta(days=3))
    await organisations.set_carer_channels(morgan, membership_id=fatima.id, channels=["email", "push"])
    sam = await _membership(session, organisation, "carer3@example.org", Role.CARER)
    sams_address = await session.scalar(select(User.email).where(User.id == sam.user_id))
    assert sams_address is not None
    refused = await mail.queue_mail(
        session,
        to=sams_address,
        subject="Time for your check-in",
        body="",
        category="checkin_due",
        now=now - timedelta(days=1),
        user_id=sam.user_id,
        organisation_id=organisation.id,
    )
    refused.failed_at = now - timedelta(days=1)
    refused.last_error = "refused:550 5.1.1 mailbox unavailable"
    # His mailbox is gone: what the demo queued for him (Helen's reply, the match's news) is refused too,
    # so his latest e-mail stays a refusal when the mail tick runs (``make run`` writes the rest to files).
    await session.flush()
    await session.execute(
        update(OutgoingMail)
        .where(
            OutgoingMail.user_id == sam.user_id,
            OutgoingMail.sent_at.is_(None),
            OutgoingMail.failed_at.is_(None),
        )
        .values(failed_at=now, last_error="refused:smtp:recipient:550")
    )


async def _seed_retention(session: AsyncSession, organisation: Organisation, *, now: datetime) -> None:
    """Something for the first retention run to remove, and a spread of entries for "who looked" (issue 15).

    A referral Morgan declined seven months ago (past the six months the schedule keeps it): the worker
    runs the retention tick as it starts, so ``make run``'s first run removes it and the Retention page
    shows "1 declined referral". Morgan looked at Alex's and Fatima's profiles this week, so their "Who
    at the centre looked at your record" lists show Morgan, and the audit log has reads to filter.
    """
    decided = now - timedelta(days=7 * 31)
    asked = await _scope(session, organisation, "coordinator@example.org", now=decided - timedelta(days=12))
    await organisations.create_referral(
        asked,
        name="Dana Price",
        email="dana.price@example.org",
        phone=None,
        message="I look after my dad and would like someone to talk to.",
        client_ip="192.0.2.15",
    )
    await session.flush()
    referral_id = await session.scalar(
        select(Referral.id).where(
            Referral.organisation_id == organisation.id, Referral.email == "dana.price@example.org"
        )
    )
    assert referral_id is not None
    morgan_then = await _scope(session, organisation, "coordinator@example.org", now=decided)
    await organisations.decline_referral(
        morgan_then, referral_id=referral_id, reason="Lives outside the area; referred to her local centre."
    )
    for email, days_ago in (("carer1@example.org", 2), ("carer2@example.org", 1), ("carer1@example.org", 0)):
        membership = await _membership(session, organisation, email, Role.CARER)
        morgan = await _scope(
            session, organisation, "coordinator@example.org", now=now - timedelta(days=days_ago, hours=1)
        )
        await profiles.carers.read_carer_profile(morgan, membership_id=membership.id)


# --- people's data rights: erasure (issue 15) -------------------------------------------------------------

FORMER_CARER = "bethan@example.org"  # erased: she can no longer sign in (no credentials are listed)


async def _seed_erasure(session: AsyncSession, organisation: Organisation, *, now: datetime) -> None:
    """Erasure (issue 15): Aisha waits for a coordinator; Bethan, a former carer, was erased last month.

    Aisha, still waiting for a buddy, asked yesterday (on the People's data hub); not Grace, whose home
    asks whether she would like another buddy. Bethan, matched with Tom for a while, asked last month and
    Morgan confirmed it: the request stays as proof (counts only), and Tom's history reads "Former carer".

    No paused request: pausing needs an open concern or call for help, which would change the stories of
    the concern and crisis demos.
    """
    aisha = await _scope(session, organisation, "carer8@example.org", now=now - timedelta(days=1))
    await erasure.ask(aisha, organisation_id=organisation.id)

    then = now - timedelta(days=90)
    user = await accounts.create_user(
        session,
        email=FORMER_CARER,
        display_name="Bethan Price",
        password=uuid.uuid4().hex,
        time_zone=DEMO_ORGANISATION[2],
        now=then,
    )
    await organisations.add_membership(
        session, user_id=user.id, organisation_id=organisation.id, role=Role.CARER, now=then
    )
    for kind in (ConsentKind.TERMS, ConsentKind.HEALTH_DATA):
        session.add(
            Consent(
                user_id=user.id,
                organisation_id=organisation.id,
                kind=kind,
                version=CURRENT[kind][0],
                given_at=then,
            )
        )
    await session.flush()
    bethan = await _scope(session, organisation, FORMER_CARER, now=then)
    await profiles.save_my_carer_profile(bethan, data=CARERS["Kwame Mensah"])
    morgan_then = await _scope(session, organisation, "coordinator@example.org", now=then)
    match = await _pair_up(
        morgan_then, organisation, (FORMER_CARER, "buddy2@example.org"), note="Both caring for a parent."
    )
    week_later = await _scope(session, organisation, FORMER_CARER, now=then + timedelta(days=7))
    answered = await checkins.start_checkin(
        week_later,
        match_id=match.id,
        wellbeing=4,
        note="Dad slept through the night for once.",
        wants_call=False,
        needs_help=False,
        idempotency_key=None,
    )
    tom = await _scope(session, organisation, "buddy2@example.org", now=then + timedelta(days=7, hours=3))
    await checkins.reply(
        tom, occurrence_id=answered.occurrence.id, kind=ReplyKind.MESSAGE, message="Brilliant news, Bethan."
    )
    asked = await erasure.ask(
        await _scope(session, organisation, FORMER_CARER, now=now - timedelta(days=31)),
        organisation_id=organisation.id,
    )
    morgan = await _scope(session, organisation, "coordinator@example.org", now=now - timedelta(days=30))
    await erasure.confirm(morgan, erasure_id=asked.request.id)


# --- copies of people's data (issue 15) -----------------------------------------------------------------


async def _seed_exports(session: AsyncSession, organisation: Organisation, *, now: datetime) -> None:
    """Fatima has a ready copy of her data she asked for yesterday (she can download it from Your data).

    Morgan asked for a copy of Sam's data an hour ago, after ringing him back on the number the centre
    holds: Helen's concern about Sam and Sam's request for help wait on People's data for a coordinator
    to release or withhold them, and the copy's page says it holds the words of Sam's messages with Helen
    (issue 18). Both are built by the real builder; nobody is told (no mail waiting).
    """
    fatima = await _actor(session, "carer2@example.org")
    asked = now - timedelta(days=1)
    copy = await data_copies.ask_for_mine(session, actor=fatima, now=asked)
    await data_copies.finish(session, copy, now=asked + timedelta(minutes=1), tell=False)
    morgan = await _scope(session, organisation, "coordinator@example.org", now=now - timedelta(hours=1))
    sam = await _membership(session, organisation, "carer3@example.org", Role.CARER)
    view = await data_copies.ask_for_member(
        morgan,
        membership_id=sam.id,
        identity_checked=True,
        identity_note="Sam rang; rang him back on the number we hold and he confirmed his date of birth",
    )
    await data_copies.finish(session, view.export, now=morgan.now + timedelta(minutes=1), tell=False)
    await session.flush()


# --- filling in a profile with the person (issue 16) ----------------------------------------------------


async def _seed_profile_on_behalf(
    session: AsyncSession, organisation: Organisation, *, now: datetime
) -> None:
    """Morgan filled in Kwame's profile with him on the phone during his assessment three weeks ago.

    Kwame's answers are his usual ones; his health-data consent is the one he gave out loud then, Morgan
    having read him the words (the in-app consent the demo gives every carer is replaced). His profile
    says "Morgan filled this in with you", and he can change any of it. Nothing else about him changes.
    """
    when = now - timedelta(days=21)
    kwame = await _membership(session, organisation, "carer5@example.org", Role.CARER)
    given = await organisations.current_consent(
        session, user_id=kwame.user_id, organisation_id=organisation.id, kind=ConsentKind.HEALTH_DATA
    )
    if given is not None:
        await session.delete(given)
        await session.flush()
    morgan = await _scope(session, organisation, "coordinator@example.org", now=when)
    answers = msgspec.to_builtins(CARERS["Kwame Mensah"])
    view = await profiles.on_behalf.enter_carer_profile(
        morgan,
        membership_id=kwame.id,
        data=msgspec.convert(
            {**answers, "health_consent": {"version": CURRENT[ConsentKind.HEALTH_DATA][0], "agreed": True}},
            CarerProfileEntry,
        ),
    )
    view.profile.created_at = when


# Start and 3-month totals of carerlink's own six questions (each 1 to 5, so 6 to 30).
DEMO_OUTCOMES = {
    "carer1@example.org": (14, 19),
    "carer2@example.org": (11, 17),
    "carer4@example.org": (18, 18),
    "carer5@example.org": (16, 13),
}
DEMO_EQUALITY = {
    "carer2@example.org": ("50_64", "woman", "asian_bangladeshi"),
    "carer4@example.org": ("65_74", "woman", "white_british"),
    "carer5@example.org": ("35_49", "man", "black_african"),
    "buddy1@example.org": ("50_64", "woman", "asian_indian"),
    "buddy2@example.org": ("prefer_not_to_say", "man", "prefer_not_to_say"),
}


def _spread(total: int, questions: int = 6) -> dict[str, int]:
    """Answers (1 to 5) adding up to ``total``, as even as they come."""
    base, extra = divmod(total, questions)
    return {str(n): base + (1 if n <= extra else 0) for n in range(1, questions + 1)}


async def _seed_outcomes(session: AsyncSession, organisation: Organisation, *, now: datetime) -> None:
    """The centre has asked carerlink's own questions for four months (issue 16).

    Alex, Fatima, Janet and Kwame answered at the start and after 3 months (fewer than five people, so
    the reports say "fewer than 5"). Sam answered his start questions yesterday; Grace's are open now,
    so her home shows the card. Fatima, Janet, Kwame, Priya and Tom answered the equality questions,
    with their consent. Nobody is sent anything.
    """
    measure = await outcomes.ensure_built_in(session, organisation_id=organisation.id)
    measure.in_use_since = now - timedelta(days=120)
    users = {
        u.email: u.id
        for u in await session.scalars(
            select(User).where(
                User.email.in_([*DEMO_OUTCOMES, *DEMO_EQUALITY, "carer3@example.org", "carer9@example.org"])
            )
        )
    }

    def ask(email: str, point: AskPoint, due: datetime, total: int | None) -> OutcomeAsk:
        return OutcomeAsk(
            organisation_id=organisation.id,
            carer_user_id=users[email],
            measure_id=measure.id,
            point=point,
            state=AskState.ANSWERED if total is not None else AskState.OPEN,
            due_at=due,
            answered_at=due + timedelta(days=2) if total is not None else None,
            answers=_spread(total) if total is not None else None,
            total=total,
        )

    for email, (first, later) in DEMO_OUTCOMES.items():
        start = now - timedelta(days=100)
        session.add(ask(email, AskPoint.START, start, first))
        session.add(ask(email, AskPoint.THREE_MONTHS, start + timedelta(days=91), later))
    # Sam's and Grace's support began under the measure: each has a start ask (so the tick adds none).
    session.add(ask("carer3@example.org", AskPoint.START, now - timedelta(days=3), 17))
    session.add(ask("carer9@example.org", AskPoint.START, now - timedelta(days=2), None))
    for email, (age_band, gender, ethnicity) in DEMO_EQUALITY.items():
        session.add(
            Consent(
                user_id=users[email],
                organisation_id=organisation.id,
                kind=ConsentKind.EQUALITY_MONITORING,
                version=CURRENT[ConsentKind.EQUALITY_MONITORING][0],
                given_at=now - timedelta(days=30),
            )
        )
        session.add(
            EqualityAnswer(
                organisation_id=organisation.id,
                user_id=users[email],
                age_band=age_band,
                gender=gender,
                ethnicity=ethnicity,
                answered_at=now - timedelta(days=30),
            )
        )
    await session.flush()


# --- volunteer hours and the settings' history (issue 16) -----------------------------------------------


async def _seed_hours(session: AsyncSession, organisation: Organisation, *, now: datetime) -> None:
    """Helen and Tom have logged time over the last three months; check-ins and replies count 10 minutes.

    Morgan set the minutes each check-in and reply counts three weeks ago (so Helen's replies to Sam show
    as counted time in My hours), and tried a longer first reminder for carers in between (36 hours, back
    to 24 a fortnight ago), so Settings has a short history of changes. Nothing else changes: the ladder
    ends as it was.
    """
    morgan = "coordinator@example.org"
    for days, change in (
        (35, {"checkins": {**_ladder(organisation), "nudge_after_hours": 36}}),
        (21, {"volunteer_minutes_per_reply": 10}),
        (14, {"checkins": {**_ladder(organisation), "nudge_after_hours": 24}}),
    ):
        scope = await _scope(session, organisation, morgan, now=now - timedelta(days=days))
        await organisations.update_organisation(scope, settings=change)
    logged = {
        "buddy3@example.org": [
            (3, 40, "call", "A long call; mostly listening."),
            (10, 25, "messages", ""),
            (17, 90, "visit", "Met for a coffee at the community centre."),
            (38, 45, "call", ""),
            (52, 60, "visit", ""),
            (75, 30, "messages", ""),
        ],
        "buddy2@example.org": [
            (6, 35, "call", ""),
            (29, 50, "call", "Talked through the respite options."),
            (61, 20, "messages", ""),
        ],
    }
    for email, entries in logged.items():
        for days, minutes, kind, note in entries:
            scope = await _scope(session, organisation, email, now=now - timedelta(days=days, hours=-1))
            given_on = scope.now.astimezone(ZoneInfo(organisation.time_zone)).date()
            await volunteer_hours.log_time(scope, given_on=given_on, minutes=minutes, kind=kind, note=note)
    await session.flush()


def _ladder(organisation: Organisation) -> dict[str, Any]:
    """The check-in ladder's timings as they stand (every one, as a change sends a part whole)."""
    ladder: dict[str, Any] = msgspec.to_builtins(
        msgspec.convert(organisation.settings, OrganisationSettings).checkins
    )
    return ladder


async def _seed_imports(session: AsyncSession, organisation: Organisation, *, now: datetime) -> None:
    """Morgan brought the centre's old spreadsheet of carers in a fortnight ago (issue 16).

    Winston Clarke, referred five weeks ago (before the centre moved to carerlink), was given a printed
    code at the centre and has not joined yet: he waits from his original referral date as "invited, not yet
    joined" (never proposed until he joins). The other row had no e-mail address and was skipped.
    """
    when = now - timedelta(days=14)
    referred = (now - timedelta(days=38)).date().isoformat()  # before the import, after Fatima
    content = (
        "name,email,phone,invite_by,referral_date\r\n"
        f"Winston Clarke,winston@example.org,,in person,{referred}\r\n"
        "Dot Hughes,,,in person,\r\n"
    ).encode()
    scope = await _scope(session, organisation, "coordinator@example.org", now=when)
    base_url = "http://localhost:8000"
    checked = await imports.check_upload(
        scope, kind=ImportKind.CARER, file_name="old-carers-list.csv", content=content, base_url=base_url
    )
    await imports.confirm_import(scope, import_id=checked.record.id, base_url=base_url)


async def _seed_messages(session: AsyncSession, organisation: Organisation, *, now: datetime) -> None:
    """Two threads and one open report (issue 18), all of it read.

    Written as rows (no notifications), so nobody's inbox in the demo changes. Sam and Helen: short and
    warm, over the last two days. Grace and Priya, before their match ended: Priya wrote that she was
    running on empty, and Grace asked the centre to look at it ("This worried me"); the
    report is open, so Needs attention shows "Reported messages (1)" (Priya is overdue for supervision too).
    """
    await _thread(
        session,
        organisation,
        ("carer3@example.org", "buddy3@example.org"),
        [
            (
                "carer",
                now - timedelta(days=2, hours=3),
                "Jo slept right through last night. First time in weeks!",
            ),
            (
                "buddy",
                now - timedelta(days=2, hours=1),
                "Oh, that's lovely to hear. I hope you got some rest too.",
            ),
            (
                "carer",
                now - timedelta(days=1, hours=20),
                "A bit. I had a cup of tea in the garden. Small things.",
            ),
            ("buddy", now - timedelta(days=1, hours=18), "Small things count. Talk on Thursday as usual?"),
            ("carer", now - timedelta(days=1, hours=17), "Yes please. Thank you, Helen."),
        ],
    )
    grace_and_priya = await _thread(
        session,
        organisation,
        ("carer9@example.org", "buddy1@example.org"),
        [
            (
                "carer",
                now - timedelta(days=12),
                "The Tuesday carers' group was good. I actually talked this time.",
            ),
            (
                "buddy",
                now - timedelta(days=11, hours=22),
                "That's brilliant, Grace. I knew you'd find your people.",
            ),
            ("carer", now - timedelta(days=5), "How are you doing? You sounded tired on Monday."),
            (
                "buddy",
                now - timedelta(days=4, hours=22),
                "Honestly I'm running on empty. Dad's care, work, everything. Some days it's all too much.",
            ),
            (
                "carer",
                now - timedelta(days=4, hours=20),
                "Please look after yourself too. You've done so much for me.",
            ),
        ],
    )
    worrying = grace_and_priya[3]
    session.add(
        MessageReport(
            message_id=worrying.id,
            match_id=worrying.match_id,
            organisation_id=organisation.id,
            reporter_user_id=worrying.carer_user_id,
            reason="worried",
            reported_at=now - timedelta(days=4, hours=19),
        )
    )
    await session.flush()


async def _thread(
    session: AsyncSession,
    organisation: Organisation,
    emails: tuple[str, str],
    messages: list[tuple[str, datetime, str]],
) -> list[Message]:
    """The messages of the pair of (carer, buddy) ``emails``, each read 40 minutes after it was sent."""
    carer = await _membership(session, organisation, emails[0], Role.CARER)
    buddy = await _membership(session, organisation, emails[1], Role.BUDDY)
    match = await session.scalar(
        select(Match).where(Match.carer_user_id == carer.user_id, Match.buddy_user_id == buddy.user_id)
    )
    assert match is not None
    rows = [
        Message(
            id=uuid.uuid4(),
            match_id=match.id,
            organisation_id=organisation.id,
            carer_user_id=carer.user_id,
            buddy_user_id=buddy.user_id,
            sender=sender,
            sender_user_id=carer.user_id if sender == "carer" else buddy.user_id,
            text=text,
            sent_at=sent_at,
            read_at=sent_at + timedelta(minutes=40),
            reads_as_crisis=False,
        )
        for sender, sent_at, text in messages
    ]
    session.add_all(rows)
    await session.flush()
    return rows


# --- languages (issue 17) --------------------------------------------------------------------------------

# Who chose a language: Janet reads carerlink in Welsh, Aisha in Urdu (right to left), Daniel in Polish.
CHOSEN_LANGUAGES = {"carer4@example.org": "cy", "carer8@example.org": "ur", "buddy4@example.org": "pl"}
# A centre in Wales: it offers Welsh first to everyone who has not chosen (the Welsh Active Offer). Its
# carer Rhys has not chosen yet, so he sees carerlink in Welsh with the offer on his home.
WELSH_CENTRE = ("Cardigan Bay Carers Centre", "cardigan-bay", "Europe/London")
WELSH_PEOPLE = (
    DemoPerson("cydlynydd@example.org", "Nia Pritchard", Role.COORDINATOR),
    DemoPerson("gofalwr@example.org", "Rhys Morgan", Role.CARER, waiting_days=9),
)


async def _seed_languages(session: AsyncSession, organisation: Organisation, *, now: datetime) -> None:
    for email, locale in CHOSEN_LANGUAGES.items():
        await session.execute(
            update(User).where(User.email == email).values(locale=locale, locale_chosen=True)
        )
    name, slug, zone = WELSH_CENTRE
    welsh = await organisations.create_organisation(session, name=name, slug=slug, time_zone=zone, now=now)
    welsh.settings = {**(welsh.settings or {}), "language_offer": "cy"}
    for person in WELSH_PEOPLE:
        user = await _demo_person(session, welsh, person, now=now)
        session.add(
            Consent(
                user_id=user.id,
                organisation_id=welsh.id,
                kind=ConsentKind.TERMS,
                version=CURRENT[ConsentKind.TERMS][0],
                given_at=now,
                locale="cy",
            )
        )
    await session.flush()
