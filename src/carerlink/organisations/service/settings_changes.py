"""The history of the centre's settings (issue 16): who changed which setting, when, from what to what.

Read from the audit log, where every change already is: ``organisations.updated`` (with the fields that
changed), ``privacy.retention.changed`` (the retention schedule, changed on its own screen) and
``organisations.duty.changed`` (a coordinator going on or off duty).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.audit.models import AuditEntry
from carerlink.organisations.models import Membership, MembershipStatus
from carerlink.organisations.scope import Scope
from carerlink.organisations.service._common import managed

SETTINGS_ACTIONS = ("organisations.updated", "privacy.retention.changed", "organisations.duty.changed")
HISTORY_LENGTH = 200


@dataclass(frozen=True, slots=True)
class SettingChange:
    """One field: its name as a client sends it (``settings.checkins``), old and new values."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class SettingsChange:
    """One change to the settings: when, by whom, which fields."""

    id: uuid.UUID
    at: datetime
    by_user_id: uuid.UUID | None
    by_name: str | None
    changes: list[SettingChange]


@dataclass(frozen=True, slots=True)
class CoordinatorOnDuty:
    """A coordinator, and whether crisis alerts reach them at once."""

    user_id: uuid.UUID
    display_name: str
    on_duty: bool


def _changes(entry: AuditEntry) -> list[SettingChange]:
    details = entry.details or {}
    if entry.action == "organisations.updated":
        return [
            SettingChange(field=str(c.get("field")), old=c.get("old"), new=c.get("new"))
            for c in details.get("changed", [])
        ]
    if entry.action == "privacy.retention.changed":
        return [SettingChange(field="settings.retention", old=details.get("old"), new=details.get("new"))]
    on_duty = bool(details.get("on_duty"))
    return [SettingChange(field="duty", old=not on_duty, new=on_duty)]


async def list_settings_changes(scope: Scope) -> list[SettingsChange]:
    """Every change to the settings, newest first, with who made it (coordinators)."""
    organisation = managed(scope)
    rows = (
        await scope.session.execute(
            select(AuditEntry, User.display_name)
            .outerjoin(User, User.id == AuditEntry.actor_user_id)
            .where(AuditEntry.organisation_id == organisation.id, AuditEntry.action.in_(SETTINGS_ACTIONS))
            .order_by(AuditEntry.at.desc(), AuditEntry.id)
            .limit(HISTORY_LENGTH)
        )
    ).all()
    found = [
        SettingsChange(
            id=entry.id, at=entry.at, by_user_id=entry.actor_user_id, by_name=name, changes=_changes(entry)
        )
        for entry, name in rows
    ]
    return [change for change in found if change.changes]


async def coordinators_on_duty(scope: Scope) -> Sequence[CoordinatorOnDuty]:
    """The active coordinators, and who is on duty (the safeguarding lead is chosen among them)."""
    organisation = managed(scope)
    rows = (
        await scope.session.execute(
            select(User.id, User.display_name, Membership.on_duty)
            .join(Membership, Membership.user_id == User.id)
            .where(
                Membership.organisation_id == organisation.id,
                Membership.role == Role.COORDINATOR,
                Membership.status == MembershipStatus.ACTIVE,
                User.is_active.is_(True),
            )
            .order_by(User.display_name)
        )
    ).all()
    return [CoordinatorOnDuty(user_id=u, display_name=n, on_duty=d) for u, n, d in rows]
