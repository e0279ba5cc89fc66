"""Ticks of imports: forget the file of a dry run nobody confirmed within 7 days."""

from __future__ import annotations

from datetime import timedelta

from carerlink.imports import service
from carerlink.runtime import Runtime, Tick


async def expire_checks(runtime: Runtime) -> int:
    """Unconfirmed dry runs past their 7 days lose their file (it may hold health needs)."""
    async with runtime.database.session_scope() as session:
        return await service.expire_checks(session, now=runtime.clock.now())


TICKS = [Tick("imports.expire_checks", timedelta(hours=1), expire_checks)]
