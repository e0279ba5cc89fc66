"""Who may see and handle crisis alerts (pure rules, no database)."""

from __future__ import annotations

import uuid

from carerlink.actor import Actor, Role
from carerlink.safeguarding.models import CrisisAlert


def can_handle_alerts(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators of the organisation see, acknowledge and record what they did about alerts.

    Buddies are told a carer asked for help, but are never the ones responsible for the response.
    """
    return actor.is_system or actor.has_role(organisation_id, Role.COORDINATOR)


def can_ask_for_help(actor: Actor, organisation_id: uuid.UUID, *, suspended_carer: bool = False) -> bool:
    """Every carer of the organisation can press "I need help now", matched or still waiting.

    A carer whose membership is suspended too (``suspended_carer``): a call for help is never refused
    for want of anything else; only an ended membership, or none, is not a carer of theirs any more.
    """
    return actor.has_role(organisation_id, Role.CARER) or suspended_carer


def can_report_mistake(actor: Actor, alert: CrisisAlert) -> bool:
    """Only the carer who raised an alert may say they pressed it by mistake (it never closes it)."""
    return (
        actor.user_id is not None
        and actor.user_id == alert.carer_user_id
        and actor.has_role(alert.organisation_id, Role.CARER)
    )
