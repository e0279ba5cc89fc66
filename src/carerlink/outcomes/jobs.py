"""Ticks of outcome measures: open the asks now due (start, 3 and 6 months) and close the unanswered."""

from __future__ import annotations

from datetime import timedelta

from carerlink.outcomes import service
from carerlink.runtime import Runtime, Tick


async def open_due_asks(runtime: Runtime) -> int:
    """Open each ask when due and tell the carer; close asks not answered in four weeks."""
    async with runtime.database.session_scope() as session:
        return await service.open_due_asks(session, now=runtime.clock.now())


# Hourly: an ask opened within the hour is soon enough (nothing here is urgent).
TICKS = [Tick("outcomes.asks", timedelta(hours=1), open_due_asks)]
