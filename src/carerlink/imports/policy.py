"""Who may bring records in (pure rules, no database)."""

from __future__ import annotations

import uuid

from carerlink.actor import Actor, Role


def can_import(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators bring their centre's carers and buddies in, check the file and confirm it."""
    return actor.has_role(organisation_id, Role.COORDINATOR)
