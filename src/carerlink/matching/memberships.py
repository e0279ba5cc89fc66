"""Suspending or ending a membership closes what hangs on it: proposals, matches, notifications (issue 10 §2).

Organisations owns the membership and its status; matching, above it in the import layers, knows the
matches made on it. The route that changes a membership's status calls ``change_membership_status``
explicitly (no listeners), and the match steps go through the lifecycle's own functions (``withdraw``,
``pause``, ``end``), so every rule, event and audit entry of the lifecycle applies.

- Suspended: its proposals are withdrawn; its active matches are paused (the buddy's place stays held,
  as for any pause) and a coordinator can restart them once the membership is active again; the carer of
  a buddy taking a break is told kindly, with no reason, that they can ask for a new buddy.
- Ended: its proposals are withdrawn and its matches ended ("the buddy stepped down" or "the carer
  left"), which frees the buddy's places.
- Either way, what is still waiting to be sent to that membership is withdrawn, and ``notify()`` sends it
  nothing more while it is not active.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, or_, select

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.matching.models import OPEN_STATUSES, EndReason, Match, MatchStatus
from carerlink.matching.service import lifecycle
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.organisations import policy as org_policy
from carerlink.organisations import service as organisations
from carerlink.organisations.models import Membership, MembershipStatus
from carerlink.organisations.scope import Scope

# Why matches close when a membership ends (recorded on the match; seen by coordinators and in reports).
END_REASON_WHEN_ENDED = {Role.BUDDY: EndReason.BUDDY_STEPPING_DOWN, Role.CARER: EndReason.CARER_LEFT}
# The note coordinators read on a proposal or match closed this way.
CLOSE_NOTES = {
    (Role.BUDDY, MembershipStatus.SUSPENDED): "The buddy's membership was suspended.",
    (Role.CARER, MembershipStatus.SUSPENDED): "The carer's membership was suspended.",
    (Role.BUDDY, MembershipStatus.ENDED): "The buddy's membership ended.",
    (Role.CARER, MembershipStatus.ENDED): "The carer's membership ended.",
}


@dataclass(frozen=True, slots=True)
class MembershipChange:
    """A membership after its status changed, and what closed with it."""

    membership: Membership
    user: User
    proposals_withdrawn: int = 0
    matches_paused: int = 0
    matches_ended: int = 0
    carers_told: int = 0
    pushes_withdrawn: int = 0


async def change_membership_status(
    scope: Scope, *, membership_id: uuid.UUID, status: MembershipStatus
) -> MembershipChange:
    """Suspend, reactivate or end someone's membership (coordinators), and close what hangs on it."""
    session, organisation_id = scope.session, scope.organisation_id
    existing = await session.get(Membership, membership_id)
    before = existing.status if existing is not None else None
    allowed = (
        existing is not None
        and existing.organisation_id == organisation_id
        and org_policy.can_change_membership(scope.actor, organisation_id, existing.user_id)
    )
    if allowed and status != MembershipStatus.ACTIVE and before != status:
        # The membership's matches are locked before its row is written: a lifecycle step locks the match
        # first and then notifies (which share-locks the membership on PostgreSQL), so taking them in the
        # same order here cannot deadlock with it.
        await session.execute(_open_matches(membership_id).with_for_update())
    membership, user = await organisations.change_membership_status(
        scope, membership_id=membership_id, status=status
    )
    if status == MembershipStatus.ACTIVE or before == status:
        # Reactivated: paused matches stay paused until a coordinator restarts them (lifecycle.resume).
        return MembershipChange(membership=membership, user=user)
    # The new status is written before anything else, so from here notify() sends this membership
    # nothing (on PostgreSQL this waits for any notification in flight for it, which the withdrawal
    # below then sees).
    await session.flush()
    change = await _close_matches(scope, membership=membership, status=status)
    pushes = await notifications.withdraw_for_membership(session, membership_id=membership.id, now=scope.now)
    await scope.audit(
        "matching.membership.closed",
        subject_user_id=membership.user_id,
        object_type="membership",
        object_id=membership.id,
        details={
            "status": status.value,
            "proposals_withdrawn": change.proposals_withdrawn,
            "matches_paused": change.matches_paused,
            "matches_ended": change.matches_ended,
            "pushes_withdrawn": pushes,
        },
    )
    return MembershipChange(
        membership=membership,
        user=user,
        proposals_withdrawn=change.proposals_withdrawn,
        matches_paused=change.matches_paused,
        matches_ended=change.matches_ended,
        carers_told=change.carers_told,
        pushes_withdrawn=pushes,
    )


def _open_matches(membership_id: uuid.UUID) -> Select[Any]:
    """The proposed, active and paused matches made on a membership, oldest first."""
    return (
        select(Match)
        .where(
            or_(Match.carer_membership_id == membership_id, Match.buddy_membership_id == membership_id),
            Match.status.in_(OPEN_STATUSES),
        )
        .order_by(Match.proposed_at, Match.id)
    )


@dataclass
class _Closed:
    proposals_withdrawn: int = 0
    matches_paused: int = 0
    matches_ended: int = 0
    carers_told: int = 0


async def _close_matches(scope: Scope, *, membership: Membership, status: MembershipStatus) -> _Closed:
    closed = _Closed()
    if membership.role not in END_REASON_WHEN_ENDED:
        return closed  # a coordinator's membership has no matches
    open_matches: Sequence[Match] = (await scope.session.scalars(_open_matches(membership.id))).all()
    note = CLOSE_NOTES[(membership.role, status)]
    for match in open_matches:
        if match.status == MatchStatus.PROPOSED:
            await lifecycle.withdraw(scope, match_id=match.id, reason=note)
            closed.proposals_withdrawn += 1
        elif status == MembershipStatus.ENDED:
            await lifecycle.end(
                scope,
                match_id=match.id,
                reason=END_REASON_WHEN_ENDED[membership.role],
                note=note,
                feedback="",
            )
            closed.matches_ended += 1
        else:
            if match.status == MatchStatus.ACTIVE:
                await lifecycle.pause(scope, match_id=match.id)
                closed.matches_paused += 1
            if membership.role == Role.BUDDY:
                await _tell_carer_buddy_on_break(scope, match)
                closed.carers_told += 1
    return closed


async def _tell_carer_buddy_on_break(scope: Scope, match: Match) -> None:
    """The carer hears, gently and with no reason, that their buddy is taking a break (push and inbox)."""
    name = await scope.session.scalar(select(User.display_name).where(User.id == match.buddy_user_id)) or ""
    first = (name.split() or ["Your buddy"])[0]
    await scope.notify(
        match.carer_user_id,
        kinds.BuddyTakingBreak,
        {"match_id": match.id, "buddy_name": first},
        dedupe_key=f"buddy_on_break:{match.id}:{scope.now.isoformat()}",
        role=Role.CARER,
    )
