"""Request and response shapes of the safeguarding API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from carerlink.accounts.schemas import EmergencyContactRead, PhoneRead
from carerlink.kit.schema import Lines, Schema
from carerlink.organisations.schemas import CrisisLine


class AlertRead(Schema):
    """A crisis alert as coordinators see it."""

    id: uuid.UUID
    status: Literal["open", "acknowledged"]
    carer_user_id: uuid.UUID
    buddy_user_id: uuid.UUID | None
    # Where the call for help came from: a check-in answer, a refused answer (late or repeated, so
    # not stored), or the "I need help now" button; ``checkin_id`` only for the first.
    source: Literal["checkin", "checkin_refused", "help_button"]
    checkin_id: uuid.UUID | None
    raised_at: datetime
    escalate_at: datetime
    escalated_at: datetime | None
    acknowledged_at: datetime | None
    acknowledged_by_user_id: uuid.UUID | None
    action_taken: str | None
    # The carer said they pressed it by mistake (the alert stays open: a coordinator still checks).
    mistake_reported_at: datetime | None
    # Issue 13: where the escalation goes if nobody acknowledges it by ``escalate_at`` (or went, at
    # ``escalated_at``); ``None`` once acknowledged before it escalated. ``safeguarding_lead_name`` names
    # the lead when it is theirs. ``time_zone`` is the organisation's, for the times the page shows.
    escalates_to: Literal["safeguarding_lead", "all_coordinators"] | None = None
    safeguarding_lead_name: str | None = None
    acknowledged_by_name: str | None = None
    time_zone: str = "Europe/London"
    # Whom to ring (coordinators always see these): null where no number is on record.
    carer_phone: PhoneRead | None = None
    emergency_contact: EmergencyContactRead | None = None
    buddy_phone: PhoneRead | None = None
    # Issue 15: the carer was erased and this alert is kept for safeguarding: who they were, and when.
    carer_kept_name: str | None = None


class Acknowledge(Schema):
    """What the coordinator did or is doing (e.g. "Called Alex; she's safe, GP visit tomorrow")."""

    action_taken: Annotated[Lines, msgspec.Meta(min_length=1, max_length=2000)]


class DutyUpdate(Schema):
    """Whether crisis alerts should reach me at once."""

    on_duty: bool


class HelpRead(Schema):
    """The answer to "I need help now": the crisis lines at once, and that the centre has been alerted.

    ``alert_id`` lets the carer say later that they pressed it by mistake.
    """

    help_is_coming: bool
    crisis_lines: list[CrisisLine]
    alert_id: uuid.UUID


class MistakeRead(Schema):
    """The carer's "I pressed this by mistake", as recorded: the alert stays open and a coordinator checks."""

    alert_id: uuid.UUID
    mistake_reported_at: datetime
    alert_still_open: bool
