"""Ticks of the notifications domain: deliver the push outbox, fall back, forget what is no longer needed."""

from __future__ import annotations

from datetime import timedelta

from carerlink.notifications import delivery, service
from carerlink.runtime import Runtime, Tick


async def deliver_pushes(runtime: Runtime) -> delivery.DeliveryReport:
    """Send the pushes that are due, draining a burst for up to ``delivery.BUDGET_SECONDS``."""
    return await delivery.deliver_due(runtime)


async def fall_back(runtime: Runtime) -> int:
    """Reminders whose e-mail was refused or whose text failed go by the person's next channel, once."""
    async with runtime.database.session_scope() as session:
        return await service.fall_back_failed(session, now=runtime.clock.now())


async def purge_old_notifications(runtime: Runtime) -> int:
    """Delete finished pushes, old inbox entries, expired devices and back-offs."""
    async with runtime.database.session_scope() as session:
        return await service.purge_old(session, now=runtime.clock.now())


TICKS = [
    Tick("notifications.deliver", timedelta(seconds=1), deliver_pushes),
    Tick("notifications.fallback", timedelta(seconds=5), fall_back),
    Tick("notifications.purge", timedelta(hours=6), purge_old_notifications),
]
