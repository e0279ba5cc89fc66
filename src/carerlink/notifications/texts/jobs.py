"""Ticks of text messages: send the outbox, and forget old codes and finished texts."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete

from carerlink.notifications.texts import delivery
from carerlink.notifications.texts.models import OutgoingText, PhoneVerification
from carerlink.runtime import Runtime, Tick

KEEP_FINISHED = timedelta(days=90)  # long enough to count a month's budget and look into a complaint
KEEP_CODES = timedelta(days=1)


async def deliver_texts(runtime: Runtime) -> delivery.TextReport:
    """Send the texts that are due (nothing at all while texts are off)."""
    return await delivery.deliver_due(runtime)


async def purge_old_texts(runtime: Runtime) -> int:
    """Delete texts no longer pending ``KEEP_FINISHED`` after they were due, and codes a day after expiry."""
    now = runtime.clock.now()
    async with runtime.database.session_scope() as session:
        texts = await session.execute(
            delete(OutgoingText).where(
                OutgoingText.state != "pending", OutgoingText.send_after < now - KEEP_FINISHED
            )
        )
        codes = await session.execute(
            delete(PhoneVerification).where(PhoneVerification.expires_at < now - KEEP_CODES)
        )
        return int(texts.rowcount or 0) + int(codes.rowcount or 0)  # type: ignore[attr-defined]


TICKS = [
    Tick("texts.deliver", timedelta(seconds=5), deliver_texts),
    Tick("texts.purge", timedelta(hours=6), purge_old_texts),
]
