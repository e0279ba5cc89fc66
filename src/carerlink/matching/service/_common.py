"""What the matching service modules share: coordinators' access, names, events, locking and the party fields.

Private to the package: each concern's module imports what it needs from here, and ``__init__``
re-exports the few public names (the ending rules and the status words).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.errors import Conflict, NotAllowed, NotFound
from carerlink.i18n import N_, _
from carerlink.matching import policy
from carerlink.matching.models import Decision, EndReason, Match, MatchEvent, MatchStatus
from carerlink.matching.scoring import Exclusion
from carerlink.notifications import kinds
from carerlink.organisations.models import Membership, MembershipStatus, Organisation
from carerlink.organisations.scope import Scope

log = logging.getLogger("carerlink.matching")

STATUS_WORDS = {
    MatchStatus.PROPOSED: N_("waiting for both answers"),
    MatchStatus.ACTIVE: N_("active"),
    MatchStatus.PAUSED: N_("paused"),
    MatchStatus.ENDED: N_("ended"),
    MatchStatus.DECLINED: N_("declined"),
    MatchStatus.WITHDRAWN: N_("withdrawn"),
}
EXCLUSION_WORDS = {
    Exclusion.SAME_PERSON: N_("A person can't be their own buddy."),
    Exclusion.BUDDY_NOT_MATCHABLE: N_("This buddy can't be matched at the moment."),
    Exclusion.BUDDY_FULL: N_("This buddy has no free places."),
    Exclusion.NO_SHARED_LANGUAGE: N_(
        "They have no language in common, and the carer hasn't asked for an interpreter."
    ),
    Exclusion.GENDER_MUST: N_("The carer asked for a buddy of another gender."),
    Exclusion.BACKGROUND_MUST: N_(
        "The carer asked for a buddy who shares their cultural or faith background."
    ),
    Exclusion.LANGUAGE_MUST: N_("The carer asked for a buddy who speaks their preferred language."),
    Exclusion.AGE_PATHWAY: N_(
        "The carer is under 18: young carers are matched only through the young carers' programme, "
        "with a buddy cleared for it."
    ),
    Exclusion.DECLINED_BEFORE: N_("This pair was proposed before and declined; it isn't proposed again."),
    Exclusion.ENDED_APART: N_(
        "This pair's match ended as not a good fit or for safeguarding; it isn't proposed again."
    ),
}

# What ``must_be`` says could not be done (the match "can't be {action}").
_ACTION_WORDS = {
    "accepted": N_("accepted"),
    "answered for": N_("answered for"),
    "changed": N_("changed"),
    "declined": N_("declined"),
    "ended": N_("ended"),
    "given a break": N_("given a break"),
    "given feedback": N_("given feedback"),
    "paused": N_("paused"),
    "restarted": N_("restarted"),
    "withdrawn": N_("withdrawn"),
}
# What ``party_or_refuse`` says, one whole sentence for each action.
_PARTY_ONLY = {
    "accept": N_("Only the carer and the buddy can accept a match."),
    "decline": N_("Only the carer and the buddy can decline a match."),
    "give feedback on": N_("Only the carer and the buddy can give feedback on a match."),
    "answer for": N_("Only the carer and the buddy can answer for a match."),
    "ask about": N_("Only the carer and the buddy can ask about a match."),
}

# --- endings (issue 10 §3): the one place each of these rules lives ------------------------------

# End reasons that are neutral to tell the other person; any other reads "the match has ended".
END_REASONS_SHOWN = frozenset({EndReason.CARING_ENDED, EndReason.GOALS_MET, EndReason.MOVED_AWAY})
# Until the carer says whether they'd like another buddy, these endings count as "no", others as "yes".
NO_REMATCH_UNTIL_ASKED = frozenset({EndReason.CARING_ENDED, EndReason.GOALS_MET, EndReason.CARER_REQUEST})
# A pair that ended for one of these is never proposed again, like a declined pair.
KEPT_APART_AFTER = frozenset({EndReason.NOT_A_GOOD_FIT, EndReason.SAFEGUARDING})


def wants_another_buddy(match: Match) -> bool:
    """After an ending: the carer's own answer, else what the end reason implies until they give one."""
    if match.wants_rematch is not None:
        return match.wants_rematch
    return match.end_reason not in NO_REMATCH_UNTIL_ASKED


def ending_shown(match: Match) -> str | None:
    """The end reason as the carer and the buddy may be told it: a neutral one, or none."""
    return match.end_reason.value if match.end_reason in END_REASONS_SHOWN else None


def ending_words(match: Match) -> str:
    """The sentence both people read about why their match ended (the same words as the notification)."""
    return kinds.MatchEnded.WORDS[ending_shown(match)]


# --- each party's own fields on a match, named explicitly (mypy checks every one) -----------------


def introduced_at(match: Match, party: policy.Party) -> datetime | None:
    """When the carer or the buddy first read the introduction of the other."""
    return match.carer_introduced_at if party == "carer" else match.buddy_introduced_at


def mark_introduced(match: Match, party: policy.Party, now: datetime) -> None:
    """Record the party's first look at the introduction."""
    if party == "carer":
        match.carer_introduced_at = now
    else:
        match.buddy_introduced_at = now


def decision_of(match: Match, party: policy.Party) -> Decision | None:
    """The party's yes or no, if given."""
    return match.carer_decision if party == "carer" else match.buddy_decision


def decide(
    match: Match, party: policy.Party, decision: Decision, now: datetime, *, reason: str | None
) -> None:
    """Record the party's yes or no (a reason only with a no, for coordinators)."""
    if party == "carer":
        match.carer_decision, match.carer_decided_at = decision, now
        if decision == Decision.DECLINED:
            match.carer_decline_reason = reason
    else:
        match.buddy_decision, match.buddy_decided_at = decision, now
        if decision == Decision.DECLINED:
            match.buddy_decline_reason = reason


def feedback_of(match: Match, party: policy.Party) -> str | None:
    """The party's feedback on the match, if given."""
    return match.carer_feedback if party == "carer" else match.buddy_feedback


def set_feedback(match: Match, party: policy.Party, feedback: str) -> None:
    """Keep the party's feedback on the match."""
    if party == "carer":
        match.carer_feedback = feedback
    else:
        match.buddy_feedback = feedback


# --- access, names and history --------------------------------------------------------------------


def member(scope: Scope) -> Organisation:
    """The scope's organisation, for any of its members (a stranger gets 404, nobody signed in 401)."""
    return scope.require(True, "")


def coordinator(scope: Scope) -> Organisation:
    """The scope's organisation, for its coordinators (and the system) only."""
    return scope.require(policy.can_match, _("Only coordinators can do that."))


async def display_names(session: AsyncSession, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    """People's display names by user id (none asked, none read)."""
    if not user_ids:
        return {}
    rows = await session.execute(select(User.id, User.display_name).where(User.id.in_(set(user_ids))))
    return dict(rows.all())


async def first_names(session: AsyncSession, *user_ids: uuid.UUID) -> dict[uuid.UUID, str]:
    """People's first names by user id (as a notification addresses them)."""
    names = await display_names(session, user_ids)
    return {user_id: (name.split() or [name])[0] for user_id, name in names.items()}


async def carer_member(scope: Scope, membership_id: uuid.UUID) -> tuple[Membership, str]:
    """A carer's membership in the scope's organisation, with their name; ``NotFound`` otherwise."""
    row = (
        await scope.session.execute(
            select(Membership, User.display_name)
            .join(User, User.id == Membership.user_id)
            .where(
                Membership.id == membership_id,
                Membership.organisation_id == scope.organisation_id,
                Membership.role == Role.CARER,
            )
        )
    ).one_or_none()
    if row is None:
        raise NotFound(_("No such carer."))
    return row[0], row[1]


async def last_endings(session: AsyncSession, carer_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Match]:
    """Each carer's most recently ended match (what their "another buddy?" answer is kept on)."""
    if not carer_ids:
        return {}
    ended = await session.scalars(
        select(Match)
        .where(Match.carer_membership_id.in_(list(carer_ids)), Match.status == MatchStatus.ENDED)
        .order_by(Match.closed_at, Match.id)
    )
    return {m.carer_membership_id: m for m in ended.all()}  # the latest wins


async def membership_active(session: AsyncSession, membership_id: uuid.UUID) -> bool:
    """Whether a membership is active (not suspended or ended)."""
    status = await session.scalar(select(Membership.status).where(Membership.id == membership_id))
    return status == MembershipStatus.ACTIVE


def event(scope: Scope, match: Match, *, name: str, before: MatchStatus | None) -> MatchEvent:
    """The next entry of a match's history (the caller adds it to the session)."""
    match.events_recorded = (match.events_recorded or 0) + 1
    return MatchEvent(
        match_id=match.id,
        position=match.events_recorded,
        at=scope.now,
        actor_user_id=scope.actor.user_id,
        event=name,
        from_status=before,
        to_status=match.status,
    )


async def record(scope: Scope, match: Match, *, name: str, before: MatchStatus | None) -> None:
    """A step of a match: its history, the audit log and the service log."""
    scope.session.add(event(scope, match, name=name, before=before))
    await scope.audit(
        f"matching.match.{name}",
        object_type="match",
        object_id=match.id,
        details={"from": before.value if before else None, "to": match.status.value},
    )
    log.info(
        f"matching.match.{name}",
        extra={"fields": {"match_id": str(match.id), "organisation_id": str(match.organisation_id)}},
    )


async def locked(scope: Scope, match_id: uuid.UUID) -> Match:
    """The match, locked for this transaction (PostgreSQL; SQLite has one writer at a time)."""
    member(scope)
    session = scope.session
    await session.flush()  # re-reading the row below must not drop changes made earlier in this request
    match = await session.scalar(
        select(Match).where(Match.id == match_id).with_for_update().execution_options(populate_existing=True)
    )
    if (
        match is None
        or match.organisation_id != scope.organisation_id
        or not policy.can_view_match(scope.actor, match)
    ):
        raise NotFound(_("No such match."))
    return match


def must_be(match: Match, wanted: Sequence[MatchStatus], action: str) -> None:
    """``Conflict`` unless the match is in one of the ``wanted`` states."""
    if match.status not in wanted:
        raise Conflict(
            _("This match is {status}, so it can't be {action}.").format(
                status=str(STATUS_WORDS[match.status]), action=str(_ACTION_WORDS.get(action, action))
            )
        )


def party_or_refuse(scope: Scope, match: Match, action: str) -> policy.Party:
    """Whether the actor is the carer or the buddy; ``NotAllowed`` for anyone else."""
    party = policy.party_of(scope.actor, match)
    if party is None:
        refusal = _PARTY_ONLY.get(action)
        raise NotAllowed(
            str(refusal)
            if refusal is not None
            else _("Only the carer and the buddy can {action} a match.").format(action=action)
        )
    return party
