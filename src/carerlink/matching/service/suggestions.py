"""Suggestions: the best matchable buddies for one carer, each explained, and the weights that rank them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import msgspec
from sqlalchemy import select

from carerlink.accounts.models import User
from carerlink.matching.assignment import suggest
from carerlink.matching.models import OPEN_STATUSES, Match
from carerlink.matching.scoring import Context, Exclusion, Explanation
from carerlink.matching.service._common import EXCLUSION_WORDS, carer_member, coordinator
from carerlink.matching.service.facts import cached_pool, carer_facts, context, weights_of
from carerlink.organisations import service as organisations
from carerlink.organisations.models import ConsentKind, Membership, MembershipStatus
from carerlink.organisations.schemas import MatchingWeights
from carerlink.organisations.scope import Scope
from carerlink.profiles import service as profiles

MAX_SUGGESTIONS = 20


@dataclass(frozen=True, slots=True)
class KeptApart:
    """A buddy left out of a carer's suggestions by the pair's history, with the reason in words."""

    buddy_membership_id: uuid.UUID
    buddy_user_id: uuid.UUID
    buddy_name: str
    reason: str


@dataclass(frozen=True, slots=True)
class Suggestions:
    """The best buddies for one carer, or why there can be none yet."""

    carer: Membership
    carer_name: str
    on_hold: str | None
    suggestions: list[tuple[profiles.BuddyScreening, Explanation]]
    # Buddies this carer is never proposed with again, and why (a declined pair, or an ending).
    kept_apart: list[KeptApart]


async def _kept_apart(scope: Scope, history: Context, carer_id: uuid.UUID) -> list[KeptApart]:
    why = {b: EXCLUSION_WORDS[Exclusion.DECLINED_BEFORE] for c, b in history.declined if c == carer_id}
    why |= {b: EXCLUSION_WORDS[Exclusion.ENDED_APART] for c, b in history.ended_apart if c == carer_id}
    if not why:
        return []
    rows = await scope.session.execute(
        select(Membership.id, User.id, User.display_name)
        .join(User, User.id == Membership.user_id)
        .where(Membership.id.in_(list(why)))
    )
    found = [KeptApart(m, u, name, str(why[m])) for m, u, name in rows.all()]
    return sorted(found, key=lambda k: (k.buddy_name, k.buddy_membership_id))


async def _on_hold(
    scope: Scope, carer: Membership, name: str
) -> tuple[str | None, profiles.CarerProfileView | None]:
    if carer.status != MembershipStatus.ACTIVE:
        return f"{name}'s membership isn't active.", None
    if not await organisations.has_consent(
        scope.session, user_id=carer.user_id, organisation_id=scope.organisation_id, kind=ConsentKind.TERMS
    ):
        return f"{name} was invited but hasn't joined yet, so they can't be matched.", None
    views = await profiles.carer_profiles(
        scope.session, organisation_id=scope.organisation_id, membership_ids=[carer.id]
    )
    if not views:
        return f"{name} hasn't filled in their profile yet.", None
    open_match = await scope.session.scalar(
        select(Match.id).where(Match.carer_membership_id == carer.id, Match.status.in_(OPEN_STATUSES))
    )
    if open_match is not None:
        return f"{name} already has a proposed, active or paused match.", views[0]
    if views[0].profile.under_18 and not scope.settings.young_carers_programme:
        return f"{name} is under 18, and the young carers' programme is not switched on.", views[0]
    return None, views[0]


async def suggest_buddies(scope: Scope, *, carer_membership_id: uuid.UUID, limit: int) -> Suggestions:
    """The ``limit`` best matchable buddies for a carer, each explained (coordinators; audited)."""
    coordinator(scope)
    carer, name = await carer_member(scope, carer_membership_id)
    await scope.audit(
        "matching.suggestions.viewed",
        subject_user_id=carer.user_id,
        object_type="membership",
        object_id=carer.id,
    )
    history = await context(scope)
    kept_apart = await _kept_apart(scope, history, carer.id)
    on_hold, view = await _on_hold(scope, carer, name)
    if on_hold is not None or view is None:
        return Suggestions(
            carer=carer, carer_name=name, on_hold=on_hold, suggestions=[], kept_apart=kept_apart
        )
    buddies = await cached_pool(scope)
    found = suggest(
        carer_facts(view), buddies.arrays, weights_of(scope), history, limit=min(limit, MAX_SUGGESTIONS)
    )
    return Suggestions(
        carer=carer,
        carer_name=name,
        on_hold=None,
        suggestions=[(buddies.screened[uuid.UUID(str(s.buddy.key))], s.explanation) for s in found],
        kept_apart=kept_apart,
    )


async def get_weights(scope: Scope) -> MatchingWeights:
    """The organisation's matching weights (coordinators)."""
    coordinator(scope)
    return scope.settings.matching_weights


async def set_weights(scope: Scope, *, weights: MatchingWeights) -> MatchingWeights:
    """Tune how much each factor counts (coordinators); other settings stay as they are.

    The same change as ``PATCH /orgs/{org}`` with ``settings.matching_weights``, through the same audited
    update, so the settings history shows it with who, when, and the old and new weights (issue 16).
    """
    coordinator(scope)
    await organisations.update_organisation(
        scope, settings={"matching_weights": msgspec.to_builtins(weights)}
    )
    return weights
