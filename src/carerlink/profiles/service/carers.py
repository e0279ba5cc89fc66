"""Carers' profiles: my own (kept only by me), coordinators' audited reads, and many at once for matching."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.errors import Invalid, NotFound
from carerlink.i18n import N_, _
from carerlink.organisations import service as organisations
from carerlink.organisations.models import ConsentKind
from carerlink.organisations.scope import Scope
from carerlink.profiles import policy
from carerlink.profiles.models import CarerProfile
from carerlink.profiles.schemas import CarerProfileWrite
from carerlink.profiles.service._common import (
    availability_mask,
    check_languages,
    check_mental_health,
    display_name,
    entered_by_name,
    member,
    own_membership,
    unique,
)
from carerlink.profiles.vocabulary import UNDER_18_CATEGORIES, CarerCategory

NEEDS_NEED_CONSENT = N_(
    "We can only keep information about the needs of the person you care for if you agree to it. "
    "Leave this empty, or first agree to us keeping broad health information (your health-data consent)."
)


@dataclass(frozen=True, slots=True)
class CarerProfileView:
    """A carer's profile with their name and whether their needs may be kept and used.

    Read the needs through this view: without consent they are empty, even in the moment before a
    withdrawal has been applied to the stored profile.
    """

    profile: CarerProfile
    display_name: str
    needs_shared: bool
    entered_by_name: str | None = None  # the coordinator who filled it in with them (issue 16)

    @property
    def needs(self) -> list[str]:
        """The cared-for person's needs, only with the carer's consent."""
        return list(self.profile.needs) if self.needs_shared else []

    @property
    def mental_health_needs(self) -> list[str]:
        """The mental-health sub-options, only with the carer's consent."""
        return list(self.profile.mental_health_needs) if self.needs_shared else []


async def has_health_consent(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID
) -> bool:
    """Whether a carer currently lets the organisation keep their cared-for person's needs."""
    return await organisations.has_consent(
        session, user_id=user_id, organisation_id=organisation_id, kind=ConsentKind.HEALTH_DATA
    )


async def get_my_carer_profile(scope: Scope) -> CarerProfileView:
    """My carer profile; ``NotFound`` until I have filled it in."""
    organisation, membership_id = own_membership(scope, Role.CARER)
    session = scope.session
    profile = await session.scalar(select(CarerProfile).where(CarerProfile.membership_id == membership_id))
    if profile is None:
        raise NotFound(_("You haven't filled in your profile yet."))
    shared = await has_health_consent(session, user_id=profile.user_id, organisation_id=organisation.id)
    return CarerProfileView(
        profile=profile,
        display_name=await display_name(session, profile.user_id),
        needs_shared=shared,
        entered_by_name=await entered_by_name(session, profile.entered_by_user_id),
    )


def _validate_carer(data: CarerProfileWrite, needs_shared: bool) -> None:
    if (data.needs or data.mental_health_needs) and not needs_shared:
        raise Invalid(str(NEEDS_NEED_CONSENT), field="needs" if data.needs else "mental_health_needs")
    check_mental_health(data.needs, data.mental_health_needs)
    if data.carer_category == CarerCategory.YOUNG and not data.under_18:
        raise Invalid(
            _("A young carer is under 18: please say so, or choose another kind of carer."), field="under_18"
        )
    if data.under_18 and data.carer_category not in UNDER_18_CATEGORIES:
        raise Invalid(_("Carers under 18 are young carers (or young adult carers)."), field="under_18")
    if data.preferences.shared_background is not None and not (data.cultures or data.faith):
        raise Invalid(
            _("To look for someone who shares your background, tell us your culture or faith first."),
            field="preferences.shared_background",
        )


async def save_my_carer_profile(scope: Scope, *, data: CarerProfileWrite) -> CarerProfileView:
    """Create or replace my carer profile (needs only with my health-data consent)."""
    organisation, membership_id = own_membership(scope, Role.CARER)
    user_id = scope.actor.require_person()
    shared = await has_health_consent(scope.session, user_id=user_id, organisation_id=organisation.id)
    profile, created = await store_carer_profile(
        scope, membership_id=membership_id, user_id=user_id, data=data, needs_shared=shared
    )
    await scope.audit(
        "profiles.carer.created" if created else "profiles.carer.updated",
        subject_user_id=user_id,
        object_type="carer_profile",
        object_id=profile.id,
    )
    return CarerProfileView(
        profile=profile,
        display_name=await display_name(scope.session, user_id),
        needs_shared=shared,
        entered_by_name=await entered_by_name(scope.session, profile.entered_by_user_id),
    )


async def store_carer_profile(
    scope: Scope, *, membership_id: uuid.UUID, user_id: uuid.UUID, data: CarerProfileWrite, needs_shared: bool
) -> tuple[CarerProfile, bool]:
    """Check and write a carer's whole profile (their own form, or filled in with them); whether it is new."""
    session, now = scope.session, scope.now
    _validate_carer(data, needs_shared)
    languages = check_languages(data.languages, data.preferred_language)
    profile = await session.scalar(select(CarerProfile).where(CarerProfile.membership_id == membership_id))
    created = profile is None
    if profile is None:
        profile = CarerProfile(
            membership_id=membership_id, user_id=user_id, organisation_id=scope.organisation_id
        )
        profile.created_at = now
        session.add(profile)
    profile.relationships = unique(data.relationships)
    profile.needs = unique(data.needs)
    profile.mental_health_needs = unique(data.mental_health_needs)
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
    profile.contact_modes = unique(data.contact_modes)
    profile.availability = availability_mask(data.availability)
    profile.help_with = unique(data.help_with)
    profile.help_note = data.help_note.strip()
    profile.cultures = unique(data.cultures)
    profile.faith = data.faith
    profile.preferences = msgspec.to_builtins(data.preferences)
    profile.updated_at = now
    await session.flush()
    return profile, created


async def read_carer_profile(scope: Scope, *, membership_id: uuid.UUID) -> CarerProfileView:
    """A carer's profile, for coordinators; the read is written to the audit log."""
    organisation = scope.require(
        policy.can_read_profiles, _("Only coordinators can see other people's profiles.")
    )
    membership, user = await member(scope, membership_id, Role.CARER)
    profile = await scope.session.scalar(
        select(CarerProfile).where(CarerProfile.membership_id == membership.id)
    )
    if profile is None:
        raise NotFound(
            _("{display_name} hasn't filled in their profile yet.").format(display_name=user.display_name)
        )
    shared = await has_health_consent(scope.session, user_id=user.id, organisation_id=organisation.id)
    await scope.audit(
        "profiles.carer.viewed", subject_user_id=user.id, object_type="carer_profile", object_id=profile.id
    )
    return CarerProfileView(
        profile=profile,
        display_name=user.display_name,
        needs_shared=shared,
        entered_by_name=await entered_by_name(scope.session, profile.entered_by_user_id),
    )


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
