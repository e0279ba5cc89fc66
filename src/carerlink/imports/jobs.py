"""Ticks of imports: forget what a dry run no longer needs; tell of invitation texts that can't be sent."""

from __future__ import annotations

from datetime import timedelta

from carerlink.imports import service
from carerlink.runtime import Runtime, Tick


async def expire_checks(runtime: Runtime) -> int:
    """Unconfirmed dry runs past their 7 days lose their file (it may hold health needs)."""
    async with runtime.database.session_scope() as session:
        return await service.expire_checks(session, now=runtime.clock.now())


async def tell_of_unsent_invitation_texts(runtime: Runtime) -> int:
    """Coordinators hear of people brought in whose invitation text can never be sent."""
    async with runtime.database.session_scope() as session:
        return await service.tell_of_unsent_invitation_texts(session, now=runtime.clock.now())


TICKS = [
    Tick("imports.expire_checks", timedelta(hours=1), expire_checks),
    Tick("imports.invitation_texts", timedelta(seconds=30), tell_of_unsent_invitation_texts),
]
