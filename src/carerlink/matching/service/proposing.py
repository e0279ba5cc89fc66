"""Proposing: every rule a pair must pass, checked for one pair or a draft's pairs, and the proposal itself.

One pair screens only its own buddy; a draft's pairs screen their own buddies once each. Neither
loads the organisation's whole pool (that is for suggestions and drafting the waiting list).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.errors import Conflict, NotFound
from carerlink.i18n import _
from carerlink.matching.models import OPEN_STATUSES, Match, MatchStatus
from carerlink.matching.scoring import Context, Weights, exclusion, score
from carerlink.matching.service._common import EXCLUSION_WORDS, coordinator, record
from carerlink.matching.service.facts import (
    buddy_facts,
    carer_facts,
    context,
    screen_buddies,
    weights_of,
)
from carerlink.notifications import kinds
from carerlink.organisations import service as organisations
from carerlink.organisations.models import ConsentKind, Membership, MembershipStatus
from carerlink.organisations.scope import Scope
from carerlink.profiles import service as profiles


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pair that passed every rule, ready to be proposed."""

    carer: Membership
    carer_name: str
    carer_view: profiles.CarerProfileView
    buddy: profiles.BuddyScreening


@dataclass
class Checker:
    """Every rule a proposed pair must pass, with the data loaded once for the pairs to check."""

    carers: dict[uuid.UUID, tuple[Membership, str]]
    views: dict[uuid.UUID, profiles.CarerProfileView]
    open_carers: set[uuid.UUID]
    joined: set[uuid.UUID]  # carers' user ids who agreed to the terms (issue 16: imported ones join first)
    buddies: dict[uuid.UUID, profiles.BuddyScreening]
    context: Context
    weights: Weights

    @classmethod
    async def load(
        cls, scope: Scope, *, carer_ids: Sequence[uuid.UUID], buddy_ids: Sequence[uuid.UUID]
    ) -> Checker:
        """The carers and buddies named (each buddy screened today), and the organisation's history."""
        session = scope.session
        rows = await session.execute(
            select(Membership, User.display_name)
            .join(User, User.id == Membership.user_id)
            .where(
                Membership.id.in_(list(carer_ids)),
                Membership.organisation_id == scope.organisation_id,
                Membership.role == Role.CARER,
            )
        )
        open_carers = await session.scalars(
            select(Match.carer_membership_id).where(
                Match.carer_membership_id.in_(list(carer_ids)), Match.status.in_(OPEN_STATUSES)
            )
        )
        views = await profiles.carer_profiles(
            session, organisation_id=scope.organisation_id, membership_ids=carer_ids
        )
        carers = {m.id: (m, name) for m, name in rows.all()}
        joined = await organisations.consenting_users(
            session,
            organisation_id=scope.organisation_id,
            user_ids={m.user_id for m, _ in carers.values()},
            kind=ConsentKind.TERMS,
        )
        return cls(
            carers=carers,
            joined=joined,
            views={v.profile.membership_id: v for v in views},
            open_carers=set(open_carers.all()),
            buddies=await screen_buddies(scope, set(buddy_ids)),
            context=await context(scope),
            weights=weights_of(scope),
        )

    def check(
        self, carer_membership_id: uuid.UUID, buddy_membership_id: uuid.UUID, *, extra_load: int = 0
    ) -> tuple[Candidate, float]:
        """The pair and its score; ``NotFound`` or ``Conflict`` naming the rule that fails."""
        if carer_membership_id not in self.carers:
            raise NotFound(_("No such carer."))
        carer, name = self.carers[carer_membership_id]
        view = self.views.get(carer.id)
        if carer.status != MembershipStatus.ACTIVE:
            raise Conflict(_("{name}'s membership isn't active.").format(name=name))
        if carer.user_id not in self.joined:
            raise Conflict(
                _("{name} was invited but hasn't joined yet, so they can't be matched.").format(name=name)
            )
        if view is None:
            raise Conflict(_("{name} hasn't filled in their profile yet.").format(name=name))
        if carer.id in self.open_carers:
            raise Conflict(_("{name} already has a proposed, active or paused match.").format(name=name))
        buddy = self.buddies.get(buddy_membership_id)
        if buddy is None:
            raise NotFound(_("No such buddy (or they haven't filled in their profile yet)."))
        if not buddy.assessment.matchable:
            reasons = " ".join(r.message for r in buddy.assessment.reasons)
            raise Conflict(
                _("{display_name} can't be matched now: {reasons}").format(
                    display_name=buddy.display_name, reasons=reasons
                )
            )
        facts_c, facts_b = carer_facts(view), buddy_facts(buddy)
        if facts_b.free_places <= extra_load:
            raise Conflict(
                _("{display_name} has no free places left.").format(display_name=buddy.display_name)
            )
        reason = exclusion(facts_c, facts_b, self.context)
        if reason is not None:
            raise Conflict(
                _("{name} and {display_name}: {exclusion}").format(
                    name=name, display_name=buddy.display_name, exclusion=str(EXCLUSION_WORDS[reason])
                )
            )
        return Candidate(carer, name, view, buddy), score(facts_c, facts_b, self.weights, slot=extra_load)


async def propose_candidate(
    scope: Scope, *, candidate: Candidate, value: float, note: str, draft_id: uuid.UUID | None = None
) -> Match:
    """Propose a checked pair to each other: the buddy's place is taken and both are asked."""
    buddy = candidate.buddy
    # The guarded UPDATE is what holds the capacity under concurrency: exactly one of two
    # coordinators filling the same last place gets it.
    if not await profiles.take_place(scope.session, buddy_membership_id=buddy.membership.id):
        raise Conflict(_("{display_name} has no free places left.").format(display_name=buddy.display_name))
    match = Match(
        organisation_id=scope.organisation_id,
        carer_membership_id=candidate.carer.id,
        carer_user_id=candidate.carer.user_id,
        buddy_membership_id=buddy.membership.id,
        buddy_user_id=buddy.membership.user_id,
        status=MatchStatus.PROPOSED,
        score=value,
        note=note.strip(),
        proposed_by_user_id=scope.actor.user_id,
        proposed_at=scope.now,
        draft_id=draft_id,
    )
    match.created_at = scope.now
    scope.session.add(match)
    try:
        async with scope.session.begin_nested():
            await scope.session.flush()
    except IntegrityError:
        # The partial unique index: someone proposed a match for this carer at the same moment.
        raise Conflict(
            _("{carer_name} already has a proposed, active or paused match.").format(
                carer_name=candidate.carer_name
            )
        ) from None
    await record(scope, match, name="proposed", before=None)
    for person, role in ((match.carer_user_id, Role.CARER), (match.buddy_user_id, Role.BUDDY)):
        await scope.notify(
            person,
            kinds.MatchProposed,
            {"match_id": match.id},
            dedupe_key=f"match_proposed:{match.id}",
            role=role,
        )
    return match


async def propose(
    scope: Scope, *, carer_membership_id: uuid.UUID, buddy_membership_id: uuid.UUID, note: str
) -> Match:
    """A coordinator proposes a carer and a buddy to each other; both are then asked (coordinators)."""
    coordinator(scope)
    checker = await Checker.load(scope, carer_ids=[carer_membership_id], buddy_ids=[buddy_membership_id])
    candidate, value = checker.check(carer_membership_id, buddy_membership_id)
    return await propose_candidate(scope, candidate=candidate, value=value, note=note)
