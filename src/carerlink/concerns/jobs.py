"""Ticks of the concerns domain."""

from __future__ import annotations

from datetime import timedelta

from carerlink.concerns import service
from carerlink.runtime import Runtime, Tick


async def escalate(runtime: Runtime) -> int:
    """Tell the safeguarding lead about concerns nobody acknowledged by their target."""
    async with runtime.database.session_scope() as session:
        return await service.escalate_overdue(session, now=runtime.clock.now())


TICKS = [Tick("concerns.escalate", timedelta(seconds=15), escalate)]
