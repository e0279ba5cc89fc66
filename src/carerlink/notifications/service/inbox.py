"""The inbox: a person's notifications in the app, read and unread."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Actor
from carerlink.errors import Invalid, NotFound
from carerlink.i18n import _
from carerlink.notifications import kinds, policy
from carerlink.notifications.models import (
    Notification,
    PushDelivery,
)
from carerlink.notifications.service import routing
from carerlink.notifications.service._common import withdraw_pending

# --- the inbox -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InboxPage:
    """Some of my notifications, newest first, how many are unread, and where the next page starts."""

    items: Sequence[Notification]
    unread: int
    next_before: uuid.UUID | None


async def list_inbox(
    session: AsyncSession,
    *,
    actor: Actor,
    unread_only: bool = False,
    before: uuid.UUID | None = None,
    limit: int = 30,
) -> InboxPage:
    """My notifications, newest first; ``before`` is the last id of the previous page.

    Those for a role I no longer hold (a membership suspended or ended) are not listed: their links lead
    to what that role no longer sees.
    """
    user_id = actor.require_person()
    mine = (
        (Notification.user_id == user_id)
        & or_(
            Notification.membership_id.is_(None),
            Notification.membership_id.in_(policy.current_memberships(actor)),
        )
        & Notification.kind.not_in(kinds.NOT_IN_INBOX)  # updates of shown pushes (issue 13)
    )
    query = select(Notification).where(mine)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    if before is not None:
        cursor = (
            await session.execute(
                select(Notification.created_at, Notification.id).where(
                    Notification.id == before, Notification.user_id == user_id
                )
            )
        ).one_or_none()
        if cursor is None:
            raise Invalid(_("That page marker is not one of your notifications."), field="before")
        query = query.where(tuple_(Notification.created_at, Notification.id) < tuple_(*cursor))
    rows = (
        await session.scalars(
            query.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit + 1)
        )
    ).all()
    unread = await session.scalar(
        select(func.count()).select_from(Notification).where(mine, Notification.read_at.is_(None))
    )
    items = rows[:limit]
    return InboxPage(
        items=items, unread=int(unread or 0), next_before=items[-1].id if len(rows) > limit else None
    )


async def mark_read(
    session: AsyncSession, *, actor: Actor, notification_id: uuid.UUID, now: datetime
) -> Notification:
    """Mark one of my notifications read; its pushes, e-mail or text still waiting are dropped."""
    user_id = actor.require_person()
    notification = await session.get(Notification, notification_id)
    if notification is None or not policy.owns(actor, notification.user_id):
        raise NotFound(_("No such notification."))
    if notification.read_at is None:
        notification.read_at = now
        await withdraw_pending(
            session,
            (PushDelivery.notification_id == notification_id) & (PushDelivery.user_id == user_id),
            now=now,
        )
        # Read in the app first: no e-mail or text later (a crisis alert's e-mail goes anyway).
        if notification.channel in ("email", "sms") and not routing.at_once(notification.kind):
            await routing.withdraw_outboxes(
                session, [notification_id], now=now, channels=[notification.channel]
            )
    return notification


async def mark_seen(session: AsyncSession, *, actor: Actor, url: str, now: datetime) -> int:
    """Mark read my notifications leading to ``url``, a page I have just opened; the unread count left.

    However I got there (issue 11: a check-in read from home left its notification unread).
    """
    user_id = actor.require_person()
    ids = (
        await session.scalars(
            select(Notification.id).where(
                Notification.user_id == user_id,
                Notification.read_at.is_(None),
                Notification.url == url,
                Notification.created_at <= now,
            )
        )
    ).all()
    if ids:
        await session.execute(update(Notification).where(Notification.id.in_(ids)).values(read_at=now))
        await withdraw_pending(
            session, (PushDelivery.user_id == user_id) & PushDelivery.notification_id.in_(ids), now=now
        )
        await _take_back_routed(session, ids, now=now)
    unread = await session.scalar(
        select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    )
    return int(unread or 0)


def inbox_body(notification: Notification) -> str:
    """What an inbox entry says inside the app (no "Open carerlink…": the reader is in it)."""
    return kinds.inbox_text(notification.kind, notification.data, notification.body)


def inbox_title(notification: Notification) -> str:
    """What an inbox entry's title says inside the app (it may have changed since: issue 13)."""
    return kinds.inbox_title(notification.kind, notification.data, notification.title)


async def mark_all_read(session: AsyncSession, *, actor: Actor, now: datetime) -> int:
    """Mark all my notifications read (those that arrived up to now); returns how many.

    What still waits for them goes no further: pushes, and the e-mails and texts of reminders.
    """
    user_id = actor.require_person()
    ids = (
        await session.scalars(
            select(Notification.id).where(
                Notification.user_id == user_id,
                Notification.read_at.is_(None),
                Notification.created_at <= now,
            )
        )
    ).all()
    if not ids:
        return 0
    await session.execute(update(Notification).where(Notification.id.in_(ids)).values(read_at=now))
    await withdraw_pending(session, PushDelivery.user_id == user_id, now=now)
    await _take_back_routed(session, ids, now=now)
    return len(ids)


async def _take_back_routed(session: AsyncSession, ids: Sequence[uuid.UUID], *, now: datetime) -> None:
    """The e-mails and texts still waiting for these notifications, now read in the app (issue 14).

    Not those of kinds that go everywhere at once (a crisis alert's e-mail goes anyway).
    """
    at_once = [kind.name for kind in kinds.ALL_KINDS if routing.at_once(kind.name)]
    routed = select(Notification.id).where(
        Notification.id.in_(ids),
        Notification.channel.in_(("email", "sms")),
        Notification.kind.not_in(at_once),
    )
    await routing.withdraw_outboxes(session, routed, now=now)
