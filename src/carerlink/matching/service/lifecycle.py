"""The match lifecycle: both say yes (or one says no), pause, resume, end, and feedback afterwards.

A person decides every match (DOMAIN.md; UK GDPR art. 22): a match goes live only when the carer and
the buddy have both said yes, each after reading a short introduction of the other, and only while the
buddy may still be matched.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select

from carerlink.actor import Role
from carerlink.errors import Conflict, Invalid, NotAllowed, OnHold
from carerlink.i18n import N_, _
from carerlink.matching import policy
from carerlink.matching.models import ChangeRequest, Decision, EndReason, Match, MatchStatus
from carerlink.matching.service._common import (
    decide,
    decision_of,
    ending_shown,
    event,
    feedback_of,
    first_names,
    introduced_at,
    locked,
    log,
    must_be,
    party_or_refuse,
    record,
    set_feedback,
)
from carerlink.matching.service.facts import pair_profiles
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.organisations import service as organisations
from carerlink.organisations.models import Membership, MembershipStatus
from carerlink.organisations.scope import Scope
from carerlink.profiles import service as profiles

ON_HOLD_WORDS = N_("We can't start this match just now. Your coordinator has been told and will be in touch.")

# Why a buddy can't be introduced to anyone new that doesn't stop an introduction already made from
# starting: a pause means "no new introductions for now" (the buddy still says yes or no to this one
# themselves, and can decline it), and this match's place was taken when it was proposed.
_NOT_BLOCKING_A_PROPOSED_MATCH = frozenset({"paused", "full"})


async def accept(scope: Scope, *, match_id: uuid.UUID) -> Match:
    """Say yes (the carer or the buddy, in either order); live once both have, if the buddy still may be."""
    match = await locked(scope, match_id)
    party = party_or_refuse(scope, match, "accept")
    must_be(match, [MatchStatus.PROPOSED], "accepted")
    if introduced_at(match, party) is None:
        raise Conflict(_("Please read the introduction first."))
    if decision_of(match, party) != Decision.ACCEPTED:
        decide(match, party, Decision.ACCEPTED, scope.now, reason=None)
        await record(scope, match, name=f"{party}_accepted", before=MatchStatus.PROPOSED)
    elif not policy.both_accepted(match):
        return match  # saying yes twice (a retry from a phone) changes nothing
    # Both have said yes: a new "yes" starts the match, and so does a retry of one that was held.
    if policy.both_accepted(match):
        await _start(scope, match)
    return match


def _why_not_now(
    carer_view: profiles.CarerProfileView | None, buddy: profiles.BuddyScreening | None
) -> list[str]:
    """Codes of what stops the buddy being matched today (empty when the match may start)."""
    if buddy is None:
        return ["no_profile"]
    codes = [r.code for r in buddy.assessment.reasons if r.code not in _NOT_BLOCKING_A_PROPOSED_MATCH]
    if carer_view is not None and carer_view.profile.under_18 and not buddy.assessment.young_carers_cleared:
        codes.append("young_carers_not_cleared")
    return codes


async def _start(scope: Scope, match: Match) -> None:
    """Make the match live, after checking the buddy is still matchable today; else hold it and say so.

    The buddy was screened when the match was proposed, but a check can pass its recheck date, training
    can run out or an approval be withdrawn while the two think it over (DOMAIN.md "Buddies").
    """
    carer_view, buddy = await pair_profiles(scope, match)
    blocking = _why_not_now(carer_view, buddy)
    if blocking:
        await _hold(scope, match, codes=blocking)
        # The carer must not learn about the buddy's screening; the coordinators see why.
        raise OnHold(str(ON_HOLD_WORDS))
    match.status = MatchStatus.ACTIVE
    match.activated_at = scope.now
    await record(scope, match, name="activated", before=MatchStatus.PROPOSED)
    # Only now is the other person told: a single "yes" is never passed on, so nobody feels pressed.
    names = await first_names(scope.session, match.carer_user_id, match.buddy_user_id)
    for person, other, role in (
        (match.carer_user_id, match.buddy_user_id, Role.CARER),
        (match.buddy_user_id, match.carer_user_id, Role.BUDDY),
    ):
        await scope.notify(
            person,
            kinds.MatchAccepted,
            {"match_id": match.id, "other_name": names[other]},
            dedupe_key=f"match_accepted:{match.id}",
            role=role,
        )


async def _hold(scope: Scope, match: Match, *, codes: Sequence[str]) -> None:
    """Record that a match could not start, and why (for coordinators), and tell the coordinators."""
    scope.session.add(event(scope, match, name="held", before=MatchStatus.PROPOSED))
    await scope.audit(
        "matching.match.held",
        object_type="match",
        object_id=match.id,
        details={"buddy_not_matchable": list(codes)},
    )
    log.info(
        "matching.match.held",
        extra={"fields": {"match_id": str(match.id), "organisation_id": str(match.organisation_id)}},
    )
    names = await first_names(scope.session, match.carer_user_id, match.buddy_user_id)
    data = {
        "match_id": match.id,
        "buddy_id": match.buddy_membership_id,
        "carer_name": names[match.carer_user_id],
        "buddy_name": names[match.buddy_user_id],
    }
    for coordinator_id in await organisations.coordinators_to_alert(
        scope.session, organisation_id=match.organisation_id, on_duty_only=False
    ):
        await scope.notify(coordinator_id, kinds.MatchHeld, data, dedupe_key=f"match_held:{match.id}")


async def _close(scope: Scope, match: Match, *, status: MatchStatus) -> None:
    match.status = status
    match.closed_at = scope.now
    match.closed_by_user_id = scope.actor.user_id
    await profiles.release_place(scope.session, buddy_membership_id=match.buddy_membership_id)


async def decline(scope: Scope, *, match_id: uuid.UUID, reason: str) -> Match:
    """Say no (the carer or the buddy); the pair is never proposed again. The reason is for coordinators."""
    match = await locked(scope, match_id)
    party = party_or_refuse(scope, match, "decline")
    must_be(match, [MatchStatus.PROPOSED], "declined")
    if introduced_at(match, party) is None:
        raise Conflict(_("Please read the introduction first."))
    decide(match, party, Decision.DECLINED, scope.now, reason=reason.strip() or None)
    await _close(scope, match, status=MatchStatus.DECLINED)
    await record(scope, match, name=f"{party}_declined", before=MatchStatus.PROPOSED)
    return match


async def withdraw(scope: Scope, *, match_id: uuid.UUID, reason: str) -> Match:
    """Take back a proposal before it goes live (coordinators); the pair may be proposed again later."""
    match = await locked(scope, match_id)
    if not policy.can_match(scope.actor, scope.organisation_id):
        raise NotAllowed(_("Only coordinators can withdraw a proposal."))
    must_be(match, [MatchStatus.PROPOSED], "withdrawn")
    match.close_note = reason.strip() or None
    await _close(scope, match, status=MatchStatus.WITHDRAWN)
    await record(scope, match, name="withdrawn", before=MatchStatus.PROPOSED)
    return match


async def pause(scope: Scope, *, match_id: uuid.UUID) -> Match:
    """Pause an active match (the carer, the buddy or a coordinator); check-ins stop until resumed."""
    match = await locked(scope, match_id)
    if not policy.can_pause_or_end(scope.actor, match):
        raise NotAllowed(_("You can't pause this match."))
    must_be(match, [MatchStatus.ACTIVE], "paused")
    match.status = MatchStatus.PAUSED
    match.paused_at = scope.now
    await record(scope, match, name="paused", before=MatchStatus.ACTIVE)
    return match


async def resume(scope: Scope, *, match_id: uuid.UUID) -> Match:
    """Restart a paused match."""
    match = await locked(scope, match_id)
    if not policy.can_pause_or_end(scope.actor, match):
        raise NotAllowed(_("You can't restart this match."))
    must_be(match, [MatchStatus.PAUSED], "restarted")
    await _both_still_members(scope, match)
    match.status = MatchStatus.ACTIVE
    match.paused_at = None
    await record(scope, match, name="resumed", before=MatchStatus.PAUSED)
    return match


async def _both_still_members(scope: Scope, match: Match) -> None:
    """Refuse to restart a match while the carer's or the buddy's membership is suspended (issue 10 §2)."""
    statuses = dict(
        (
            await scope.session.execute(
                select(Membership.id, Membership.status).where(
                    Membership.id.in_([match.carer_membership_id, match.buddy_membership_id])
                )
            )
        ).all()
    )
    away = [
        whose
        for whose, membership_id in (
            ("carer", match.carer_membership_id),
            ("buddy", match.buddy_membership_id),
        )
        if statuses.get(membership_id) != MembershipStatus.ACTIVE
    ]
    if not away:
        return
    if policy.can_match(scope.actor, match.organisation_id):
        if len(away) > 1:
            words = _(
                "The carer's and the buddy's memberships aren't active, so this match can't restart. "
                "Reactivate the membership first."
            )
        elif away == ["carer"]:
            words = _(
                "The carer's membership isn't active, so this match can't restart. "
                "Reactivate the membership first."
            )
        else:
            words = _(
                "The buddy's membership isn't active, so this match can't restart. "
                "Reactivate the membership first."
            )
        raise Conflict(words)
    # The carer or the buddy is not told why the other is away (that is theirs and the coordinators').
    raise Conflict(_("This match can't restart just now. Your coordinator will be in touch."))


async def end(
    scope: Scope,
    *,
    match_id: uuid.UUID,
    reason: EndReason,
    note: str,
    feedback: str,
    wants_rematch: bool | None = None,
) -> Match:
    """End an active or paused match with a reason; the carer or buddy ending it may add feedback.

    Every ending goes through here, whoever asks, so each is handled the same way (issue 10 §3): the
    carer ending it may say whether they'd like another buddy (else they are asked on their home, and
    the reason decides meanwhile), both people are told, and open asks for a break or a change close.
    """
    match = await locked(scope, match_id)
    if not policy.can_pause_or_end(scope.actor, match):
        raise NotAllowed(_("You can't end this match."))
    if match.status == MatchStatus.PROPOSED:
        raise Conflict(
            _("This match hasn't started: it can be declined, or withdrawn by a coordinator, not ended.")
        )
    must_be(match, [MatchStatus.ACTIVE, MatchStatus.PAUSED], "ended")
    party = policy.party_of(scope.actor, match)
    if wants_rematch is not None and party != "carer":
        raise Invalid(_("Only the carer can say whether they'd like another buddy."), field="wants_rematch")
    before = match.status
    match.end_reason = reason
    match.close_note = note.strip() or None
    if party is not None and feedback.strip():
        set_feedback(match, party, feedback.strip())
    if wants_rematch is not None:
        match.wants_rematch = wants_rematch
        match.wants_rematch_at = scope.now
    await _close(scope, match, status=MatchStatus.ENDED)
    await record(scope, match, name="ended", before=before)
    await _handle_ending(scope, match)
    return match


async def _handle_ending(scope: Scope, match: Match) -> None:
    """Tell both people, kindly, and close what was asked about this match (it has been dealt with)."""
    for request in await scope.session.scalars(
        select(ChangeRequest).where(ChangeRequest.match_id == match.id, ChangeRequest.resolved_at.is_(None))
    ):
        request.resolved_at = scope.now
        request.resolution_note = "The match ended."
    names = await first_names(scope.session, match.carer_user_id, match.buddy_user_id)
    for person, role, other in (
        (match.carer_user_id, Role.CARER, match.buddy_user_id),
        (match.buddy_user_id, Role.BUDDY, match.carer_user_id),
    ):
        data: dict[str, object] = {"match_id": match.id, "other_name": names.get(other) or "your match"}
        if (why := ending_shown(match)) is not None:
            data["why"] = why
        # For the person in the role they had in this pair: a membership that has ended or is
        # suspended is sent nothing more (notify() decides that; issue 10 §2).
        await scope.notify(person, kinds.MatchEnded, data, dedupe_key=f"match_ended:{match.id}", role=role)
    # The former buddy reads none of the carer's messages any more (issue 18): "New message from Sam"
    # still waiting for them is taken back. The carer keeps theirs: their copy of the thread stays.
    await notifications.withdraw_with_prefix(
        scope.session,
        user_id=match.buddy_user_id,
        kind=kinds.NewMessage,
        dedupe_prefix=kinds.NewMessage.key_prefix(match.id),
        now=scope.now,
    )


async def give_feedback(scope: Scope, *, match_id: uuid.UUID, feedback: str) -> Match:
    """Feedback on an ended match, once each from the carer and the buddy."""
    match = await locked(scope, match_id)
    party = party_or_refuse(scope, match, "give feedback on")
    must_be(match, [MatchStatus.ENDED], "given feedback")
    if feedback_of(match, party):
        raise Conflict(_("You've already given feedback on this match. Thank you."))
    set_feedback(match, party, feedback.strip())
    await scope.audit("matching.match.feedback", object_type="match", object_id=match.id)
    return match
