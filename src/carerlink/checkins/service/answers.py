"""The carer's answers: to a planned check-in, or a check-in of their own, with retries answered once."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.accounts import service as accounts
from carerlink.actor import Actor
from carerlink.checkins import ladder, policy
from carerlink.checkins.ladder import State
from carerlink.checkins.models import LOW_SCORE_REVIEW, CheckinOccurrence, OccurrenceKind
from carerlink.checkins.service._common import (
    buddy_to_tell,
    dedupe_key,
    delays_of,
    match_status,
    notify_coordinators,
    take_step,
    tell,
)
from carerlink.checkins.service.help import HELP_AGAIN, raise_help, refusal
from carerlink.checkins.service.views import CheckinView, checkin_view, get_occurrence_or_raise
from carerlink.errors import Conflict, Invalid, NotAllowed
from carerlink.i18n import _
from carerlink.matching import service as matching
from carerlink.matching.models import MatchStatus
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.organisations.scope import Scope
from carerlink.safeguarding import service as safeguarding
from carerlink.safeguarding.models import AlertStatus


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
        return checkin_view(self.occurrence, match_ended=False, answers_shown=True)


async def answer(
    scope: Scope,
    *,
    occurrence_id: uuid.UUID,
    wellbeing: int | None,
    note: str | None,
    wants_call: bool,
    needs_help: bool,
    idempotency_key: str | None,
) -> AnswerResult:
    """The carer answers a check-in. A retry with the same ``Idempotency-Key`` returns the first answer.

    "I need help now" with no score raises the crisis alert at once and leaves the check-in open for a
    score later (issue 10); that later answer completes it without a second alert.
    """
    occurrence = await get_occurrence_or_raise(scope, occurrence_id=occurrence_id, lock=True)
    if not policy.is_carer(scope.actor, occurrence):
        raise NotAllowed(_("Only the carer answers their check-in."))
    _require_score_or_help(wellbeing, needs_help)
    scope = await scope.within(occurrence.organisation_id)  # its settings and crisis lines, loaded once
    earlier = await _replay(scope.session, scope.actor, idempotency_key)
    if earlier is not None:
        if earlier.id != occurrence.id:
            raise Conflict(_("This Idempotency-Key was already used for another check-in."))
        return await _result(scope, earlier, replayed=True, idempotency_key=idempotency_key)
    status = await match_status(scope.session, occurrence.match_id)
    buddy_user_id = buddy_to_tell(occurrence, status)
    settings = scope.settings.checkins
    detail = None
    if occurrence.state in (State.ANSWERED, State.REPLIED):
        detail = _("You've already answered this check-in. Thank you.")
    elif status not in policy.TOGETHER:
        # Nobody would read it: the former buddy is told nothing and the ladder has stopped. A call for
        # help is raised all the same (by the refusal).
        detail = _("This check-in closed when your match ended, so nobody would read it.")
    elif not ladder.accepts_answer(occurrence.state, occurrence.due_at, delays_of(settings), scope.now):
        detail = _("This check-in has closed. You can still send your buddy a check-in of your own.")
    if detail is not None:
        # While this check-in's own call for help is open, another one on it is the same call: the
        # coordinators are already on it (a retry of the first, queued offline, must not alert twice).
        same_call = occurrence.needs_help and bool(
            await safeguarding.open_alert_sources(scope.session, source_ids=[occurrence.id])
        )
        raise await refusal(
            scope,
            detail,
            needs_help=needs_help,
            buddy_user_id=buddy_user_id,
            idempotency_key=idempotency_key,
            open_alert_source=occurrence.id if same_call else None,
        )
    if wellbeing is None:
        _record_help_only(occurrence, note, wants_call, idempotency_key)
        await _withdraw_prompts(scope, occurrence)
        raised = await raise_help(
            scope, occurrence, buddy_user_id=buddy_user_id, idempotency_key=idempotency_key
        )
        return await _result(scope, occurrence, replayed=False, alert_id=raised)
    _record_answer(occurrence, wellbeing, note, wants_call, needs_help, idempotency_key, now=scope.now)
    occurrence.next_check_at = scope.now + timedelta(hours=settings.buddy_reminder_after_hours)
    alert_id = await _after_answer(
        scope, occurrence, buddy_user_id=buddy_user_id, help_now=needs_help, idempotency_key=idempotency_key
    )
    return await _result(scope, occurrence, replayed=False, alert_id=alert_id)


async def start_checkin(
    scope: Scope,
    *,
    match_id: uuid.UUID,
    wellbeing: int | None,
    note: str | None,
    wants_call: bool,
    needs_help: bool,
    idempotency_key: str | None,
) -> AnswerResult:
    """The carer sends a check-in of their own ("I'd like to talk"), answered as it is made.

    With "I need help now" the score may be left out: it goes to the buddy without one.
    """
    session, actor = scope.session, scope.actor
    match = await matching.get_match_or_raise(
        session, actor=actor, match_id=match_id, organisation_id=scope.organisation_id
    )
    if actor.user_id != match.carer_user_id or not policy.can_answer_for(actor, match):
        raise NotAllowed(_("Only the carer sends a check-in to their buddy."))
    _require_score_or_help(wellbeing, needs_help)
    if match.status != MatchStatus.ACTIVE:
        raise await refusal(
            scope,
            _("Check-ins go to an active match; this one is paused or has ended."),
            needs_help=needs_help,
            buddy_user_id=None,  # the buddy of a paused or ended match is not told
            idempotency_key=idempotency_key,
        )
    earlier = await _replay(session, actor, idempotency_key)
    if earlier is not None:
        if earlier.match_id != match.id or earlier.kind != OccurrenceKind.UNSCHEDULED:
            raise Conflict(_("This Idempotency-Key was already used for another check-in."))
        return await _result(scope, earlier, replayed=True, idempotency_key=idempotency_key)
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
        due_at=scope.now,
    )
    occurrence.created_at = scope.now
    _record_answer(occurrence, wellbeing, note, wants_call, needs_help, idempotency_key, now=scope.now)
    occurrence.next_check_at = scope.now + timedelta(hours=scope.settings.checkins.buddy_reminder_after_hours)
    session.add(occurrence)
    await session.flush()
    alert_id = await _after_answer(
        scope,
        occurrence,
        buddy_user_id=match.buddy_user_id,  # the match is active
        help_now=needs_help,
        idempotency_key=idempotency_key,
    )
    return await _result(scope, occurrence, replayed=False, alert_id=alert_id)


async def _replay(
    session: AsyncSession, actor: Actor, idempotency_key: str | None
) -> CheckinOccurrence | None:
    """The check-in an earlier request with this ``Idempotency-Key`` answered, if any."""
    if not idempotency_key:
        return None
    return await session.scalar(
        select(CheckinOccurrence).where(
            CheckinOccurrence.carer_user_id == actor.user_id,
            CheckinOccurrence.idempotency_key == idempotency_key,
        )
    )


def _require_score_or_help(wellbeing: int | None, needs_help: bool) -> None:
    """A score is asked for every answer, except one that says "I need help now" (it never waits)."""
    if wellbeing is None and not needs_help:
        raise Invalid(_("Choose how you're doing"), field="wellbeing")


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


async def _withdraw_prompts(scope: Scope, occurrence: CheckinOccurrence) -> None:
    """Take back the carer's reminders about this check-in that have not gone yet."""
    for kind in (kinds.CheckinDue, kinds.CheckinNudge):
        await notifications.withdraw(
            scope.session,
            user_id=occurrence.carer_user_id,
            dedupe_key=dedupe_key(kind, occurrence),
            now=scope.now,
        )


async def _after_answer(
    scope: Scope,
    occurrence: CheckinOccurrence,
    *,
    buddy_user_id: uuid.UUID | None,
    help_now: bool,
    idempotency_key: str | None,
) -> uuid.UUID | None:
    """Tell the buddy, take back unsent reminders, raise a crisis alert, flag a run of low scores.

    ``help_now`` is this answer's own "I need help now" (not an earlier one kept on the check-in);
    ``buddy_user_id`` the buddy to tell (``None`` once the match has ended). Returns the alert it raised
    or joined.
    """
    await _withdraw_prompts(scope, occurrence)
    alert_id = None
    if help_now:
        alert_id = await raise_help(
            scope, occurrence, buddy_user_id=buddy_user_id, idempotency_key=idempotency_key
        )
    if buddy_user_id is not None:
        await tell(scope, occurrence, kinds.NewAnswer)
    settings = scope.settings.checkins
    recent = (
        await scope.session.scalars(
            select(CheckinOccurrence.wellbeing)
            .where(
                CheckinOccurrence.match_id == occurrence.match_id, CheckinOccurrence.wellbeing.is_not(None)
            )
            .order_by(CheckinOccurrence.answered_at.desc(), CheckinOccurrence.id)
            .limit(settings.low_score_run * 4)
        )
    ).all()
    run = 0
    for score in (int(s) for s in recent if s is not None):
        if score > settings.low_score_threshold:
            break
        run += 1
    # Flag when a run reaches the length, and again each time it grows by as much again.
    if run and run % settings.low_score_run == 0 and await take_step(scope, occurrence, LOW_SCORE_REVIEW):
        await notify_coordinators(scope, occurrence, reason="needs_review")
    return alert_id


async def _result(
    scope: Scope,
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
            alert = await safeguarding.alert_for_source(scope.session, source_id=source_id)
            if alert is not None and (replayed or alert.status == AlertStatus.OPEN):
                alert_id = alert.id
                break
    if alert_id is None:
        return AnswerResult(occurrence, replayed, [], None)
    return AnswerResult(occurrence, replayed, safeguarding.crisis_lines(scope), alert_id)
