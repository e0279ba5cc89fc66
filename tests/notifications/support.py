"""Helpers for the notifications tests: devices, notifying, delivering, reading the outbox."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select

from carerlink.accounts.models import User
from carerlink.actor import Actor
from carerlink.db import Database
from carerlink.notifications import delivery, service
from carerlink.notifications.kinds import Kind
from carerlink.notifications.models import Notification, PushDelivery, PushSubscription
from carerlink.runtime import Runtime
from tests.notifications.push_service import Subscriber
from tests.support import START


async def add_device(
    database: Database, user: User, subscriber: Subscriber, *, now: datetime = START
) -> uuid.UUID:
    """Subscribe ``subscriber`` (a browser on the loopback push service) for ``user``."""
    keys = subscriber.to_json()["keys"]
    async with database.session_scope() as session:
        subscription, _ = await service.subscribe(
            session,
            actor=Actor(user_id=user.id),
            endpoint=subscriber.endpoint,
            p256dh=keys["p256dh"],
            auth=keys["auth"],
            expiration_time=None,
            label=None,
            user_agent="Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36",
            allow_any_endpoint=True,
            now=now,
        )
        return subscription.id


async def send(
    database: Database,
    user: User,
    kind: type[Kind],
    data: dict[str, Any],
    *,
    key: str | None = None,
    now: datetime = START,
    organisation_id: uuid.UUID | None = None,
) -> uuid.UUID | None:
    """``notify()`` in a transaction of its own, as a domain's service would inside its own."""
    async with database.session_scope() as session:
        return await service.notify(
            session,
            user_id=user.id,
            kind=kind,
            data=data,
            dedupe_key=key or f"test:{uuid.uuid4()}",
            now=now,
            organisation_id=organisation_id,
        )


async def deliver(runtime: Runtime) -> delivery.DeliveryReport:
    """Run the delivery tick once, as a worker would."""
    return await delivery.deliver_due(runtime)


async def outbox(database: Database) -> Sequence[PushDelivery]:
    """Every push in the outbox."""
    async with database.session_scope() as session:
        return (await session.scalars(select(PushDelivery).order_by(PushDelivery.created_at))).all()


async def devices(database: Database, user: User) -> Sequence[PushSubscription]:
    """The person's subscribed devices."""
    async with database.session_scope() as session:
        return (
            await session.scalars(select(PushSubscription).where(PushSubscription.user_id == user.id))
        ).all()


async def inbox(database: Database, user: User) -> Sequence[Notification]:
    """The person's notifications."""
    async with database.session_scope() as session:
        return (await session.scalars(select(Notification).where(Notification.user_id == user.id))).all()
