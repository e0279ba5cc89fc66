"""Request and response shapes of the retention schedule."""

from __future__ import annotations

import uuid
from datetime import datetime

from carerlink.kit.schema import Schema
from carerlink.organisations.schemas import RetentionSettings


class RetentionClassRead(Schema):
    """One class of data, how long it is kept, and the tables whose rows follow it."""

    key: str
    words: str
    # The setting that tunes it ("checkin_notes_months"), null for a fixed period (its words say it).
    setting: str | None
    value: int | None
    unit: str
    default: int | None
    period_words: str
    tables: list[str]
    # Enforced by the retention run (else by the purge of its own kind: push, inbox, mail, texts, ...).
    enforced_by_retention_run: bool


class RetentionRunRead(Schema):
    """One run: when, and how many rows of each class it removed or cleared (never what they held)."""

    id: uuid.UUID
    started_at: datetime
    finished_at: datetime | None
    removed: dict[str, int]
    total: int


class RetentionScheduleRead(Schema):
    """The centre's schedule, its tunable periods, and what the last runs removed (newest first)."""

    settings: RetentionSettings
    classes: list[RetentionClassRead]
    last_run: RetentionRunRead | None
    runs: list[RetentionRunRead]
