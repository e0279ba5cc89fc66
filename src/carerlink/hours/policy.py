"""Who may log and see volunteer hours (pure rules, no database)."""

from __future__ import annotations

import uuid

from carerlink.actor import Actor, Role


def can_log_time(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Buddies log their own time and see their own hours."""
    return actor.has_role(organisation_id, Role.BUDDY)


def can_see_buddies_hours(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """The organisation's coordinators see every buddy's hours, and a buddy's notes."""
    return actor.is_system or actor.has_role(organisation_id, Role.COORDINATOR)
