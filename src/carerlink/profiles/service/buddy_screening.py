"""Buddy screening as read: many buddies at once, coordinators' lists, rechecks due, renewal reminders."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts.models import User
from carerlink.actor import Actor, Role
from carerlink.i18n import N_
from carerlink.notifications import kinds
from carerlink.organisations import service as organisations
from carerlink.organisations.models import ConsentKind, Membership, MembershipStatus, Organisation
from carerlink.organisations.scope import Scope, open_scope
from carerlink.profiles import policy, screening
from carerlink.profiles.models import (
    BuddyDecision,
    BuddyProfile,
    DecisionKind,
    SafeguardingCheck,
    TrainingCourse,
    TrainingRecord,
)
from carerlink.profiles.service._common import member, organisation_today, own_membership, settings_of
from carerlink.profiles.vocabulary import CheckType

SCREENERS_ONLY = N_("Only coordinators can do that.")
# Beyond this many buddies, their records are selected by organisation rather than by a list of ids.
_BY_ORGANISATION = 500


@dataclass(frozen=True, slots=True)
class BuddyMember:
    """A buddy's membership, as screening needs it."""

    id: uuid.UUID
    user_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class CourseRecord:
    """The latest completion of one course by a buddy."""

    id: uuid.UUID
    completed_on: date


@dataclass(frozen=True, slots=True)
class CheckRecord:
    """The safeguarding check that counts for a buddy (the latest issued)."""

    id: uuid.UUID
    check_type: CheckType
    reference: str
    issued_on: date
    recheck_due: date
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class BuddyScreening:
    """A buddy's screening records and the assessment derived from them."""

    membership: BuddyMember
    display_name: str
    profile: BuddyProfile | None
    assessment: screening.Assessment
    check: CheckRecord | None
    records: dict[uuid.UUID, CourseRecord]
    needs_shared: bool = False
    # The check runs out within the organisation's warning window, or has (issue 11).
    recheck_soon: bool = False

    @property
    def needs(self) -> list[str]:
        """The cared-for person's needs, only with the buddy's health-data consent (matching reads these)."""
        return list(self.profile.needs) if self.profile is not None and self.needs_shared else []

    @property
    def mental_health_needs(self) -> list[str]:
        """The mental-health sub-options, only with the buddy's health-data consent."""
        return (
            list(self.profile.mental_health_needs) if self.profile is not None and self.needs_shared else []
        )


async def screenings(
    session: AsyncSession,
    *,
    organisation: Organisation,
    memberships: Sequence[tuple[BuddyMember, str]],
    now: datetime,
) -> list[BuddyScreening]:
    """Screening of many buddies of one organisation in a few queries (no permission check: callers' job).

    Training records, checks and decisions are read as plain rows (not ORM objects): an organisation's
    whole pool is read at once.
    """
    if not memberships:
        return []
    ids = [m.id for m, _ in memberships]
    today = organisation_today(organisation, now)
    accepted = frozenset(CheckType(c) for c in settings_of(organisation).buddy_check_types)
    courses = (
        await session.scalars(
            select(TrainingCourse).where(
                TrainingCourse.organisation_id == organisation.id, TrainingCourse.retired_at.is_(None)
            )
        )
    ).all()

    def mine(column: Any) -> Any:
        if len(ids) <= _BY_ORGANISATION:
            return column.in_(ids)
        return column.in_(
            select(Membership.id).where(
                Membership.organisation_id == organisation.id, Membership.role == Role.BUDDY
            )
        )

    profiles = {
        p.membership_id: p
        for p in (await session.scalars(select(BuddyProfile).where(mine(BuddyProfile.membership_id)))).all()
    }
    records: dict[uuid.UUID, dict[uuid.UUID, CourseRecord]] = {}
    for record_id, membership_id, course_id, completed_on in await session.execute(
        select(
            TrainingRecord.id,
            TrainingRecord.membership_id,
            TrainingRecord.course_id,
            TrainingRecord.completed_on,
        )
        .where(mine(TrainingRecord.membership_id))
        .order_by(TrainingRecord.completed_on, TrainingRecord.recorded_at)
    ):
        records.setdefault(membership_id, {})[course_id] = CourseRecord(
            record_id, completed_on
        )  # latest wins
    checks: dict[uuid.UUID, CheckRecord] = {}
    for row in await session.execute(
        select(
            SafeguardingCheck.membership_id,
            SafeguardingCheck.id,
            SafeguardingCheck.check_type,
            SafeguardingCheck.reference,
            SafeguardingCheck.issued_on,
            SafeguardingCheck.recheck_due,
            SafeguardingCheck.recorded_at,
        )
        .where(mine(SafeguardingCheck.membership_id))
        .order_by(SafeguardingCheck.issued_on, SafeguardingCheck.recorded_at)
    ):
        checks[row[0]] = CheckRecord(*row[1:])
    decisions: dict[tuple[uuid.UUID, DecisionKind], bool] = {}
    for membership_id, kind, granted in await session.execute(
        select(BuddyDecision.membership_id, BuddyDecision.kind, BuddyDecision.granted)
        .where(mine(BuddyDecision.membership_id))
        .order_by(BuddyDecision.sequence)
    ):
        decisions[(membership_id, kind)] = granted
    consenting = await organisations.consenting_users(
        session,
        organisation_id=organisation.id,
        user_ids=[p.user_id for p in profiles.values()] if len(ids) <= _BY_ORGANISATION else None,
        kind=ConsentKind.BUDDY_HEALTH_DATA,
    )
    course_facts = [screening.Course(c.id, c.name, c.required, c.valid_months) for c in courses]
    window = screening.recheck_warning_days(organisation.settings)
    result = []
    for membership, display_name in memberships:
        profile = profiles.get(membership.id)
        check = checks.get(membership.id)
        own_records = records.get(membership.id, {})
        assessment = screening.assess(
            has_profile=profile is not None,
            confirmed_adult=bool(profile and profile.confirmed_adult),
            paused=bool(profile and profile.paused),
            paused_until=profile.paused_until if profile else None,
            capacity=profile.capacity if profile else 0,
            places_taken=profile.places_taken if profile else 0,
            approved=decisions.get((membership.id, DecisionKind.APPROVAL), False),
            young_carers_granted=decisions.get((membership.id, DecisionKind.YOUNG_CARERS), False),
            courses=course_facts,
            completions={course_id: r.completed_on for course_id, r in own_records.items()},
            check=screening.Check(check.check_type, check.reference, check.issued_on, check.recheck_due)
            if check
            else None,
            accepted_checks=accepted,
            today=today,
        )
        result.append(
            BuddyScreening(
                membership=membership,
                display_name=display_name,
                profile=profile,
                assessment=assessment,
                check=check,
                records=own_records,
                needs_shared=profile is not None and profile.user_id in consenting,
                recheck_soon=screening.recheck_soon(check.recheck_due if check else None, today, window),
            )
        )
    return result


async def screening_of(scope: Scope, membership: Membership, display_name: str) -> BuddyScreening:
    """One buddy's screening in the scope's organisation (no permission check: callers' job)."""
    assert scope.organisation is not None  # callers have passed scope.require
    buddy = BuddyMember(id=membership.id, user_id=membership.user_id)
    found = await screenings(
        scope.session, organisation=scope.organisation, memberships=[(buddy, display_name)], now=scope.now
    )
    return found[0]


async def get_screening(scope: Scope, *, membership_id: uuid.UUID) -> BuddyScreening:
    """A buddy's screening, for coordinators (the read is audited)."""
    scope.require(policy.can_screen_buddies, str(SCREENERS_ONLY))
    membership, user = await member(scope, membership_id, Role.BUDDY)
    await scope.audit(
        "profiles.screening.viewed",
        subject_user_id=user.id,
        object_type="membership",
        object_id=membership.id,
    )
    return await screening_of(scope, membership, user.display_name)


async def get_my_screening(scope: Scope) -> BuddyScreening:
    """My own screening as a buddy: what is done and what still stands in the way."""
    _, membership_id = own_membership(scope, Role.BUDDY)
    membership, user = await member(scope, membership_id, Role.BUDDY)
    return await screening_of(scope, membership, user.display_name)


async def active_buddies(
    session: AsyncSession, *, organisation_id: uuid.UUID
) -> list[tuple[BuddyMember, str]]:
    """Every active buddy membership of an organisation with the buddy's name, by name."""
    rows = await session.execute(
        select(Membership.id, Membership.user_id, User.display_name)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.organisation_id == organisation_id,
            Membership.role == Role.BUDDY,
            Membership.status == MembershipStatus.ACTIVE,
            User.is_active.is_(True),
        )
        .order_by(User.display_name, Membership.id)
    )
    return [(BuddyMember(id=membership_id, user_id=user_id), name) for membership_id, user_id, name in rows]


async def list_buddies(scope: Scope) -> list[BuddyScreening]:
    """Every active buddy with whether they can be matched and why not (coordinators)."""
    organisation = scope.require(policy.can_screen_buddies, str(SCREENERS_ONLY))
    return await screenings(
        scope.session,
        organisation=organisation,
        memberships=await active_buddies(scope.session, organisation_id=organisation.id),
        now=scope.now,
    )


async def list_rechecks_due(scope: Scope, *, within_days: int | None) -> list[tuple[BuddyScreening, int]]:
    """Buddies whose safeguarding check is due for renewal within ``within_days``, or overdue.

    ``None``: the organisation's warning window. Soonest first, each with the days left (negative
    when overdue) (coordinators).
    """
    buddies = await list_buddies(scope)
    assert scope.organisation is not None  # list_buddies has required it
    if within_days is None:
        within_days = scope.settings.recheck_warning_days
    today = organisation_today(scope.organisation, scope.now)
    horizon = today + timedelta(days=within_days)
    due = [
        (b, (b.check.recheck_due - today).days)
        for b in buddies
        if b.check is not None and b.check.recheck_due <= horizon
    ]
    return sorted(due, key=lambda pair: (pair[1], pair[0].display_name))


async def remind_renewals(session: AsyncSession, *, now: datetime) -> int:
    """Tell the coordinators and the buddy, once per record, that a check or a course runs out soon.

    A safeguarding check within the organisation's warning window of its recheck date (or past it), and a
    required course whose completion runs out as soon. Each record is announced once (the dedupe key
    is the record's id), so a renewal recorded later starts afresh. Returns how many were new.
    """
    announced = 0
    for organisation in (await session.scalars(select(Organisation))).all():
        buddies = await active_buddies(session, organisation_id=organisation.id)
        if not buddies:
            continue
        scope = await open_scope(session, actor=Actor.system(), now=now, organisation_id=organisation.id)
        horizon = organisation_today(organisation, now) + timedelta(days=scope.settings.recheck_warning_days)
        coordinators = await organisations.coordinators_to_alert(
            session, organisation_id=organisation.id, on_duty_only=False
        )
        for buddy in await screenings(session, organisation=organisation, memberships=buddies, now=now):
            due: list[tuple[str, uuid.UUID]] = []
            if buddy.check is not None and buddy.check.recheck_due <= horizon:
                due.append(("safeguarding", buddy.check.id))
            for course in buddy.assessment.courses:
                record = buddy.records.get(course.course.id)
                if course.course.required and record and course.expires_on and course.expires_on <= horizon:
                    due.append(("training", record.id))
            for check, record_id in due:
                data = {"buddy_id": buddy.membership.id, "buddy_name": buddy.display_name, "check": check}
                told = [
                    await scope.notify(
                        user_id, kinds.RecheckDue, data, dedupe_key=f"renewal:{check}:{record_id}"
                    )
                    for user_id in {*coordinators, buddy.membership.user_id}
                ]
                announced += any(told)
    return announced
