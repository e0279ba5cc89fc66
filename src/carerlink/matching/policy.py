"""Who may see and do what with matches (pure rules, no database)."""

from __future__ import annotations

import uuid
from typing import Literal

from carerlink.actor import Actor, Role
from carerlink.matching.models import Decision, Match, MatchStatus
from carerlink.organisations.policy import sees_phone_numbers

Party = Literal["carer", "buddy"]
# Who reads a match: its carer, its buddy, or a coordinator (anyone else is never shown it).
Viewer = Literal["coordinator", "carer", "buddy"]


def can_match(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators see the waiting list, suggestions and drafts, and propose, withdraw and end matches.

    A person decides every match (UK GDPR art. 22: no automated decision on special-category data).
    """
    return actor.is_system or actor.has_role(organisation_id, Role.COORDINATOR)


def party_of(actor: Actor, match: Match) -> Party | None:
    """Whether the actor is the carer or the buddy of this match (through the membership it was made on)."""
    if actor.user_id is None:
        return None
    if actor.user_id == match.carer_user_id and actor.has_role(match.organisation_id, Role.CARER):
        return "carer"
    if actor.user_id == match.buddy_user_id and actor.has_role(match.organisation_id, Role.BUDDY):
        return "buddy"
    return None


def can_view_match(actor: Actor, match: Match) -> bool:
    """The carer, the buddy, and the organisation's coordinators."""
    return can_match(actor, match.organisation_id) or party_of(actor, match) is not None


def can_pause_or_end(actor: Actor, match: Match) -> bool:
    """Either person may pause, resume or end their match, and so may coordinators."""
    return can_view_match(actor, match)


def viewer_of(party: Party | None) -> Viewer:
    """How a person who may see a match reads it: as its carer or buddy, else as a coordinator.

    The carer and the buddy read their own answers, the introduction of the other and the reasons safe
    to say to both; only coordinators read the score, the note, decline reasons, feedback and history.
    """
    return party or "coordinator"


def sees_rematch(viewer: Viewer) -> bool:
    """Who reads whether the carer wants another buddy after an ending: the carer and coordinators."""
    return viewer != "buddy"


def both_accepted(match: Match) -> bool:
    """The carer and the buddy have both said yes."""
    return match.carer_decision == Decision.ACCEPTED and match.buddy_decision == Decision.ACCEPTED


def is_on_hold(match: Match) -> bool:
    """Both said yes but it has not started: held for a coordinator (the buddy's screening lapsed)."""
    return match.status == MatchStatus.PROPOSED and both_accepted(match)


def shares_phone(match: Match, party: Party) -> bool:
    """Whether this side of the pair chose to show their number to the other, in this match."""
    return match.carer_shares_phone if party == "carer" else match.buddy_shares_phone


def other_party(party: Party) -> Party:
    """The other side of a pair."""
    return "buddy" if party == "carer" else "carer"


def phone_shown_to_other(match: Match, owner: Party) -> bool:
    """Whether ``owner``'s number may be shown to the other person of the pair.

    Only with the owner's consent for this match, and only while it is active or paused: it disappears
    when they withdraw it or the match ends (an ended match keeps nobody's number; a new one starts
    unshared). Coordinators are not asked this: they always see numbers (``sees_phone_numbers``).
    """
    return match.status in (MatchStatus.ACTIVE, MatchStatus.PAUSED) and shares_phone(match, owner)


def phone_visible(actor: Actor, match: Match, owner: Party) -> bool:
    """Whether ``actor`` may read the number of the match's ``owner`` side (the one rule every read uses).

    Coordinators of the organisation always; the owner themself; the other person of the pair only as
    ``phone_shown_to_other`` says; nobody else (another organisation, a former role, anonymous).
    """
    if sees_phone_numbers(actor, match.organisation_id):
        return True
    viewer = party_of(actor, match)
    if viewer is None:
        return False
    return viewer == owner or phone_shown_to_other(match, owner)


def can_choose_phone_sharing(actor: Actor, match: Match) -> Party | None:
    """The carer or the buddy of a match chooses for their own side only; nobody chooses for them."""
    return party_of(actor, match)
