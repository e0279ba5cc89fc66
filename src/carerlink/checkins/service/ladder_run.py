"""Walking the escalation ladder: the steps due for each check-in, taken once, and what each one tells."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Actor
from carerlink.checkins import ladder
from carerlink.checkins.ladder import State, Step
from carerlink.checkins.models import CheckinOccurrence, CheckinStep
from carerlink.checkins.service._common import delays_of, notify_coordinators, take_step, tell
from carerlink.matching.models import Match, MatchStatus
from carerlink.notifications import kinds
from carerlink.organisations.scope import Scope, open_scope
from carerlink.safeguarding import service as safeguarding

LADDER_STEPS = frozenset(step.value for step in Step)

# The ladder steps that tell the carer or the buddy something, and what they are told.
_STEP_MESSAGES: dict[Step, type[kinds.Kind]] = {
    Step.PROMPT: kinds.CheckinDue,
    Step.NUDGE: kinds.CheckinNudge,
    Step.TELL_BUDDY: kinds.CarerQuiet,
    Step.BUDDY_REMINDER: kinds.ReplyReminder,
}


async def _apply(scope: Scope, occurrence: CheckinOccurrence, step: Step) -> None:
    """The side effects of one ladder step (only ever run by the call that recorded the step)."""
    if step in _STEP_MESSAGES:
        await tell(scope, occurrence, _STEP_MESSAGES[step])
    elif step == Step.TELL_COORDINATOR:
        await notify_coordinators(scope, occurrence, reason="buddy_no_reply")
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
    # One scope per organisation for the whole run, as a request has: its settings are read once.
    scopes: dict[uuid.UUID, Scope] = {}
    for occurrence in occurrences:
        scope = scopes.get(occurrence.organisation_id)
        if scope is None:
            scope = await open_scope(
                session,
                actor=Actor.system(),
                now=now,
                organisation_id=occurrence.organisation_id,
            )
            scopes[occurrence.organisation_id] = scope
        position = ladder.Position(
            state=occurrence.state,
            due_at=occurrence.due_at,
            answered_at=occurrence.answered_at,
            done=frozenset(Step(s) for s in done[occurrence.id] if s in LADDER_STEPS),
            help_asked=occurrence.id in help_asked,
            help_open=occurrence.id in help_open,
        )
        decision = ladder.decide(position, delays_of(scope.settings.checkins), now)
        for step in decision.steps:
            if await take_step(scope, occurrence, step.value):
                await _apply(scope, occurrence, step)
        occurrence.state = decision.state
        occurrence.next_check_at = decision.next_check_at
    return len(occurrences)
