"""A person's devices: subscribing to Web Push, unsubscribing, and the test push."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import ratelimits
from carerlink.actor import Actor
from carerlink.audit import service as audit
from carerlink.errors import Invalid, NotFound
from carerlink.i18n import _
from carerlink.notifications import kinds, policy
from carerlink.notifications.models import (
    DeliveryState,
    PushDelivery,
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
from carerlink.notifications.service._common import (
    MAX_DEVICES,
    PUSH_TEST_PER_ACCOUNT,
    TEST_TTL,
    end_subscriptions,
)
from carerlink.notifications.vapid import b64url, b64url_decode

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
        raise Invalid(_("The p256dh key is not URL-safe base64."), field="keys.p256dh") from None
    if len(point) != 65 or point[0] != 0x04:
        raise Invalid(_("The p256dh key must be a 65-byte uncompressed P-256 point."), field="keys.p256dh")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError:
        raise Invalid(_("The p256dh key is not a point on the P-256 curve."), field="keys.p256dh") from None
    try:
        secret = b64url_decode(auth)
    except ValueError:
        raise Invalid(_("The auth secret is not URL-safe base64."), field="keys.auth") from None
    if len(secret) != 16:
        raise Invalid(_("The auth secret must be 16 bytes."), field="keys.auth")
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
            raise Invalid(_("This subscription has already expired."), field="expirationTime")
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
        raise NotFound(_("No such device."))
    await end_subscriptions(session, [subscription.id], now=now, reason="unsubscribed")
    await audit.record(
        session,
        actor=actor,
        action="notifications.device.unsubscribed",
        now=now,
        subject_user_id=user_id,
        object_type="push_subscription",
        object_id=subscription.id,
    )


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
        await end_subscriptions(session, gone, now=now, reason="gone")
    return answer
