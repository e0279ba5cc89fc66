"""Who may see and change profiles and screening (pure rules, no database)."""

from __future__ import annotations

import uuid

from carerlink.actor import Actor, Role


def can_keep_carer_profile(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Carers keep their own profile (no one else writes it)."""
    return actor.has_role(organisation_id, Role.CARER)


def can_keep_buddy_profile(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Buddies keep their own profile, capacity, pause and quiet hours."""
    return actor.has_role(organisation_id, Role.BUDDY)


def can_read_profiles(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators read the profiles of their organisation's carers and buddies (each read audited)."""
    return actor.is_system or actor.has_role(organisation_id, Role.COORDINATOR)


def can_enter_profiles(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators fill in a carer's or buddy's profile with them during an assessment (issue 16)."""
    return actor.has_role(organisation_id, Role.COORDINATOR)


def can_screen_buddies(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators run screening: courses, training records, checks, approval, young-carers clearance."""
    return actor.is_system or actor.has_role(organisation_id, Role.COORDINATOR)


def can_ask_for_debrief(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Buddies (an active buddy membership) ask to talk something through, and read their own asks."""
    return actor.has_role(organisation_id, Role.BUDDY)


def can_supervise(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators record and read supervision and debrief sessions, and take debrief requests up."""
    return actor.is_system or actor.has_role(organisation_id, Role.COORDINATOR)


def can_read_debrief(actor: Actor, organisation_id: uuid.UUID, *, buddy_membership_id: uuid.UUID) -> bool:
    """A debrief request: the buddy who asked (while their buddy membership is active) and coordinators."""
    return can_supervise(actor, organisation_id) or (
        actor.membership_id(organisation_id, Role.BUDDY) == buddy_membership_id
    )
