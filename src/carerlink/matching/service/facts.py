"""Profiles as the matching engine sees them: carer and buddy facts, weights, context and the buddy pool.

The engine (``scoring``, ``vectors``, ``assignment``) is pure; this is the one adapter from what
profiles hold to what it may know. The whole pool is loaded for suggestions and waiting-list drafts
only; proposing screens just the buddies named (``screen_buddies``).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence

import msgspec
from sqlalchemy import select

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.matching.models import Match, MatchStatus
from carerlink.matching.pool_cache import CachedPool, cache_for
from carerlink.matching.scoring import BuddyFacts, CarerFacts, Context, Preferences, Weights
from carerlink.matching.service._common import KEPT_APART_AFTER
from carerlink.matching.vectors import BuddyArrays, pool
from carerlink.organisations.models import Membership, MembershipStatus, Organisation
from carerlink.organisations.scope import Scope
from carerlink.profiles import service as profiles
from carerlink.profiles.vocabulary import (
    CaringStatus,
    ContactMode,
    Culture,
    Gender,
    JourneyStage,
    MentalHealthNeed,
    Need,
    Relationship,
    Strength,
)


def carer_facts(view: profiles.CarerProfileView) -> CarerFacts:
    """What the engine may know about a carer: needs only with their health-data consent."""
    p = view.profile
    prefs = p.preferences or {}
    gender = prefs.get("gender") or {}
    return CarerFacts(
        key=p.membership_id,
        person=p.user_id,
        name=view.display_name,
        relationships=frozenset(Relationship(r) for r in p.relationships),
        needs=frozenset(Need(n) for n in view.needs) if view.needs_shared else None,
        mental_health=frozenset(MentalHealthNeed(m) for m in view.mental_health_needs),
        stage=p.journey_stage,
        years_caring=p.years_caring,
        under_18=p.under_18,
        languages=frozenset(p.languages),
        preferred_language=p.preferred_language,
        interpreter_needed=p.interpreter_needed,
        postcode_district=p.postcode_district,
        region=p.region,
        contact_modes=frozenset(ContactMode(m) for m in p.contact_modes),
        availability=p.availability,
        cultures=frozenset(Culture(c) for c in p.cultures),
        faith=p.faith,
        preferences=Preferences(
            genders=frozenset(Gender(g) for g in gender.get("genders", [])),
            gender=Strength(gender["strength"]) if gender.get("strength") else None,
            shared_background=Strength(prefs["shared_background"])
            if prefs.get("shared_background")
            else None,
            same_language=Strength(prefs["same_language"]) if prefs.get("same_language") else None,
        ),
    )


def buddy_facts(screened: profiles.BuddyScreening) -> BuddyFacts:
    """What the engine may know about a buddy (who must have a profile)."""
    p = screened.profile
    assert p is not None
    return BuddyFacts(
        key=p.membership_id,
        person=p.user_id,
        name=screened.display_name,
        relationships=frozenset(Relationship(r) for r in p.relationships),
        needs=frozenset(Need(n) for n in screened.needs),
        mental_health=frozenset(MentalHealthNeed(m) for m in screened.mental_health_needs),
        stage=JourneyStage.ENDED if p.caring_status == CaringStatus.FORMER else p.journey_stage,
        years_caring=p.years_caring,
        languages=frozenset(p.languages),
        postcode_district=p.postcode_district,
        region=p.region,
        contact_modes=frozenset(ContactMode(m) for m in p.contact_modes),
        availability=p.availability,
        capacity=p.capacity,
        load=p.places_taken,
        matchable=screened.assessment.matchable,
        young_carers_cleared=screened.assessment.young_carers_cleared,
        gender=p.gender,
        cultures=frozenset(Culture(c) for c in p.cultures),
        faith=p.faith,
    )


def weights_of(scope: Scope) -> Weights:
    """The matching weights of the scope's organisation (defaults unless tuned)."""
    return Weights(**msgspec.structs.asdict(scope.settings.matching_weights))


async def context(scope: Scope) -> Context:
    """What the rules need beyond the two people: the young carers' pathway, declines and endings."""
    declined = await scope.session.execute(
        select(Match.carer_membership_id, Match.buddy_membership_id).where(
            Match.organisation_id == scope.organisation_id, Match.status == MatchStatus.DECLINED
        )
    )
    ended_apart = await scope.session.execute(
        select(Match.carer_membership_id, Match.buddy_membership_id).where(
            Match.organisation_id == scope.organisation_id,
            Match.status == MatchStatus.ENDED,
            Match.end_reason.in_(KEPT_APART_AFTER),
        )
    )
    return Context(
        young_carers_programme=scope.settings.young_carers_programme,
        declined=frozenset((c, b) for c, b in declined.all()),
        ended_apart=frozenset((c, b) for c, b in ended_apart.all()),
    )


def _organisation(scope: Scope) -> Organisation:
    assert scope.organisation is not None  # every caller has passed scope.require
    return scope.organisation


async def buddy_pool(scope: Scope) -> list[profiles.BuddyScreening]:
    """Every active buddy of the organisation with a profile, screened today (the whole-list work)."""
    memberships = await profiles.active_buddies(scope.session, organisation_id=scope.organisation_id)
    return await _screened(scope, memberships)


async def screen_buddies(
    scope: Scope, membership_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, profiles.BuddyScreening]:
    """The named active buddies of the organisation who have a profile, screened today, by membership."""
    if not membership_ids:
        return {}
    rows = await scope.session.execute(
        select(Membership.id, Membership.user_id, User.display_name)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.id.in_(list(membership_ids)),
            Membership.organisation_id == scope.organisation_id,
            Membership.role == Role.BUDDY,
            Membership.status == MembershipStatus.ACTIVE,
            User.is_active.is_(True),
        )
    )
    members = [(profiles.BuddyMember(id=m, user_id=u), name) for m, u, name in rows.all()]
    return {s.membership.id: s for s in await _screened(scope, members)}


async def _screened(
    scope: Scope, memberships: Sequence[tuple[profiles.BuddyMember, str]]
) -> list[profiles.BuddyScreening]:
    screened = await profiles.screenings(
        scope.session, organisation=_organisation(scope), memberships=memberships, now=scope.now
    )
    return [s for s in screened if s.profile is not None]


async def cached_pool(scope: Scope) -> CachedPool:
    """The organisation's screened and encoded buddies, reused while nothing about them has changed."""

    async def load() -> tuple[list[profiles.BuddyScreening], BuddyArrays]:
        screened = await buddy_pool(scope)
        return screened, pool([buddy_facts(s) for s in screened])

    return await cache_for(scope.session).get(scope.session, _organisation(scope), scope.now, load)


async def pair_profiles(
    scope: Scope, match: Match
) -> tuple[profiles.CarerProfileView | None, profiles.BuddyScreening | None]:
    """The carer's profile and the buddy's screening today, of one match (either may be missing)."""
    session = scope.session
    carers = await profiles.carer_profiles(
        session, organisation_id=match.organisation_id, membership_ids=[match.carer_membership_id]
    )
    buddy_name = await session.scalar(select(User.display_name).where(User.id == match.buddy_user_id)) or ""
    member = profiles.BuddyMember(id=match.buddy_membership_id, user_id=match.buddy_user_id)
    buddies = await profiles.screenings(
        session, organisation=_organisation(scope), memberships=[(member, buddy_name)], now=scope.now
    )
    return (carers[0] if carers else None), (buddies[0] if buddies and buddies[0].profile else None)
