"""Filling in a profile with the person (issue 16): a coordinator enters a carer's or a buddy's answers.

During an assessment (on the phone or in person) a coordinator fills in the same form the person would,
checked by the same rules (``store_carer_profile``, ``store_buddy_profile``). The profile records who
entered it and when (``entered_by_user_id``, ``entered_at``), which the person sees on their own profile,
where they can change everything later. The needs of the person cared for are kept only with the
person's health-data consent: already given, or given now out loud, the coordinator having read the
current words (their version is sent and recorded with the consent, ``ConsentMethod.VERBAL``, and who
recorded it). A buddy's "I'm 18 or over" and how many carers they support stay theirs to say. Every
write and read is audited.
"""

from __future__ import annotations

import uuid

import msgspec
from sqlalchemy import select

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.errors import Conflict, Invalid
from carerlink.i18n import N_, _
from carerlink.notifications.kinds import BuddyProfileFilledIn, CarerProfileFilledIn, Kind
from carerlink.organisations import service as organisations
from carerlink.organisations.consents import CURRENT
from carerlink.organisations.models import Consent, ConsentKind, ConsentMethod, Membership, MembershipStatus
from carerlink.organisations.scope import Scope
from carerlink.profiles import policy
from carerlink.profiles.models import BuddyProfile
from carerlink.profiles.schemas import (
    BuddyProfileEntry,
    BuddyProfileWrite,
    CarerProfileEntry,
    CarerProfileWrite,
    VerbalConsent,
)
from carerlink.profiles.service._common import HEALTH_CONSENT_OF, display_name, member, organisation_today
from carerlink.profiles.service.buddies import BuddyProfileView, store_buddy_profile
from carerlink.profiles.service.carers import CarerProfileView, store_carer_profile

REFUSED = N_("Only coordinators can fill in a profile with someone.")
NEEDS_NEED_VERBAL_CONSENT = N_(
    "We can only keep what the person they care for lives with if they agree. Read them the words about "
    "health information and record that they agreed, or leave the needs empty."
)


async def _verbal_consent(
    scope: Scope, *, user_id: uuid.UUID, kind: ConsentKind, given: VerbalConsent | None, has_needs: bool
) -> bool:
    """Whether the needs may be kept: consent already given, or given now out loud (recorded here)."""
    already = await organisations.has_consent(
        scope.session, user_id=user_id, organisation_id=scope.organisation_id, kind=kind
    )
    if given is None or not given.agreed:
        if has_needs and not already:
            raise Invalid(str(NEEDS_NEED_VERBAL_CONSENT), field="health_consent.agreed")
        return already
    version = CURRENT[kind][0]
    if given.version != version:
        raise Invalid(
            _(
                "The words about health information have changed (they are now version {version}). "
                "Read them the current words, then record that they agreed."
            ).format(version=version),
            field="health_consent.version",
        )
    existing = await organisations.current_consent(
        scope.session, user_id=user_id, organisation_id=scope.organisation_id, kind=kind
    )
    if existing is not None and existing.version == version:
        return True  # they agreed to these words already: nothing new to record
    await organisations.give_consent(
        scope.session,
        user_id=user_id,
        organisation_id=scope.organisation_id,
        kind=kind,
        now=scope.now,
        method=ConsentMethod.VERBAL,
        recorded_by_user_id=scope.actor.require_person(),
    )
    prefix = "profiles.health_consent" if kind == ConsentKind.HEALTH_DATA else "profiles.buddy_health_consent"
    await scope.audit(
        f"{prefix}.recorded_verbally",
        subject_user_id=user_id,
        details={"version": version, "method": "verbal"},
    )
    return True


async def _tell(
    scope: Scope, user_id: uuid.UUID, kind: type[Kind], role: Role, profile_id: uuid.UUID
) -> None:
    """Tell the person, kindly, that their profile was filled in with them (no answers in it)."""
    coordinator = await display_name(scope.session, scope.actor.require_person())
    await scope.notify(
        user_id,
        kind,
        {"coordinator_name": coordinator.split()[0] if coordinator.split() else "A coordinator"},
        dedupe_key=f"profile-filled-in:{profile_id}:{scope.now.date().isoformat()}",
        role=role,
    )


def _still_a_member(membership: Membership, user: User) -> tuple[Membership, User]:
    """Filling in a profile with someone is for a member of the centre: not once they have left."""
    if membership.status == MembershipStatus.ENDED:
        raise Conflict(
            _("{display_name} has left the centre: their profile can no longer be changed.").format(
                display_name=user.display_name
            )
        )
    return membership, user


async def enter_carer_profile(
    scope: Scope, *, membership_id: uuid.UUID, data: CarerProfileEntry
) -> CarerProfileView:
    """Create or change a carer's profile with them (coordinators); recorded as entered on their behalf."""
    scope.require(policy.can_enter_profiles, str(REFUSED))
    membership, user = _still_a_member(*await member(scope, membership_id, Role.CARER))
    has_needs = bool(data.needs or data.mental_health_needs)
    shared = await _verbal_consent(
        scope, user_id=user.id, kind=ConsentKind.HEALTH_DATA, given=data.health_consent, has_needs=has_needs
    )
    answers = msgspec.convert(
        {k: v for k, v in msgspec.to_builtins(data).items() if k != "health_consent"}, CarerProfileWrite
    )
    profile, created = await store_carer_profile(
        scope, membership_id=membership.id, user_id=user.id, data=answers, needs_shared=shared
    )
    profile.entered_by_user_id = scope.actor.require_person()
    profile.entered_at = scope.now
    await scope.session.flush()
    await _tell(scope, user.id, CarerProfileFilledIn, Role.CARER, profile.id)
    await scope.audit(
        "profiles.carer.entered_with_them",
        subject_user_id=user.id,
        object_type="carer_profile",
        object_id=profile.id,
        details={"created": created},
    )
    return CarerProfileView(
        profile=profile,
        display_name=user.display_name,
        needs_shared=shared,
        entered_by_name=await display_name(scope.session, scope.actor.require_person()),
    )


async def enter_buddy_profile(
    scope: Scope, *, membership_id: uuid.UUID, data: BuddyProfileEntry
) -> BuddyProfileView:
    """Create or change a buddy's profile with them; "I'm 18 or over" and capacity stay theirs."""
    organisation = scope.require(policy.can_enter_profiles, str(REFUSED))
    membership, user = _still_a_member(*await member(scope, membership_id, Role.BUDDY))
    has_needs = bool(data.needs or data.mental_health_needs)
    shared = await _verbal_consent(
        scope,
        user_id=user.id,
        kind=ConsentKind.BUDDY_HEALTH_DATA,
        given=data.health_consent,
        has_needs=has_needs,
    )
    existing = await scope.session.scalar(
        select(BuddyProfile).where(BuddyProfile.membership_id == membership.id)
    )
    answers = msgspec.convert(
        {k: v for k, v in msgspec.to_builtins(data).items() if k != "health_consent"}
        | {
            "confirmed_adult": existing.confirmed_adult if existing else False,
            "capacity": existing.capacity if existing else 2,
        },
        BuddyProfileWrite,
    )
    profile, created = await store_buddy_profile(
        scope, membership_id=membership.id, user_id=user.id, data=answers, needs_shared=shared
    )
    profile.entered_by_user_id = scope.actor.require_person()
    profile.entered_at = scope.now
    await scope.session.flush()
    await _tell(scope, user.id, BuddyProfileFilledIn, Role.BUDDY, profile.id)
    await scope.audit(
        "profiles.buddy.entered_with_them",
        subject_user_id=user.id,
        object_type="buddy_profile",
        object_id=profile.id,
        details={"created": created},
    )
    return BuddyProfileView(
        profile=profile,
        display_name=user.display_name,
        needs_shared=shared,
        today=organisation_today(organisation, scope.now),
        entered_by_name=await display_name(scope.session, scope.actor.require_person()),
    )


async def read_health_consent(
    scope: Scope, *, membership_id: uuid.UUID, role: Role
) -> tuple[Consent | None, str | None]:
    """A carer's or buddy's current health-data consent and who recorded it for them (coordinators; audited).

    What the coordinator reads before asking: whether they agreed already, and if not, the words to read.
    """
    scope.require(policy.can_enter_profiles, str(REFUSED))
    _, user = await member(scope, membership_id, role)
    consent = await organisations.current_consent(
        scope.session, user_id=user.id, organisation_id=scope.organisation_id, kind=HEALTH_CONSENT_OF[role]
    )
    recorded_by = (
        await display_name(scope.session, consent.recorded_by_user_id)
        if consent is not None and consent.recorded_by_user_id is not None
        else None
    )
    await scope.audit(
        "profiles.health_consent.viewed" if role == Role.CARER else "profiles.buddy_health_consent.viewed",
        subject_user_id=user.id,
    )
    return consent, recorded_by
