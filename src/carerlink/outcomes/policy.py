"""Who may configure outcome measures, answer asks and give equality answers (pure rules, no database).

Nobody reads another person's answers through the outcomes routes: coordinators see only the reports'
aggregates (small numbers suppressed there).
"""

from __future__ import annotations

import uuid

from carerlink.actor import Actor, Role
from carerlink.outcomes.models import OutcomeAsk


def can_configure(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Coordinators choose the measure in use and enter their centre's licensed questions."""
    return actor.has_role(organisation_id, Role.COORDINATOR)


def answers_asks(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Carers of the organisation are asked the outcome measure."""
    return actor.has_role(organisation_id, Role.CARER)


def is_theirs(actor: Actor, ask: OutcomeAsk) -> bool:
    """The carer an ask was made of (while they hold the carer role there)."""
    return (
        actor.user_id is not None
        and actor.user_id == ask.carer_user_id
        and actor.has_role(ask.organisation_id, Role.CARER)
    )


def gives_equality_answers(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Carers and buddies may answer the equality questions (coordinators are staff, not asked here)."""
    return actor.has_role(organisation_id, Role.CARER) or actor.has_role(organisation_id, Role.BUDDY)
