"""Request and response shapes of the concerns API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from carerlink.accounts.schemas import EmergencyContactRead, PhoneRead
from carerlink.kit.schema import Lines, MultiLine, Schema
from carerlink.organisations.schemas import CrisisLine

CategoryName = Literal[
    "risk_to_carer", "risk_to_cared_for", "carers_health", "money_or_housing", "boundary", "other"
]
OutcomeName = Literal[
    "no_further_action",
    "support_offered",
    "referral_adult_social_care",
    "referral_childrens_services",
    "referral_gp",
    "referral_mental_health_team",
    "other",
]
StatusName = Literal["open", "acknowledged", "closed"]


class ConcernCreate(Schema):
    """A concern about a carer (or the person they care for), from their buddy or a coordinator."""

    carer_user_id: uuid.UUID
    category: CategoryName
    at_risk_now: bool
    what_happened: Annotated[Lines, msgspec.Meta(min_length=1, max_length=4000)]
    checkin_id: uuid.UUID | None = None


class ConcernRaisedRead(Schema):
    """What the person who raised it reads at once; the crisis lines come first when someone is at risk."""

    concern_id: uuid.UUID
    status: StatusName
    status_words: str
    at_risk_now: bool
    # Shown first when someone is at risk right now (also kept by the app for when it is offline).
    crisis_lines: list[CrisisLine]
    call_999: str


class ConcernActionCreate(Schema):
    """Something a coordinator did ("Rang Sam; GP appointment tomorrow")."""

    text: Annotated[Lines, msgspec.Meta(min_length=1, max_length=2000)]


class ConcernClose(Schema):
    """How the concern ended, with a note for the record (coordinators only ever read it)."""

    outcome: OutcomeName
    note: Annotated[MultiLine, msgspec.Meta(max_length=2000)] = ""


class ConcernActionRead(Schema):
    """One action recorded on a concern."""

    id: uuid.UUID
    text: str
    recorded_at: datetime
    recorded_by_name: str | None


class ConcernRead(Schema):
    """A concern as coordinators see it (the queue leaves out what happened and the actions)."""

    id: uuid.UUID
    status: StatusName
    category: CategoryName
    category_words: str
    at_risk_now: bool
    carer_user_id: uuid.UUID
    carer_name: str
    raised_by_user_id: uuid.UUID | None
    raised_by_name: str | None
    raised_by_role: Literal["buddy", "coordinator"]
    match_id: uuid.UUID | None
    checkin_id: uuid.UUID | None
    raised_at: datetime
    target_at: datetime
    past_target: bool
    # Minutes to the target (negative once past it), for "Target in 3 hours" / "4 hours past target".
    minutes_to_target: int
    escalated_at: datetime | None
    acknowledged_at: datetime | None
    acknowledged_by_name: str | None
    closed_at: datetime | None
    outcome: OutcomeName | None
    outcome_words: str | None
    outcome_note: str | None
    what_happened: str | None
    actions: list[ConcernActionRead]
    # On the concern's page (not in the queue): whom to ring; null where no number is on record.
    carer_phone: PhoneRead | None = None
    emergency_contact: EmergencyContactRead | None = None
    raised_by_phone: PhoneRead | None = None


class MyConcernRead(Schema):
    """A concern as the buddy who raised it sees it: where it stands, never what was decided."""

    id: uuid.UUID
    carer_name: str
    category_words: str
    at_risk_now: bool
    raised_at: datetime
    status: StatusName
    status_words: str


class ConcernList(Schema):
    """What a viewer may see: the queue (coordinators) and the concerns they raised (buddies).

    The queue lists open and acknowledged concerns first, the most urgent first; ``raised_by_me`` says
    only where each stands.
    """

    queue: list[ConcernRead]
    raised_by_me: list[MyConcernRead]
