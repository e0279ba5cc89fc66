"""A person's notification preferences: quiet hours, which kinds reach them, and their channels in order."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
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
from carerlink.i18n import _
from carerlink.notifications import kinds, policy
from carerlink.notifications.channels import CHANNELS, Channel, chosen
from carerlink.notifications.kinds import Kind
from carerlink.notifications.models import (
    NotificationPreference,
)
from carerlink.notifications.service.reach import NO_SERVICE, Reach, reach

# --- preferences -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChosenBy:
    """The coordinator who set a carer's channels during an assessment, and when."""

    name: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Preferences:
    """My quiet hours, which kinds of notification I receive, and my channels in order (issue 14)."""

    time_zone: str
    quiet_start: time | None
    quiet_end: time | None
    kinds: list[tuple[type[Kind], bool]]
    channels: tuple[Channel, ...] = ()
    channels_chosen: bool = False
    channels_set_by: ChosenBy | None = None
    reach: Reach | None = None


async def get_preferences(session: AsyncSession, *, actor: Actor, now: datetime | None = None) -> Preferences:
    """My notification preferences (defaults until I change them: no quiet hours, everything on).

    With ``now``, also how I can be reached (``reach``): devices, e-mail, my number and texts.
    """
    user_id = actor.require_person()
    row = (
        await session.execute(
            select(User.time_zone, NotificationPreference)
            .outerjoin(NotificationPreference, NotificationPreference.user_id == User.id)
            .where(User.id == user_id)
        )
    ).one_or_none()
    if row is None:
        raise NotAuthenticated(_("Please sign in to continue."))
    time_zone, preference = row
    muted = set(preference.muted_kinds) if preference is not None else set()
    stored = preference.channels if preference is not None else None
    set_by = None
    if preference is not None and preference.channels_set_by_user_id is not None:
        name = await session.scalar(
            select(User.display_name).where(User.id == preference.channels_set_by_user_id)
        )
        if name is not None and preference.channels_set_at is not None:
            set_by = ChosenBy(name=name, at=preference.channels_set_at)
    found = (await reach(session, [user_id], now=now)).get(user_id) if now is not None else None
    return Preferences(
        time_zone=time_zone,
        quiet_start=preference.quiet_start if preference is not None else None,
        quiet_end=preference.quiet_end if preference is not None else None,
        kinds=[(kind, kind.name not in muted) for kind in policy.kinds_for(actor)],
        channels=chosen(stored),
        channels_chosen=stored is not None,
        channels_set_by=set_by,
        reach=found,
    )


async def set_channels(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    order: Sequence[str],
    now: datetime,
    set_by: uuid.UUID | None,
    organisation_id: uuid.UUID | None = None,
) -> list[Channel]:
    """Store a person's channels in order (checked); ``set_by``: the coordinator who chose them, if not them.

    Texts only where their number is verified, not stopped, and texts are available to them; a
    problem names ``channels``. Nothing is audited here: the caller records who did it.
    """
    if len(set(order)) != len(order):
        raise Invalid(_("Each way of reaching someone can be listed once."), field="channels")
    checked = [c for c in CHANNELS if c in order]
    if len(checked) != len(order):
        raise Invalid(_("Choose from push, e-mail and text message."), field="channels")
    ordered: list[Channel] = [c for name in order for c in CHANNELS if c == name]
    if "sms" in ordered:
        found = (await reach(session, [user_id], now=now, organisation_id=organisation_id)).get(user_id)
        if found is None or not found.sms.available:
            reason = found.sms.reason if found is not None and found.sms.reason else str(NO_SERVICE)
            raise Invalid(reason, field="channels")
        if not found.sms.verified or found.sms.stopped:
            raise Invalid(
                _("Texts need a verified mobile number first (in My details).")
                if not found.sms.stopped
                else _(
                    "Texts are stopped for this number (STOP was texted). Text START to turn them on again."
                ),
                field="channels",
            )
    preference = await session.get(NotificationPreference, user_id)
    if preference is None:
        preference = NotificationPreference(user_id=user_id, muted_kinds=[], updated_at=now)
        session.add(preference)
    preference.channels = list(ordered)
    preference.channels_set_by_user_id = set_by
    preference.channels_set_at = now if set_by is not None else None
    preference.updated_at = now
    await session.flush()
    return ordered


async def update_preferences(
    session: AsyncSession,
    *,
    actor: Actor,
    now: datetime,
    quiet_hours: tuple[time, time] | msgspec.UnsetType | None = msgspec.UNSET,
    kind_switches: Mapping[str, bool] | msgspec.UnsetType = msgspec.UNSET,
    channel_order: Sequence[str] | msgspec.UnsetType = msgspec.UNSET,
) -> Preferences:
    """Change my quiet hours (``None`` turns them off), switch kinds on or off, and order my channels.

    Crisis alerts to coordinators can't be switched off, and ignore quiet hours. Choosing my channels
    myself clears "chosen with" a coordinator.
    """
    user_id = actor.require_person()
    changed: dict[str, Any] = {}
    if channel_order is not msgspec.UNSET:
        changed["channels"] = await set_channels(
            session, user_id=user_id, order=channel_order, now=now, set_by=None
        )
    preference = await session.get(NotificationPreference, user_id)
    if preference is None:
        preference = NotificationPreference(user_id=user_id, muted_kinds=[], updated_at=now)
        session.add(preference)
    if quiet_hours is not msgspec.UNSET:
        if quiet_hours is not None and quiet_hours[0] == quiet_hours[1]:
            raise Invalid(
                _("Quiet hours need to start and end at different times. To turn them off, clear them."),
                field="quiet_hours.end",
            )
        preference.quiet_start, preference.quiet_end = quiet_hours or (None, None)
        changed["quiet_hours"] = quiet_hours is not None
    if kind_switches is not msgspec.UNSET:
        muted = set(preference.muted_kinds)
        for name, enabled in kind_switches.items():
            kind = kinds.KINDS.get(name)
            if kind is None:
                raise Invalid(
                    _("There is no kind of notification called {name!r}.").format(name=name),
                    field=f"kinds.{name}",
                )
            if not enabled and not kind.can_switch_off:
                raise Invalid(
                    _("Urgent crisis alerts can't be switched off: a carer may need help now."),
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
    return await get_preferences(session, actor=actor, now=now)
