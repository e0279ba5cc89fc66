"""Volunteer hours as the reports read them (issue 16): totals for a period, no names, no notes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession


@dataclass(frozen=True, slots=True)
class HoursFigures:
    """Volunteer time in ``[start, end)``.

    Minutes buddies logged, minutes counted for answered check-ins and replies (the organisation's number
    of minutes each), and how many buddies gave any time.
    """

    buddies: int = 0
    minutes_logged: int = 0
    minutes_counted: int = 0

    @property
    def total_minutes(self) -> int:
        """Everything given in the period."""
        return self.minutes_logged + self.minutes_counted


async def figures(
    session: AsyncSession, *, organisation_id: uuid.UUID, start: datetime, end: datetime
) -> HoursFigures:
    """The organisation's volunteer time in ``[start, end)`` (no permission check: the caller's)."""
    # Groundwork: the hours domain fills this in (the reports call it).
    del session, organisation_id, start, end
    return HoursFigures()
