"""A person's notification preferences: quiet hours and which kinds reach their devices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import User
from carerlink.actor import Actor
from carerlink.audit import service as audit
from carerlink.errors import Invalid, NotAuthenticated
from carerlink.notifications import kinds, policy
from carerlink.notifications.kinds import Kind
from carerlink.notifications.models import (
    NotificationPreference,
)

# --- preferences -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Preferences:
    """My quiet hours and which kinds of push I receive."""

    time_zone: str
    quiet_start: time | None
    quiet_end: time | None
    kinds: list[tuple[type[Kind], bool]]


async def get_preferences(session: AsyncSession, *, actor: Actor) -> Preferences:
    """My notification preferences (defaults until I change them: no quiet hours, everything on)."""
    user_id = actor.require_person()
    row = (
        await session.execute(
            select(User.time_zone, NotificationPreference)
            .outerjoin(NotificationPreference, NotificationPreference.user_id == User.id)
            .where(User.id == user_id)
        )
    ).one_or_none()
    if row is None:
        raise NotAuthenticated("Please sign in to continue.")
    time_zone, preference = row
    muted = set(preference.muted_kinds) if preference is not None else set()
    return Preferences(
        time_zone=time_zone,
        quiet_start=preference.quiet_start if preference is not None else None,
        quiet_end=preference.quiet_end if preference is not None else None,
        kinds=[(kind, kind.name not in muted) for kind in policy.kinds_for(actor)],
    )


async def update_preferences(
    session: AsyncSession,
    *,
    actor: Actor,
    now: datetime,
    quiet_hours: tuple[time, time] | msgspec.UnsetType | None = msgspec.UNSET,
    kind_switches: Mapping[str, bool] | msgspec.UnsetType = msgspec.UNSET,
) -> Preferences:
    """Change my quiet hours (``None`` turns them off) and switch kinds of push on or off.

    Crisis alerts to coordinators can't be switched off, and ignore quiet hours.
    """
    user_id = actor.require_person()
    preference = await session.get(NotificationPreference, user_id)
    if preference is None:
        preference = NotificationPreference(user_id=user_id, muted_kinds=[], updated_at=now)
        session.add(preference)
    changed: dict[str, Any] = {}
    if quiet_hours is not msgspec.UNSET:
        if quiet_hours is not None and quiet_hours[0] == quiet_hours[1]:
            raise Invalid(
                "Quiet hours need to start and end at different times. To turn them off, clear them.",
                field="quiet_hours.end",
            )
        preference.quiet_start, preference.quiet_end = quiet_hours or (None, None)
        changed["quiet_hours"] = quiet_hours is not None
    if kind_switches is not msgspec.UNSET:
        muted = set(preference.muted_kinds)
        for name, enabled in kind_switches.items():
            kind = kinds.KINDS.get(name)
            if kind is None:
                raise Invalid(f"There is no kind of notification called {name!r}.", field=f"kinds.{name}")
            if not enabled and not kind.can_switch_off:
                raise Invalid(
                    "Urgent crisis alerts can't be switched off: a carer may need help now.",
                    field=f"kinds.{name}",
                )
            (muted.add if not enabled else muted.discard)(name)
        preference.muted_kinds = sorted(muted)
        changed["muted"] = preference.muted_kinds
    preference.updated_at = now
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        action="notifications.preferences.changed",
        now=now,
        subject_user_id=user_id,
        details=changed,
    )
    return await get_preferences(session, actor=actor)
