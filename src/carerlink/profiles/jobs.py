"""Ticks of the profiles domain."""

from __future__ import annotations

from datetime import timedelta

from carerlink.profiles import service
from carerlink.runtime import Runtime, Tick


async def remind_renewals(runtime: Runtime) -> int:
    """Safeguarding checks and required training running out within 30 days: tell people once."""
    async with runtime.database.session_scope() as session:
        return await service.remind_renewals(session, now=runtime.clock.now())


TICKS = [Tick("profiles.remind_renewals", timedelta(hours=1), remind_renewals)]
