"""How we reach people (issue 14): which of a person's channels work, and who nobody can reach.

``reach()`` answers for many people at once, with a fixed number of queries: their order of channels,
live devices, whether their latest e-mail was refused by the mail server, their number, and whether
their last two check-in reminders reached them by any channel. What it says is plain words for
coordinators ("No phone or computer has reminders turned on") and flags for the screens.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import phones
from carerlink.accounts.models import User
from carerlink.i18n import N_, _
from carerlink.mail import service as mail
from carerlink.mail.models import OutgoingMail
from carerlink.notifications import channels as channel_rules
from carerlink.notifications.channels import Channel
from carerlink.notifications.models import (
    DeliveryState,
    Notification,
    NotificationPreference,
    PushDelivery,
    PushSubscription,
)
from carerlink.notifications.service._common import MEMBERSHIPS
from carerlink.notifications.service.routing import INBOX, ORGANISATIONS, TEXT_FAILED
from carerlink.notifications.texts.models import OutgoingText

NO_SERVICE = N_("Text messages aren't set up on this service.")
NO_CENTRE = N_("This centre doesn't send text messages.")
REMINDERS = ("checkin_due", "checkin_nudge")
MISSED_IN_A_ROW = 2
LOOK_BACK = timedelta(days=60)
# Pushes that ended without reaching the device (withdrawn ones were no longer needed: not a miss).
FAILED_PUSH = {DeliveryState.GONE.value, DeliveryState.REJECTED.value, DeliveryState.EXPIRED.value}


@dataclass(frozen=True, slots=True)
class TextReach:
    """Whether texts can reach the person, and why not."""

    available: bool
    reason: str | None
    phone: str | None  # national form ("07700 900123"), for reading
    verified: bool
    stopped: bool


@dataclass(frozen=True, slots=True)
class Reach:
    """How one person can be reached: their order, what works, and what does not (plain words)."""

    user_id: uuid.UUID
    channels: tuple[Channel, ...]
    chosen: bool
    push_devices: int
    email: str
    email_refused: bool
    sms: TextReach
    missed_everywhere: bool
    working: tuple[Channel, ...] = field(default=())

    @property
    def unreachable(self) -> bool:
        """No working channel, or their last reminders reached them nowhere."""
        return not self.working or self.missed_everywhere

    def problems(self) -> list[str]:
        """What doesn't work, in plain words for coordinators."""
        said: list[str] = []
        if "push" in self.channels and not self.push_devices:
            said.append(_("No phone or computer has reminders turned on."))
        if "email" in self.channels and self.email_refused:
            said.append(_("Their e-mails are being refused."))
        if "sms" in self.channels or self.sms.phone:
            if self.sms.stopped:
                said.append(_("They texted STOP, so no texts go to them."))
            elif self.sms.phone and not self.sms.verified:
                said.append(_("Their mobile number isn't verified yet."))
            elif "sms" in self.channels and not self.sms.available and self.sms.reason:
                said.append(self.sms.reason)
        if not self.channels:
            said.append(_("They chose to get reminders only in the app."))
        if self.missed_everywhere:
            said.append(_("Their last two check-in reminders didn't reach them by any channel."))
        return said


async def reach(
    session: AsyncSession,
    user_ids: Collection[uuid.UUID],
    *,
    now: datetime,
    organisation_id: uuid.UUID | None = None,
) -> dict[uuid.UUID, Reach]:
    """How each of these people can be reached now (texts as ``organisation_id`` allows them).

    Without ``organisation_id`` texts count as available where any organisation the person is active
    in sends them (the person's own settings screen).
    """
    ids = list(dict.fromkeys(user_ids))
    if not ids:
        return {}
    people = (
        await session.execute(
            select(
                User.id,
                User.email,
                User.phone,
                User.phone_verified_at,
                User.texts_stopped_at,
                NotificationPreference.channels,
            )
            .outerjoin(NotificationPreference, NotificationPreference.user_id == User.id)
            .where(User.id.in_(ids))
        )
    ).all()
    devices = dict(
        (
            await session.execute(
                select(PushSubscription.user_id, func.count())
                .where(
                    PushSubscription.user_id.in_(ids),
                    or_(PushSubscription.expires_at.is_(None), PushSubscription.expires_at > now),
                )
                .group_by(PushSubscription.user_id)
            )
        ).all()
    )
    refused = await _email_refused(session, ids, now=now)
    texting = await _texts_available(session, ids, organisation_id=organisation_id)
    missed = await _missed_everywhere(session, ids, now=now)
    found: dict[uuid.UUID, Reach] = {}
    for row in people:
        texts_ok, reason = texting.get(row.id, (False, str(NO_CENTRE)))
        described = phones.try_parse(row.phone)
        sms = TextReach(
            available=texts_ok,
            reason=reason,
            phone=described.display if described else row.phone,
            verified=bool(row.phone) and row.phone_verified_at is not None,
            stopped=row.texts_stopped_at is not None,
        )
        order = channel_rules.chosen(row.channels)
        works = {
            "push": bool(devices.get(row.id)),
            "email": bool(row.email) and row.id not in refused,
            "sms": sms.available and sms.verified and not sms.stopped,
        }
        found[row.id] = Reach(
            user_id=row.id,
            channels=order,
            chosen=row.channels is not None,
            push_devices=int(devices.get(row.id, 0)),
            email=row.email or "",
            email_refused=row.id in refused,
            sms=sms,
            missed_everywhere=row.id in missed,
            working=tuple(channel for channel in order if works[channel]),
        )
    return found


async def _email_refused(session: AsyncSession, ids: Sequence[uuid.UUID], *, now: datetime) -> set[uuid.UUID]:
    """People whose latest e-mail the mail server refused for good."""
    latest: dict[uuid.UUID, Any] = {}
    rows = await session.execute(
        select(OutgoingMail.user_id, OutgoingMail.failed_at, OutgoingMail.last_error)
        .where(
            OutgoingMail.user_id.in_(ids),
            OutgoingMail.created_at >= now - LOOK_BACK,
            or_(OutgoingMail.sent_at.is_not(None), OutgoingMail.failed_at.is_not(None)),
            or_(OutgoingMail.last_error.is_(None), OutgoingMail.last_error != mail.WITHDRAWN),
        )
        .order_by(OutgoingMail.created_at.desc())
    )
    for user_id, failed_at, last_error in rows:
        if user_id is not None:
            latest.setdefault(user_id, (failed_at, last_error))
    return {
        user_id
        for user_id, (failed_at, last_error) in latest.items()
        if failed_at is not None and (last_error or "").startswith("refused:")
    }


async def _texts_available(
    session: AsyncSession, ids: Sequence[uuid.UUID], *, organisation_id: uuid.UUID | None
) -> dict[uuid.UUID, tuple[bool, str | None]]:
    """Whether texts can go to each person (this service, and their organisation), and why not."""
    if not session.info.get("texts_on"):
        return {user_id: (False, str(NO_SERVICE)) for user_id in ids}
    if organisation_id is not None:
        settings = await session.scalar(
            select(ORGANISATIONS.c.settings).where(ORGANISATIONS.c.id == organisation_id)
        )
        on = _texts_enabled(settings)
        return {user_id: (on, None if on else str(NO_CENTRE)) for user_id in ids}
    rows = await session.execute(
        select(MEMBERSHIPS.c.user_id, ORGANISATIONS.c.settings)
        .join(ORGANISATIONS, ORGANISATIONS.c.id == MEMBERSHIPS.c.organisation_id)
        .where(MEMBERSHIPS.c.user_id.in_(ids), MEMBERSHIPS.c.status == "active")
    )
    result: dict[uuid.UUID, tuple[bool, str | None]] = {user_id: (False, str(NO_CENTRE)) for user_id in ids}
    for user_id, settings in rows:
        if _texts_enabled(settings):
            result[user_id] = (True, None)
    return result


def _texts_enabled(settings: Any) -> bool:
    texts = settings.get("texts") if isinstance(settings, dict) else None
    return isinstance(texts, dict) and texts.get("enabled") is True


async def _missed_everywhere(
    session: AsyncSession, ids: Sequence[uuid.UUID], *, now: datetime
) -> set[uuid.UUID]:
    """People whose last two check-in reminders ended with no channel that delivered them."""
    recent = (
        await session.execute(
            select(Notification.id, Notification.user_id, Notification.channel, Notification.read_at)
            .where(
                Notification.user_id.in_(ids),
                Notification.created_at >= now - LOOK_BACK,
                Notification.kind.in_(REMINDERS),
            )
            .order_by(Notification.user_id, Notification.created_at.desc(), Notification.id)
        )
    ).all()
    last: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for row in recent:
        if len(last[row.user_id]) < MISSED_IN_A_ROW:
            last[row.user_id].append(row)
    considered = [row for rows in last.values() for row in rows]
    if not considered:
        return set()
    notification_ids = [row.id for row in considered]
    pushes: dict[uuid.UUID, set[str]] = defaultdict(set)
    for notification_id, state in await session.execute(
        select(PushDelivery.notification_id, PushDelivery.state).where(
            PushDelivery.notification_id.in_(notification_ids)
        )
    ):
        pushes[notification_id].add(str(state))
    mail_failed = set(
        (
            await session.scalars(
                select(OutgoingMail.notification_id).where(
                    OutgoingMail.notification_id.in_(notification_ids),
                    OutgoingMail.failed_at.is_not(None),
                    OutgoingMail.sent_at.is_(None),
                    or_(OutgoingMail.last_error.is_(None), OutgoingMail.last_error != mail.WITHDRAWN),
                )
            )
        ).all()
    )
    text_failed = set(
        (
            await session.scalars(
                select(OutgoingText.notification_id).where(
                    and_(
                        OutgoingText.notification_id.in_(notification_ids),
                        OutgoingText.state.in_(TEXT_FAILED),
                    )
                )
            )
        ).all()
    )

    def missed(row: Any) -> bool:
        if row.channel == INBOX:
            return True
        if row.channel == "push":
            states = pushes.get(row.id, set())
            return bool(states) and states <= FAILED_PUSH
        if row.channel == "email":
            return row.id in mail_failed
        if row.channel == "sms":
            return row.id in text_failed
        return False

    return {
        user_id
        for user_id, rows in last.items()
        if len(rows) == MISSED_IN_A_ROW and all(missed(row) for row in rows)
    }
