"""The session-first signatures other domains still call (the demo, matching's tests), over scope-first ones.

Each opens the scope of the organisation named and makes the one scope-first call. Once those callers
pass a ``Scope`` themselves (issue 12), this module goes and ``__init__`` re-exports the scope-first
functions under these names.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Actor
from carerlink.organisations.scope import open_scope
from carerlink.profiles.models import DecisionKind, TrainingCourse
from carerlink.profiles.schemas import (
    BuddyProfileWrite,
    CarerProfileWrite,
    SafeguardingCheckCreate,
    TrainingCourseCreate,
)
from carerlink.profiles.service import buddies, carers, checks
from carerlink.profiles.service.buddies import BuddyProfileView
from carerlink.profiles.service.buddy_screening import BuddyScreening
from carerlink.profiles.service.carers import CarerProfileView


async def save_my_carer_profile(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, data: CarerProfileWrite, now: datetime
) -> CarerProfileView:
    """``carers.save_my_carer_profile`` in the organisation ``organisation_id``."""
    scope = await open_scope(session, actor=actor, now=now, organisation_id=organisation_id)
    return await carers.save_my_carer_profile(scope, data=data)


async def save_my_buddy_profile(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, data: BuddyProfileWrite, now: datetime
) -> BuddyProfileView:
    """``buddies.save_my_buddy_profile`` in the organisation ``organisation_id``."""
    scope = await open_scope(session, actor=actor, now=now, organisation_id=organisation_id)
    return await buddies.save_my_buddy_profile(scope, data=data)


async def create_course(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    data: TrainingCourseCreate,
    now: datetime,
) -> TrainingCourse:
    """``checks.create_course`` in the organisation ``organisation_id``."""
    scope = await open_scope(session, actor=actor, now=now, organisation_id=organisation_id)
    return await checks.create_course(scope, data=data)


async def record_training(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    membership_id: uuid.UUID,
    course_id: uuid.UUID,
    completed_on: date,
    now: datetime,
) -> BuddyScreening:
    """``checks.record_training`` in the organisation ``organisation_id``."""
    scope = await open_scope(session, actor=actor, now=now, organisation_id=organisation_id)
    return await checks.record_training(
        scope, membership_id=membership_id, course_id=course_id, completed_on=completed_on
    )


async def record_check(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    membership_id: uuid.UUID,
    data: SafeguardingCheckCreate,
    now: datetime,
) -> BuddyScreening:
    """``checks.record_check`` in the organisation ``organisation_id``."""
    scope = await open_scope(session, actor=actor, now=now, organisation_id=organisation_id)
    return await checks.record_check(scope, membership_id=membership_id, data=data)


async def decide(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    membership_id: uuid.UUID,
    kind: DecisionKind,
    granted: bool,
    note: str,
    now: datetime,
) -> BuddyScreening:
    """``checks.decide`` in the organisation ``organisation_id``."""
    scope = await open_scope(session, actor=actor, now=now, organisation_id=organisation_id)
    return await checks.decide(scope, membership_id=membership_id, kind=kind, granted=granted, note=note)
