"""Ticks of the mail domain."""

from __future__ import annotations

from datetime import timedelta

from carerlink.mail import service
from carerlink.runtime import Runtime, Tick


async def deliver_mail(runtime: Runtime) -> int:
    """Send e-mail that is due, draining a burst for up to ``service.BUDGET_SECONDS``.

    Then close the transport's connections that have sat unused too long (servers time them out).
    """
    transport = runtime.mail_transport
    sent = await service.deliver_due_mail(runtime.database, transport, now=runtime.clock.now())
    if (close_idle := getattr(transport, "close_idle", None)) is not None:
        await close_idle()
    return sent


async def purge_old_mail(runtime: Runtime) -> int:
    """Forget sent and abandoned e-mail after the retention period."""
    async with runtime.database.session_scope() as session:
        return await service.purge_old_mail(session, now=runtime.clock.now())


TICKS = [
    Tick("mail.deliver", timedelta(seconds=2), deliver_mail),
    Tick("mail.purge", timedelta(hours=6), purge_old_mail),
]
