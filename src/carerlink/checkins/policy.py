"""Who may see and do what with check-ins (pure rules, no database)."""

from __future__ import annotations

import uuid

from carerlink.actor import Actor, Role
from carerlink.checkins.models import CheckinOccurrence
from carerlink.matching.models import Match, MatchStatus


def is_carer(actor: Actor, occurrence: CheckinOccurrence) -> bool:
    """The carer whose check-in it is (while they hold the carer role there)."""
    return actor.user_id == occurrence.carer_user_id and actor.has_role(
        occurrence.organisation_id, Role.CARER
    )


def is_buddy(actor: Actor, occurrence: CheckinOccurrence) -> bool:
    """The buddy of the pair (while they hold the buddy role there)."""
    return actor.user_id == occurrence.buddy_user_id and actor.has_role(
        occurrence.organisation_id, Role.BUDDY
    )


def can_view(actor: Actor, occurrence: CheckinOccurrence) -> bool:
    """The carer, the buddy and the organisation's coordinators (the system for jobs)."""
    return (
        actor.is_system
        or is_carer(actor, occurrence)
        or is_buddy(actor, occurrence)
        or actor.has_role(occurrence.organisation_id, Role.COORDINATOR)
    )


# A pair is still together while its match is active or paused: its buddy reads the carer's answers and
# is told about them, and its check-ins can be answered. Once it has ended, neither (issue 10 §2).
TOGETHER = frozenset({MatchStatus.ACTIVE, MatchStatus.PAUSED})


def sees_answers(actor: Actor, occurrence: CheckinOccurrence, match_status: MatchStatus) -> bool:
    """Whether the viewer reads the carer's answers (how they are, their note, a call, help now).

    The carer keeps their own history and coordinators keep theirs (the system too); the buddy reads them
    while the match is active or paused. Once it has ended the former buddy sees that it ended and their
    own replies, not the carer's answers (data minimisation; issue 10 §2).
    """
    if actor.is_system or is_carer(actor, occurrence):
        return True
    if actor.has_role(occurrence.organisation_id, Role.COORDINATOR):
        return True
    return is_buddy(actor, occurrence) and match_status in TOGETHER


def buddy_organisations(actor: Actor) -> frozenset[uuid.UUID]:
    """Where the actor may read check-ins as a buddy: only where they hold the buddy role now."""
    return actor.organisations(Role.BUDDY)


def carer_organisations(actor: Actor) -> frozenset[uuid.UUID]:
    """Where the actor may read check-ins as a carer: only where they hold the carer role now."""
    return actor.organisations(Role.CARER)


def sees_wellbeing_over_time(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators see how a carer has been over time: their first and latest answers, on their page.

    They read every answer of the centre's carers (``sees_answers``). Nobody else does, and it is never in
    a report or a CSV (those count carers, issue 16).
    """
    return actor.has_role(organisation_id, Role.COORDINATOR)


def is_coordinator_view(actor: Actor, occurrence: CheckinOccurrence) -> bool:
    """A coordinator looking at someone else's check-in (audited: it may hold how a carer is doing)."""
    return not (actor.is_system or is_carer(actor, occurrence) or is_buddy(actor, occurrence))


def coordinator_only(
    actor: Actor, organisation_id: uuid.UUID, carer_id: uuid.UUID, buddy_id: uuid.UUID
) -> bool:
    """Whether the actor sees a pair's check-ins as a coordinator rather than as one of the pair."""
    return actor.user_id not in (carer_id, buddy_id) and actor.has_role(organisation_id, Role.COORDINATOR)


def can_plan(actor: Actor, match: Match) -> bool:
    """The carer, the buddy and coordinators agree or change a pair's rhythm."""
    return (
        actor.has_role(match.organisation_id, Role.COORDINATOR)
        or (actor.user_id == match.carer_user_id and actor.has_role(match.organisation_id, Role.CARER))
        or (actor.user_id == match.buddy_user_id and actor.has_role(match.organisation_id, Role.BUDDY))
    )


def can_answer_for(actor: Actor, match: Match) -> bool:
    """The carer of the pair sends and answers its check-ins."""
    return actor.user_id == match.carer_user_id and actor.has_role(match.organisation_id, Role.CARER)


def is_coordinator(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators see the attention list and resolve its items."""
    return actor.is_system or actor.has_role(organisation_id, Role.COORDINATOR)
