"""Business rules of volunteer hours: logging time, my hours and certificate, hours per buddy."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.errors import Invalid, NotFound
from carerlink.hours import policy
from carerlink.hours.counting import counted_instants, period_of_days, time_by_buddy
from carerlink.hours.models import TimeKind, VolunteerTime
from carerlink.i18n import N_, _
from carerlink.kit.days import parse_optional_day
from carerlink.organisations.models import Membership, MembershipStatus
from carerlink.organisations.scope import Scope

NOT_A_BUDDY = N_("Only buddies log volunteer time.")
COORDINATORS_ONLY = N_("Only coordinators see every buddy's hours.")
LONGEST_PERIOD_DAYS = 3 * 366


@dataclass(frozen=True, slots=True)
class Month:
    """One month of a buddy's time."""

    month: str
    logged_minutes: int
    checkins_counted: int
    counted_minutes: int


@dataclass(frozen=True, slots=True)
class MyHours:
    """A buddy's hours: totals, months newest first, and the entries they logged."""

    months: list[Month]
    entries: Sequence[VolunteerTime]
    minutes_per_reply: int
    first_day: date | None


@dataclass(frozen=True, slots=True)
class Certificate:
    """What a certificate says."""

    centre_name: str
    buddy_name: str
    from_date: date
    to_date: date
    total_minutes: int
    issued_on: date


@dataclass(frozen=True, slots=True)
class BuddyHours:
    """One buddy's time in a period, for coordinators."""

    membership: Membership
    user: User
    logged_minutes: int
    counted_minutes: int
    entries: int


@dataclass(frozen=True, slots=True)
class HoursPerBuddy:
    """Every buddy's time in a period."""

    from_date: date
    to_date: date
    minutes_per_reply: int
    buddies: list[BuddyHours]


def _zone(scope: Scope) -> ZoneInfo:
    assert scope.organisation is not None  # every caller has required the organisation first
    return ZoneInfo(scope.organisation.time_zone)


def today(scope: Scope) -> date:
    """Today in the centre's time zone."""
    return scope.now.astimezone(_zone(scope)).date()


def _buddy(scope: Scope) -> uuid.UUID:
    scope.require(policy.can_log_time, str(NOT_A_BUDDY))
    assert scope.actor.user_id is not None
    return scope.actor.user_id


def check_period(
    scope: Scope, *, from_text: str | None, to_text: str | None, default_from: date
) -> tuple[date, date]:
    """The period asked for (``YYYY-MM-DD``, both days included), or ``default_from`` to today.

    A bad date or period is a 422 naming ``from`` or ``to`` as the client sent them, in the words the
    reports use (``kit.days``).
    """
    from_date = parse_optional_day(from_text, field="from")
    to_date = parse_optional_day(to_text, field="to")
    last = to_date or today(scope)
    first = from_date or min(default_from, last)
    if first > last:
        raise Invalid(_("The start of the period must be on or before its end."), field="from")
    if (last - first).days > LONGEST_PERIOD_DAYS:
        raise Invalid(_("Choose a period of three years or less."), field="from")
    return first, last


async def log_time(scope: Scope, *, given_on: date, minutes: int, kind: str, note: str) -> VolunteerTime:
    """A buddy logs time they gave (a call, a visit, a message session)."""
    user_id = _buddy(scope)
    if given_on > today(scope):
        raise Invalid(_("The day can't be in the future."), field="given_on")
    if (today(scope) - given_on).days > 366:
        raise Invalid(_("Log time from the last twelve months."), field="given_on")
    entry = VolunteerTime(
        organisation_id=scope.organisation_id,
        user_id=user_id,
        given_on=given_on,
        minutes=minutes,
        kind=TimeKind(kind),
        note=note.strip() or None,
        logged_at=scope.now,
    )
    scope.session.add(entry)
    await scope.session.flush()
    return entry


async def delete_time(scope: Scope, *, time_id: uuid.UUID) -> None:
    """A buddy removes an entry of their own (anyone else's is not found)."""
    user_id = _buddy(scope)
    entry = await scope.session.get(VolunteerTime, time_id)
    if entry is None or entry.user_id != user_id or entry.organisation_id != scope.organisation_id:
        raise NotFound(_("No such entry."))
    await scope.session.delete(entry)
    await scope.session.flush()


async def _my_entries(scope: Scope, user_id: uuid.UUID) -> Sequence[VolunteerTime]:
    return (
        await scope.session.scalars(
            select(VolunteerTime)
            .where(VolunteerTime.organisation_id == scope.organisation_id, VolunteerTime.user_id == user_id)
            .order_by(VolunteerTime.given_on.desc(), VolunteerTime.logged_at.desc())
        )
    ).all()


async def my_hours(scope: Scope) -> MyHours:
    """A buddy's own hours: logged and counted, by month (the centre's time zone), newest first."""
    user_id = _buddy(scope)
    zone = _zone(scope)
    per_reply = scope.settings.volunteer_minutes_per_reply
    entries = await _my_entries(scope, user_id)
    logged: dict[str, int] = defaultdict(int)
    counted: dict[str, int] = defaultdict(int)
    days: list[date] = []
    for entry in entries:
        logged[entry.given_on.strftime("%Y-%m")] += entry.minutes
        days.append(entry.given_on)
    if per_reply:
        for at in await counted_instants(
            scope.session, organisation_id=scope.organisation_id, user_id=user_id
        ):
            local = at.astimezone(zone).date()
            counted[local.strftime("%Y-%m")] += 1
            days.append(local)
    months = [
        Month(
            month=key,
            logged_minutes=logged.get(key, 0),
            checkins_counted=counted.get(key, 0),
            counted_minutes=counted.get(key, 0) * per_reply,
        )
        for key in sorted(set(logged) | set(counted), reverse=True)
    ]
    return MyHours(
        months=months, entries=entries, minutes_per_reply=per_reply, first_day=min(days, default=None)
    )


async def certificate(scope: Scope, *, from_text: str | None, to_text: str | None) -> Certificate:
    """A buddy's certificate: the centre, their name, their total over a period, today's date."""
    user_id = _buddy(scope)
    mine = await my_hours(scope)
    first, last = check_period(
        scope, from_text=from_text, to_text=to_text, default_from=mine.first_day or today(scope)
    )
    start, end = period_of_days(first, last, _zone(scope))
    found = (
        await time_by_buddy(
            scope.session,
            organisation_id=scope.organisation_id,
            start=start,
            end=end,
            zone=_zone(scope),
            user_id=user_id,
        )
    ).get(user_id)
    user = await scope.session.get(User, user_id)
    assert scope.organisation is not None
    assert user is not None
    total = found.logged_minutes + found.counted * mine.minutes_per_reply if found else 0
    return Certificate(
        centre_name=scope.organisation.name,
        buddy_name=user.display_name,
        from_date=first,
        to_date=last,
        total_minutes=total,
        issued_on=today(scope),
    )


async def hours_per_buddy(scope: Scope, *, from_text: str | None, to_text: str | None) -> HoursPerBuddy:
    """Every buddy's time in a period (coordinators; audited): active buddies, and anyone who gave time."""
    scope.require(policy.can_see_buddies_hours, str(COORDINATORS_ONLY))
    now_day = today(scope)
    first, last = check_period(
        scope, from_text=from_text, to_text=to_text, default_from=now_day.replace(day=1)
    )
    start, end = period_of_days(first, last, _zone(scope))
    found = await time_by_buddy(
        scope.session, organisation_id=scope.organisation_id, start=start, end=end, zone=_zone(scope)
    )
    per_reply = scope.settings.volunteer_minutes_per_reply
    rows = (
        await scope.session.execute(
            select(Membership, User)
            .join(User, User.id == Membership.user_id)
            .where(Membership.organisation_id == scope.organisation_id, Membership.role == Role.BUDDY)
            .order_by(User.display_name)
        )
    ).all()
    buddies = [
        BuddyHours(
            membership=membership,
            user=user,
            logged_minutes=found[user.id].logged_minutes if user.id in found else 0,
            counted_minutes=found[user.id].counted * per_reply if user.id in found else 0,
            entries=found[user.id].entries if user.id in found else 0,
        )
        for membership, user in rows
        if membership.status == MembershipStatus.ACTIVE or user.id in found
    ]
    await scope.audit(
        "hours.buddies.viewed",
        details={"from": first.isoformat(), "to": last.isoformat(), "buddies": len(buddies)},
    )
    return HoursPerBuddy(from_date=first, to_date=last, minutes_per_reply=per_reply, buddies=buddies)


async def buddy_time(
    scope: Scope, *, membership_id: uuid.UUID, from_text: str | None, to_text: str | None
) -> tuple[Membership, User, date, date, Sequence[VolunteerTime]]:
    """One buddy's logged entries with their notes in a period (coordinators; every read audited)."""
    scope.require(policy.can_see_buddies_hours, str(COORDINATORS_ONLY))
    found = (
        await scope.session.execute(
            select(Membership, User)
            .join(User, User.id == Membership.user_id)
            .where(
                Membership.id == membership_id,
                Membership.organisation_id == scope.organisation_id,
                Membership.role == Role.BUDDY,
            )
        )
    ).first()
    if found is None:
        raise NotFound(_("No such buddy."))
    membership, user = found
    first, last = check_period(
        scope, from_text=from_text, to_text=to_text, default_from=today(scope).replace(day=1)
    )
    entries = (
        await scope.session.scalars(
            select(VolunteerTime)
            .where(
                VolunteerTime.organisation_id == scope.organisation_id,
                VolunteerTime.user_id == user.id,
                VolunteerTime.given_on >= first,
                VolunteerTime.given_on <= last,
            )
            .order_by(VolunteerTime.given_on.desc(), VolunteerTime.logged_at.desc())
        )
    ).all()
    await scope.audit(
        "hours.buddy.viewed",
        subject_user_id=user.id,
        object_type="membership",
        object_id=membership.id,
        details={"from": first.isoformat(), "to": last.isoformat()},
    )
    return membership, user, first, last, entries
