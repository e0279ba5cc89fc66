"""Coordinators' screening records: training courses, completed courses, safeguarding checks, decisions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

import msgspec
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from carerlink.actor import Role
from carerlink.errors import Conflict, Invalid, NotFound
from carerlink.i18n import _
from carerlink.organisations.scope import Scope
from carerlink.profiles import policy
from carerlink.profiles.models import (
    BuddyDecision,
    DecisionKind,
    SafeguardingCheck,
    TrainingCourse,
    TrainingRecord,
)
from carerlink.profiles.schemas import SafeguardingCheckCreate, TrainingCourseCreate, TrainingCourseUpdate
from carerlink.profiles.service._common import member, organisation_today
from carerlink.profiles.service.buddy_screening import SCREENERS_ONLY, BuddyScreening, screening_of
from carerlink.profiles.vocabulary import CHILDREN_CHECKS


async def list_courses(scope: Scope) -> Sequence[TrainingCourse]:
    """The organisation's training courses, current first (coordinators)."""
    organisation = scope.require(policy.can_screen_buddies, str(SCREENERS_ONLY))
    return (
        await scope.session.scalars(
            select(TrainingCourse)
            .where(TrainingCourse.organisation_id == organisation.id)
            .order_by(TrainingCourse.retired_at.is_not(None), TrainingCourse.name)
        )
    ).all()


async def _name_taken(scope: Scope, name: str, *, other_than: uuid.UUID | None = None) -> bool:
    query = select(TrainingCourse.id).where(
        TrainingCourse.organisation_id == scope.organisation_id, TrainingCourse.name == name
    )
    if other_than is not None:
        query = query.where(TrainingCourse.id != other_than)
    return bool(await scope.session.scalar(query))


async def create_course(scope: Scope, *, data: TrainingCourseCreate) -> TrainingCourse:
    """Add a training course (coordinators)."""
    organisation = scope.require(policy.can_screen_buddies, str(SCREENERS_ONLY))
    name = " ".join(data.name.split())
    if await _name_taken(scope, name):
        raise Conflict(_("There is already a course called {name!r}.").format(name=name), field="name")
    course = TrainingCourse(
        organisation_id=organisation.id,
        name=name,
        description=data.description.strip(),
        required=data.required,
        valid_months=data.valid_months,
    )
    course.created_at = scope.now
    scope.session.add(course)
    await scope.session.flush()
    await scope.audit("profiles.course.created", object_type="training_course", object_id=course.id)
    return course


async def update_course(scope: Scope, *, course_id: uuid.UUID, data: TrainingCourseUpdate) -> TrainingCourse:
    """Rename, re-describe, make required or optional, change validity, retire (coordinators)."""
    organisation = scope.require(policy.can_screen_buddies, str(SCREENERS_ONLY))
    course = await scope.session.get(TrainingCourse, course_id)
    if course is None or course.organisation_id != organisation.id:
        raise NotFound(_("No such course."))
    if data.name is not msgspec.UNSET:
        name = " ".join(data.name.split())
        if await _name_taken(scope, name, other_than=course.id):
            raise Conflict(_("There is already a course called {name!r}.").format(name=name), field="name")
        course.name = name
    if data.description is not msgspec.UNSET:
        course.description = data.description.strip()
    if data.required is not msgspec.UNSET:
        course.required = data.required
    if data.valid_months is not msgspec.UNSET:
        course.valid_months = data.valid_months
    if data.retired is not msgspec.UNSET:
        course.retired_at = (course.retired_at or scope.now) if data.retired else None
    await scope.audit("profiles.course.updated", object_type="training_course", object_id=course.id)
    return course


async def record_training(
    scope: Scope, *, membership_id: uuid.UUID, course_id: uuid.UUID, completed_on: date
) -> BuddyScreening:
    """Record that a buddy completed a course (coordinators)."""
    organisation = scope.require(policy.can_screen_buddies, str(SCREENERS_ONLY))
    membership, user = await member(scope, membership_id, Role.BUDDY)
    course = await scope.session.get(TrainingCourse, course_id)
    if course is None or course.organisation_id != organisation.id or course.retired_at is not None:
        raise Invalid(_("No such course (or it has been retired)."), field="course_id")
    if completed_on > organisation_today(organisation, scope.now):
        raise Invalid(_("The completion date can't be in the future."), field="completed_on")
    record = TrainingRecord(
        membership_id=membership.id,
        course_id=course.id,
        completed_on=completed_on,
        recorded_by_user_id=scope.actor.user_id,
        recorded_at=scope.now,
    )
    scope.session.add(record)
    await scope.session.flush()
    await scope.audit(
        "profiles.training.recorded",
        subject_user_id=user.id,
        object_type="training_record",
        object_id=record.id,
    )
    return await screening_of(scope, membership, user.display_name)


async def delete_training_record(
    scope: Scope, *, membership_id: uuid.UUID, record_id: uuid.UUID
) -> BuddyScreening:
    """Remove a training record made in error (coordinators; the audit log keeps that it existed)."""
    scope.require(policy.can_screen_buddies, str(SCREENERS_ONLY))
    membership, user = await member(scope, membership_id, Role.BUDDY)
    record = await scope.session.get(TrainingRecord, record_id)
    if record is None or record.membership_id != membership.id:
        raise NotFound(_("No such training record."))
    await scope.session.delete(record)
    await scope.session.flush()
    await scope.audit(
        "profiles.training.deleted",
        subject_user_id=user.id,
        object_type="training_record",
        object_id=record_id,
    )
    return await screening_of(scope, membership, user.display_name)


async def record_check(
    scope: Scope, *, membership_id: uuid.UUID, data: SafeguardingCheckCreate
) -> BuddyScreening:
    """Record a safeguarding check a coordinator has seen; the latest issued counts (coordinators)."""
    organisation = scope.require(policy.can_screen_buddies, str(SCREENERS_ONLY))
    membership, user = await member(scope, membership_id, Role.BUDDY)
    if data.issued_on > organisation_today(organisation, scope.now):
        raise Invalid(_("The issue date can't be in the future."), field="issued_on")
    if data.recheck_due <= data.issued_on:
        raise Invalid(_("The recheck date must be after the issue date."), field="recheck_due")
    check = SafeguardingCheck(
        membership_id=membership.id,
        check_type=data.check_type,
        reference=data.reference.strip().upper(),
        issued_on=data.issued_on,
        recheck_due=data.recheck_due,
        recorded_by_user_id=scope.actor.user_id,
        recorded_at=scope.now,
    )
    scope.session.add(check)
    await scope.session.flush()
    await scope.audit(
        "profiles.check.recorded",
        subject_user_id=user.id,
        object_type="safeguarding_check",
        object_id=check.id,
        details={"check_type": data.check_type.value},
    )
    return await screening_of(scope, membership, user.display_name)


async def decide(
    scope: Scope, *, membership_id: uuid.UUID, kind: DecisionKind, granted: bool, note: str = ""
) -> BuddyScreening:
    """Approve a buddy (or withdraw approval), or clear them for young carers (or not) (coordinators).

    Clearing for young carers needs a current check that covers work with children.
    """
    scope.require(policy.can_screen_buddies, str(SCREENERS_ONLY))
    membership, user = await member(scope, membership_id, Role.BUDDY)
    if kind == DecisionKind.YOUNG_CARERS and granted:
        current = await screening_of(scope, membership, user.display_name)
        check = current.assessment.check
        if current.assessment.check_state != "ok" or check is None or check.check_type not in CHILDREN_CHECKS:
            raise Conflict(
                _(
                    "Before clearing a buddy for young carers, record a current check that covers work with "
                    "children (an enhanced DBS with the children's barred list, or PVG for children)."
                )
            )
    sequence = (
        await scope.session.scalar(
            select(func.coalesce(func.max(BuddyDecision.sequence), 0)).where(
                BuddyDecision.membership_id == membership.id, BuddyDecision.kind == kind
            )
        )
        or 0
    ) + 1
    decision = BuddyDecision(
        membership_id=membership.id,
        kind=kind,
        sequence=sequence,
        granted=granted,
        note=note.strip(),
        decided_by_user_id=scope.actor.user_id,
        decided_at=scope.now,
    )
    try:
        async with scope.session.begin_nested():
            scope.session.add(decision)
    except IntegrityError:
        raise Conflict(_("Another coordinator decided this at the same moment. Please look again.")) from None
    await scope.audit(
        f"profiles.{kind.value}.{'granted' if granted else 'withdrawn'}",
        subject_user_id=user.id,
        object_type="buddy_decision",
        object_id=decision.id,
    )
    return await screening_of(scope, membership, user.display_name)
