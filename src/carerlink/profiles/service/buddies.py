"""Buddies' profiles: my own, my pause and capacity, coordinators' audited reads, and places for matching."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import msgspec
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Role
from carerlink.errors import Invalid, NotFound
from carerlink.i18n import N_, _
from carerlink.organisations import service as organisations
from carerlink.organisations.models import ConsentKind
from carerlink.organisations.scope import Scope
from carerlink.profiles import policy, screening
from carerlink.profiles.models import BuddyProfile
from carerlink.profiles.schemas import BuddyProfileWrite, BuddyWellbeingUpdate
from carerlink.profiles.service._common import (
    availability_mask,
    check_languages,
    check_mental_health,
    display_name,
    entered_by_name,
    member,
    organisation_today,
    own_membership,
    unique,
)
from carerlink.profiles.vocabulary import CaringStatus, JourneyStage

BUDDY_NEEDS_NEED_CONSENT = N_(
    "We can only keep information about the needs of the person you care or cared for if you agree to it. "
    "Leave this empty, or first agree to us keeping broad health information (your health-data consent)."
)
LONGEST_PAUSE = timedelta(days=366)  # a pause with an end date ends within a year; longer: no date


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
    entered_by_name: str | None = None  # the coordinator who filled it in with them (issue 16)

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

    @property
    def earlier_quiet_hours(self) -> tuple[str, str] | None:
        """Quiet hours set on this profile before they moved to notification preferences, not moved.

        Migration 0012 moved them where buddy is the person's only role; for anyone else they stay
        here, never honoured, so the app can ask the buddy to set them in notification settings.
        """
        start, end = self.profile.quiet_hours_start, self.profile.quiet_hours_end
        return (start, end) if start and end else None


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
            raise Invalid(_("A former carer's caring has ended."), field="journey_stage")
        return JourneyStage.ENDED
    if data.journey_stage is None:
        raise Invalid(_("Please say how far along in caring you are."), field="journey_stage")
    if data.journey_stage == JourneyStage.ENDED:
        raise Invalid(_("If your caring has ended, choose 'former carer'."), field="journey_stage")
    return data.journey_stage


async def get_my_buddy_profile(scope: Scope) -> BuddyProfileView:
    """My buddy profile; ``NotFound`` until I have filled it in."""
    organisation, membership_id = own_membership(scope, Role.BUDDY)
    session = scope.session
    profile = await session.scalar(select(BuddyProfile).where(BuddyProfile.membership_id == membership_id))
    if profile is None:
        raise NotFound(_("You haven't filled in your profile yet."))
    shared = await has_buddy_health_consent(session, user_id=profile.user_id, organisation_id=organisation.id)
    return BuddyProfileView(
        profile=profile,
        display_name=await display_name(session, profile.user_id),
        needs_shared=shared,
        today=organisation_today(organisation, scope.now),
        entered_by_name=await entered_by_name(session, profile.entered_by_user_id),
    )


async def save_my_buddy_profile(scope: Scope, *, data: BuddyProfileWrite) -> BuddyProfileView:
    """Create or replace my buddy profile, capacity included (needs only with my consent)."""
    organisation, membership_id = own_membership(scope, Role.BUDDY)
    user_id = scope.actor.require_person()
    shared = await has_buddy_health_consent(scope.session, user_id=user_id, organisation_id=organisation.id)
    profile, created = await store_buddy_profile(
        scope, membership_id=membership_id, user_id=user_id, data=data, needs_shared=shared
    )
    await scope.audit(
        "profiles.buddy.created" if created else "profiles.buddy.updated",
        subject_user_id=user_id,
        object_type="buddy_profile",
        object_id=profile.id,
    )
    return BuddyProfileView(
        profile=profile,
        display_name=await display_name(scope.session, user_id),
        needs_shared=shared,
        today=organisation_today(organisation, scope.now),
        entered_by_name=await entered_by_name(scope.session, profile.entered_by_user_id),
    )


async def store_buddy_profile(
    scope: Scope, *, membership_id: uuid.UUID, user_id: uuid.UUID, data: BuddyProfileWrite, needs_shared: bool
) -> tuple[BuddyProfile, bool]:
    """Check and write a buddy's whole profile (their own form, or filled in with them); whether it is new."""
    session, now = scope.session, scope.now
    if (data.needs or data.mental_health_needs) and not needs_shared:
        raise Invalid(str(BUDDY_NEEDS_NEED_CONSENT), field="needs" if data.needs else "mental_health_needs")
    stage = _buddy_stage(data)
    check_mental_health(data.needs, data.mental_health_needs)
    languages = check_languages(data.languages, None)
    profile = await session.scalar(select(BuddyProfile).where(BuddyProfile.membership_id == membership_id))
    created = profile is None
    if profile is None:
        profile = BuddyProfile(
            membership_id=membership_id,
            user_id=user_id,
            organisation_id=scope.organisation_id,
            capacity=data.capacity,
            places_taken=0,
            paused=False,
        )
        profile.created_at = now
        session.add(profile)
    else:
        profile.capacity = data.capacity
    profile.relationships = unique(data.relationships)
    profile.needs = unique(data.needs)
    profile.mental_health_needs = unique(data.mental_health_needs)
    profile.caring_status = data.caring_status
    profile.journey_stage = stage
    profile.years_caring = data.years_caring
    profile.languages = languages
    profile.postcode_district = data.postcode_district.upper() if data.postcode_district else None
    profile.region = data.region
    profile.contact_modes = unique(data.contact_modes)
    profile.availability = availability_mask(data.availability)
    profile.gender = data.gender
    profile.cultures = unique(data.cultures)
    profile.faith = data.faith
    profile.about_me = data.about_me.strip()
    profile.confirmed_adult = data.confirmed_adult
    profile.updated_at = now
    await session.flush()
    return profile, created


async def update_my_wellbeing(scope: Scope, *, data: BuddyWellbeingUpdate) -> BuddyProfileView:
    """Pause (until a date, or until I resume) or resume new matches, change my capacity.

    Mine alone to change. A date to be paused until must be after today (the organisation's date);
    sending one pauses; resuming clears it. A pause whose date has come is tidied away here, as it
    already counts as over everywhere (``screening.pause_holds``). ``earlier_quiet_hours: null``
    clears the quiet hours left on the profile from before they moved (the buddy has seen the note).
    """
    view = await get_my_buddy_profile(scope)
    profile = view.profile
    _apply_pause(profile, data, paused_now=view.paused, today=view.today, now=scope.now)
    if data.capacity is not msgspec.UNSET:
        # Lowering below the carers already supported is allowed: nobody is dropped, no one new comes.
        profile.capacity = data.capacity
    if data.earlier_quiet_hours is None:
        profile.quiet_hours_start = profile.quiet_hours_end = None
    profile.updated_at = scope.now
    await scope.audit(
        "profiles.buddy.wellbeing_changed",
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


def _apply_pause(
    profile: BuddyProfile, data: BuddyWellbeingUpdate, *, paused_now: bool, today: date, now: datetime
) -> None:
    """The buddy's pause after this change; ``Invalid`` naming ``paused_until`` for a date that can't be."""
    until = data.paused_until
    if isinstance(until, date):
        if data.paused is False:
            raise Invalid(
                _(
                    "A date to be paused until only goes with a pause: choose to pause, or leave the "
                    "date empty."
                ),
                field="paused_until",
            )
        if until <= today:
            raise Invalid(
                _(
                    "The date you're paused until must be in the future: choose a day after today, "
                    "or leave it empty to pause until you resume."
                ),
                field="paused_until",
            )
        if until > today + LONGEST_PAUSE:  # a mistyped year would hide the buddy for decades
            raise Invalid(
                _("Choose a day within the next year, or leave the date empty to pause until you resume."),
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


async def read_buddy_profile(scope: Scope, *, membership_id: uuid.UUID) -> BuddyProfileView:
    """A buddy's profile, for coordinators; the read is written to the audit log."""
    organisation = scope.require(
        policy.can_read_profiles, _("Only coordinators can see other people's profiles.")
    )
    membership, user = await member(scope, membership_id, Role.BUDDY)
    profile = await scope.session.scalar(
        select(BuddyProfile).where(BuddyProfile.membership_id == membership.id)
    )
    if profile is None:
        raise NotFound(
            _("{display_name} hasn't filled in their profile yet.").format(display_name=user.display_name)
        )
    await scope.audit(
        "profiles.buddy.viewed", subject_user_id=user.id, object_type="buddy_profile", object_id=profile.id
    )
    shared = await has_buddy_health_consent(scope.session, user_id=user.id, organisation_id=organisation.id)
    return BuddyProfileView(
        profile=profile,
        display_name=user.display_name,
        needs_shared=shared,
        today=organisation_today(organisation, scope.now),
        entered_by_name=await entered_by_name(scope.session, profile.entered_by_user_id),
    )


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
