"""A pair's check-in plan: agreeing the rhythm, and materialising its check-ins two weeks ahead."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import service as accounts
from carerlink.accounts.models import User
from carerlink.checkins import policy
from carerlink.checkins.ladder import State
from carerlink.checkins.models import CheckinOccurrence, CheckinPlan, OccurrenceKind
from carerlink.checkins.schedule import Frequency, Rhythm, plan_occurrences
from carerlink.db import dialect_insert
from carerlink.errors import Conflict, Invalid, NotAllowed
from carerlink.i18n import _
from carerlink.matching import service as matching
from carerlink.matching.models import Match, MatchStatus
from carerlink.organisations.scope import Scope

HORIZON = timedelta(days=14)  # occurrences exist this far ahead, so both people see the next dates
REFRESH_BEFORE = timedelta(days=7)  # a plan is topped up when less than this is left


def rhythm_of(plan: CheckinPlan) -> Rhythm:
    """The plan as the schedule module sees it."""
    hour, minute = (int(part) for part in plan.local_time.split(":"))
    return Rhythm(
        frequency=plan.frequency,
        weekdays=tuple(int(day) for day in plan.weekdays),
        local_time=time(hour, minute),
        time_zone=plan.time_zone,
        start_date=plan.start_date,
    )


@dataclass(frozen=True, slots=True)
class PlanView:
    """A pair's plan (``None`` when none is set yet) and the next check-in times."""

    match: Match
    plan: CheckinPlan | None
    upcoming: Sequence[CheckinOccurrence]


async def _upcoming(
    session: AsyncSession, match_id: uuid.UUID, now: datetime, limit: int = 4
) -> Sequence[CheckinOccurrence]:
    return (
        await session.scalars(
            select(CheckinOccurrence)
            .where(
                CheckinOccurrence.match_id == match_id,
                CheckinOccurrence.kind == OccurrenceKind.SCHEDULED,
                CheckinOccurrence.state.in_([State.SCHEDULED, State.OPEN]),
                CheckinOccurrence.due_at >= now - timedelta(days=1),
            )
            .order_by(CheckinOccurrence.due_at)
            .limit(limit)
        )
    ).all()


async def get_plan(scope: Scope, *, match_id: uuid.UUID) -> PlanView:
    """A pair's plan and the next dates; the carer, the buddy and their coordinators see it."""
    match = await matching.get_match_or_raise(
        scope.session, actor=scope.actor, match_id=match_id, organisation_id=scope.organisation_id
    )
    plan = await scope.session.scalar(select(CheckinPlan).where(CheckinPlan.match_id == match.id))
    return PlanView(match=match, plan=plan, upcoming=await _upcoming(scope.session, match.id, scope.now))


async def set_plan(
    scope: Scope,
    *,
    match_id: uuid.UUID,
    frequency: Frequency,
    weekdays: Sequence[int],
    local_time: time,
    start_date: date | None,
    paused: bool,
) -> PlanView:
    """Agree or change a pair's rhythm; future check-ins are re-planned, past and open ones stay."""
    session, actor, now = scope.session, scope.actor, scope.now
    match = await matching.get_match_or_raise(
        session, actor=actor, match_id=match_id, organisation_id=scope.organisation_id
    )
    if not policy.can_plan(actor, match):
        raise NotAllowed(_("Only the carer, the buddy or a coordinator can change this plan."))
    if match.status not in policy.TOGETHER:
        raise Conflict(_("Check-ins are planned for pairs that are matched (active or paused)."))
    carer = await accounts.get_user_or_raise(session, user_id=match.carer_user_id)
    today = now.astimezone(ZoneInfo(carer.time_zone)).date()
    if start_date is not None and start_date < today - timedelta(days=1):
        raise Invalid(_("The first check-in can't be in the past."), field="start_date")
    plan = await session.scalar(select(CheckinPlan).where(CheckinPlan.match_id == match.id).with_for_update())
    rhythm = Rhythm(frequency, tuple(sorted(set(weekdays))), local_time, carer.time_zone, start_date or today)
    if plan is None:
        plan = CheckinPlan(
            match_id=match.id,
            organisation_id=match.organisation_id,
            carer_user_id=match.carer_user_id,
            buddy_user_id=match.buddy_user_id,
            version=0,
        )
        plan.created_at = now
        session.add(plan)
    plan.frequency = frequency
    plan.weekdays = list(rhythm.weekdays)
    plan.local_time = f"{local_time.hour:02d}:{local_time.minute:02d}"
    plan.time_zone = carer.time_zone
    plan.rrule = rhythm.rrule()
    plan.start_date = rhythm.start_date
    plan.paused = paused
    plan.version = (plan.version or 0) + 1
    plan.updated_at = now
    plan.updated_by_user_id = actor.user_id
    await session.flush()
    await _replan(session, plan, now=now)
    await scope.audit(
        "checkins.plan.set",
        subject_user_id=match.carer_user_id,
        object_type="checkin_plan",
        object_id=plan.id,
        details={"version": plan.version, "paused": paused},
    )
    return PlanView(match=match, plan=plan, upcoming=await _upcoming(session, match.id, now))


async def _replan(session: AsyncSession, plan: CheckinPlan, *, now: datetime) -> None:
    """Delete the plan's check-ins not yet due, then materialise afresh (a change reaches the future only)."""
    await session.execute(
        delete(CheckinOccurrence).where(
            CheckinOccurrence.plan_id == plan.id,
            CheckinOccurrence.state == State.SCHEDULED,
            CheckinOccurrence.due_at > now,
        )
    )
    plan.materialised_until = None
    await materialise_plan(session, plan=plan, now=now)


async def materialise_plan(session: AsyncSession, *, plan: CheckinPlan, now: datetime) -> int:
    """Insert the plan's check-ins up to the horizon; idempotent (one per plan and local start)."""
    if plan.paused:
        return 0
    start = max(now, plan.materialised_until or now)
    until = now + HORIZON
    found = plan_occurrences(rhythm_of(plan), after_utc=start, until_utc=until)
    if found:
        table = CheckinOccurrence.__table__
        rows = [
            {
                "id": uuid.uuid4(),
                "created_at": now,
                "match_id": plan.match_id,
                "plan_id": plan.id,
                "organisation_id": plan.organisation_id,
                "carer_user_id": plan.carer_user_id,
                "buddy_user_id": plan.buddy_user_id,
                "kind": OccurrenceKind.SCHEDULED.value,
                "local_start": occurrence.local_start.isoformat(timespec="minutes"),
                "time_zone": plan.time_zone,
                "due_at": occurrence.due_at_utc,
                "state": State.SCHEDULED.value,
                "next_check_at": occurrence.due_at_utc,
                "wants_call": False,
                "needs_help": False,
            }
            for occurrence in found
        ]
        statement = dialect_insert(session, table).values(rows)
        await session.execute(
            statement.on_conflict_do_nothing(index_elements=[table.c.plan_id, table.c.local_start])
        )
    plan.materialised_until = until
    return len(found)


async def materialise_due_plans(session: AsyncSession, *, now: datetime, limit: int = 500) -> int:
    """Top up plans running short of future check-ins, and re-plan those whose carer changed time zone."""
    due = (
        select(CheckinPlan)
        .join(Match, Match.id == CheckinPlan.match_id)
        .join(User, User.id == CheckinPlan.carer_user_id)
        .where(
            Match.status == MatchStatus.ACTIVE,
            CheckinPlan.paused.is_(False),
            or_(
                CheckinPlan.materialised_until.is_(None),
                CheckinPlan.materialised_until < now + HORIZON - REFRESH_BEFORE,
                CheckinPlan.time_zone != User.time_zone,
            ),
        )
        .order_by(CheckinPlan.materialised_until.nulls_first())
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(of=CheckinPlan, skip_locked=True)
    created = 0
    for plan in (await session.scalars(due)).all():
        carer_zone = await session.scalar(select(User.time_zone).where(User.id == plan.carer_user_id))
        if carer_zone and carer_zone != plan.time_zone:
            plan.time_zone = carer_zone
            plan.rrule = rhythm_of(plan).rrule()
            plan.version += 1
            await _replan(session, plan, now=now)
            continue
        created += await materialise_plan(session, plan=plan, now=now)
    return created
