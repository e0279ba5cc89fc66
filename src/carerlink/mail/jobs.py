"""Ticks of the mail domain."""

from __future__ import annotations

from datetime import timedelta

from carerlink.mail import service
from carerlink.runtime import Runtime, Tick


async def deliver_mail(runtime: Runtime) -> int:
    """Send e-mail that is due."""
    return await service.deliver_due_mail(runtime.database, runtime.mail_transport, now=runtime.clock.now())


async def purge_old_mail(runtime: Runtime) -> int:
    """Forget sent and abandoned e-mail after the retention period."""
    async with runtime.database.session_scope() as session:
        return await service.purge_old_mail(session, now=runtime.clock.now())


TICKS = [
    Tick("mail.deliver", timedelta(seconds=2), deliver_mail),
    Tick("mail.purge", timedelta(hours=6), purge_old_mail),
]
