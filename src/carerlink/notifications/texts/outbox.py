"""The text outbox: queue a text in the caller's transaction (issue 14).

Delivery (claimed with leases, sent through the provider adapter, finalised where the lease is still
ours) lives beside this module; ``queue_text`` is what ``notify()`` and number verification call.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.notifications.texts.models import OutgoingText


async def queue_text(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    organisation_id: uuid.UUID | None,
    to: str,
    body: str,
    category: str,
    now: datetime,
    send_after: datetime | None = None,
    expires_at: datetime,
    notification_id: uuid.UUID | None = None,
    segments: int = 1,
) -> uuid.UUID:
    """Add a text to the outbox (``to`` in E.164); it goes only if the caller's transaction commits."""
    text = OutgoingText(
        user_id=user_id,
        organisation_id=organisation_id,
        notification_id=notification_id,
        to_number=to,
        body=body,
        category=category,
        segments=segments,
        state="pending",
        send_after=send_after or now,
        expires_at=expires_at,
        attempts=0,
    )
    session.add(text)
    await session.flush()
    return text.id
