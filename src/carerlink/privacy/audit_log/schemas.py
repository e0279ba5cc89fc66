"""Response shapes of the audit log and a person's access log."""

from __future__ import annotations

import uuid
from datetime import datetime

from carerlink.kit.schema import Schema


class AuditEntryRead(Schema):
    """One entry of the centre's audit log, with its people named and its action in plain words."""

    id: uuid.UUID
    at: datetime
    action: str
    action_words: str
    actor_user_id: uuid.UUID | None
    # Null: carerlink itself (a scheduled job) or someone no longer known.
    actor_name: str | None
    actor_role: str | None
    subject_user_id: uuid.UUID | None
    subject_name: str | None
    object_type: str | None
    object_id: uuid.UUID | None


class ActionGroupRead(Schema):
    """A group of actions to filter by: pass ``prefix`` as ``action``."""

    prefix: str
    words: str


class AuditLogRead(Schema):
    """A page of the audit log, newest first; pass ``next_before`` as ``before`` for older entries."""

    entries: list[AuditEntryRead]
    next_before: str | None
    action_groups: list[ActionGroupRead]


class AccessEntryRead(Schema):
    """Someone at the centre who looked at or changed the person's record: who, what, when."""

    id: uuid.UUID
    at: datetime
    who: str  # "Morgan, coordinator"
    what: str  # "looked at your profile"


class AccessLogRead(Schema):
    """A page of the person's access log, newest first."""

    entries: list[AccessEntryRead]
    next_before: str | None
