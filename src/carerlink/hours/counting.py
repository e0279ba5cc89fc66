"""Counting volunteer time from the raw rows: logged entries summed, check-ins and replies counted.

Nothing is copied: logged time is summed from ``volunteer_time``; counted time is the number of answered
check-ins (the buddy's carers answered, so the buddy read and followed them) plus the number of replies
the buddy wrote, read from ``checkin_occurrences`` and multiplied by the organisation's
``volunteer_minutes_per_reply``. A period is ``[start, end)`` in UTC; a logged day belongs to it when its
midnight in the centre's time zone does.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.checkins.models import CheckinOccurrence
from carerlink.hours.models import VolunteerTime


@dataclass(frozen=True, slots=True)
class BuddyTime:
    """One buddy's time in a period: minutes and entries logged, check-ins and replies counted."""

    logged_minutes: int = 0
    entries: int = 0
    counted: int = 0


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The instant a day starts in ``zone``."""
    return datetime.combine(day, time(0), tzinfo=zone)


def period_of_days(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The instants ``[first 00:00, last+1 00:00)`` in ``zone``: the days ``first``..``last`` inclusive."""
    return local_midnight(first, zone), local_midnight(last + timedelta(days=1), zone)


def days_of_period(start: datetime, end: datetime, zone: ZoneInfo) -> tuple[date, date]:
    """The days whose local midnight lies in ``[start, end)``, as ``[first, stop)``."""

    def first_midnight_at_or_after(instant: datetime) -> date:
        day = instant.astimezone(zone).date()
        return day if local_midnight(day, zone) >= instant else day + timedelta(days=1)

    return first_midnight_at_or_after(start), first_midnight_at_or_after(end)


async def time_by_buddy(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
    user_id: uuid.UUID | None = None,
) -> dict[uuid.UUID, BuddyTime]:
    """Each buddy's logged and counted time in ``[start, end)`` (one buddy's with ``user_id``)."""
    first, stop = days_of_period(start, end, zone)
    logged_query = (
        select(VolunteerTime.user_id, func.sum(VolunteerTime.minutes), func.count(VolunteerTime.id))
        .where(
            VolunteerTime.organisation_id == organisation_id,
            VolunteerTime.given_on >= first,
            VolunteerTime.given_on < stop,
        )
        .group_by(VolunteerTime.user_id)
    )
    occurrence = CheckinOccurrence
    answered_query = (
        select(occurrence.buddy_user_id, func.count(occurrence.id))
        .where(
            occurrence.organisation_id == organisation_id,
            occurrence.answered_at >= start,
            occurrence.answered_at < end,
        )
        .group_by(occurrence.buddy_user_id)
    )
    replied_query = (
        select(occurrence.buddy_user_id, func.count(occurrence.id))
        .where(
            occurrence.organisation_id == organisation_id,
            occurrence.replied_at >= start,
            occurrence.replied_at < end,
            occurrence.replied_by_user_id == occurrence.buddy_user_id,
        )
        .group_by(occurrence.buddy_user_id)
    )
    if user_id is not None:
        logged_query = logged_query.where(VolunteerTime.user_id == user_id)
        answered_query = answered_query.where(occurrence.buddy_user_id == user_id)
        replied_query = replied_query.where(occurrence.buddy_user_id == user_id)
    logged: dict[uuid.UUID, tuple[int, int]] = {
        buddy: (int(minutes or 0), int(entries))
        for buddy, minutes, entries in await session.execute(logged_query)
    }
    counted: dict[uuid.UUID, int] = defaultdict(int)
    for query in (answered_query, replied_query):
        for buddy, count in await session.execute(query):
            counted[buddy] += int(count)
    return {
        buddy: BuddyTime(
            logged_minutes=logged.get(buddy, (0, 0))[0],
            entries=logged.get(buddy, (0, 0))[1],
            counted=counted.get(buddy, 0),
        )
        for buddy in set(logged) | set(counted)
    }


async def counted_instants(
    session: AsyncSession, *, organisation_id: uuid.UUID, user_id: uuid.UUID
) -> list[datetime]:
    """When each of a buddy's answered check-ins was answered and each reply written (for "My hours")."""
    occurrence = CheckinOccurrence
    answered = await session.scalars(
        select(occurrence.answered_at).where(
            occurrence.organisation_id == organisation_id,
            occurrence.buddy_user_id == user_id,
            occurrence.answered_at.is_not(None),
        )
    )
    replied = await session.scalars(
        select(occurrence.replied_at).where(
            occurrence.organisation_id == organisation_id,
            occurrence.buddy_user_id == user_id,
            occurrence.replied_by_user_id == user_id,
            occurrence.replied_at.is_not(None),
        )
    )
    return [at for at in [*answered, *replied] if at is not None]
