"""HTTP routes of volunteer hours: a buddy's own time and certificate, and hours per buddy."""

from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter

from carerlink.hours import service
from carerlink.hours.models import VolunteerTime
from carerlink.hours.schemas import (
    BuddyHoursRead,
    BuddyTimeRead,
    CertificateRead,
    HoursPerBuddyRead,
    MonthRead,
    MyHoursRead,
    TimeCreate,
    TimeRead,
)
from carerlink.organisations.scope import Scope

# Text, parsed by the service after its access check: a bad date names ``from`` or ``to`` in plain words
# (as a ``date`` Litestar would name the Python parameter and say "Invalid RFC3339 encoded date").
FromDay = Annotated[
    str | None,
    QueryParameter(name="from", description="First day, YYYY-MM-DD (the centre's time zone)"),
]
ToDay = Annotated[str | None, QueryParameter(name="to", description="Last day, YYYY-MM-DD, included")]


def time_read(entry: VolunteerTime) -> TimeRead:
    """A logged entry, for the buddy or a coordinator."""
    return TimeRead(
        id=entry.id,
        given_on=entry.given_on,
        minutes=entry.minutes,
        kind=entry.kind.value,
        note=entry.note or "",
        logged_at=entry.logged_at,
    )


def my_hours_read(found: service.MyHours) -> MyHoursRead:
    """My hours as the buddy reads them."""
    months = [
        MonthRead(
            month=m.month,
            logged_minutes=m.logged_minutes,
            counted_minutes=m.counted_minutes,
            total_minutes=m.logged_minutes + m.counted_minutes,
            checkins_counted=m.checkins_counted,
        )
        for m in found.months
    ]
    logged = sum(m.logged_minutes for m in months)
    counted = sum(m.counted_minutes for m in months)
    return MyHoursRead(
        total_minutes=logged + counted,
        logged_minutes=logged,
        counted_minutes=counted,
        minutes_per_reply=found.minutes_per_reply,
        months=months,
        entries=[time_read(e) for e in found.entries],
        first_day=found.first_day,
    )


class MyHoursController(Controller):
    """A buddy's own volunteer time: log it, see it by month, print a certificate."""

    path = "/api/v1/orgs/{org:str}/me/hours"
    tags = ["Volunteer hours"]

    @post("/", operation_id="logMyTime", summary="Log time I gave (buddies)")
    async def log_time(self, org_scope: NamedDependency[Scope], data: JSONBody[TimeCreate]) -> TimeRead:
        """A call, a visit or a message session: the day, how long, and a note only coordinators read."""
        entry = await service.log_time(
            org_scope, given_on=data.given_on, minutes=data.minutes, kind=data.kind, note=data.note
        )
        return time_read(entry)

    @get("/", operation_id="listMyTime", summary="The time I logged (buddies)")
    async def list_time(self, org_scope: NamedDependency[Scope]) -> list[TimeRead]:
        """Newest first."""
        return [time_read(e) for e in (await service.my_hours(org_scope)).entries]

    @delete(
        "/{time_id:uuid}",
        operation_id="deleteMyTime",
        summary="Remove time I logged (buddies)",
        status_code=204,
    )
    async def delete_time(self, org_scope: NamedDependency[Scope], time_id: FromPath[uuid.UUID]) -> None:
        """Only my own entries."""
        await service.delete_time(org_scope, time_id=time_id)

    @get("/summary", operation_id="getMyHours", summary="My hours: the total and each month (buddies)")
    async def summary(self, org_scope: NamedDependency[Scope]) -> MyHoursRead:
        """Logged time and time counted from answered check-ins and replies, by month, newest first."""
        return my_hours_read(await service.my_hours(org_scope))

    @get("/certificate", operation_id="getMyCertificate", summary="What my certificate says (buddies)")
    async def certificate(
        self, org_scope: NamedDependency[Scope], from_date: FromDay = None, to_date: ToDay = None
    ) -> CertificateRead:
        """The centre, my name and my total over a period (from my first time to today unless asked)."""
        found = await service.certificate(org_scope, from_text=from_date, to_text=to_date)
        return CertificateRead(
            centre_name=found.centre_name,
            buddy_name=found.buddy_name,
            from_date=found.from_date,
            to_date=found.to_date,
            total_minutes=found.total_minutes,
            issued_on=found.issued_on,
        )


class HoursController(Controller):
    """Every buddy's volunteer time, for coordinators (audited)."""

    path = "/api/v1/orgs/{org:str}/hours"
    tags = ["Volunteer hours"]

    @get("/", operation_id="listHoursPerBuddy", summary="Hours per buddy in a period (coordinators; audited)")
    async def per_buddy(
        self, org_scope: NamedDependency[Scope], from_date: FromDay = None, to_date: ToDay = None
    ) -> HoursPerBuddyRead:
        """Active buddies and anyone who gave time in the period (this month unless asked), with totals."""
        found = await service.hours_per_buddy(org_scope, from_text=from_date, to_text=to_date)
        buddies = [
            BuddyHoursRead(
                membership_id=b.membership.id,
                user_id=b.user.id,
                display_name=b.user.display_name,
                status=b.membership.status.value,
                logged_minutes=b.logged_minutes,
                counted_minutes=b.counted_minutes,
                total_minutes=b.logged_minutes + b.counted_minutes,
                entries=b.entries,
            )
            for b in found.buddies
        ]
        return HoursPerBuddyRead(
            from_date=found.from_date,
            to_date=found.to_date,
            minutes_per_reply=found.minutes_per_reply,
            buddies=buddies,
            logged_minutes=sum(b.logged_minutes for b in buddies),
            counted_minutes=sum(b.counted_minutes for b in buddies),
            total_minutes=sum(b.total_minutes for b in buddies),
            buddies_giving_time=sum(1 for b in buddies if b.total_minutes > 0),
        )

    @get(
        "/buddies/{membership_id:uuid}",
        operation_id="getBuddyTime",
        summary="One buddy's logged time with their notes (coordinators; audited)",
    )
    async def buddy_time(
        self,
        org_scope: NamedDependency[Scope],
        membership_id: FromPath[uuid.UUID],
        from_date: FromDay = None,
        to_date: ToDay = None,
    ) -> BuddyTimeRead:
        """Each entry they logged in the period (this month unless asked)."""
        membership, user, first, last, entries = await service.buddy_time(
            org_scope, membership_id=membership_id, from_text=from_date, to_text=to_date
        )
        return BuddyTimeRead(
            membership_id=membership.id,
            display_name=user.display_name,
            from_date=first,
            to_date=last,
            entries=[time_read(e) for e in entries],
        )
