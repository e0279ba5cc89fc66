"""Business rules of check-ins: plans, materialising occurrences, answers, replies and the ladder."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from carerlink.accounts import service as accounts
from carerlink.accounts.models import User
from carerlink.actor import Actor, Role
from carerlink.audit import service as audit
from carerlink.checkins import ladder, policy
from carerlink.checkins.ladder import State, Step
from carerlink.checkins.models import (
    COORDINATOR_STEPS,
    LOW_SCORE_REVIEW,
    CheckinOccurrence,
    CheckinPlan,
    CheckinStep,
    OccurrenceKind,
    ReplyKind,
)
from carerlink.checkins.schedule import Frequency, Rhythm, plan_occurrences
from carerlink.db import dialect_insert
from carerlink.errors import (
    Conflict,
    Invalid,
    NotAllowed,
    NotAuthenticated,
    NotFound,
    RefusedButHelpRaised,
)
from carerlink.matching import service as matching
from carerlink.matching.models import ChangeRequest, Match, MatchStatus
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.organisations import service as organisations
from carerlink.organisations.schemas import CheckinSettings
from carerlink.safeguarding import service as safeguarding
from carerlink.safeguarding.models import AlertStatus

HORIZON = timedelta(days=14)  # occurrences exist this far ahead, so both people see the next dates
REFRESH_BEFORE = timedelta(days=7)  # a plan is topped up when less than this is left
LADDER_STEPS = frozenset(step.value for step in Step)
WELLBEING_WORDS = {1: "struggling", 2: "finding it hard", 3: "getting by", 4: "doing okay", 5: "doing well"}


def delays_of(settings: CheckinSettings) -> ladder.Delays:
    """The ladder's timings from an organisation's settings."""
    return ladder.Delays(
        nudge_after=timedelta(hours=settings.nudge_after_hours),
        tell_buddy_after=timedelta(hours=settings.tell_buddy_after_hours),
        missed_after=timedelta(hours=settings.missed_after_hours),
        answer_grace=timedelta(hours=settings.answer_grace_hours),
        buddy_reminder_after=timedelta(hours=settings.buddy_reminder_after_hours),
        tell_coordinator_after=timedelta(hours=settings.tell_coordinator_after_hours),
    )


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


async def _first_name(session: AsyncSession, user_id: uuid.UUID) -> str:
    user = await accounts.get_user_or_raise(session, user_id=user_id)
    parts = user.display_name.split()
    return parts[0] if parts else user.display_name


# --- plans ---------------------------------------------------------------------------------------


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


async def get_plan(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID, match_id: uuid.UUID, now: datetime
) -> PlanView:
    """A pair's plan and the next dates; the carer, the buddy and their coordinators see it."""
    match = await matching.get_match_or_raise(
        session, actor=actor, match_id=match_id, organisation_id=organisation_id
    )
    plan = await session.scalar(select(CheckinPlan).where(CheckinPlan.match_id == match.id))
    return PlanView(match=match, plan=plan, upcoming=await _upcoming(session, match.id, now))


async def set_plan(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    match_id: uuid.UUID,
    frequency: Frequency,
    weekdays: Sequence[int],
    local_time: time,
    start_date: date | None,
    paused: bool,
    now: datetime,
) -> PlanView:
    """Agree or change a pair's rhythm; future check-ins are re-planned, past and open ones stay."""
    match = await matching.get_match_or_raise(
        session, actor=actor, match_id=match_id, organisation_id=organisation_id
    )
    if not policy.can_plan(actor, match):
        raise NotAllowed("Only the carer, the buddy or a coordinator can change this plan.")
    if match.status not in policy.TOGETHER:
        raise Conflict("Check-ins are planned for pairs that are matched (active or paused).")
    carer = await accounts.get_user_or_raise(session, user_id=match.carer_user_id)
    today = now.astimezone(ZoneInfo(carer.time_zone)).date()
    if start_date is not None and start_date < today - timedelta(days=1):
        raise Invalid("The first check-in can't be in the past.", field="start_date")
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
    await audit.record(
        session,
        actor=actor,
        action="checkins.plan.set",
        now=now,
        organisation_id=match.organisation_id,
        subject_user_id=match.carer_user_id,
        object_type="checkin_plan",
        object_id=plan.id,
        details={"version": plan.version, "paused": paused},
    )
    return PlanView(match=match, plan=plan, upcoming=await _upcoming(session, match.id, now))


async def _replan(session: AsyncSession, plan: CheckinPlan, *, now: datetime) -> None:
    """Cancel the plan's check-ins not yet due, then materialise afresh (a change reaches the future only)."""
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


# --- the ladder ----------------------------------------------------------------------------------


async def _take_step(
    session: AsyncSession, occurrence: CheckinOccurrence, step: str, *, now: datetime
) -> bool:
    """Record a step once (the unique key); ``True`` only for the call that recorded it."""
    table = CheckinStep.__table__
    inserted = await session.execute(
        dialect_insert(session, table)
        .values(
            id=uuid.uuid4(),
            occurrence_id=occurrence.id,
            organisation_id=occurrence.organisation_id,
            step=step,
            at=now,
            needs_coordinator=step in COORDINATOR_STEPS or step == Step.MISSED.value,
        )
        .on_conflict_do_nothing(index_elements=[table.c.occurrence_id, table.c.step])
        .returning(table.c.id)
    )
    return inserted.scalar_one_or_none() is not None


async def _notify_coordinators(
    session: AsyncSession, occurrence: CheckinOccurrence, *, reason: str, now: datetime
) -> None:
    carer, buddy = (
        await _first_name(session, occurrence.carer_user_id),
        await _first_name(session, occurrence.buddy_user_id),
    )
    for coordinator_id in await organisations.coordinators_to_alert(
        session, organisation_id=occurrence.organisation_id
    ):
        await notifications.notify(
            session,
            user_id=coordinator_id,
            kind=kinds.Escalation,
            data={"checkin_id": occurrence.id, "reason": reason, "carer_name": carer, "buddy_name": buddy},
            dedupe_key=f"escalation:{reason}:{occurrence.id}",
            now=now,
            organisation_id=occurrence.organisation_id,
        )


# The ladder steps that tell the carer or the buddy something, and what they are told.
_STEP_MESSAGES: dict[Step, type[kinds.Kind]] = {
    Step.PROMPT: kinds.CheckinDue,
    Step.NUDGE: kinds.CheckinNudge,
    Step.TELL_BUDDY: kinds.CarerQuiet,
    Step.BUDDY_REMINDER: kinds.ReplyReminder,
}


def _dedupe_key(kind: type[kinds.Kind], occurrence: CheckinOccurrence) -> str:
    return f"{kind.name}:{occurrence.id}"


async def _tell(
    session: AsyncSession, occurrence: CheckinOccurrence, kind: type[kinds.Kind], *, now: datetime
) -> None:
    """Tell the carer or the buddy (whoever the kind is for) about this check-in, naming the other."""
    to_carer = Role.CARER in kind.audience
    recipient, other = (
        (occurrence.carer_user_id, occurrence.buddy_user_id)
        if to_carer
        else (occurrence.buddy_user_id, occurrence.carer_user_id)
    )
    await notifications.notify(
        session,
        user_id=recipient,
        kind=kind,
        data={
            "checkin_id": occurrence.id,
            ("buddy_name" if to_carer else "carer_name"): await _first_name(session, other),
        },
        dedupe_key=_dedupe_key(kind, occurrence),
        now=now,
        organisation_id=occurrence.organisation_id,
    )


async def _apply(session: AsyncSession, occurrence: CheckinOccurrence, step: Step, *, now: datetime) -> None:
    """The side effects of one ladder step (only ever run by the call that recorded the step)."""
    if step in _STEP_MESSAGES:
        await _tell(session, occurrence, _STEP_MESSAGES[step], now=now)
    elif step == Step.TELL_COORDINATOR:
        await _notify_coordinators(session, occurrence, reason="buddy_no_reply", now=now)
    # Step.MISSED changes the state only; it goes on the coordinators' attention list.


async def run_ladder(session: AsyncSession, *, now: datetime, limit: int = 200) -> int:
    """Take the ladder steps due for up to ``limit`` check-ins, once each; returns how many were looked at.

    The rows are locked for this transaction (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite has one
    writer at a time): ladder work never leaves the database (notifications go to the outbox in the same
    transaction), so the row lock is the lease — a worker that dies mid-tick rolls back and releases
    it, and the unique key per step makes a repeat impossible.
    """
    # A paused pair gets no prompts or nudges, but an answer already given still waits for the buddy,
    # so its reminder and the coordinator's escalation go on (a carer who said "struggling, please
    # call" is not left unheard because the pair paused the next day).
    due = (
        select(CheckinOccurrence)
        .join(Match, Match.id == CheckinOccurrence.match_id)
        .where(
            CheckinOccurrence.next_check_at <= now,
            or_(
                Match.status == MatchStatus.ACTIVE,
                and_(Match.status == MatchStatus.PAUSED, CheckinOccurrence.state == State.ANSWERED),
            ),
        )
        .order_by(CheckinOccurrence.next_check_at)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(of=CheckinOccurrence, skip_locked=True)
    occurrences = (await session.scalars(due)).all()
    if not occurrences:
        return 0
    # A call for help on a check-in not answered yet holds its nudges while the alert is open (issue 10).
    help_asked = {o.id for o in occurrences if o.needs_help and o.state in (State.SCHEDULED, State.OPEN)}
    help_open = await safeguarding.open_alert_sources(session, source_ids=list(help_asked))
    done: dict[uuid.UUID, set[str]] = {o.id: set() for o in occurrences}
    for occurrence_id, step in await session.execute(
        select(CheckinStep.occurrence_id, CheckinStep.step).where(CheckinStep.occurrence_id.in_(done))
    ):
        done[occurrence_id].add(step)
    settings_cache: dict[uuid.UUID, ladder.Delays] = {}
    for occurrence in occurrences:
        if occurrence.organisation_id not in settings_cache:
            settings = await organisations.settings_for(session, organisation_id=occurrence.organisation_id)
            settings_cache[occurrence.organisation_id] = delays_of(settings.checkins)
        position = ladder.Position(
            state=occurrence.state,
            due_at=occurrence.due_at,
            answered_at=occurrence.answered_at,
            done=frozenset(Step(s) for s in done[occurrence.id] if s in LADDER_STEPS),
            help_asked=occurrence.id in help_asked,
            help_open=occurrence.id in help_open,
        )
        decision = ladder.decide(position, settings_cache[occurrence.organisation_id], now)
        for step in decision.steps:
            if await _take_step(session, occurrence, step.value, now=now):
                await _apply(session, occurrence, step, now=now)
        occurrence.state = decision.state
        occurrence.next_check_at = decision.next_check_at
    return len(occurrences)


# --- answers and replies -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AnswerResult:
    """The answered check-in; ``replayed`` when an earlier request with the same key already answered it.

    With "I need help now": the crisis lines, and the id of the crisis alert it raised.
    """

    occurrence: CheckinOccurrence
    replayed: bool
    crisis_lines: list[dict[str, Any]]
    alert_id: uuid.UUID | None = None

    @property
    def help_is_coming(self) -> bool:
        """Whether this answer raised or joined a call for help that the centre has (the carer is told so)."""
        return self.alert_id is not None

    @property
    def view(self) -> CheckinView:
        """The check-in as its carer (the only one who answers) sees it: with their answers."""
        return _view(self.occurrence, match_ended=False, answers_shown=True)


@dataclass(frozen=True, slots=True)
class CheckinView:
    """A check-in as one viewer may see it: the carer's answers are ``None`` for one who may not read them.

    ``match_ended`` tells a former buddy why (issue 10 §2); their own reply stays theirs to see.
    """

    id: uuid.UUID
    match_id: uuid.UUID
    kind: OccurrenceKind
    due_at: datetime
    local_start: str | None
    time_zone: str
    state: State
    answered_at: datetime | None
    wellbeing: int | None
    note: str | None
    wants_call: bool | None
    needs_help: bool | None
    replied_at: datetime | None
    reply_kind: ReplyKind | None
    reply_message: str | None
    match_ended: bool
    answers_shown: bool


def _view(occurrence: CheckinOccurrence, *, match_ended: bool, answers_shown: bool) -> CheckinView:
    shown = answers_shown
    return CheckinView(
        id=occurrence.id,
        match_id=occurrence.match_id,
        kind=occurrence.kind,
        due_at=occurrence.due_at,
        local_start=occurrence.local_start,
        time_zone=occurrence.time_zone,
        state=occurrence.state,
        answered_at=occurrence.answered_at,
        wellbeing=occurrence.wellbeing if shown else None,
        note=occurrence.note if shown else None,
        wants_call=occurrence.wants_call if shown else None,
        needs_help=occurrence.needs_help if shown else None,
        replied_at=occurrence.replied_at,
        reply_kind=occurrence.reply_kind,
        reply_message=occurrence.reply_message,
        match_ended=match_ended,
        answers_shown=shown,
    )


def view_for(actor: Actor, occurrence: CheckinOccurrence, match_status: MatchStatus) -> CheckinView:
    """The check-in as ``actor`` may see it (the policy decides whether the carer's answers are shown)."""
    return _view(
        occurrence,
        match_ended=match_status == MatchStatus.ENDED,
        answers_shown=policy.sees_answers(actor, occurrence, match_status),
    )


async def _match_status(session: AsyncSession, match_id: uuid.UUID) -> MatchStatus:
    status = await session.scalar(select(Match.status).where(Match.id == match_id))
    assert status is not None  # a check-in always belongs to a match (foreign key)
    return MatchStatus(status)


async def _buddy_to_tell(session: AsyncSession, occurrence: CheckinOccurrence) -> uuid.UUID | None:
    """The buddy to tell about an answer; ``None`` once the match has ended.

    A former buddy is told nothing about the carer any more (issue 10 §2); the centre always is.
    """
    status = await _match_status(session, occurrence.match_id)
    return occurrence.buddy_user_id if status in policy.TOGETHER else None


async def view_occurrence(
    session: AsyncSession, *, actor: Actor, occurrence_id: uuid.UUID, now: datetime
) -> CheckinView:
    """One check-in as the actor may see it: a former buddy sees that the match ended, not the answers."""
    occurrence = await get_occurrence_or_raise(session, actor=actor, occurrence_id=occurrence_id, now=now)
    return view_for(actor, occurrence, await _match_status(session, occurrence.match_id))


async def get_occurrence_or_raise(
    session: AsyncSession, *, actor: Actor, occurrence_id: uuid.UUID, now: datetime, lock: bool = False
) -> CheckinOccurrence:
    """A check-in the actor may see (its carer, buddy and coordinators); coordinator views are audited."""
    if actor.is_anonymous:
        raise NotAuthenticated("Please sign in to continue.")
    query = select(CheckinOccurrence).where(CheckinOccurrence.id == occurrence_id)
    if lock:
        query = query.with_for_update()
    occurrence = await session.scalar(query)
    if occurrence is None or not policy.can_view(actor, occurrence):
        raise NotFound("No such check-in.")
    if policy.is_coordinator_view(actor, occurrence):
        await audit.record(
            session,
            actor=actor,
            action="checkins.occurrence.viewed",
            now=now,
            organisation_id=occurrence.organisation_id,
            subject_user_id=occurrence.carer_user_id,
            object_type="checkin",
            object_id=occurrence.id,
        )
    return occurrence


async def _replay(
    session: AsyncSession, actor: Actor, idempotency_key: str | None
) -> CheckinOccurrence | None:
    if not idempotency_key:
        return None
    return await session.scalar(
        select(CheckinOccurrence).where(
            CheckinOccurrence.carer_user_id == actor.user_id,
            CheckinOccurrence.idempotency_key == idempotency_key,
        )
    )


async def answer(
    session: AsyncSession,
    *,
    actor: Actor,
    occurrence_id: uuid.UUID,
    wellbeing: int | None,
    note: str | None,
    wants_call: bool,
    needs_help: bool,
    idempotency_key: str | None,
    now: datetime,
) -> AnswerResult:
    """The carer answers a check-in. A retry with the same ``Idempotency-Key`` returns the first answer.

    "I need help now" with no score raises the crisis alert at once and leaves the check-in open for a
    score later (issue 10); that later answer completes it without a second alert.
    """
    occurrence = await get_occurrence_or_raise(
        session, actor=actor, occurrence_id=occurrence_id, now=now, lock=True
    )
    if not policy.is_carer(actor, occurrence):
        raise NotAllowed("Only the carer answers their check-in.")
    _require_score_or_help(wellbeing, needs_help)
    earlier = await _replay(session, actor, idempotency_key)
    if earlier is not None:
        if earlier.id != occurrence.id:
            raise Conflict("This Idempotency-Key was already used for another check-in.")
        return await _result(session, earlier, replayed=True, idempotency_key=idempotency_key)
    settings = await organisations.settings_for(session, organisation_id=occurrence.organisation_id)
    refusal = None
    if occurrence.state in (State.ANSWERED, State.REPLIED):
        refusal = "You've already answered this check-in. Thank you."
    elif await _match_status(session, occurrence.match_id) not in policy.TOGETHER:
        # Nobody would read it: the former buddy is told nothing and the ladder has stopped. A call for
        # help is raised all the same (by the refusal).
        refusal = "This check-in closed when your match ended, so nobody would read it."
    elif not ladder.accepts_answer(occurrence.state, occurrence.due_at, delays_of(settings.checkins), now):
        refusal = "This check-in has closed. You can still send your buddy a check-in of your own."
    if refusal is not None:
        # While this check-in's own call for help is open, another one on it is the same call: the
        # coordinators are already on it (a retry of the first, queued offline, must not alert twice).
        same_call = occurrence.needs_help and bool(
            await safeguarding.open_alert_sources(session, source_ids=[occurrence.id])
        )
        raise await _refusal(
            session,
            refusal,
            actor=actor,
            needs_help=needs_help,
            organisation_id=occurrence.organisation_id,
            buddy_user_id=await _buddy_to_tell(session, occurrence),
            idempotency_key=idempotency_key,
            now=now,
            open_alert_source=occurrence.id if same_call else None,
        )
    if wellbeing is None:
        _record_help_only(occurrence, note, wants_call, idempotency_key)
        await _withdraw_prompts(session, occurrence, now=now)
        raised = await _raise_help(session, occurrence, idempotency_key=idempotency_key, now=now)
        return await _result(session, occurrence, replayed=False, alert_id=raised)
    _record_answer(occurrence, wellbeing, note, wants_call, needs_help, idempotency_key, now=now)
    occurrence.next_check_at = now + timedelta(hours=settings.checkins.buddy_reminder_after_hours)
    alert_id = await _after_answer(
        session, occurrence, settings.checkins, help_now=needs_help, idempotency_key=idempotency_key, now=now
    )
    return await _result(session, occurrence, replayed=False, alert_id=alert_id)


async def start_checkin(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    match_id: uuid.UUID,
    wellbeing: int | None,
    note: str | None,
    wants_call: bool,
    needs_help: bool,
    idempotency_key: str | None,
    now: datetime,
) -> AnswerResult:
    """The carer sends a check-in of their own ("I'd like to talk"), answered as it is made.

    With "I need help now" the score may be left out: it goes to the buddy without one.
    """
    match = await matching.get_match_or_raise(
        session, actor=actor, match_id=match_id, organisation_id=organisation_id
    )
    if actor.user_id != match.carer_user_id or not policy.can_answer_for(actor, match):
        raise NotAllowed("Only the carer sends a check-in to their buddy.")
    _require_score_or_help(wellbeing, needs_help)
    if match.status != MatchStatus.ACTIVE:
        raise await _refusal(
            session,
            "Check-ins go to an active match; this one is paused or has ended.",
            actor=actor,
            needs_help=needs_help,
            organisation_id=match.organisation_id,
            buddy_user_id=None,  # the buddy of a paused or ended match is not told
            idempotency_key=idempotency_key,
            now=now,
        )
    earlier = await _replay(session, actor, idempotency_key)
    if earlier is not None:
        if earlier.match_id != match.id or earlier.kind != OccurrenceKind.UNSCHEDULED:
            raise Conflict("This Idempotency-Key was already used for another check-in.")
        return await _result(session, earlier, replayed=True, idempotency_key=idempotency_key)
    settings = await organisations.settings_for(session, organisation_id=match.organisation_id)
    carer = await accounts.get_user_or_raise(session, user_id=match.carer_user_id)
    occurrence = CheckinOccurrence(
        match_id=match.id,
        plan_id=None,
        organisation_id=match.organisation_id,
        carer_user_id=match.carer_user_id,
        buddy_user_id=match.buddy_user_id,
        kind=OccurrenceKind.UNSCHEDULED,
        local_start=None,
        time_zone=carer.time_zone,
        due_at=now,
    )
    occurrence.created_at = now
    _record_answer(occurrence, wellbeing, note, wants_call, needs_help, idempotency_key, now=now)
    occurrence.next_check_at = now + timedelta(hours=settings.checkins.buddy_reminder_after_hours)
    session.add(occurrence)
    await session.flush()
    alert_id = await _after_answer(
        session, occurrence, settings.checkins, help_now=needs_help, idempotency_key=idempotency_key, now=now
    )
    return await _result(session, occurrence, replayed=False, alert_id=alert_id)


# Namespace of the alert ids for refused answers: one alert per carer and Idempotency-Key.
REFUSED_ANSWER = uuid.UUID("0b6d3f4e-5c2a-4e8f-9d17-8a3c6e1f2b54")


async def _refusal(
    session: AsyncSession,
    detail: str,
    *,
    actor: Actor,
    needs_help: bool,
    organisation_id: uuid.UUID,
    buddy_user_id: uuid.UUID | None,
    idempotency_key: str | None,
    now: datetime,
    open_alert_source: uuid.UUID | None = None,
) -> Conflict:
    """The error refusing an answer; with "I need help now" the alert is raised all the same.

    The answer is not stored, but a carer who needs help must never be turned away by a late or
    duplicate answer. A retry with the same ``Idempotency-Key`` finds the alert already raised, and so
    does any call while ``open_alert_source`` (the check-in's own call for help) is still open.
    """
    if not needs_help:
        return Conflict(detail)
    carer_user_id = actor.require_person()
    if open_alert_source is None:
        key = idempotency_key or uuid.uuid4().hex
        await safeguarding.raise_crisis_alert(
            session,
            organisation_id=organisation_id,
            carer_user_id=carer_user_id,
            buddy_user_id=buddy_user_id,
            source="checkin_refused",
            source_id=uuid.uuid5(REFUSED_ANSWER, f"{carer_user_id}:{key}"),
            now=now,
        )
    lines = await organisations.crisis_lines_for(session, organisation_id=organisation_id)
    return RefusedButHelpRaised(
        f"{detail} Your answer wasn't saved, but we've told the centre that you need help now. "
        "A coordinator will contact you as soon as they can.",
        crisis_lines=lines,
    )


def _require_score_or_help(wellbeing: int | None, needs_help: bool) -> None:
    """A score is asked for every answer, except one that says "I need help now" (it never waits)."""
    if wellbeing is None and not needs_help:
        raise Invalid("Choose how you're doing", field="wellbeing")


def _record_answer(
    occurrence: CheckinOccurrence,
    wellbeing: int | None,
    note: str | None,
    wants_call: bool,
    needs_help: bool,
    idempotency_key: str | None,
    *,
    now: datetime,
) -> None:
    """Store the answer; what an earlier "I need help now" on this check-in said is kept (issue 10)."""
    occurrence.state = State.ANSWERED
    occurrence.answered_at = now
    occurrence.wellbeing = wellbeing
    occurrence.note = (note or "").strip() or occurrence.note
    occurrence.wants_call = wants_call or bool(occurrence.wants_call)
    occurrence.needs_help = needs_help or bool(occurrence.needs_help)
    occurrence.idempotency_key = idempotency_key


def _record_help_only(
    occurrence: CheckinOccurrence, note: str | None, wants_call: bool, idempotency_key: str | None
) -> None:
    """A call for help with no score: kept on the check-in, which stays open for a score later."""
    if occurrence.state == State.SCHEDULED:
        occurrence.state = State.OPEN
    occurrence.needs_help = True
    occurrence.note = (note or "").strip() or occurrence.note
    occurrence.wants_call = wants_call or bool(occurrence.wants_call)
    occurrence.idempotency_key = idempotency_key


async def _withdraw_prompts(session: AsyncSession, occurrence: CheckinOccurrence, *, now: datetime) -> None:
    """Take back the carer's reminders about this check-in that have not gone yet."""
    for kind in (kinds.CheckinDue, kinds.CheckinNudge):
        key = _dedupe_key(kind, occurrence)
        await notifications.withdraw(session, user_id=occurrence.carer_user_id, dedupe_key=key, now=now)


# Namespace of the ids of a second call for help on one check-in, after its first was acknowledged.
HELP_AGAIN = uuid.UUID("5d0c7b8e-2f4a-4b61-8e3d-9a7f1c2e6b40")


async def _raise_help(
    session: AsyncSession, occurrence: CheckinOccurrence, *, idempotency_key: str | None, now: datetime
) -> uuid.UUID:
    """The crisis alert of this check-in; returns its id.

    While the check-in's alert is open a later answer with "I need help now" is the same call (a retry,
    or the score sent after a help-only answer): the coordinators are already on it. Once a coordinator
    has acknowledged it, a new "I need help now" on the same check-in is a new call and raises a new alert.
    """
    source_id = occurrence.id
    first = await safeguarding.alert_for_source(session, source_id=occurrence.id)
    if first is not None and first.status != AlertStatus.OPEN:
        source_id = uuid.uuid5(HELP_AGAIN, f"{occurrence.id}:{idempotency_key or uuid.uuid4().hex}")
    alert = await safeguarding.raise_crisis_alert(
        session,
        organisation_id=occurrence.organisation_id,
        carer_user_id=occurrence.carer_user_id,
        buddy_user_id=await _buddy_to_tell(session, occurrence),  # a former buddy is told nothing
        source="checkin",
        source_id=source_id,
        now=now,
    )
    return alert.id


async def _after_answer(
    session: AsyncSession,
    occurrence: CheckinOccurrence,
    settings: CheckinSettings,
    *,
    help_now: bool,
    idempotency_key: str | None,
    now: datetime,
) -> uuid.UUID | None:
    """Tell the buddy, take back unsent reminders, raise a crisis alert, flag a run of low scores.

    ``help_now`` is this answer's own "I need help now" (not an earlier one kept on the check-in);
    returns the alert it raised or joined.
    """
    await _withdraw_prompts(session, occurrence, now=now)
    alert_id = None
    if help_now:
        alert_id = await _raise_help(session, occurrence, idempotency_key=idempotency_key, now=now)
    if await _buddy_to_tell(session, occurrence) is not None:
        await _tell(session, occurrence, kinds.NewAnswer, now=now)
    recent = (
        await session.scalars(
            select(CheckinOccurrence.wellbeing)
            .where(
                CheckinOccurrence.match_id == occurrence.match_id, CheckinOccurrence.wellbeing.is_not(None)
            )
            .order_by(CheckinOccurrence.answered_at.desc(), CheckinOccurrence.id)
            .limit(settings.low_score_run * 4)
        )
    ).all()
    scores = [int(s) for s in recent if s is not None]
    run = 0
    for score in scores:
        if score > settings.low_score_threshold:
            break
        run += 1
    # Flag when a run reaches the length, and again each time it grows by as much again.
    if (
        run
        and run % settings.low_score_run == 0
        and await _take_step(session, occurrence, LOW_SCORE_REVIEW, now=now)
    ):
        await _notify_coordinators(session, occurrence, reason="needs_review", now=now)
    return alert_id


async def _result(
    session: AsyncSession,
    occurrence: CheckinOccurrence,
    *,
    replayed: bool,
    alert_id: uuid.UUID | None = None,
    idempotency_key: str | None = None,
) -> AnswerResult:
    """The answer to send back: with a call for help, the crisis lines and the alert it raised or joined.

    A replay finds the alert its first request raised; a score sent while the check-in's own call for
    help is still open is told that help is coming, with the lines.
    """
    if alert_id is None and occurrence.needs_help:
        sources = [occurrence.id]
        if replayed and idempotency_key:
            sources.insert(0, uuid.uuid5(HELP_AGAIN, f"{occurrence.id}:{idempotency_key}"))
        for source_id in sources:
            alert = await safeguarding.alert_for_source(session, source_id=source_id)
            if alert is not None and (replayed or alert.status == AlertStatus.OPEN):
                alert_id = alert.id
                break
    if alert_id is None:
        return AnswerResult(occurrence, replayed, [], None)
    lines = await organisations.crisis_lines_for(session, organisation_id=occurrence.organisation_id)
    return AnswerResult(occurrence, replayed, lines, alert_id)


async def reply(
    session: AsyncSession,
    *,
    actor: Actor,
    occurrence_id: uuid.UUID,
    kind: ReplyKind,
    message: str | None,
    now: datetime,
) -> CheckinView:
    """The buddy replies (a message, "we spoke", "call arranged"); the carer is told. Not once it ended."""
    occurrence = await get_occurrence_or_raise(
        session, actor=actor, occurrence_id=occurrence_id, now=now, lock=True
    )
    if not policy.is_buddy(actor, occurrence):
        raise NotAllowed("Only the buddy replies to a check-in.")
    match_status = await _match_status(session, occurrence.match_id)
    if not policy.sees_answers(actor, occurrence, match_status):
        raise Conflict("This match has ended, so its check-ins are closed.")
    if occurrence.state == State.REPLIED:
        raise Conflict("You've already replied to this check-in.")
    if occurrence.state not in (State.OPEN, State.ANSWERED, State.MISSED):
        raise Conflict("This check-in isn't due yet.")
    text = (message or "").strip() or None
    if kind == ReplyKind.MESSAGE and text is None:
        raise Invalid(
            "Please write a message, or choose \u201cwe spoke\u201d or \u201ccall arranged\u201d.",
            field="message",
        )
    occurrence.state = State.REPLIED
    occurrence.replied_at = now
    occurrence.reply_kind = kind
    occurrence.reply_message = text
    occurrence.replied_by_user_id = actor.user_id
    occurrence.next_check_at = None
    await notifications.withdraw(
        session,
        user_id=occurrence.buddy_user_id,
        dedupe_key=_dedupe_key(kinds.ReplyReminder, occurrence),
        now=now,
    )
    await _tell(session, occurrence, kinds.BuddyReplied, now=now)
    return view_for(actor, occurrence, match_status)


# --- lists ---------------------------------------------------------------------------------------


async def list_for_match(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    match_id: uuid.UUID,
    now: datetime,
    limit: int = 50,
) -> list[CheckinView]:
    """A pair's check-ins that are due or done, newest first (the carer's history with the replies).

    A former buddy sees the check-ins of their ended match and their own replies, not the answers.
    """
    match = await matching.get_match_or_raise(
        session, actor=actor, match_id=match_id, organisation_id=organisation_id
    )
    if policy.coordinator_only(actor, match.organisation_id, match.carer_user_id, match.buddy_user_id):
        await audit.record(
            session,
            actor=actor,
            action="checkins.history.viewed",
            now=now,
            organisation_id=match.organisation_id,
            subject_user_id=match.carer_user_id,
            object_type="match",
            object_id=match.id,
        )
    found = (
        await session.scalars(
            select(CheckinOccurrence)
            .where(CheckinOccurrence.match_id == match.id, CheckinOccurrence.due_at <= now)
            .order_by(CheckinOccurrence.due_at.desc())
            .limit(limit)
        )
    ).all()
    return [view_for(actor, occurrence, match.status) for occurrence in found]


async def list_mine(
    session: AsyncSession, *, actor: Actor, as_buddy: bool, awaiting: bool, now: datetime, limit: int = 50
) -> list[CheckinView]:
    """My check-ins: as a carer, those open or recent; as a buddy, those waiting for my reply (or recent).

    Only where I hold that role now (a suspended buddy who is also a carer there reads nothing as a
    buddy), and a former buddy sees the check-ins of an ended match without the answers (issue 10 §2).
    """
    user_id = actor.require_person()
    query = (
        select(CheckinOccurrence, Match.status)
        .join(Match, Match.id == CheckinOccurrence.match_id)
        .where(CheckinOccurrence.due_at <= now)
    )
    if as_buddy:
        query = query.where(
            CheckinOccurrence.buddy_user_id == user_id,
            CheckinOccurrence.organisation_id.in_(policy.buddy_organisations(actor)),
        )
        if awaiting:  # nothing waits for a reply from a former buddy
            query = query.where(CheckinOccurrence.state == State.ANSWERED, Match.status.in_(policy.TOGETHER))
    else:
        query = query.where(
            CheckinOccurrence.carer_user_id == user_id,
            CheckinOccurrence.organisation_id.in_(policy.carer_organisations(actor)),
        )
        if awaiting:  # a check-in of an ended match can no longer be answered: it waits for nothing
            query = query.where(
                CheckinOccurrence.state.in_([State.OPEN, State.MISSED]), Match.status.in_(policy.TOGETHER)
            )
    rows = await session.execute(query.order_by(CheckinOccurrence.due_at.desc()).limit(limit))
    return [view_for(actor, occurrence, MatchStatus(status)) for occurrence, status in rows.all()]


# --- the coordinators' attention list ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """A check-in that needs a coordinator, and why."""

    step: CheckinStep
    occurrence: CheckinOccurrence
    carer_name: str
    buddy_name: str
    history: list[tuple[str, datetime]]  # every ladder step of this check-in so far, with its time


async def attention(
    session: AsyncSession, *, actor: Actor, organisation_id: uuid.UUID
) -> Sequence[AttentionItem | matching.ChangeRequestItem]:
    """Everything needing a coordinator, not yet resolved, oldest first.

    Missed check-ins, answers the buddy has not replied to, runs of low scores, and asks for a break or
    a different buddy (issue 10 §3, so an ending can be planned).
    """
    if not policy.is_coordinator(actor, organisation_id):
        raise actor.refusal(organisation_id, "Only coordinators see this.")
    carer, buddy = aliased(User), aliased(User)
    rows = await session.execute(
        select(CheckinStep, CheckinOccurrence, carer.display_name, buddy.display_name)
        .join(CheckinOccurrence, CheckinOccurrence.id == CheckinStep.occurrence_id)
        .join(carer, carer.id == CheckinOccurrence.carer_user_id)
        .join(buddy, buddy.id == CheckinOccurrence.buddy_user_id)
        .where(
            and_(
                CheckinStep.organisation_id == organisation_id,
                CheckinStep.needs_coordinator.is_(True),
                CheckinStep.resolved_at.is_(None),
            )
        )
        .order_by(CheckinStep.at)
        .limit(500)
    )
    found = rows.all()
    history: dict[uuid.UUID, list[tuple[str, datetime]]] = {}
    occurrence_ids = {occurrence.id for _, occurrence, _, _ in found}  # at most 500 (the limit above)
    if occurrence_ids:
        for occurrence_id, name, at in await session.execute(
            select(CheckinStep.occurrence_id, CheckinStep.step, CheckinStep.at)
            .where(CheckinStep.occurrence_id.in_(occurrence_ids))
            .order_by(CheckinStep.at, CheckinStep.step)
        ):
            history.setdefault(occurrence_id, []).append((name, at))
    items: list[AttentionItem | matching.ChangeRequestItem] = [
        AttentionItem(step, occurrence, carer_name, buddy_name, history.get(occurrence.id, []))
        for step, occurrence, carer_name, buddy_name in found
    ]
    items += await matching.open_change_requests(session, actor=actor, organisation_id=organisation_id)
    return sorted(items, key=lambda i: i.step.at if isinstance(i, AttentionItem) else i.request.asked_at)


async def resolve_attention(
    session: AsyncSession,
    *,
    actor: Actor,
    organisation_id: uuid.UUID,
    step_id: uuid.UUID,
    note: str,
    now: datetime,
) -> CheckinStep | ChangeRequest:
    """A coordinator records what they did about an item; it leaves the list."""
    if not policy.is_coordinator(actor, organisation_id):
        raise actor.refusal(organisation_id, "Only coordinators see this.")
    step = await session.get(CheckinStep, step_id)
    if step is None:
        asked = await matching.resolve_change_request(
            session, actor=actor, organisation_id=organisation_id, request_id=step_id, note=note, now=now
        )
        if asked is not None:
            return asked
    if step is None or step.organisation_id != organisation_id or not step.needs_coordinator:
        raise NotFound("No such item.")
    if step.resolved_at is not None:
        raise Conflict("Another coordinator has already dealt with this.")
    step.resolved_at = now
    step.resolved_by_user_id = actor.user_id
    step.resolution_note = note.strip() or None
    await audit.record(
        session,
        actor=actor,
        action="checkins.attention.resolved",
        now=now,
        organisation_id=organisation_id,
        object_type="checkin_step",
        object_id=step.id,
        details={"step": step.step},
    )
    return step


async def counts(session: AsyncSession) -> dict[str, int]:
    """Ladder steps taken by kind, and check-ins by state (for metrics)."""
    steps = dict(
        (await session.execute(select(CheckinStep.step, func.count()).group_by(CheckinStep.step))).all()
    )
    states = dict(
        (
            await session.execute(
                select(CheckinOccurrence.state, func.count()).group_by(CheckinOccurrence.state)
            )
        ).all()
    )
    return {
        **{f"step_{k}": int(v) for k, v in steps.items()},
        **{f"state_{k}": int(v) for k, v in states.items()},
    }
