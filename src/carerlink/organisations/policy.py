"""Who may see and change what in an organisation (pure rules, no database)."""

from __future__ import annotations

import uuid

from carerlink.actor import Actor, Role


def can_view_organisation(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Members see their organisation's details."""
    return actor.is_system or actor.is_member(organisation_id)


def can_manage_organisation(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators run the organisation: settings, members, invitations, referrals."""
    return actor.is_system or actor.has_role(organisation_id, Role.COORDINATOR)


def sees_mail_refusals(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """The organisation's coordinators see which e-mails to its people could not be delivered (issue 14)."""
    return can_manage_organisation(actor, organisation_id)


def can_change_membership(actor: Actor, organisation_id: uuid.UUID, member_user_id: uuid.UUID) -> bool:
    """Coordinators change other people's memberships, never their own (so one cannot lock everyone out)."""
    return can_manage_organisation(actor, organisation_id) and actor.user_id != member_user_id


def sees_phone_numbers(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators always see the numbers and emergency contacts of their organisation's people.

    They are the safety net (DOMAIN.md "Reaching people"). Only an active coordinator membership counts:
    a suspended or ended one, or a coordinator of another organisation, sees none.
    """
    return actor.is_system or actor.has_role(organisation_id, Role.COORDINATOR)


def can_set_carer_channels(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators set how a carer is reached with them (an assessment), and see who nobody can reach."""
    return actor.is_system or actor.has_role(organisation_id, Role.COORDINATOR)
