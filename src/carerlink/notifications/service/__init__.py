"""Business rules of notifications: notify, the inbox, devices, quiet hours and preferences, the summary.

``notify()`` is what other domains call, inside their own transaction: it records the inbox entry and
one outbox row per device (delivered later by ``delivery.py``), and queues an e-mail for the kinds that
must not rely on push alone. A repeated ``dedupe_key`` for the same person is a no-op.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import String, Uuid, column, delete, func, insert, or_, select, table, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import ratelimits
from carerlink.accounts.models import User
from carerlink.actor import Actor, Role
from carerlink.audit import service as audit
from carerlink.db import dialect_insert
from carerlink.errors import Invalid, NotAllowed, NotAuthenticated, NotFound
from carerlink.mail import service as mail
from carerlink.notifications import kinds, policy
from carerlink.notifications.kinds import Kind
from carerlink.notifications.models import (
    DeliveryState,
    Notification,
    NotificationPreference,
    PushDelivery,
    PushServiceBackoff,
    PushStatus,
    PushSubscription,
)
from carerlink.notifications.push import (
    Outcome,
    PushClient,
    PushResult,
    PushTarget,
    endpoint_problem,
    origin_of,
)
from carerlink.notifications.vapid import b64url, b64url_decode

MAX_DEVICES = 10  # per person; subscribing an eleventh device drops the one unused longest
KEEP_FINISHED_DELIVERIES = timedelta(days=31)
KEEP_INBOX = timedelta(days=180)
SUMMARY_DAYS_MAX = 30
PUSH_TEST_PER_ACCOUNT = ratelimits.Limit("push-test:account", 10, timedelta(minutes=15))
TEST_TTL = 600

# The memberships table as notify() reads it. Organisations owns it and sits above notifications in the
# import layers (DESIGN.md §2), so notifications names the columns it reads instead of importing the model.
_memberships = table(
    "memberships",
    column("id", Uuid()),
    column("user_id", Uuid()),
    column("organisation_id", Uuid()),
    column("role", String()),
    column("status", String()),
)


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
) -> uuid.UUID | None:
    """Tell a person something: an inbox entry, a push per device, and e-mail where push alone won't do.

    Runs in the caller's transaction, so it happens only if the caller's change commits. Returns the
    new notification's id, or ``None`` when this person was already notified with ``dedupe_key``
    (unique per person, enforced by the database, so concurrent callers cannot both notify), or when
    nothing may be sent: within an organisation a notification is for the person's membership in a role
    the kind is for (``role`` when the person could hold several of them), and a suspended or ended
    membership, or none, gets nothing (issue 10 §2). ``data`` is checked against the kind's fields; a
    mistake there raises ``ValueError``.
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
    kinds.check_payload_size(rendered, notification_id=notification_id, created_at=now)
    person = (
        await session.execute(
            select(
                User.is_active,
                User.email,
                User.time_zone,
                NotificationPreference.quiet_start,
                NotificationPreference.quiet_end,
                NotificationPreference.muted_kinds,
            )
            .outerjoin(NotificationPreference, NotificationPreference.user_id == User.id)
            .where(User.id == user_id)
        )
    ).one_or_none()
    if person is None:
        raise NotFound("No such person.")
    is_active, email, time_zone, quiet_start, quiet_end, muted = person
    devices: Sequence[Any] = []
    if not is_active:
        status = PushStatus.INACTIVE
    elif kind.can_switch_off and kind.name in (muted or ()):
        status = PushStatus.SWITCHED_OFF
    else:
        devices = (
            await session.execute(
                select(PushSubscription.id, PushSubscription.origin).where(
                    PushSubscription.user_id == user_id,
                    or_(PushSubscription.expires_at.is_(None), PushSubscription.expires_at > now),
                )
            )
        ).all()
        status = PushStatus.QUEUED if devices else PushStatus.NO_DEVICE
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
            title=rendered.title(),
            body=rendered.body(),
            url=rendered.url(),
            tag=rendered.tag(),
            topic=kinds.topic_for(rendered.topic_key()),
            urgency=kind.urgency,
            push=status,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["user_id", "dedupe_key"])
        .returning(Notification.__table__.c.id)
    )
    if inserted.scalar_one_or_none() is None:
        return None
    if devices:
        quiet = None
        if kind.quiet_hours_apply:
            quiet = quiet_until(now, start=quiet_start, end=quiet_end, zone=ZoneInfo(time_zone))
        not_before = quiet or now
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
    if kind.also_email and is_active:
        local = now.astimezone(ZoneInfo(time_zone))
        subject, body = rendered.email(local_time=f"{local:%H:%M} on {local.day} {local:%B %Y}")
        await mail.queue_mail(session, to=email, subject=subject, body=body, category=kind.name, now=now)
    return notification_id


async def _recipient_membership(
    session: AsyncSession, *, user_id: uuid.UUID, organisation_id: uuid.UUID, roles: Collection[Role]
) -> uuid.UUID | None:
    """The person's active membership in one of ``roles`` there, or ``None`` when they hold none.

    On PostgreSQL the row is share-locked until the caller commits: suspending or ending it waits for
    this notification to be committed, so the withdrawal that follows sees it (nothing slips past).
    """
    found = (
        await session.execute(
            select(_memberships.c.id, _memberships.c.status)
            .where(
                _memberships.c.user_id == user_id,
                _memberships.c.organisation_id == organisation_id,
                _memberships.c.role.in_([r.value for r in roles]),
            )
            .order_by(_memberships.c.role)
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
    return await _withdraw_pending(session, PushDelivery.membership_id == membership_id, now=now)


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


async def withdraw(session: AsyncSession, *, user_id: uuid.UUID, dedupe_key: str, now: datetime) -> bool:
    """Take back a notification that no longer applies (a check-in answered before its nudge went).

    Pushes not yet sent are withdrawn and the inbox entry is marked read. Returns whether there was one.
    """
    notification_id = await session.scalar(
        select(Notification.id).where(Notification.user_id == user_id, Notification.dedupe_key == dedupe_key)
    )
    if notification_id is None:
        return False
    await session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.read_at.is_(None))
        .values(read_at=now)
    )
    await _withdraw_pending(session, PushDelivery.notification_id == notification_id, now=now)
    return True


async def _withdraw_pending(session: AsyncSession, condition: Any, *, now: datetime) -> int:
    # A push a worker holds right now is left to it: it is going anyway, and its lease decides.
    result = await session.execute(
        update(PushDelivery)
        .where(
            condition,
            PushDelivery.state == DeliveryState.PENDING,
            or_(PushDelivery.lease_until.is_(None), PushDelivery.lease_until <= now),
        )
        .values(state=DeliveryState.WITHDRAWN, finished_at=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# --- quiet hours -----------------------------------------------------------------------------------


def quiet_until(now: datetime, *, start: time | None, end: time | None, zone: ZoneInfo) -> datetime | None:
    """When the quiet hours around ``now`` end (UTC), or ``None`` when it is not quiet.

    ``start`` and ``end`` are local wall-clock times in the person's zone; ``22:00`` to ``07:00`` wraps past
    midnight. The end is found on the local calendar, so it stays 07:00 local across a DST change.
    """
    if start is None or end is None or start == end:
        return None
    local = now.astimezone(zone)
    clock = local.time().replace(tzinfo=None)
    quiet = start <= clock < end if start < end else clock >= start or clock < end
    if not quiet:
        return None
    day = local.date() if clock < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=zone).astimezone(UTC)


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
    mine = (Notification.user_id == user_id) & or_(
        Notification.membership_id.is_(None),
        Notification.membership_id.in_(policy.current_memberships(actor)),
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
            raise Invalid("That page marker is not one of your notifications.", field="before")
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
    """Mark one of my notifications read; its pushes still waiting (say, for quiet hours) are dropped."""
    user_id = actor.require_person()
    notification = await session.get(Notification, notification_id)
    if notification is None or not policy.owns(actor, notification.user_id):
        raise NotFound("No such notification.")
    if notification.read_at is None:
        notification.read_at = now
        await _withdraw_pending(
            session,
            (PushDelivery.notification_id == notification_id) & (PushDelivery.user_id == user_id),
            now=now,
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
        await _withdraw_pending(
            session, (PushDelivery.user_id == user_id) & PushDelivery.notification_id.in_(ids), now=now
        )
    unread = await session.scalar(
        select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    )
    return int(unread or 0)


def inbox_body(notification: Notification) -> str:
    """What an inbox entry says inside the app (no "Open carerlink…": the reader is in it)."""
    return kinds.inbox_text(notification.kind, notification.data, notification.body)


async def mark_all_read(session: AsyncSession, *, actor: Actor, now: datetime) -> int:
    """Mark all my notifications read (those that arrived up to now); returns how many."""
    user_id = actor.require_person()
    result = await session.execute(
        update(Notification)
        .where(
            Notification.user_id == user_id, Notification.read_at.is_(None), Notification.created_at <= now
        )
        .values(read_at=now)
    )
    await _withdraw_pending(session, PushDelivery.user_id == user_id, now=now)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# --- devices ---------------------------------------------------------------------------------------


def device_label(user_agent: str) -> str:
    """A name a person recognises their device by ("Chrome on Android"), from its User-Agent."""
    ua = (user_agent or "")[:1000]
    if "Edg" in ua:
        browser = "Edge"
    elif "SamsungBrowser" in ua:
        browser = "Samsung Internet"
    elif "Firefox/" in ua or "FxiOS" in ua:
        browser = "Firefox"
    elif "Chrome/" in ua or "CriOS" in ua:
        browser = "Chrome"
    elif "Safari/" in ua:
        browser = "Safari"
    else:
        browser = "Browser"
    for marker, system in (
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("Macintosh", "Mac"),
        ("CrOS", "Chromebook"),
        ("Linux", "Linux"),
    ):
        if marker in ua:
            return f"{browser} on {system}"
    return browser


def _checked_keys(p256dh: str, auth: str) -> tuple[str, str]:
    """The keys in canonical form, or ``Invalid`` naming the key (RFC 8291: a P-256 point, 16-byte secret)."""
    try:
        point = b64url_decode(p256dh)
    except ValueError:
        raise Invalid("The p256dh key is not URL-safe base64.", field="keys.p256dh") from None
    if len(point) != 65 or point[0] != 0x04:
        raise Invalid("The p256dh key must be a 65-byte uncompressed P-256 point.", field="keys.p256dh")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError:
        raise Invalid("The p256dh key is not a point on the P-256 curve.", field="keys.p256dh") from None
    try:
        secret = b64url_decode(auth)
    except ValueError:
        raise Invalid("The auth secret is not URL-safe base64.", field="keys.auth") from None
    if len(secret) != 16:
        raise Invalid("The auth secret must be 16 bytes.", field="keys.auth")
    return b64url(point), b64url(secret)


async def subscribe(
    session: AsyncSession,
    *,
    actor: Actor,
    endpoint: str,
    p256dh: str,
    auth: str,
    expiration_time: float | None,
    label: str | None,
    user_agent: str,
    allow_any_endpoint: bool,
    now: datetime,
) -> tuple[PushSubscription, bool]:
    """Add this browser's subscription for me, or update it (upsert by endpoint); returns it and whether new.

    If the endpoint belonged to someone else (another person signed in on the same browser), it moves
    to me, and pushes still waiting for them on it are dropped: they are not mine to receive.
    """
    user_id = actor.require_person()
    if (problem := endpoint_problem(endpoint, allow_any=allow_any_endpoint)) is not None:
        raise Invalid(problem, field="endpoint")
    p256dh, auth = _checked_keys(p256dh, auth)
    expires_at = None
    if expiration_time is not None:
        expires_at = datetime.fromtimestamp(expiration_time / 1000, UTC)
        if expires_at <= now:
            raise Invalid("This subscription has already expired.", field="expirationTime")
    name = " ".join((label or "").split())[:60] or device_label(user_agent)
    values = {
        "user_id": user_id,
        "origin": origin_of(endpoint),
        "p256dh": p256dh,
        "auth": auth,
        "label": name,
        "expires_at": expires_at,
        "updated_at": now,
    }
    existing = await session.scalar(select(PushSubscription).where(PushSubscription.endpoint == endpoint))
    created = existing is None
    if existing is None:
        try:
            async with session.begin_nested():
                subscription = PushSubscription(endpoint=endpoint, **values)
                subscription.created_at = now
                session.add(subscription)
                await session.flush()
        except IntegrityError:  # the same browser subscribed twice at once: update the winner's row
            existing = await session.scalar(
                select(PushSubscription).where(PushSubscription.endpoint == endpoint)
            )
            created = False
            if existing is None:
                raise
    if existing is not None:
        previous_owner = existing.user_id
        for key, value in values.items():
            setattr(existing, key, value)
        subscription = existing
        if previous_owner != user_id:
            await session.execute(
                update(PushDelivery)
                .where(
                    PushDelivery.subscription_id == existing.id,
                    PushDelivery.state == DeliveryState.PENDING,
                    PushDelivery.user_id != user_id,
                )
                .values(state=DeliveryState.GONE, last_error="moved", finished_at=now)
            )
    await session.flush()
    if created:
        await _drop_extra_devices(session, user_id=user_id, keep=subscription.id)
    await audit.record(
        session,
        actor=actor,
        action="notifications.device.subscribed",
        now=now,
        subject_user_id=user_id,
        object_type="push_subscription",
        object_id=subscription.id,
        details={"origin": subscription.origin, "new": created},
    )
    return subscription, created


async def _drop_extra_devices(session: AsyncSession, *, user_id: uuid.UUID, keep: uuid.UUID) -> None:
    rows = (
        await session.execute(
            select(PushSubscription.id)
            .where(PushSubscription.user_id == user_id, PushSubscription.id != keep)
            .order_by(func.coalesce(PushSubscription.last_success_at, PushSubscription.created_at).desc())
            .offset(MAX_DEVICES - 1)
        )
    ).all()
    if rows:
        await session.execute(delete(PushSubscription).where(PushSubscription.id.in_([r[0] for r in rows])))


async def list_subscriptions(session: AsyncSession, *, actor: Actor) -> Sequence[PushSubscription]:
    """My devices, oldest first."""
    user_id = actor.require_person()
    query = (
        select(PushSubscription)
        .where(PushSubscription.user_id == user_id)
        .order_by(PushSubscription.created_at, PushSubscription.id)
    )
    return (await session.scalars(query)).all()


async def unsubscribe(
    session: AsyncSession,
    *,
    actor: Actor,
    now: datetime,
    subscription_id: uuid.UUID | None = None,
    endpoint: str | None = None,
) -> None:
    """Remove one of my devices, by id or by endpoint; its pushes still waiting are dropped."""
    user_id = actor.require_person()
    condition = (
        PushSubscription.id == subscription_id
        if subscription_id is not None
        else PushSubscription.endpoint == endpoint
    )
    subscription = await session.scalar(select(PushSubscription).where(condition))
    if subscription is None or not policy.owns(actor, subscription.user_id):
        raise NotFound("No such device.")
    await _end_subscriptions(session, [subscription.id], now=now, reason="unsubscribed")
    await audit.record(
        session,
        actor=actor,
        action="notifications.device.unsubscribed",
        now=now,
        subject_user_id=user_id,
        object_type="push_subscription",
        object_id=subscription.id,
    )


async def _end_subscriptions(
    session: AsyncSession, subscription_ids: Sequence[uuid.UUID], *, now: datetime, reason: str
) -> None:
    await session.execute(
        update(PushDelivery)
        .where(
            PushDelivery.subscription_id.in_(subscription_ids),
            PushDelivery.state == DeliveryState.PENDING,
            or_(PushDelivery.lease_until.is_(None), PushDelivery.lease_until <= now),
        )
        .values(state=DeliveryState.GONE, last_error=reason, finished_at=now)
    )
    await session.execute(delete(PushSubscription).where(PushSubscription.id.in_(subscription_ids)))


@dataclass(frozen=True, slots=True)
class TestPushResult:
    """What happened on one of my devices when I sent myself a test."""

    subscription: PushSubscription
    result: PushResult


async def send_test_push(
    session: AsyncSession, *, actor: Actor, client: PushClient, base_url: str, now: datetime
) -> list[TestPushResult]:
    """Send "Notifications are working" to each of my devices now, and say what happened on each.

    A device the push service says is gone is removed; nothing goes to the inbox.
    """
    user_id = actor.require_person()
    await ratelimits.consume(session, PUSH_TEST_PER_ACCOUNT, str(user_id), now=now)
    devices = await list_subscriptions(session, actor=actor)
    rendered = kinds.NotificationsWorking()
    payload = kinds.declarative_payload(
        notification_id=uuid.uuid4(),
        kind=rendered.name,
        title=rendered.title(),
        body=rendered.body(),
        url=rendered.url(),
        tag=rendered.tag(),
        created_at=now,
        base_url=base_url,
    )
    results = await asyncio.gather(
        *(
            client.send(
                PushTarget(
                    endpoint=device.endpoint,
                    p256dh=device.p256dh,
                    auth=device.auth,
                    payload=payload,
                    ttl=TEST_TTL,
                    urgency=rendered.urgency,
                    topic=kinds.topic_for(f"test:{device.id}"),
                )
            )
            for device in devices
        )
    )
    outcomes = list(zip(devices, results, strict=True))
    gone = [device.id for device, result in outcomes if result.outcome is Outcome.GONE]
    for device, result in outcomes:
        if result.outcome is Outcome.SENT:
            device.last_success_at = now
    answer = [TestPushResult(device, result) for device, result in outcomes]
    if gone:
        await _end_subscriptions(session, gone, now=now, reason="gone")
    return answer


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


# --- what coordinators see -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeliverySummary:
    """Counts for an organisation's notifications since ``since`` (nobody's content).

    ``by_kind`` maps a kind to counts of its pushes by state (pending, sent, gone, rejected, expired,
    withdrawn) and of its notifications that had no push at all (no_device, switched_off, inactive).
    """

    organisation_id: uuid.UUID
    since: datetime
    by_kind: dict[str, dict[str, int]]
    totals: dict[str, int]
    rejected_by_status: dict[int, int]


async def delivery_summary(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, days: int, now: datetime
) -> DeliverySummary:
    """What was sent, given up, rejected or still waiting, by kind (coordinators of the organisation)."""
    if actor.is_anonymous:
        raise NotAuthenticated("Please sign in to continue.")
    if not (actor.is_system or actor.is_member(organisation_id)):
        raise NotFound("No such organisation.")
    if not policy.can_view_delivery_summary(actor, organisation_id):
        raise NotAllowed("Only coordinators can see delivery figures.")
    since = now - timedelta(days=min(max(days, 1), SUMMARY_DAYS_MAX))
    in_window = (PushDelivery.organisation_id == organisation_id) & (PushDelivery.created_at >= since)
    outcomes = [s.value for s in DeliveryState] + [s.value for s in PushStatus if s is not PushStatus.QUEUED]
    by_kind: dict[str, dict[str, int]] = {}
    for kind, state, count in await session.execute(
        select(PushDelivery.kind, PushDelivery.state, func.count())
        .where(in_window)
        .group_by(PushDelivery.kind, PushDelivery.state)
    ):
        by_kind.setdefault(kind, dict.fromkeys(outcomes, 0))[DeliveryState(state).value] = count
    rejected = {
        int(status or 0): count
        for status, count in await session.execute(
            select(PushDelivery.last_status, func.count())
            .where(in_window, PushDelivery.state == DeliveryState.REJECTED)
            .group_by(PushDelivery.last_status)
        )
    }
    for kind, push, count in await session.execute(
        select(Notification.kind, Notification.push, func.count())
        .where(
            Notification.organisation_id == organisation_id,
            Notification.created_at >= since,
            Notification.push != PushStatus.QUEUED,
        )
        .group_by(Notification.kind, Notification.push)
    ):
        by_kind.setdefault(kind, dict.fromkeys(outcomes, 0))[PushStatus(push).value] = count
    totals = {outcome: sum(counts[outcome] for counts in by_kind.values()) for outcome in outcomes}
    return DeliverySummary(
        organisation_id=organisation_id,
        since=since,
        by_kind=dict(sorted(by_kind.items())),
        totals=totals,
        rejected_by_status=rejected,
    )


# --- housekeeping ----------------------------------------------------------------------------------


async def purge_old(session: AsyncSession, *, now: datetime) -> int:
    """Forget finished pushes after a month, inbox entries after six months, expired devices and back-offs."""
    removed = 0
    for statement in (
        delete(PushDelivery).where(
            PushDelivery.state != DeliveryState.PENDING,
            PushDelivery.finished_at < now - KEEP_FINISHED_DELIVERIES,
        ),
        delete(Notification).where(Notification.created_at < now - KEEP_INBOX),
        delete(PushServiceBackoff).where(PushServiceBackoff.until < now),
    ):
        result = await session.execute(statement)
        removed += int(result.rowcount or 0)  # type: ignore[attr-defined]
    expired = (
        await session.scalars(
            select(PushSubscription.id).where(
                PushSubscription.expires_at.is_not(None), PushSubscription.expires_at < now
            )
        )
    ).all()
    if expired:
        await _end_subscriptions(session, expired, now=now, reason="expired")
        removed += len(expired)
    return removed


@dataclass(frozen=True, slots=True)
class OutboxFigures:
    """The push outbox at a glance: what waits, the oldest due push's wait, and outcomes so far."""

    pending: int
    oldest_due_seconds: float
    by_state: dict[str, int]


async def outbox_figures(session: AsyncSession, *, now: datetime) -> OutboxFigures:
    """Figures for monitoring (``/metrics``): depth, age of the oldest due push, deliveries by outcome."""
    by_state = {
        str(state): int(count)
        for state, count in (
            await session.execute(select(PushDelivery.state, func.count()).group_by(PushDelivery.state))
        ).all()
    }
    oldest = await session.scalar(
        select(func.min(PushDelivery.not_before)).where(
            PushDelivery.state == DeliveryState.PENDING, PushDelivery.not_before <= now
        )
    )
    return OutboxFigures(
        pending=by_state.get(DeliveryState.PENDING.value, 0),
        oldest_due_seconds=max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0,
        by_state=by_state,
    )
