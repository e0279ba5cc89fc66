"""Who may see and change what in notifications (pure rules, no database)."""

from __future__ import annotations

import uuid

from carerlink.actor import Actor, Role
from carerlink.notifications.kinds import ALL_KINDS, Kind


def owns(actor: Actor, user_id: uuid.UUID) -> bool:
    """Devices, inbox entries and preferences are their owner's alone; not even a coordinator sees them."""
    return actor.user_id is not None and actor.user_id == user_id


def can_view_delivery_summary(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators see their organisation's delivery figures (counts only, nobody's notifications)."""
    return actor.is_system or actor.has_role(organisation_id, Role.COORDINATOR)


def kinds_for(actor: Actor) -> list[type[Kind]]:
    """The kinds a person can receive, by the roles they hold anywhere (what their preferences list)."""
    roles = {grant.role for grant in actor.grants}
    # A kind that only updates a shown notification has no setting of its own (``Kind.in_inbox``).
    return [kind for kind in ALL_KINDS if kind.audience & roles and kind.in_inbox]


def current_memberships(actor: Actor) -> list[uuid.UUID]:
    """The memberships whose notifications a person still reads: those that give them a role now."""
    return sorted(grant.membership_id for grant in actor.grants)
