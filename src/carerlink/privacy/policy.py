"""Who may exercise and handle people's data rights (pure rules, no database).

A person acts for themselves only; coordinators act for the members of their own organisation (after
checking who is asking, outside the app). Nobody else, and never across organisations.
"""

from __future__ import annotations

import uuid

from carerlink.actor import Actor, Role


def is_self(actor: Actor, user_id: uuid.UUID) -> bool:
    """The signed-in person is ``user_id`` (their own copy, erasure request, access log)."""
    return actor.user_id is not None and actor.user_id == user_id


def handles_rights(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators of the organisation (the system in jobs).

    They ask for copies and confirm erasures for its members, review held records, and read the audit log
    and the retention schedule.
    """
    return actor.is_system or actor.has_role(organisation_id, Role.COORDINATOR)


def may_download(
    actor: Actor,
    *,
    subject_user_id: uuid.UUID,
    organisation_id: uuid.UUID | None,
    requested_by: uuid.UUID | None,
) -> bool:
    """Whether ``actor`` may download a copy of ``subject_user_id``'s data.

    A copy the person asked for themselves is theirs alone; one a coordinator asked for is for that
    organisation's coordinators to hand over (the person may download it too).
    """
    if is_self(actor, subject_user_id):
        return True
    return organisation_id is not None and actor.has_role(organisation_id, Role.COORDINATOR)


def may_ask_erasure(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """A member asks to be deleted from an organisation they belong to (for themselves only)."""
    return actor.user_id is not None and not actor.is_system and actor.is_member(organisation_id)


def may_confirm_erasure(actor: Actor, organisation_id: uuid.UUID, subject_user_id: uuid.UUID) -> bool:
    """Coordinators confirm (or cancel) an erasure, never their own: another coordinator confirms that."""
    return handles_rights(actor, organisation_id) and not is_self(actor, subject_user_id)


def reviews_records(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Who decides whether a safeguarding record held back from a copy is released.

    The coordinators of the record's organisation: people, never the system (a release is a judgement).
    """
    return not actor.is_system and actor.has_role(organisation_id, Role.COORDINATOR)
