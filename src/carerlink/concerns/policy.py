"""Who may raise, read and handle concerns (pure rules, no database).

A concern is never the carer's to see: no rule here lets a carer (or the carer role) near one.
"""

from __future__ import annotations

import uuid

from carerlink.actor import Actor, Role
from carerlink.concerns.models import Concern
from carerlink.matching.models import MatchStatus

# A buddy raises concerns about the carers they support now: the match active or paused.
TOGETHER = frozenset({MatchStatus.ACTIVE, MatchStatus.PAUSED})


def can_handle(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators of the organisation read, acknowledge and close its concerns (the system in jobs)."""
    return actor.is_system or actor.has_role(organisation_id, Role.COORDINATOR)


def may_raise(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Buddies and coordinators of the organisation raise concerns (about whom is checked next)."""
    return actor.has_role(organisation_id, Role.COORDINATOR) or actor.has_role(organisation_id, Role.BUDDY)


def can_raise_about(
    actor: Actor, organisation_id: uuid.UUID, *, pair_status: MatchStatus | None, is_their_carer: bool
) -> bool:
    """A coordinator about any carer of the organisation; a buddy about a carer they support now.

    ``pair_status`` is the status of the buddy's match with that carer (``None`` when there is none);
    ``is_their_carer`` whether the person holds a carer membership there that has not ended.
    """
    if actor.has_role(organisation_id, Role.COORDINATOR):
        return is_their_carer
    return actor.has_role(organisation_id, Role.BUDDY) and pair_status in TOGETHER


def lists_own(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """A buddy lists the concerns they raised (where each stands, nothing decided about the carer)."""
    return actor.has_role(organisation_id, Role.BUDDY)


def raised_it(actor: Actor, concern: Concern) -> bool:
    """The buddy who raised this concern (while they hold the buddy role there)."""
    return (
        actor.user_id is not None
        and actor.user_id == concern.raised_by_user_id
        and actor.has_role(concern.organisation_id, Role.BUDDY)
    )
