"""Factories for carers and buddies with profiles and screening, made through the services."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import msgspec
from sqlalchemy import select

from carerlink.accounts.models import User
from carerlink.actor import Actor, Role
from carerlink.db import Database
from carerlink.organisations import service as organisations
from carerlink.organisations.models import Membership, Organisation
from carerlink.organisations.scope import open_scope
from carerlink.profiles import service as profiles
from carerlink.profiles.models import DecisionKind, TrainingCourse
from carerlink.profiles.schemas import (
    BuddyProfileWrite,
    CarerProfileWrite,
    SafeguardingCheckCreate,
    TrainingCourseCreate,
)
from carerlink.profiles.vocabulary import CheckType
from tests.support import START, make_user

TODAY = START.date()

CARER_PROFILE: dict[str, Any] = {
    "relationships": ["parent_of_adult_child"],
    "needs": ["mental_health"],
    "mental_health_needs": ["psychosis"],
    "co_resident": True,
    "hours_band": "20_to_49",
    "journey_stage": "diagnosis",
    "years_caring": 2,
    "carer_category": "parent",
    "languages": ["en", "ur"],
    "preferred_language": "ur",
    "postcode_district": "se5",
    "region": "london",
    "contact_modes": ["phone", "in_person"],
    "availability": [{"day": d, "part": "evening"} for d in ("mon", "tue", "wed", "thu", "fri")],
    "help_with": ["someone_to_talk_to"],
    "help_note": "I'd like to talk to someone who has been through it.",
}

BUDDY_PROFILE: dict[str, Any] = {
    "relationships": ["parent_of_adult_child"],
    "needs": ["mental_health"],
    "mental_health_needs": ["psychosis"],
    "caring_status": "current",
    "confirmed_adult": True,
    "journey_stage": "established",
    "years_caring": 8,
    "languages": ["en", "ur"],
    "postcode_district": "SE5",
    "region": "london",
    "contact_modes": ["phone", "in_person", "video"],
    "availability": [{"day": d, "part": "evening"} for d in ("mon", "tue", "wed", "thu", "fri")],
    "gender": "woman",
    "about_me": "My son has schizophrenia; I've been caring for eight years.",
    "capacity": 2,
}


def buddy_profile_data(change: dict[str, Any] | None = None, health_consent: bool = True) -> dict[str, Any]:
    """``BUDDY_PROFILE`` with ``change``; without health-data consent, no needs (the API refuses them)."""
    data = {**BUDDY_PROFILE, **(change or {})}
    return data if health_consent else {**data, "needs": [], "mental_health_needs": []}


@dataclass(frozen=True)
class Person:
    """A person with one membership in an organisation."""

    user: User
    membership_id: uuid.UUID
    email: str


async def membership_of(db: Database, user: User, organisation: Organisation, role: Role) -> uuid.UUID:
    """The membership that gives ``user`` ``role`` in ``organisation``."""
    async with db.session_scope() as session:
        found = await session.scalar(
            select(Membership.id).where(
                Membership.user_id == user.id,
                Membership.organisation_id == organisation.id,
                Membership.role == role,
            )
        )
    assert found is not None
    return found


async def make_carer(
    db: Database,
    organisation: Organisation,
    *,
    name: str = "Alex Turner",
    health_consent: bool = True,
    profile: dict[str, Any] | None = None,
    with_profile: bool = True,
) -> Person:
    """A carer, by default with a full profile."""
    user = await make_user(
        db, organisation=organisation, roles=(Role.CARER,), name=name, health_consent=health_consent
    )
    membership_id = await membership_of(db, user, organisation, Role.CARER)
    if with_profile:
        data = {**CARER_PROFILE, **(profile or {})}
        if not health_consent:
            data = {**data, "needs": [], "mental_health_needs": []}
        async with db.session_scope() as session:
            actor = await organisations.actor_for(session, user_id=user.id, session_id=None)
            scope = await open_scope(session, actor=actor, now=START, organisation_id=organisation.id)
            await profiles.carers.save_my_carer_profile(scope, data=msgspec.convert(data, CarerProfileWrite))
    return Person(user=user, membership_id=membership_id, email=user.email)


async def make_coordinator(db: Database, organisation: Organisation, *, name: str = "Morgan Ellis") -> Person:
    """A coordinator."""
    user = await make_user(db, organisation=organisation, roles=(Role.COORDINATOR,), name=name)
    return Person(
        user=user,
        membership_id=await membership_of(db, user, organisation, Role.COORDINATOR),
        email=user.email,
    )


async def make_buddy(
    db: Database,
    organisation: Organisation,
    *,
    name: str = "Priya Shah",
    profile: dict[str, Any] | None = None,
    health_consent: bool = True,
    screened: bool = True,
    check_type: CheckType = CheckType.DBS_ENHANCED,
    recheck_due: date | None = None,
    young_carers: bool = False,
    with_profile: bool = True,
) -> Person:
    """A buddy (an adult), by default with health-data consent, a profile, training, a check and approval."""
    user = await make_user(
        db, organisation=organisation, roles=(Role.BUDDY,), name=name, health_consent=health_consent
    )
    membership_id = await membership_of(db, user, organisation, Role.BUDDY)
    async with db.session_scope() as session:
        actor = await organisations.actor_for(session, user_id=user.id, session_id=None)
        if with_profile:
            scope = await open_scope(session, actor=actor, now=START, organisation_id=organisation.id)
            await profiles.buddies.save_my_buddy_profile(
                scope, data=msgspec.convert(buddy_profile_data(profile, health_consent), BuddyProfileWrite)
            )
        if screened:
            await screen(session, organisation, membership_id, check_type, recheck_due, young_carers)
    return Person(user=user, membership_id=membership_id, email=user.email)


async def screen(
    session: Any,
    organisation: Organisation,
    membership_id: uuid.UUID,
    check_type: CheckType = CheckType.DBS_ENHANCED,
    recheck_due: date | None = None,
    young_carers: bool = False,
) -> None:
    """Induction done, a check recorded and the buddy approved (as the system)."""
    scope = await open_scope(session, actor=Actor.system(), now=START, organisation_id=organisation.id)
    course = await session.scalar(
        select(TrainingCourse).where(
            TrainingCourse.organisation_id == organisation.id, TrainingCourse.name == "Buddy induction"
        )
    )
    if course is None:
        course = await profiles.checks.create_course(
            scope, data=TrainingCourseCreate(name="Buddy induction", required=True)
        )
    await profiles.checks.record_training(
        scope, membership_id=membership_id, course_id=course.id, completed_on=TODAY - timedelta(days=30)
    )
    await profiles.checks.record_check(
        scope,
        membership_id=membership_id,
        data=SafeguardingCheckCreate(
            check_type=check_type,
            reference="001234567890",
            issued_on=TODAY - timedelta(days=100),
            recheck_due=recheck_due or TODAY + timedelta(days=900),
        ),
    )
    await profiles.checks.decide(scope, membership_id=membership_id, kind=DecisionKind.APPROVAL, granted=True)
    if young_carers:
        await profiles.checks.decide(
            scope, membership_id=membership_id, kind=DecisionKind.YOUNG_CARERS, granted=True
        )
