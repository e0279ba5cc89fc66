"""Request and response shapes of erasure (issue 15)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from carerlink.kit.schema import Schema

StateName = Literal["requested", "paused", "done", "cancelled"]


class ErasureAsk(Schema):
    """Which organisation's records to be deleted from (may be left out by someone in only one)."""

    organisation_id: uuid.UUID | None = None


class PausedReasonRead(Schema):
    """Something open that holds the erasure, with a link to it (coordinators only)."""

    code: Literal["open_crisis_alert", "help_requested", "open_concern", "open_debrief"]
    words: str
    object_type: str
    object_id: uuid.UUID
    link: str | None


class SectionCount(Schema):
    """What erasing does (or did) to one section of the person's data."""

    section: str
    title: str
    deleted: int = 0
    anonymised: int = 0
    kept: int = 0


class KeptRecordRead(Schema):
    """A safeguarding record kept under its own retention (never its content)."""

    table: Literal["crisis_alerts", "concerns", "concern_actions"]
    id: uuid.UUID
    raised_at: datetime | None = None
    # Kept this long after it was closed; ``None`` while it is still open.
    kept_until: datetime | None = None
    link: str | None = None


class ErasureRead(Schema):
    """A request to be deleted as coordinators see it."""

    id: uuid.UUID
    organisation_id: uuid.UUID
    user_id: uuid.UUID
    person_name: str
    role: str | None
    state: StateName
    requested_at: datetime
    requested_by_self: bool
    requested_by_name: str | None
    paused_reasons: list[PausedReasonRead]
    paused_at: datetime | None
    decided_at: datetime | None
    decided_by_name: str | None
    completed_at: datetime | None
    # Open: what erasing would do now; done: what it did (counts only).
    sections: list[SectionCount]
    kept: list[KeptRecordRead]
    account_anonymised: bool | None
    safeguarding_years: int


class ErasureList(Schema):
    """The organisation's requests, open ones first."""

    requests: list[ErasureRead]
    open: int


class MyErasureRead(Schema):
    """The person's own request: where it stands in plain words (never why it waits)."""

    id: uuid.UUID
    organisation_id: uuid.UUID
    organisation_name: str
    state: StateName
    words: str
    requested_at: datetime
    completed_at: datetime | None
    can_cancel: bool
