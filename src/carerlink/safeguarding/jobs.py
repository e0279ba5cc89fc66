"""Ticks of the safeguarding domain."""

from __future__ import annotations

from datetime import timedelta

from carerlink.runtime import Runtime, Tick
from carerlink.safeguarding import service


async def escalate(runtime: Runtime) -> int:
    """Alert the safeguarding lead about crisis alerts nobody acknowledged in time."""
    async with runtime.database.session_scope() as session:
        return await service.escalate_unacknowledged(session, now=runtime.clock.now())


TICKS = [Tick("safeguarding.escalate", timedelta(seconds=15), escalate)]
