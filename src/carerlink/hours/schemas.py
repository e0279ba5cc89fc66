"""Request and response shapes of volunteer hours."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

from carerlink.kit.schema import MultiLine, Schema

TimeKindName = Literal["call", "visit", "messages", "other"]
Minutes = Annotated[
    int, msgspec.Meta(ge=1, le=720, description="Minutes given, from 1 to 720 (twelve hours) in one entry")
]
TimeNote = Annotated[
    MultiLine, msgspec.Meta(max_length=1000, description="Only you and the centre's coordinators read it")
]


class TimeCreate(Schema):
    """Time a buddy gave: the day, how long, what it was, and an optional note."""

    given_on: date
    minutes: Minutes
    kind: TimeKindName = "call"
    note: TimeNote = ""


class TimeRead(Schema):
    """One entry of logged time (the note is only ever shown to the buddy and coordinators)."""

    id: uuid.UUID
    given_on: date
    minutes: int
    kind: TimeKindName
    note: str
    logged_at: datetime


class MonthRead(Schema):
    """One month of a buddy's time: logged, counted from check-ins and replies, and the two together."""

    month: Annotated[str, msgspec.Meta(description="The month, as YYYY-MM in the centre's time zone")]
    logged_minutes: int
    counted_minutes: int
    total_minutes: int
    checkins_counted: int


class MyHoursRead(Schema):
    """My hours: everything I gave, by month (newest first), and the time I logged."""

    total_minutes: int
    logged_minutes: int
    counted_minutes: int
    minutes_per_reply: int
    months: list[MonthRead]
    entries: list[TimeRead]
    first_day: date | None


class CertificateRead(Schema):
    """What a printed certificate says: no carers, no notes."""

    centre_name: str
    buddy_name: str
    from_date: date
    to_date: date
    total_minutes: int
    issued_on: date


class BuddyHoursRead(Schema):
    """One buddy's time in a period, as coordinators see it."""

    membership_id: uuid.UUID
    user_id: uuid.UUID
    display_name: str
    status: str
    logged_minutes: int
    counted_minutes: int
    total_minutes: int
    entries: int


class HoursPerBuddyRead(Schema):
    """Every buddy's time in a period, and the totals."""

    from_date: date
    to_date: date
    minutes_per_reply: int
    buddies: list[BuddyHoursRead]
    logged_minutes: int
    counted_minutes: int
    total_minutes: int
    buddies_giving_time: int


class BuddyTimeRead(Schema):
    """One buddy's logged entries in a period, with their notes (coordinators; audited)."""

    membership_id: uuid.UUID
    display_name: str
    from_date: date
    to_date: date
    entries: list[TimeRead]
