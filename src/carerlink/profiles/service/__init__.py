"""Business rules of profiles: carers' and buddies' own profiles, health-data consent, buddy screening."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import User
from carerlink.actor import Actor, Role
from carerlink.audit import service as audit
from carerlink.errors import Conflict, Invalid, NotAllowed, NotFound
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.organisations import service as organisations
from carerlink.organisations.models import ConsentKind, Membership, MembershipStatus, Organisation
from carerlink.organisations.schemas import OrganisationSettings
from carerlink.profiles import policy, screening
from carerlink.profiles.models import (
    BuddyDecision,
    BuddyProfile,
    CarerProfile,
    DecisionKind,
    SafeguardingCheck,
    TrainingCourse,
    TrainingRecord,
)
from carerlink.profiles.schemas import (
    AvailabilitySlot,
    BuddyProfileWrite,
    BuddyWellbeingUpdate,
    CarerProfileWrite,
    SafeguardingCheckCreate,
    TrainingCourseCreate,
    TrainingCourseUpdate,
)
from carerlink.profiles.vocabulary import (
    CHILDREN_CHECKS,
    LANGUAGES,
    UNDER_18_CATEGORIES,
    CarerCategory,
    CaringStatus,
    CheckType,
    Day,
    DayPart,
    JourneyStage,
    Need,
    slot_index,
)

log = logging.getLogger("carerlink.profiles")

NEEDS_NEED_CONSENT = (
    "We can only keep information about the needs of the person you care for if you agree to it. "
    "Leave this empty, or first agree to us keeping broad health information (your health-data consent)."
)
BUDDY_NEEDS_NEED_CONSENT = (
    "We can only keep information about the needs of the person you care or cared for if you agree to it. "
    "Leave this empty, or first agree to us keeping broad health information (your health-data consent)."
)

# Which consent lets a role's profile keep the cared-for person's needs: a kind each, as a person who
# is both a carer and a buddy agrees (or not) to two different uses (organisations/models.py).
HEALTH_CONSENT_OF = {Role.CARER: ConsentKind.HEALTH_DATA, Role.BUDDY: ConsentKind.BUDDY_HEALTH_DATA}


@dataclass(frozen=True, slots=True)
class CarerProfileView:
    """A carer's profile with their name and whether their needs may be kept and used.

    Read the needs through this view: without consent they are empty, even in the moment before a
    withdrawal has been applied to the stored profile.
    """

    profile: CarerProfile
    display_name: str
    needs_shared: bool

    @property
    def needs(self) -> list[str]:
        """The cared-for person's needs, only with the carer's consent."""
        return list(self.profile.needs) if self.needs_shared else []

    @property
    def mental_health_needs(self) -> list[str]:
        """The mental-health sub-options, only with the carer's consent."""
        return list(self.profile.mental_health_needs) if self.needs_shared else []


@dataclass(frozen=True, slots=True)
class BuddyProfileView:
    """A buddy's profile with their name and whether the needs of the person they cared for may be used.

    As for carers, read the needs through this view: without the buddy's consent they are empty. Read
    the pause through it too: ``today`` (the organisation's date) decides whether it still holds.
    """

    profile: BuddyProfile
    display_name: str
    needs_shared: bool
    today: date

    @property
    def paused(self) -> bool:
        """The pause holds today (one with an end date ends by itself on it)."""
        return screening.pause_holds(self.profile.paused, self.profile.paused_until, self.today)

    @property
    def paused_until(self) -> date | None:
        """The day the pause ends by itself, while it holds."""
        return self.profile.paused_until if self.paused else None

    @property
    def needs(self) -> list[str]:
        """The cared-for person's needs, only with the buddy's consent."""
        return list(self.profile.needs) if self.needs_shared else []

    @property
    def mental_health_needs(self) -> list[str]:
        """The mental-health sub-options, only with the buddy's consent."""
        return list(self.profile.mental_health_needs) if self.needs_shared else []


@dataclass(frozen=True, slots=True)
class BuddyScreening:
    """A buddy's screening records and the assessment derived from them."""

    membership: BuddyMember
    display_name: str
    profile: BuddyProfile | None
    assessment: screening.Assessment
    check: CheckRecord | None
    records: dict[uuid.UUID, CourseRecord]
    needs_shared: bool = False
    # The check runs out within the organisation's warning window, or has (issue 11).
    recheck_soon: bool = False

    @property
    def needs(self) -> list[str]:
        """The cared-for person's needs, only with the buddy's health-data consent (matching reads these)."""
        return list(self.profile.needs) if self.profile is not None and self.needs_shared else []

    @property
    def mental_health_needs(self) -> list[str]:
        """The mental-health sub-options, only with the buddy's health-data consent."""
        return (
            list(self.profile.mental_health_needs) if self.profile is not None and self.needs_shared else []
        )


@dataclass(frozen=True, slots=True)
class BuddyMember:
    """A buddy's membership, as screening needs it."""

    id: uuid.UUID
    user_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class CourseRecord:
    """The latest completion of one course by a buddy."""

    id: uuid.UUID
    completed_on: date


@dataclass(frozen=True, slots=True)
class CheckRecord:
    """The safeguarding check that counts for a buddy (the latest)."""

    id: uuid.UUID
    check_type: CheckType
    reference: str
    issued_on: date
    recheck_due: date
    recorded_at: datetime


# --- small helpers -------------------------------------------------------------------------------


def organisation_today(organisation: Organisation, now: datetime) -> date:
    """The date it is at the organisation."""
    return now.astimezone(ZoneInfo(organisation.time_zone)).date()


def settings_of(organisation: Organisation) -> OrganisationSettings:
    """The organisation's settings, with defaults for anything not set."""
    return msgspec.convert(organisation.settings, OrganisationSettings)


def availability_mask(slots: Sequence[AvailabilitySlot]) -> int:
    """Weekly free slots as bits (``vocabulary.slot_index``)."""
    mask = 0
    for slot in slots:
        mask |= 1 << slot_index(slot.day, slot.part)
    return mask


def availability_slots(mask: int) -> list[AvailabilitySlot]:
    """Bits back to weekly free slots, Monday morning first."""
    return [
        AvailabilitySlot(day=day, part=part)
        for day in Day
        for part in DayPart
        if mask >> slot_index(day, part) & 1
    ]


def _unique(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _check_languages(languages: Sequence[str], preferred: str | None) -> list[str]:
    for index, code in enumerate(languages):
        if code not in LANGUAGES:
            raise Invalid(f"We don't know the language code {code!r}.", field=f"languages[{index}]")
    if preferred is not None and preferred not in languages:
        raise Invalid(
            "Your preferred language must be one of the languages you speak.", field="preferred_language"
        )
    return _unique(languages)


def _check_mental_health(needs: Sequence[Need], mental_health: Sequence[str]) -> None:
    if mental_health and Need.MENTAL_HEALTH not in needs:
        raise Invalid(
            "Choose 'mental health' among the needs to say which kind of condition.",
            field="mental_health_needs",
        )


async def _organisation(session: AsyncSession, actor: Actor, organisation_id: uuid.UUID) -> Organisation:
    return await organisations.get_organisation_or_raise(
        session, actor=actor, organisation_id=organisation_id
    )


async def _own_membership(
    session: AsyncSession, actor: Actor, organisation_id: uuid.UUID, role: Role
) -> tuple[Organisation, uuid.UUID]:
    organisation = await _organisation(session, actor, organisation_id)
    membership_id = actor.membership_id(organisation_id, role)
    allowed = policy.can_keep_carer_profile if role == Role.CARER else policy.can_keep_buddy_profile
    if membership_id is None or not allowed(actor, organisation_id):
        raise NotAllowed(f"Only {role.value}s have a {role.value} profile here.")
    return organisation, membership_id


async def _member(
    session: AsyncSession, organisation_id: uuid.UUID, membership_id: uuid.UUID, role: Role
) -> tuple[Membership, User]:
    row = (
        await session.execute(
            select(Membership, User)
            .join(User, User.id == Membership.user_id)
            .where(
                Membership.id == membership_id,
                Membership.organisation_id == organisation_id,
                Membership.role == role,
            )
        )
    ).one_or_none()
    if row is None:
        raise NotFound(f"No such {role.value}.")
    return row[0], row[1]


async def _coordinator_organisation(
    session: AsyncSession, actor: Actor, organisation_id: uuid.UUID
) -> Organisation:
    organisation = await _organisation(session, actor, organisation_id)
    if not policy.can_read_profiles(actor, organisation_id):
        raise NotAllowed("Only coordinators can see other people's profiles.")
    return organisation


async def _display_name(session: AsyncSession, user_id: uuid.UUID) -> str:
    return await session.scalar(select(User.display_name).where(User.id == user_id)) or ""


# --- carer profiles ------------------------------------------------------------------------------


async def has_health_consent(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID
) -> bool:
    """Whether a carer currently lets the organisation keep their cared-for person's needs."""
    return await organisations.has_consent(
        session, user_id=user_id, organisation_id=organisation_id, kind=ConsentKind.HEALTH_DATA
    )


async def get_my_carer_profile(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID
) -> CarerProfileView:
    """My carer profile; ``NotFound`` until I have filled it in."""
    _, membership_id = await _own_membership(session, actor, organisation_id, Role.CARER)
    profile = await session.scalar(select(CarerProfile).where(CarerProfile.membership_id == membership_id))
    if profile is None:
        raise NotFound("You haven't filled in your profile yet.")
    shared = await has_health_consent(session, user_id=profile.user_id, organisation_id=organisation_id)
    return CarerProfileView(
        profile=profile, display_name=await _display_name(session, profile.user_id), needs_shared=shared
    )


def _validate_carer(data: CarerProfileWrite, needs_shared: bool) -> None:
    if (data.needs or data.mental_health_needs) and not needs_shared:
        raise Invalid(NEEDS_NEED_CONSENT, field="needs" if data.needs else "mental_health_needs")
    _check_mental_health(data.needs, data.mental_health_needs)
    if data.carer_category == CarerCategory.YOUNG and not data.under_18:
        raise Invalid(
            "A young carer is under 18: please say so, or choose another kind of carer.", field="under_18"
        )
    if data.under_18 and data.carer_category not in UNDER_18_CATEGORIES:
        raise Invalid("Carers under 18 are young carers (or young adult carers).", field="under_18")
    if data.preferences.shared_background is not None and not (data.cultures or data.faith):
        raise Invalid(
            "To look for someone who shares your background, tell us your culture or faith first.",
            field="preferences.shared_background",
        )


async def save_my_carer_profile(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, data: CarerProfileWrite, now: datetime
) -> CarerProfileView:
    """Create or replace my carer profile (needs only with my health-data consent)."""
    _, membership_id = await _own_membership(session, actor, organisation_id, Role.CARER)
    user_id = actor.require_person()
    shared = await has_health_consent(session, user_id=user_id, organisation_id=organisation_id)
    _validate_carer(data, shared)
    languages = _check_languages(data.languages, data.preferred_language)
    profile = await session.scalar(select(CarerProfile).where(CarerProfile.membership_id == membership_id))
    created = profile is None
    if profile is None:
        profile = CarerProfile(membership_id=membership_id, user_id=user_id, organisation_id=organisation_id)
        profile.created_at = now
        session.add(profile)
    profile.relationships = _unique(data.relationships)
    profile.needs = _unique(data.needs)
    profile.mental_health_needs = _unique(data.mental_health_needs)
    profile.co_resident = data.co_resident
    profile.hours_band = data.hours_band
    profile.journey_stage = data.journey_stage
    profile.years_caring = data.years_caring
    profile.carer_category = data.carer_category
    profile.under_18 = data.under_18
    profile.languages = languages
    profile.preferred_language = data.preferred_language
    profile.interpreter_needed = data.interpreter_needed
    profile.postcode_district = data.postcode_district.upper() if data.postcode_district else None
    profile.region = data.region
    profile.contact_modes = _unique(data.contact_modes)
    profile.availability = availability_mask(data.availability)
    profile.help_with = _unique(data.help_with)
    profile.help_note = data.help_note.strip()
    profile.cultures = _unique(data.cultures)
    profile.faith = data.faith
    profile.preferences = msgspec.to_builtins(data.preferences)
    profile.updated_at = now
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="profiles.carer.created" if created else "profiles.carer.updated",
        now=now,
        organisation_id=organisation_id,
        subject_user_id=user_id,
        object_type="carer_profile",
        object_id=profile.id,
    )
    return CarerProfileView(
        profile=profile, display_name=await _display_name(session, user_id), needs_shared=shared
    )


async def read_carer_profile(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    membership_id: uuid.UUID,
    now: datetime,
) -> CarerProfileView:
    """A carer's profile, for coordinators; the read is written to the audit log."""
    await _coordinator_organisation(session, actor, organisation_id)
    membership, user = await _member(session, organisation_id, membership_id, Role.CARER)
    profile = await session.scalar(select(CarerProfile).where(CarerProfile.membership_id == membership.id))
    if profile is None:
        raise NotFound(f"{user.display_name} hasn't filled in their profile yet.")
    shared = await has_health_consent(session, user_id=user.id, organisation_id=organisation_id)
    await audit.record(
        session,
        actor=actor,
        action="profiles.carer.viewed",
        now=now,
        organisation_id=organisation_id,
        subject_user_id=user.id,
        object_type="carer_profile",
        object_id=profile.id,
    )
    return CarerProfileView(profile=profile, display_name=user.display_name, needs_shared=shared)


async def set_health_consent(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    agree: bool,
    now: datetime,
    role: Role = Role.CARER,
) -> bool:
    """Give or withdraw my health-data consent as a carer or buddy; withdrawing deletes the needs at once."""
    _, membership_id = await _own_membership(session, actor, organisation_id, role)
    user_id = actor.require_person()
    kind = HEALTH_CONSENT_OF[role]
    if agree:
        await organisations.give_consent(
            session, user_id=user_id, organisation_id=organisation_id, kind=kind, now=now
        )
    else:
        await organisations.withdraw_consent(
            session, user_id=user_id, organisation_id=organisation_id, kind=kind, now=now
        )
    if role == Role.CARER and not agree:
        await session.execute(
            update(CarerProfile)
            .where(CarerProfile.membership_id == membership_id)
            .values(needs=[], mental_health_needs=[], updated_at=now)
        )
    elif role == Role.BUDDY:
        # Withdrawing deletes the needs; either way the profile is touched, so the buddy pool's revision
        # changes in this commit and cached suggestions stop using what the buddy no longer allows.
        values: dict[str, Any] = {"updated_at": now}
        if not agree:
            values |= {"needs": [], "mental_health_needs": []}
        await session.execute(
            update(BuddyProfile).where(BuddyProfile.membership_id == membership_id).values(**values)
        )
    prefix = "profiles.health_consent" if role == Role.CARER else "profiles.buddy_health_consent"
    await audit.record(
        session,
        actor=actor,
        action=f"{prefix}.given" if agree else f"{prefix}.withdrawn",
        now=now,
        organisation_id=organisation_id,
        subject_user_id=user_id,
    )
    return agree


async def health_consent_of(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, role: Role = Role.CARER
) -> datetime | None:
    """When I gave my current health-data consent as a carer or buddy (``None`` when I have not)."""
    await _own_membership(session, actor, organisation_id, role)
    consent = await organisations.current_consent(
        session, user_id=actor.require_person(), organisation_id=organisation_id, kind=HEALTH_CONSENT_OF[role]
    )
    return consent.given_at if consent is not None else None


# --- buddy profiles ------------------------------------------------------------------------------


async def has_buddy_health_consent(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID
) -> bool:
    """Whether a buddy currently lets the organisation keep and show their cared-for person's needs."""
    return await organisations.has_consent(
        session, user_id=user_id, organisation_id=organisation_id, kind=ConsentKind.BUDDY_HEALTH_DATA
    )


def _buddy_stage(data: BuddyProfileWrite) -> JourneyStage:
    if data.caring_status == CaringStatus.FORMER:
        if data.journey_stage not in (None, JourneyStage.ENDED):
            raise Invalid("A former carer's caring has ended.", field="journey_stage")
        return JourneyStage.ENDED
    if data.journey_stage is None:
        raise Invalid("Please say how far along in caring you are.", field="journey_stage")
    if data.journey_stage == JourneyStage.ENDED:
        raise Invalid("If your caring has ended, choose 'former carer'.", field="journey_stage")
    return data.journey_stage


async def get_my_buddy_profile(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, now: datetime
) -> BuddyProfileView:
    """My buddy profile; ``NotFound`` until I have filled it in."""
    organisation, membership_id = await _own_membership(session, actor, organisation_id, Role.BUDDY)
    profile = await session.scalar(select(BuddyProfile).where(BuddyProfile.membership_id == membership_id))
    if profile is None:
        raise NotFound("You haven't filled in your profile yet.")
    shared = await has_buddy_health_consent(session, user_id=profile.user_id, organisation_id=organisation_id)
    return BuddyProfileView(
        profile=profile,
        display_name=await _display_name(session, profile.user_id),
        needs_shared=shared,
        today=organisation_today(organisation, now),
    )


async def save_my_buddy_profile(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, data: BuddyProfileWrite, now: datetime
) -> BuddyProfileView:
    """Create or replace my buddy profile (needs only with my consent; capacity set here only when new)."""
    organisation, membership_id = await _own_membership(session, actor, organisation_id, Role.BUDDY)
    user_id = actor.require_person()
    shared = await has_buddy_health_consent(session, user_id=user_id, organisation_id=organisation_id)
    if (data.needs or data.mental_health_needs) and not shared:
        raise Invalid(BUDDY_NEEDS_NEED_CONSENT, field="needs" if data.needs else "mental_health_needs")
    stage = _buddy_stage(data)
    _check_mental_health(data.needs, data.mental_health_needs)
    languages = _check_languages(data.languages, None)
    profile = await session.scalar(select(BuddyProfile).where(BuddyProfile.membership_id == membership_id))
    created = profile is None
    if profile is None:
        profile = BuddyProfile(
            membership_id=membership_id,
            user_id=user_id,
            organisation_id=organisation_id,
            capacity=data.capacity,
            places_taken=0,
            paused=False,
        )
        profile.created_at = now
        session.add(profile)
    else:
        profile.capacity = data.capacity
    profile.relationships = _unique(data.relationships)
    profile.needs = _unique(data.needs)
    profile.mental_health_needs = _unique(data.mental_health_needs)
    profile.caring_status = data.caring_status
    profile.journey_stage = stage
    profile.years_caring = data.years_caring
    profile.languages = languages
    profile.postcode_district = data.postcode_district.upper() if data.postcode_district else None
    profile.region = data.region
    profile.contact_modes = _unique(data.contact_modes)
    profile.availability = availability_mask(data.availability)
    profile.gender = data.gender
    profile.cultures = _unique(data.cultures)
    profile.faith = data.faith
    profile.about_me = data.about_me.strip()
    profile.confirmed_adult = data.confirmed_adult
    profile.updated_at = now
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="profiles.buddy.created" if created else "profiles.buddy.updated",
        now=now,
        organisation_id=organisation_id,
        subject_user_id=user_id,
        object_type="buddy_profile",
        object_id=profile.id,
    )
    return BuddyProfileView(
        profile=profile,
        display_name=await _display_name(session, user_id),
        needs_shared=shared,
        today=organisation_today(organisation, now),
    )


async def update_my_wellbeing(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    data: BuddyWellbeingUpdate,
    now: datetime,
) -> BuddyProfileView:
    """Pause (until a date, or until I resume) or resume new matches, change my capacity, set quiet hours.

    Mine alone to change. A date to be paused until must be after today (the organisation's date);
    sending one pauses; resuming clears it. A pause whose date has come is tidied away here, as it
    already counts as over everywhere (``screening.pause_holds``).
    """
    view = await get_my_buddy_profile(session, actor=actor, organisation_id=organisation_id, now=now)
    profile = view.profile
    _apply_pause(profile, data, paused_now=view.paused, today=view.today, now=now)
    if data.capacity is not msgspec.UNSET:
        # Lowering below the carers already supported is allowed: nobody is dropped, no one new comes.
        profile.capacity = data.capacity
    if data.quiet_hours is not msgspec.UNSET:
        if data.quiet_hours is not None and data.quiet_hours.start == data.quiet_hours.end:
            raise Invalid("Quiet hours need different start and end times.", field="quiet_hours.end")
        profile.quiet_hours_start = data.quiet_hours.start if data.quiet_hours else None
        profile.quiet_hours_end = data.quiet_hours.end if data.quiet_hours else None
    profile.updated_at = now
    await audit.record(
        session,
        actor=actor,
        action="profiles.buddy.wellbeing_changed",
        now=now,
        organisation_id=organisation_id,
        subject_user_id=profile.user_id,
        object_type="buddy_profile",
        object_id=profile.id,
        details={
            "paused": profile.paused,
            "paused_until": profile.paused_until.isoformat() if profile.paused_until else None,
            "capacity": profile.capacity,
        },
    )
    return view


LONGEST_PAUSE = timedelta(days=366)  # a pause with an end date ends within a year; longer: no date


def _apply_pause(
    profile: BuddyProfile, data: BuddyWellbeingUpdate, *, paused_now: bool, today: date, now: datetime
) -> None:
    """The buddy's pause after this change; ``Invalid`` naming ``paused_until`` for a date that can't be."""
    until = data.paused_until
    if isinstance(until, date):
        if data.paused is False:
            raise Invalid(
                "A date to be paused until only goes with a pause: choose to pause, or leave the date empty.",
                field="paused_until",
            )
        if until <= today:
            raise Invalid(
                "The date you're paused until must be in the future: choose a day after today, "
                "or leave it empty to pause until you resume.",
                field="paused_until",
            )
        if until > today + LONGEST_PAUSE:  # a mistyped year would hide the buddy for decades
            raise Invalid(
                "Choose a day within the next year, or leave the date empty to pause until you resume.",
                field="paused_until",
            )
    if data.paused is not msgspec.UNSET:
        pause = data.paused
    else:
        pause = True if isinstance(until, date) else paused_now
    if not pause:
        end = None
    elif until is not msgspec.UNSET:
        end = until
    else:
        end = profile.paused_until if paused_now else None  # a new pause has no end date unless given
    if pause != paused_now:
        profile.paused_at = now if pause else None
    profile.paused = pause
    profile.paused_until = end


async def read_buddy_profile(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    membership_id: uuid.UUID,
    now: datetime,
) -> BuddyProfileView:
    """A buddy's profile, for coordinators; the read is written to the audit log."""
    organisation = await _coordinator_organisation(session, actor, organisation_id)
    membership, user = await _member(session, organisation_id, membership_id, Role.BUDDY)
    profile = await session.scalar(select(BuddyProfile).where(BuddyProfile.membership_id == membership.id))
    if profile is None:
        raise NotFound(f"{user.display_name} hasn't filled in their profile yet.")
    await audit.record(
        session,
        actor=actor,
        action="profiles.buddy.viewed",
        now=now,
        organisation_id=organisation_id,
        subject_user_id=user.id,
        object_type="buddy_profile",
        object_id=profile.id,
    )
    shared = await has_buddy_health_consent(session, user_id=user.id, organisation_id=organisation_id)
    return BuddyProfileView(
        profile=profile,
        display_name=user.display_name,
        needs_shared=shared,
        today=organisation_today(organisation, now),
    )


# --- places (for matching) -----------------------------------------------------------------------


async def take_place(session: AsyncSession, *, buddy_membership_id: uuid.UUID) -> bool:
    """Take one of a buddy's free places, atomically; ``False`` when none is left.

    A guarded ``UPDATE … WHERE places_taken < capacity``: on PostgreSQL a second transaction filling
    the same last place waits for the first and then finds the condition false; on SQLite writers
    are serialised. Either way exactly one succeeds.
    """
    result = await session.execute(
        update(BuddyProfile)
        .where(
            BuddyProfile.membership_id == buddy_membership_id,
            BuddyProfile.places_taken < BuddyProfile.capacity,
        )
        .values(places_taken=BuddyProfile.places_taken + 1)
        .returning(BuddyProfile.places_taken),
        execution_options={
            "synchronize_session": False,
            "buddy_pool_owner": ("membership", buddy_membership_id),
        },
    )
    return result.scalar_one_or_none() is not None


async def release_place(session: AsyncSession, *, buddy_membership_id: uuid.UUID) -> None:
    """Give a buddy's place back (a match declined, withdrawn or ended)."""
    await session.execute(
        update(BuddyProfile)
        .where(BuddyProfile.membership_id == buddy_membership_id, BuddyProfile.places_taken > 0)
        .values(places_taken=BuddyProfile.places_taken - 1),
        execution_options={
            "synchronize_session": False,
            "buddy_pool_owner": ("membership", buddy_membership_id),
        },
    )


# --- screening -----------------------------------------------------------------------------------


async def _screen_organisation(
    session: AsyncSession, actor: Actor, organisation_id: uuid.UUID
) -> Organisation:
    organisation = await _organisation(session, actor, organisation_id)
    if not policy.can_screen_buddies(actor, organisation_id):
        raise NotAllowed("Only coordinators can do that.")
    return organisation


async def list_courses(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID
) -> Sequence[TrainingCourse]:
    """The organisation's training courses, current first (coordinators)."""
    await _screen_organisation(session, actor, organisation_id)
    return (
        await session.scalars(
            select(TrainingCourse)
            .where(TrainingCourse.organisation_id == organisation_id)
            .order_by(TrainingCourse.retired_at.is_not(None), TrainingCourse.name)
        )
    ).all()


async def create_course(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    data: TrainingCourseCreate,
    now: datetime,
) -> TrainingCourse:
    """Add a training course (coordinators)."""
    await _screen_organisation(session, actor, organisation_id)
    name = " ".join(data.name.split())
    if await session.scalar(
        select(TrainingCourse.id).where(
            TrainingCourse.organisation_id == organisation_id, TrainingCourse.name == name
        )
    ):
        raise Conflict(f"There is already a course called {name!r}.", field="name")
    course = TrainingCourse(
        organisation_id=organisation_id,
        name=name,
        description=data.description.strip(),
        required=data.required,
        valid_months=data.valid_months,
    )
    course.created_at = now
    session.add(course)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="profiles.course.created",
        now=now,
        organisation_id=organisation_id,
        object_type="training_course",
        object_id=course.id,
    )
    return course


async def update_course(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    course_id: uuid.UUID,
    data: TrainingCourseUpdate,
    now: datetime,
) -> TrainingCourse:
    """Rename, re-describe, make required or optional, change validity, retire (coordinators)."""
    await _screen_organisation(session, actor, organisation_id)
    course = await session.get(TrainingCourse, course_id)
    if course is None or course.organisation_id != organisation_id:
        raise NotFound("No such course.")
    if data.name is not msgspec.UNSET:
        name = " ".join(data.name.split())
        clash = await session.scalar(
            select(TrainingCourse.id).where(
                TrainingCourse.organisation_id == organisation_id,
                TrainingCourse.name == name,
                TrainingCourse.id != course.id,
            )
        )
        if clash:
            raise Conflict(f"There is already a course called {name!r}.", field="name")
        course.name = name
    if data.description is not msgspec.UNSET:
        course.description = data.description.strip()
    if data.required is not msgspec.UNSET:
        course.required = data.required
    if data.valid_months is not msgspec.UNSET:
        course.valid_months = data.valid_months
    if data.retired is not msgspec.UNSET:
        course.retired_at = (course.retired_at or now) if data.retired else None
    await audit.record(
        session,
        actor=actor,
        action="profiles.course.updated",
        now=now,
        organisation_id=organisation_id,
        object_type="training_course",
        object_id=course.id,
    )
    return course


async def record_training(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    membership_id: uuid.UUID,
    course_id: uuid.UUID,
    completed_on: date,
    now: datetime,
) -> BuddyScreening:
    """Record that a buddy completed a course (coordinators)."""
    organisation = await _screen_organisation(session, actor, organisation_id)
    membership, user = await _member(session, organisation_id, membership_id, Role.BUDDY)
    course = await session.get(TrainingCourse, course_id)
    if course is None or course.organisation_id != organisation_id or course.retired_at is not None:
        raise Invalid("No such course (or it has been retired).", field="course_id")
    if completed_on > organisation_today(organisation, now):
        raise Invalid("The completion date can't be in the future.", field="completed_on")
    record = TrainingRecord(
        membership_id=membership.id,
        course_id=course.id,
        completed_on=completed_on,
        recorded_by_user_id=actor.user_id,
        recorded_at=now,
    )
    session.add(record)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="profiles.training.recorded",
        now=now,
        organisation_id=organisation_id,
        subject_user_id=user.id,
        object_type="training_record",
        object_id=record.id,
    )
    return await _screening_of(session, organisation, membership, user.display_name, now)


async def delete_training_record(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    membership_id: uuid.UUID,
    record_id: uuid.UUID,
    now: datetime,
) -> BuddyScreening:
    """Remove a training record made in error (coordinators; the audit log keeps that it existed)."""
    organisation = await _screen_organisation(session, actor, organisation_id)
    membership, user = await _member(session, organisation_id, membership_id, Role.BUDDY)
    record = await session.get(TrainingRecord, record_id)
    if record is None or record.membership_id != membership.id:
        raise NotFound("No such training record.")
    await session.delete(record)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="profiles.training.deleted",
        now=now,
        organisation_id=organisation_id,
        subject_user_id=user.id,
        object_type="training_record",
        object_id=record_id,
    )
    return await _screening_of(session, organisation, membership, user.display_name, now)


async def record_check(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    membership_id: uuid.UUID,
    data: SafeguardingCheckCreate,
    now: datetime,
) -> BuddyScreening:
    """Record a safeguarding check a coordinator has seen; the latest one counts (coordinators)."""
    organisation = await _screen_organisation(session, actor, organisation_id)
    membership, user = await _member(session, organisation_id, membership_id, Role.BUDDY)
    if data.issued_on > organisation_today(organisation, now):
        raise Invalid("The issue date can't be in the future.", field="issued_on")
    if data.recheck_due <= data.issued_on:
        raise Invalid("The recheck date must be after the issue date.", field="recheck_due")
    check = SafeguardingCheck(
        membership_id=membership.id,
        check_type=data.check_type,
        reference=data.reference.strip().upper(),
        issued_on=data.issued_on,
        recheck_due=data.recheck_due,
        recorded_by_user_id=actor.user_id,
        recorded_at=now,
    )
    session.add(check)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="profiles.check.recorded",
        now=now,
        organisation_id=organisation_id,
        subject_user_id=user.id,
        object_type="safeguarding_check",
        object_id=check.id,
        details={"check_type": data.check_type.value},
    )
    return await _screening_of(session, organisation, membership, user.display_name, now)


async def decide(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    membership_id: uuid.UUID,
    kind: DecisionKind,
    granted: bool,
    note: str,
    now: datetime,
) -> BuddyScreening:
    """Approve a buddy (or withdraw approval), or clear them for young carers (or not) (coordinators).

    Clearing for young carers needs a current check that covers work with children.
    """
    organisation = await _screen_organisation(session, actor, organisation_id)
    membership, user = await _member(session, organisation_id, membership_id, Role.BUDDY)
    if kind == DecisionKind.YOUNG_CARERS and granted:
        current = await _screening_of(session, organisation, membership, user.display_name, now)
        check = current.assessment.check
        if current.assessment.check_state != "ok" or check is None or check.check_type not in CHILDREN_CHECKS:
            raise Conflict(
                "Before clearing a buddy for young carers, record a current check that covers work with "
                "children (an enhanced DBS with the children's barred list, or PVG for children)."
            )
    sequence = (
        await session.scalar(
            select(func.coalesce(func.max(BuddyDecision.sequence), 0)).where(
                BuddyDecision.membership_id == membership.id, BuddyDecision.kind == kind
            )
        )
        or 0
    ) + 1
    decision = BuddyDecision(
        membership_id=membership.id,
        kind=kind,
        sequence=sequence,
        granted=granted,
        note=note.strip(),
        decided_by_user_id=actor.user_id,
        decided_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(decision)
    except IntegrityError:
        raise Conflict("Another coordinator decided this at the same moment. Please look again.") from None
    await audit.record(
        session,
        actor=actor,
        action=f"profiles.{kind.value}.{'granted' if granted else 'withdrawn'}",
        now=now,
        organisation_id=organisation_id,
        subject_user_id=user.id,
        object_type="buddy_decision",
        object_id=decision.id,
    )
    return await _screening_of(session, organisation, membership, user.display_name, now)


# Beyond this many buddies, their records are selected by organisation rather than by a list of ids.
_BY_ORGANISATION = 500


async def screenings(
    session: AsyncSession,
    *,
    organisation: Organisation,
    memberships: Sequence[tuple[BuddyMember, str]],
    now: datetime,
) -> list[BuddyScreening]:
    """Screening of many buddies of one organisation in a few queries (no permission check: callers' job).

    Records are read as plain rows (not ORM objects): an organisation's whole pool is read at once.
    """
    if not memberships:
        return []
    ids = [m.id for m, _ in memberships]
    today = organisation_today(organisation, now)
    accepted = frozenset(CheckType(c) for c in settings_of(organisation).buddy_check_types)
    courses = (
        await session.scalars(
            select(TrainingCourse).where(
                TrainingCourse.organisation_id == organisation.id, TrainingCourse.retired_at.is_(None)
            )
        )
    ).all()

    def mine(column: Any) -> Any:
        if len(ids) <= _BY_ORGANISATION:
            return column.in_(ids)
        return column.in_(
            select(Membership.id).where(
                Membership.organisation_id == organisation.id, Membership.role == Role.BUDDY
            )
        )

    profiles = {
        p.membership_id: p
        for p in (await session.scalars(select(BuddyProfile).where(mine(BuddyProfile.membership_id)))).all()
    }
    records: dict[uuid.UUID, dict[uuid.UUID, CourseRecord]] = {}
    for record_id, membership_id, course_id, completed_on in await session.execute(
        select(
            TrainingRecord.id,
            TrainingRecord.membership_id,
            TrainingRecord.course_id,
            TrainingRecord.completed_on,
        )
        .where(mine(TrainingRecord.membership_id))
        .order_by(TrainingRecord.completed_on, TrainingRecord.recorded_at)
    ):
        records.setdefault(membership_id, {})[course_id] = CourseRecord(
            record_id, completed_on
        )  # latest wins
    checks: dict[uuid.UUID, CheckRecord] = {}
    for row in await session.execute(
        select(
            SafeguardingCheck.membership_id,
            SafeguardingCheck.id,
            SafeguardingCheck.check_type,
            SafeguardingCheck.reference,
            SafeguardingCheck.issued_on,
            SafeguardingCheck.recheck_due,
            SafeguardingCheck.recorded_at,
        )
        .where(mine(SafeguardingCheck.membership_id))
        .order_by(SafeguardingCheck.issued_on, SafeguardingCheck.recorded_at)
    ):
        checks[row[0]] = CheckRecord(*row[1:])
    decisions: dict[tuple[uuid.UUID, DecisionKind], bool] = {}
    for membership_id, kind, granted in await session.execute(
        select(BuddyDecision.membership_id, BuddyDecision.kind, BuddyDecision.granted)
        .where(mine(BuddyDecision.membership_id))
        .order_by(BuddyDecision.sequence)
    ):
        decisions[(membership_id, kind)] = granted
    consenting = await organisations.consenting_users(
        session,
        organisation_id=organisation.id,
        user_ids=[p.user_id for p in profiles.values()] if len(ids) <= _BY_ORGANISATION else None,
        kind=ConsentKind.BUDDY_HEALTH_DATA,
    )
    course_facts = [screening.Course(c.id, c.name, c.required, c.valid_months) for c in courses]
    window = screening.recheck_warning_days(organisation.settings)
    result = []
    for membership, display_name in memberships:
        profile = profiles.get(membership.id)
        check = checks.get(membership.id)
        own_records = records.get(membership.id, {})
        assessment = screening.assess(
            has_profile=profile is not None,
            confirmed_adult=bool(profile and profile.confirmed_adult),
            paused=bool(profile and profile.paused),
            paused_until=profile.paused_until if profile else None,
            capacity=profile.capacity if profile else 0,
            places_taken=profile.places_taken if profile else 0,
            approved=decisions.get((membership.id, DecisionKind.APPROVAL), False),
            young_carers_granted=decisions.get((membership.id, DecisionKind.YOUNG_CARERS), False),
            courses=course_facts,
            completions={course_id: r.completed_on for course_id, r in own_records.items()},
            check=screening.Check(check.check_type, check.reference, check.issued_on, check.recheck_due)
            if check
            else None,
            accepted_checks=accepted,
            today=today,
        )
        result.append(
            BuddyScreening(
                membership=membership,
                display_name=display_name,
                profile=profile,
                assessment=assessment,
                check=check,
                records=own_records,
                needs_shared=profile is not None and profile.user_id in consenting,
                recheck_soon=screening.recheck_soon(check.recheck_due if check else None, today, window),
            )
        )
    return result


async def _screening_of(
    session: AsyncSession,
    organisation: Organisation,
    membership: Membership,
    display_name: str,
    now: datetime,
) -> BuddyScreening:
    member = BuddyMember(id=membership.id, user_id=membership.user_id)
    return (
        await screenings(session, organisation=organisation, memberships=[(member, display_name)], now=now)
    )[0]


async def get_screening(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    membership_id: uuid.UUID,
    now: datetime,
) -> BuddyScreening:
    """A buddy's screening, for coordinators (the read is audited)."""
    organisation = await _screen_organisation(session, actor, organisation_id)
    membership, user = await _member(session, organisation_id, membership_id, Role.BUDDY)
    await audit.record(
        session,
        actor=actor,
        action="profiles.screening.viewed",
        now=now,
        organisation_id=organisation_id,
        subject_user_id=user.id,
        object_type="membership",
        object_id=membership.id,
    )
    return await _screening_of(session, organisation, membership, user.display_name, now)


async def get_my_screening(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, now: datetime
) -> BuddyScreening:
    """My own screening as a buddy: what is done and what still stands in the way."""
    organisation, membership_id = await _own_membership(session, actor, organisation_id, Role.BUDDY)
    membership, user = await _member(session, organisation_id, membership_id, Role.BUDDY)
    return await _screening_of(session, organisation, membership, user.display_name, now)


async def active_buddies(
    session: AsyncSession, *, organisation_id: uuid.UUID
) -> list[tuple[BuddyMember, str]]:
    """Every active buddy membership of an organisation with the buddy's name, by name."""
    rows = await session.execute(
        select(Membership.id, Membership.user_id, User.display_name)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.organisation_id == organisation_id,
            Membership.role == Role.BUDDY,
            Membership.status == MembershipStatus.ACTIVE,
            User.is_active.is_(True),
        )
        .order_by(User.display_name, Membership.id)
    )
    return [(BuddyMember(id=membership_id, user_id=user_id), name) for membership_id, user_id, name in rows]


async def list_buddies(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, now: datetime
) -> list[BuddyScreening]:
    """Every active buddy with whether they can be matched and why not (coordinators)."""
    organisation = await _screen_organisation(session, actor, organisation_id)
    return await screenings(
        session,
        organisation=organisation,
        memberships=await active_buddies(session, organisation_id=organisation_id),
        now=now,
    )


async def list_rechecks_due(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    within_days: int | None,
    now: datetime,
) -> list[tuple[BuddyScreening, int]]:
    """Buddies whose safeguarding check is due for renewal within ``within_days``, or overdue.

    ``None``: the organisation's warning window. Soonest first, each with the days left (negative
    when overdue) (coordinators).
    """
    buddies = await list_buddies(session, actor=actor, organisation_id=organisation_id, now=now)
    organisation = await session.get(Organisation, organisation_id)
    assert organisation is not None
    if within_days is None:
        within_days = screening.recheck_warning_days(organisation.settings)
    today = organisation_today(organisation, now)
    horizon = today + timedelta(days=within_days)
    due = [
        (b, (b.check.recheck_due - today).days)
        for b in buddies
        if b.check is not None and b.check.recheck_due <= horizon
    ]
    return sorted(due, key=lambda pair: (pair[1], pair[0].display_name))


async def remind_renewals(session: AsyncSession, *, now: datetime) -> int:
    """Tell the coordinators and the buddy, once per record, that a check or a course runs out soon.

    A safeguarding check within the organisation's warning window of its recheck date (or past it), and a
    required course whose completion runs out as soon. Each record is announced once (the dedupe key
    is the record's id), so a renewal recorded later starts afresh. Returns how many were new.
    """
    announced = 0
    for organisation in (await session.scalars(select(Organisation))).all():
        buddies = await active_buddies(session, organisation_id=organisation.id)
        if not buddies:
            continue
        window = screening.recheck_warning_days(organisation.settings)
        horizon = organisation_today(organisation, now) + timedelta(days=window)
        coordinators = await organisations.coordinators_to_alert(
            session, organisation_id=organisation.id, on_duty_only=False
        )
        for buddy in await screenings(session, organisation=organisation, memberships=buddies, now=now):
            due: list[tuple[str, uuid.UUID]] = []
            if buddy.check is not None and buddy.check.recheck_due <= horizon:
                due.append(("safeguarding", buddy.check.id))
            for course in buddy.assessment.courses:
                record = buddy.records.get(course.course.id)
                if course.course.required and record and course.expires_on and course.expires_on <= horizon:
                    due.append(("training", record.id))
            for check, record_id in due:
                data = {"buddy_id": buddy.membership.id, "buddy_name": buddy.display_name, "check": check}
                told = [
                    await notifications.notify(
                        session,
                        user_id=user_id,
                        kind=kinds.RecheckDue,
                        data=data,
                        dedupe_key=f"renewal:{check}:{record_id}",
                        now=now,
                        organisation_id=organisation.id,
                    )
                    for user_id in {*coordinators, buddy.membership.user_id}
                ]
                announced += any(told)
    return announced


# --- profiles in bulk, for matching --------------------------------------------------------------


async def carer_profiles(
    session: AsyncSession, *, organisation_id: uuid.UUID, membership_ids: Collection[uuid.UUID] | None = None
) -> list[CarerProfileView]:
    """Carer profiles of an organisation (all, or of ``membership_ids``), with whether needs may be used.

    No permission check: matching decides who may see what.
    """
    query = (
        select(CarerProfile, User.display_name)
        .join(User, User.id == CarerProfile.user_id)
        .where(CarerProfile.organisation_id == organisation_id)
    )
    if membership_ids is not None:
        if not membership_ids:
            return []
        query = query.where(CarerProfile.membership_id.in_(list(membership_ids)))
    rows = (await session.execute(query)).all()
    consenting = await organisations.consenting_users(
        session,
        organisation_id=organisation_id,
        user_ids=[p.user_id for p, _ in rows],
        kind=ConsentKind.HEALTH_DATA,
    )
    return [
        CarerProfileView(profile=p, display_name=name, needs_shared=p.user_id in consenting)
        for p, name in rows
    ]
