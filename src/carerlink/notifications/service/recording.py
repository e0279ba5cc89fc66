"""Recording a notification: ``notify()``, which other domains call, withdrawing one, and quiet hours.

``notify()`` runs inside the caller's transaction: it records the inbox entry and sends it by the person's
first channel that can carry it (``routing``; issue 14): one outbox row per device for push (delivered
later by ``delivery.py``), or the e-mail or text outbox; the rest of the plan is kept for falling back
once. Kinds that must not rely on one channel go by every channel at once. A repeated ``dedupe_key`` for
the same person is a no-op.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink import i18n
from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.db import dialect_insert
from carerlink.errors import NotFound
from carerlink.i18n import _
from carerlink.notifications import kinds
from carerlink.notifications.channels import Channel
from carerlink.notifications.kinds import Kind
from carerlink.notifications.models import (
    DeliveryState,
    Notification,
    PushDelivery,
    PushStatus,
    PushSubscription,
)
from carerlink.notifications.service import routing
from carerlink.notifications.service._common import MEMBERSHIPS, withdraw_pending

# --- notify ----------------------------------------------------------------------------------------


async def notify(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    kind: type[Kind],
    data: dict[str, Any],
    dedupe_key: str,
    now: datetime,
    organisation_id: uuid.UUID | None = None,
    role: Role | None = None,
    hold_until: datetime | None = None,
) -> uuid.UUID | None:
    """Tell a person something: an inbox entry, and their first channel that can carry it (issue 14).

    Push where the person's order puts it first and a device is subscribed; otherwise e-mail or text
    (``routing.plan``); "inbox" when none can, the kind is switched off, or the account is inactive.
    Quiet hours delay every channel. ``also_email`` kinds go by push, e-mail and (where the kind may
    and the number is verified, texts on) text at once. The e-mail carries the deployment's base URL
    (on every session, from ``Runtime.create``) + the kind's ``url()`` as a deep link
    (``Kind.email(link=...)``; issue 13); a session without one (a bare test session) gets an e-mail
    that says where to look instead.

    Runs in the caller's transaction, so it happens only if the caller's change commits. Returns the
    new notification's id, or ``None`` when this person was already notified with ``dedupe_key``
    (unique per person, enforced by the database, so concurrent callers cannot both notify), or when
    nothing may be sent: within an organisation a notification is for the person's membership in a role
    the kind is for (``role`` when the person could hold several of them), and a suspended or ended
    membership, or none, gets nothing (issue 10 §2). ``data`` is checked against the kind's fields; a
    mistake there raises ``ValueError``.

    ``hold_until``: nothing goes by push, e-mail or text before then (a buddy who muted their pair's
    messages until a time; issue 18); the inbox entry is there at once, quietly, and quiet hours still
    apply when the hold ends.
    """
    if not 1 <= len(dedupe_key) <= 200:
        raise ValueError("dedupe_key must be 1 to 200 characters")
    rendered = kinds.build(kind, data)
    membership_id: uuid.UUID | None = None
    if organisation_id is not None and kind.audience:
        membership_id = await _recipient_membership(
            session, user_id=user_id, organisation_id=organisation_id, roles={role} if role else kind.audience
        )
        if membership_id is None:
            return None
    notification_id = uuid.uuid4()
    row = (await session.execute(routing.person_query().where(User.id == user_id))).one_or_none()
    if row is None:
        raise NotFound(_("No such person."))
    person = routing.person_from(row)
    # Everything it says is in the person's language (issue 17), whoever's action sends it.
    locale = await routing.language(session, person, organisation_id)
    with i18n.using(locale):
        kinds.check_payload_size(rendered, notification_id=notification_id, created_at=now)
        title, body = rendered.title(), rendered.body()
    devices: Sequence[Any] = []
    route: list[Channel] = []
    if not person.is_active:
        status = PushStatus.INACTIVE
    elif kind.can_switch_off and kind.name in person.muted:
        status = PushStatus.SWITCHED_OFF  # a switched-off kind goes by no channel at all
    else:
        if "push" in kind.channels:
            devices = await _devices(session, user_id=user_id, now=now)
        route = await _route(
            session, kind=kind, person=person, has_device=bool(devices), organisation_id=organisation_id
        )
        if not kind.also_email and route[:1] != ["push"]:
            devices = []  # the person's first channel that can carry it is not push
        status = PushStatus.QUEUED if devices else PushStatus.NO_DEVICE
    channel = route[0] if route else routing.INBOX
    inserted = await session.execute(
        dialect_insert(session, Notification.__table__)
        .values(
            id=notification_id,
            user_id=user_id,
            organisation_id=organisation_id,
            membership_id=membership_id,
            kind=kind.name,
            dedupe_key=dedupe_key,
            data=msgspec.to_builtins(rendered),
            title=title,
            body=body,
            url=rendered.url(),
            tag=rendered.tag(),
            topic=kinds.topic_for(rendered.topic_key()),
            urgency=kind.urgency,
            push=status,
            created_at=now,
            # An update of a shown notification has no entry of its own to read (``Kind.in_inbox``).
            read_at=None if kind.in_inbox else now,
            channel=channel,
            # Kinds that go everywhere at once have nothing to fall back to.
            fallbacks=[] if kind.also_email else list(route[1:]),
        )
        .on_conflict_do_nothing(index_elements=["user_id", "dedupe_key"])
        .returning(Notification.__table__.c.id)
    )
    if inserted.scalar_one_or_none() is None:
        return None
    if devices:
        not_before = routing.not_before(kind, person, _held(now, hold_until))
        await session.execute(
            insert(PushDelivery),
            [
                {
                    "id": uuid.uuid4(),
                    "notification_id": notification_id,
                    "subscription_id": device_id,
                    "user_id": user_id,
                    "organisation_id": organisation_id,
                    "membership_id": membership_id,
                    "kind": kind.name,
                    "origin": origin,
                    "state": DeliveryState.PENDING,
                    "not_before": not_before,
                    "expires_at": not_before + kind.ttl,
                    "attempts": 0,
                    "created_at": now,
                }
                for device_id, origin in devices
            ],
        )
    # At once: e-mail and text beside the push; otherwise the first channel when it is not push.
    for other in route if kind.also_email else route[:1]:
        await routing.send_by(
            session,
            other,
            rendered=rendered,
            person=person,
            notification_id=notification_id,
            organisation_id=organisation_id,
            now=now,
            reminder=not kind.also_email,
            locale=locale,
            hold_until=hold_until,
        )
    return notification_id


def _held(now: datetime, hold_until: datetime | None) -> datetime:
    return now if hold_until is None or hold_until <= now else hold_until


# --- one notification for many (coalescing, issue 18) ----------------------------------------------


async def unread_with_prefix(
    session: AsyncSession, *, user_id: uuid.UUID, kind: type[Kind], dedupe_prefix: str
) -> Notification | None:
    """The newest unread notification of ``kind`` for this person with a key starting ``dedupe_prefix``.

    One to bring up to date instead of sending another (``refresh``), or ``None``.
    """
    return await session.scalar(
        select(Notification)
        .where(
            Notification.user_id == user_id,
            Notification.kind == kind.name,
            Notification.dedupe_key.startswith(dedupe_prefix, autoescape=True),
            Notification.read_at.is_(None),
        )
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(1)
    )


async def refresh(
    session: AsyncSession, notification: Notification, *, data: dict[str, Any], now: datetime
) -> None:
    """Bring an unread notification up to date ("3 new messages from Helen") instead of sending another.

    Its data, title and body change, in the person's language; pushes still waiting carry the new words
    (a push is built from the notification when it goes), and so does the subject of an e-mail not yet
    sent. Nothing new is sent: a push or e-mail already gone is not repeated.
    """
    kind = kinds.KINDS[notification.kind]
    rendered = kinds.build(kind, {**notification.data, **data})
    row = (await session.execute(routing.person_query().where(User.id == notification.user_id))).one()
    locale = await routing.language(session, routing.person_from(row), notification.organisation_id)
    with i18n.using(locale):
        title, body = rendered.title(), rendered.body()
    notification.data = msgspec.to_builtins(rendered)
    notification.title = title
    notification.body = body
    await routing.retitle_mail(session, notification.id, subject=title, now=now)


async def hold(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    kind: type[Kind],
    dedupe_prefix: str,
    until: datetime | None,
    now: datetime,
) -> int:
    """Hold unread notifications of ``kind`` (keys starting ``dedupe_prefix``) until ``until``.

    ``None`` lets them go now (quiet hours still apply): their pushes, e-mails and texts still waiting
    are re-timed. A buddy muting or unmuting a pair's messages (issue 18). Returns how many pushes moved.
    """
    ids = list(
        await session.scalars(
            select(Notification.id).where(
                Notification.user_id == user_id,
                Notification.kind == kind.name,
                Notification.dedupe_key.startswith(dedupe_prefix, autoescape=True),
                Notification.read_at.is_(None),
            )
        )
    )
    person = await routing.load_person(session, user_id)
    if not ids or person is None:
        return 0
    at = routing.not_before(kind, person, _held(now, until))
    return await routing.retime(session, ids, at=at, ttl=kind.ttl, now=now)


async def withdraw_with_prefix(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    kind: type[Kind],
    dedupe_prefix: str,
    now: datetime,
) -> int:
    """Take back every unread notification of ``kind`` for this person with a key starting ``dedupe_prefix``.

    The thread was read, or the match ended: marked read, and their pushes, e-mails and texts not yet
    sent withdrawn. Returns how many.
    """
    ids = list(
        await session.scalars(
            select(Notification.id).where(
                Notification.user_id == user_id,
                Notification.kind == kind.name,
                Notification.dedupe_key.startswith(dedupe_prefix, autoescape=True),
                Notification.read_at.is_(None),
            )
        )
    )
    if not ids:
        return 0
    await session.execute(
        update(Notification)
        .where(Notification.id.in_(ids))
        .values(read_at=now)
        .execution_options(synchronize_session="fetch")
    )
    await withdraw_pending(session, PushDelivery.notification_id.in_(ids), now=now)
    if not kind.also_email:
        await routing.withdraw_outboxes(session, ids, now=now)
    return len(ids)


async def _devices(session: AsyncSession, *, user_id: uuid.UUID, now: datetime) -> Sequence[Any]:
    """The person's live devices: (id, origin)."""
    return (
        await session.execute(
            select(PushSubscription.id, PushSubscription.origin).where(
                PushSubscription.user_id == user_id,
                or_(PushSubscription.expires_at.is_(None), PushSubscription.expires_at > now),
            )
        )
    ).all()


async def _route(
    session: AsyncSession,
    *,
    kind: type[Kind],
    person: routing.Person,
    has_device: bool,
    organisation_id: uuid.UUID | None,
) -> list[Channel]:
    """The channels that will carry it: at once, every one the kind may use that can; else the plan."""
    if not kind.also_email:
        return await routing.plan(
            session, kind=kind, person=person, has_device=has_device, organisation_id=organisation_id
        )
    route: list[Channel] = []
    if has_device:
        route.append("push")
    if "email" in kind.channels and person.email:
        route.append("email")
    if "sms" in kind.channels and person.can_text and await routing.texts_enabled(session, organisation_id):
        route.append("sms")
    return route


async def _recipient_membership(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID, roles: Collection[Role]
) -> uuid.UUID | None:
    """The person's active membership in one of ``roles`` there, or ``None`` when they hold none.

    On PostgreSQL the row is share-locked until the caller commits: suspending or ending it waits for
    this notification to be committed, so the withdrawal that follows sees it (nothing slips past).
    """
    found = (
        await session.execute(
            select(MEMBERSHIPS.c.id, MEMBERSHIPS.c.status)
            .where(
                MEMBERSHIPS.c.user_id == user_id,
                MEMBERSHIPS.c.organisation_id == organisation_id,
                MEMBERSHIPS.c.role.in_([r.value for r in roles]),
            )
            .order_by(MEMBERSHIPS.c.role)
            .with_for_update(read=True)
        )
    ).all()
    active = [membership_id for membership_id, status in found if status == "active"]
    return active[0] if active else None


async def withdraw_for_membership(session: AsyncSession, *, membership_id: uuid.UUID, now: datetime) -> int:
    """Take back everything still waiting for a membership that was suspended or ended (issue 10 §2).

    Pushes not yet sent are withdrawn and its unread inbox entries are marked read; the inbox no longer
    lists them while the membership is not active (``list_inbox``). Returns how many pushes were withdrawn.
    """
    await session.execute(
        update(Notification)
        .where(Notification.membership_id == membership_id, Notification.read_at.is_(None))
        .values(read_at=now)
    )
    await routing.withdraw_outboxes(
        session, select(Notification.id).where(Notification.membership_id == membership_id), now=now
    )
    return await withdraw_pending(session, PushDelivery.membership_id == membership_id, now=now)


async def recipients_of(
    session: AsyncSession, *, organisation_id: uuid.UUID, since: datetime, dedupe_keys: Sequence[str]
) -> list[uuid.UUID]:
    """Everyone notified with any of ``dedupe_keys`` since ``since`` (who was told), first told first."""
    rows = await session.execute(
        select(Notification.user_id, func.min(Notification.created_at))
        .where(
            Notification.organisation_id == organisation_id,
            Notification.created_at >= since,  # with the organisation: the index of an organisation's list
            Notification.dedupe_key.in_(dedupe_keys),
        )
        .group_by(Notification.user_id)
        .order_by(func.min(Notification.created_at), Notification.user_id)
    )
    return [user_id for user_id, _ in rows]


async def mark_read_for(
    session: AsyncSession,
    *,
    dedupe_keys: Sequence[str],
    now: datetime,
    user_ids: Collection[uuid.UUID] | None = None,
    organisation_id: uuid.UUID | None = None,
    data_update: dict[str, Any] | None = None,
) -> list[uuid.UUID]:
    """Mark read the entries with ``dedupe_keys`` that what they said has been read or dealt with elsewhere.

    Issue 13: an alert acknowledged by one coordinator is no longer "unread" for the others, nor for the
    buddy. Only those who were told are touched (``user_ids`` narrows it further; ``organisation_id``
    keeps it to one organisation's entries); their pushes still waiting are withdrawn. ``data_update`` is
    merged into the stored data of every matching entry, read or not, so its inbox words say what
    changed ("Acknowledged by Morgan"); the result must still fit the kind, else ``ValueError`` (a
    programming error in the caller). Returns the people whose entries changed. Called explicitly by the
    domain that knows (no event listener).
    """
    if not dedupe_keys or (user_ids is not None and not user_ids):
        return []
    query = select(Notification).where(Notification.dedupe_key.in_(list(dedupe_keys)))
    if user_ids is not None:
        query = query.where(Notification.user_id.in_(list(user_ids)))
    if organisation_id is not None:
        query = query.where(Notification.organisation_id == organisation_id)
    found = (await session.scalars(query.order_by(Notification.created_at, Notification.id))).all()
    changed: list[uuid.UUID] = []
    for notification in found:
        touched = False
        if data_update:
            merged = {**notification.data, **data_update}
            kind = kinds.KINDS.get(notification.kind)
            if kind is not None:
                merged = msgspec.to_builtins(kinds.build(kind, merged))
            if merged != notification.data:
                notification.data = merged
                touched = True
        if notification.read_at is None:
            notification.read_at = now
            touched = True
        if touched and notification.user_id not in changed:
            changed.append(notification.user_id)
    if found:
        await session.flush()
        ids = [n.id for n in found]
        await withdraw_pending(session, PushDelivery.notification_id.in_(ids), now=now)
        # Fallbacks can move a reminder to e-mail or text: look where any of them went. The e-mails of
        # kinds that go everywhere at once (crisis alerts) go anyway, as they always have.
        routed = [n for n in found if not routing.at_once(n.kind)]
        went = {n.channel for n in routed}
        if went & {"email", "sms"}:
            await routing.withdraw_outboxes(session, [n.id for n in routed], now=now, channels=went)
    return changed


async def withdraw(session: AsyncSession, *, user_id: uuid.UUID, dedupe_key: str, now: datetime) -> bool:
    """Take back a notification that no longer applies (a check-in answered before its nudge went).

    Pushes, e-mails and texts not yet sent are withdrawn and the inbox entry is marked read. Returns
    whether there was one.
    """
    found = (
        await session.execute(
            select(Notification.id, Notification.channel, Notification.kind).where(
                Notification.user_id == user_id, Notification.dedupe_key == dedupe_key
            )
        )
    ).one_or_none()
    if found is None:
        return False
    notification_id, channel, kind_name = found
    await session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.read_at.is_(None))
        .values(read_at=now)
    )
    await withdraw_pending(session, PushDelivery.notification_id == notification_id, now=now)
    if channel in ("email", "sms") and not routing.at_once(kind_name):
        await routing.withdraw_outboxes(session, [notification_id], now=now, channels=[channel])
    return True
