"""Ticks of copies of people's data: build those asked for, and let those past their 7 days go."""

from __future__ import annotations

from datetime import timedelta

from carerlink.privacy.export import service
from carerlink.runtime import Runtime, Tick


async def build(runtime: Runtime) -> int:
    """Expire copies past their 7 days, then build pending ones (leased, so several workers share them)."""
    return await service.build_due(runtime.database, now=runtime.clock.now())


TICKS = [Tick("privacy.exports", timedelta(seconds=5), build)]
