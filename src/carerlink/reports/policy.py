"""Who may read the reports (pure rules, no database)."""

from __future__ import annotations

import uuid

from carerlink.actor import Actor
from carerlink.organisations.policy import can_manage_organisation


def can_read_reports(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """The organisation's coordinators: the summary and the row-level exports of its own case records."""
    return can_manage_organisation(actor, organisation_id)
