"""Recurring check-in times: local time + IANA zone + RRULE, expanded to UTC instants across DST changes.

A weekly 19:00 check-in stays at 19:00 local time on both sides of a clock change. A local time that
does not exist (inside the spring-forward gap) moves forward by the gap, so it never disappears; a local
time that happens twice (the autumn fold) is taken the first time.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Frequency(enum.StrEnum):
    """How often a pair checks in."""

    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"


@dataclass(frozen=True, slots=True)
class Rhythm:
    """What a pair agreed: every week or fortnight, on these weekdays (0 = Monday), at a local time."""

    frequency: Frequency
    weekdays: tuple[int, ...]
    local_time: time
    time_zone: str
    start_date: date

    def rrule(self) -> str:
        """The RFC 5545 RRULE stored with the plan."""
        interval = 2 if self.frequency == Frequency.FORTNIGHTLY else 1
        days = ",".join(_RRULE_DAYS[d] for d in sorted(set(self.weekdays)))
        return (
            f"FREQ=WEEKLY;INTERVAL={interval};WKST=MO;BYDAY={days};"
            f"BYHOUR={self.local_time.hour};BYMINUTE={self.local_time.minute};BYSECOND=0"
        )


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One check-in time: the wall-clock time the pair agreed, and the instant it falls at."""

    local_start: datetime  # naive: the agreed wall-clock time in the plan's zone
    due_at_utc: datetime


def to_instant(local: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant of a naive wall-clock time in ``zone``; gap times move forward, fold times come first.

    ``fold=0`` (PEP 495) reads an ambiguous time with the offset from before the change, so an autumn
    01:30 is the first one; and a spring 01:30 that does not exist gets the pre-change offset too, which
    lands it the length of the gap later (01:30 → 02:30 in London) instead of dropping it.
    """
    return local.replace(tzinfo=zone, fold=0).astimezone(UTC)


def occurrences(
    rule: str, *, dtstart_local: datetime, time_zone: str, after_utc: datetime, until_utc: datetime
) -> Iterator[Occurrence]:
    """Each occurrence of ``rule`` whose instant is in ``[after_utc, until_utc)``, in order."""
    zone = ZoneInfo(time_zone)
    # Expand in wall-clock time with a day of slack each side, then keep what falls in the window.
    window_start = after_utc.astimezone(zone).replace(tzinfo=None) - timedelta(days=1)
    window_end = until_utc.astimezone(zone).replace(tzinfo=None) + timedelta(days=1)
    recurrence = rrulestr(rule, dtstart=dtstart_local)
    for local in recurrence.between(
        max(window_start, dtstart_local - timedelta(seconds=1)), window_end, inc=True
    ):
        if local < dtstart_local:
            continue
        instant = to_instant(local, zone)
        if after_utc <= instant < until_utc:
            yield Occurrence(local_start=local, due_at_utc=instant)


def plan_occurrences(rhythm: Rhythm, *, after_utc: datetime, until_utc: datetime) -> list[Occurrence]:
    """The occurrences of a rhythm in a window (what the materialiser inserts)."""
    dtstart = datetime.combine(rhythm.start_date, time(0, 0))
    return list(
        occurrences(
            rhythm.rrule(),
            dtstart_local=dtstart,
            time_zone=rhythm.time_zone,
            after_utc=after_utc,
            until_utc=until_utc,
        )
    )


def next_dates(rhythm: Rhythm, *, now_utc: datetime, count: int = 4) -> Sequence[Occurrence]:
    """The next ``count`` check-ins from now (what both people see)."""
    found: list[Occurrence] = []
    horizon = now_utc
    while len(found) < count:
        window_end = horizon + timedelta(days=60)
        found.extend(plan_occurrences(rhythm, after_utc=horizon, until_utc=window_end))
        horizon = window_end
        if horizon - now_utc > timedelta(days=800):
            break
    return found[:count]
