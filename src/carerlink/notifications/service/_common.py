"""What the notification service's modules share: limits, the memberships table, withdrawing pushes."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, Uuid, column, delete, or_, table, update
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import ratelimits
from carerlink.notifications.models import (
    DeliveryState,
    PushDelivery,
    PushSubscription,
)

MAX_DEVICES = 10  # per person; subscribing an eleventh device drops the one unused longest
KEEP_FINISHED_DELIVERIES = timedelta(days=31)
KEEP_INBOX = timedelta(days=180)
SUMMARY_DAYS_MAX = 30
PUSH_TEST_PER_ACCOUNT = ratelimits.Limit("push-test:account", 10, timedelta(minutes=15))
TEST_TTL = 600

# The memberships table as notify() reads it. Organisations owns it and sits above notifications in the
# import layers (DESIGN.md §2), so notifications names the columns it reads instead of importing the model.
MEMBERSHIPS = table(
    "memberships",
    column("id", Uuid()),
    column("user_id", Uuid()),
    column("organisation_id", Uuid()),
    column("role", String()),
    column("status", String()),
)


async def withdraw_pending(session: AsyncSession, condition: Any, *, now: datetime) -> int:
    """Withdraw the pushes still waiting that match ``condition``; how many."""
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


async def end_subscriptions(
    session: AsyncSession, subscription_ids: Sequence[uuid.UUID], *, now: datetime, reason: str
) -> None:
    """Forget devices (``reason``: gone, expired, unsubscribed) and give up what still waits for them."""
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
