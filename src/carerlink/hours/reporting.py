"""Volunteer hours as the reports read them (issue 16): totals for a period, no names, no notes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.hours.counting import time_by_buddy
from carerlink.organisations.models import Organisation
from carerlink.organisations.schemas import OrganisationSettings


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
    """The organisation's volunteer time in ``[start, end)`` (no permission check: the caller's).

    A logged day counts when its midnight in the centre's time zone lies in the period; an answered
    check-in or a reply when it happened in it.
    """
    organisation = await session.get(Organisation, organisation_id)
    if organisation is None:
        return HoursFigures()
    per_reply = msgspec.convert(organisation.settings, OrganisationSettings).volunteer_minutes_per_reply
    found = await time_by_buddy(
        session,
        organisation_id=organisation_id,
        start=start,
        end=end,
        zone=ZoneInfo(organisation.time_zone),
    )
    totals = [(t.logged_minutes, t.counted * per_reply) for t in found.values()]
    return HoursFigures(
        buddies=sum(1 for logged, counted in totals if logged + counted > 0),
        minutes_logged=sum(logged for logged, _ in totals),
        minutes_counted=sum(counted for _, counted in totals),
    )
