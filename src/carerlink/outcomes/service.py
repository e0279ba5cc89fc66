"""Outcome measures and equality monitoring: choosing a measure, asking carers, their answers, equality.

"The start" is when a carer's first match becomes active (after the centre chose a measure): that is
when support begins, so the start answers describe life before a buddy's help, and 3 and 6 months are
counted from it. Joining the waiting list is not the start: a carer may wait months, and answers then
would measure the wait, not the support. Follow-ups use the start's measure, so answers compare.

An ask opens when due (the carer is told, nothing of the questions or answers in the message) and
closes unanswered after four weeks. "Not now" hides it for three days; "No thanks" declines it.

Nobody reads another person's answers here: a carer reads and answers only their own asks, and
coordinators see only the reports' aggregates (``reporting.py``). Equality answers are kept only with
their own consent; withdrawing it deletes them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Role
from carerlink.db import dialect_insert
from carerlink.errors import Conflict, Invalid, NotFound
from carerlink.i18n import N_, _
from carerlink.matching.models import Match
from carerlink.notifications import kinds
from carerlink.notifications import service as notifications
from carerlink.organisations.consents import CURRENT
from carerlink.organisations.models import ConsentKind, Membership, MembershipStatus
from carerlink.organisations.scope import Scope
from carerlink.organisations.service import consents
from carerlink.outcomes import policy, words
from carerlink.outcomes.models import (
    AskPoint,
    AskState,
    EqualityAnswer,
    OutcomeAsk,
    OutcomeMeasure,
    OutcomeQuestion,
)

ANSWER_WINDOW = timedelta(weeks=4)  # an ask not answered in this long closes
NOT_NOW = timedelta(days=3)  # "Not now" hides an open ask this long
FOLLOW_UPS = {AskPoint.THREE_MONTHS: relativedelta(months=3), AskPoint.SIX_MONTHS: relativedelta(months=6)}
_CONFIGURE = N_("Only coordinators choose the outcome measure.")
_CARERS_ONLY = N_("Only carers are asked these questions.")
_EQUALITY_WHO = N_("Equality questions are for carers and buddies.")


# --- measures (coordinators) ------------------------------------------------------------------------


@dataclass(slots=True)
class MeasureView:
    """A measure with its questions in order, and whether anyone has answered it yet."""

    measure: OutcomeMeasure
    questions: list[OutcomeQuestion] = field(default_factory=list)
    answered: bool = False

    @property
    def built_in(self) -> bool:
        """Whether this is carerlink's own set (not editable)."""
        return self.measure.key == words.BUILT_IN_KEY


async def ensure_built_in(session: AsyncSession, *, organisation_id: uuid.UUID) -> OutcomeMeasure:
    """The organisation's copy of carerlink's own questions, made on first use (once, even when raced)."""
    made = (
        await session.execute(
            dialect_insert(session, OutcomeMeasure.__table__)
            .values(
                id=uuid.uuid4(),
                organisation_id=organisation_id,
                key=words.BUILT_IN_KEY,
                name=words.BUILT_IN_NAME,
                licence_note=words.BUILT_IN_NOTE,
                created_at=datetime.now(UTC),
            )
            .on_conflict_do_nothing(index_elements=["organisation_id", "key"])
            .returning(OutcomeMeasure.__table__.c.id)
        )
    ).scalar_one_or_none()
    if made is not None:
        for position, (wording, options) in enumerate(words.BUILT_IN_QUESTIONS, start=1):
            session.add(OutcomeQuestion(measure_id=made, position=position, wording=wording, options=options))
        await session.flush()
    found = await session.scalar(
        select(OutcomeMeasure).where(
            OutcomeMeasure.organisation_id == organisation_id, OutcomeMeasure.key == words.BUILT_IN_KEY
        )
    )
    assert found is not None
    return found


async def _questions(
    session: AsyncSession, measure_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[OutcomeQuestion]]:
    rows = (
        await session.scalars(
            select(OutcomeQuestion)
            .where(OutcomeQuestion.measure_id.in_(list(measure_ids)))
            .order_by(OutcomeQuestion.measure_id, OutcomeQuestion.position)
        )
    ).all()
    found: dict[uuid.UUID, list[OutcomeQuestion]] = {mid: [] for mid in measure_ids}
    for question in rows:
        found[question.measure_id].append(question)
    return found


async def list_measures(scope: Scope) -> list[MeasureView]:
    """The centre's measures (carerlink's own first made if missing), the one in use first."""
    organisation = scope.require(policy.can_configure, str(_CONFIGURE))
    await ensure_built_in(scope.session, organisation_id=organisation.id)
    measures = (
        await scope.session.scalars(
            select(OutcomeMeasure).where(OutcomeMeasure.organisation_id == organisation.id)
        )
    ).all()
    ids = [m.id for m in measures]
    questions = await _questions(scope.session, ids)
    answered = set(
        (
            await scope.session.scalars(
                select(OutcomeAsk.measure_id).where(
                    OutcomeAsk.measure_id.in_(ids), OutcomeAsk.state == AskState.ANSWERED
                )
            )
        ).all()
    )
    views = [MeasureView(m, questions[m.id], m.id in answered) for m in measures]
    views.sort(key=lambda v: (v.measure.in_use_since is None, not v.built_in, v.measure.name.casefold()))
    return views


async def _measure_or_raise(scope: Scope, measure_id: uuid.UUID) -> OutcomeMeasure:
    measure = await scope.session.get(OutcomeMeasure, measure_id)
    if measure is None or measure.organisation_id != scope.organisation_id:
        raise NotFound(_("No such outcome measure."))
    return measure


def _check_options(questions: Sequence[Any]) -> None:
    for index, question in enumerate(questions):
        scores = [option.score for option in question.options]
        if len(set(scores)) != len(scores):
            raise Invalid(
                _("Give each answer of a question its own score."), field=f"questions[{index}].options"
            )


def _set_questions(session: AsyncSession, measure: OutcomeMeasure, questions: Sequence[Any]) -> None:
    for position, question in enumerate(questions, start=1):
        session.add(
            OutcomeQuestion(
                measure_id=measure.id,
                position=position,
                wording=question.wording,
                options=[{"words": o.words, "score": o.score} for o in question.options],
            )
        )


async def create_measure(
    scope: Scope, *, name: str, licence_note: str, questions: Sequence[Any]
) -> MeasureView:
    """Add the centre's licensed instrument (its wording entered by the centre); not in use until chosen."""
    organisation = scope.require(policy.can_configure, str(_CONFIGURE))
    _check_options(questions)
    measure = OutcomeMeasure(
        organisation_id=organisation.id, name=name.strip(), licence_note=licence_note.strip()
    )
    scope.session.add(measure)
    await scope.session.flush()
    _set_questions(scope.session, measure, questions)
    await scope.session.flush()
    await scope.audit("outcomes.measure.added", object_type="outcome_measure", object_id=measure.id)
    return MeasureView(measure, (await _questions(scope.session, [measure.id]))[measure.id])


async def update_measure(
    scope: Scope, *, measure_id: uuid.UUID, name: str, licence_note: str, questions: Sequence[Any]
) -> MeasureView:
    """Change a licensed instrument; its questions only while nobody has answered them."""
    scope.require(policy.can_configure, str(_CONFIGURE))
    measure = await _measure_or_raise(scope, measure_id)
    if measure.key == words.BUILT_IN_KEY:
        raise Conflict(
            _("carerlink's own questions cannot be changed; add your centre's instrument instead.")
        )
    _check_options(questions)
    current = (await _questions(scope.session, [measure.id]))[measure.id]
    same = [(q.wording, q.options) for q in current] == [
        (q.wording, [{"words": o.words, "score": o.score} for o in q.options]) for q in questions
    ]
    answered = await scope.session.scalar(
        select(func.count())
        .select_from(OutcomeAsk)
        .where(OutcomeAsk.measure_id == measure.id, OutcomeAsk.state == AskState.ANSWERED)
    )
    if not same and answered:
        raise Conflict(
            _(
                "Carers have answered these questions, so they can no longer change. "
                "Add a new instrument instead."
            )
        )
    measure.name = name.strip()
    measure.licence_note = licence_note.strip()
    if not same:
        await scope.session.execute(delete(OutcomeQuestion).where(OutcomeQuestion.measure_id == measure.id))
        await scope.session.flush()
        _set_questions(scope.session, measure, questions)
    await scope.session.flush()
    await scope.audit("outcomes.measure.changed", object_type="outcome_measure", object_id=measure.id)
    return MeasureView(measure, (await _questions(scope.session, [measure.id]))[measure.id], bool(answered))


async def choose_measure(scope: Scope, *, measure_id: uuid.UUID | None) -> list[MeasureView]:
    """Ask carers this measure from now on (``None``: stop asking); asks already made keep theirs."""
    organisation = scope.require(policy.can_configure, str(_CONFIGURE))
    chosen = await _measure_or_raise(scope, measure_id) if measure_id is not None else None
    measures = (
        await scope.session.scalars(
            select(OutcomeMeasure).where(OutcomeMeasure.organisation_id == organisation.id)
        )
    ).all()
    for measure in measures:
        if chosen is not None and measure.id == chosen.id:
            if measure.in_use_since is None:
                measure.in_use_since = scope.now
        else:
            measure.in_use_since = None
    await scope.session.flush()
    await scope.audit(
        "outcomes.measure.chosen",
        object_type="outcome_measure",
        object_id=chosen.id if chosen is not None else None,
        details={"asking": chosen is not None},
    )
    return await list_measures(scope)


# --- asks (carers) ------------------------------------------------------------------------------------


@dataclass(slots=True)
class AskView:
    """An ask of mine with its measure and questions."""

    ask: OutcomeAsk
    measure: OutcomeMeasure
    questions: list[OutcomeQuestion]

    @property
    def intro(self) -> str:
        """What the questions are about."""
        if self.measure.key == words.BUILT_IN_KEY:
            return words.BUILT_IN_INTRO
        return "Your centre asks these questions to see how its support helps."


async def list_my_asks(scope: Scope) -> list[AskView]:
    """My open asks (those I said "Not now" to included), oldest first."""
    scope.require(policy.answers_asks, str(_CARERS_ONLY))
    asks = (
        await scope.session.scalars(
            select(OutcomeAsk)
            .where(
                OutcomeAsk.organisation_id == scope.organisation_id,
                OutcomeAsk.carer_user_id == scope.actor.require_person(),
                OutcomeAsk.state == AskState.OPEN,
            )
            .order_by(OutcomeAsk.due_at)
        )
    ).all()
    return [await _view(scope.session, ask) for ask in asks]


async def _view(session: AsyncSession, ask: OutcomeAsk) -> AskView:
    measure = await session.get(OutcomeMeasure, ask.measure_id)
    assert measure is not None  # measures are never deleted while asks name them (cascade)
    return AskView(ask, measure, (await _questions(session, [measure.id]))[measure.id])


async def _my_open_ask(scope: Scope, ask_id: uuid.UUID) -> OutcomeAsk:
    scope.require(policy.answers_asks, str(_CARERS_ONLY))
    ask = await scope.session.get(OutcomeAsk, ask_id)
    # Someone else's ask is "no such ask": a carer cannot learn another's exists.
    if ask is None or ask.organisation_id != scope.organisation_id or not policy.is_theirs(scope.actor, ask):
        raise NotFound(_("No such set of questions."))
    if ask.state != AskState.OPEN:
        raise Conflict(_("These questions are closed now. Thank you."))
    return ask


async def get_my_ask(scope: Scope, *, ask_id: uuid.UUID) -> AskView:
    """One open ask of mine with its questions."""
    return await _view(scope.session, await _my_open_ask(scope, ask_id))


async def answer_ask(scope: Scope, *, ask_id: uuid.UUID, answers: dict[str, int]) -> OutcomeAsk:
    """Record my answers: every question, each with one of its own scores; the total is their sum."""
    ask = await _my_open_ask(scope, ask_id)
    questions = (await _questions(scope.session, [ask.measure_id]))[ask.measure_id]
    kept: dict[str, int] = {}
    for question in questions:
        key = str(question.position)
        if key not in answers:
            raise Invalid(_("Please answer every question."), field=f"answers.{key}")
        if answers[key] not in {int(option["score"]) for option in question.options}:
            raise Invalid(_("Choose one of the answers given."), field=f"answers.{key}")
        kept[key] = answers[key]
    unknown = set(answers) - set(kept)
    if unknown:
        raise Invalid(_("There is no such question."), field=f"answers.{sorted(unknown)[0]}")
    ask.answers = kept
    ask.total = sum(kept.values())
    ask.state = AskState.ANSWERED
    ask.answered_at = scope.now
    ask.not_now_until = None
    await scope.session.flush()
    return ask


async def not_now(scope: Scope, *, ask_id: uuid.UUID) -> OutcomeAsk:
    """Hide an open ask for a few days; it stays open until it closes."""
    ask = await _my_open_ask(scope, ask_id)
    ask.not_now_until = scope.now + NOT_NOW
    await scope.session.flush()
    return ask


async def decline(scope: Scope, *, ask_id: uuid.UUID) -> OutcomeAsk:
    """I'd rather not answer these questions this time."""
    ask = await _my_open_ask(scope, ask_id)
    ask.state = AskState.DECLINED
    ask.closed_at = scope.now
    ask.not_now_until = None
    await scope.session.flush()
    return ask


# --- the tick -----------------------------------------------------------------------------------------


async def _insert_ask(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    carer_user_id: uuid.UUID,
    measure_id: uuid.UUID,
    point: AskPoint,
    due_at: datetime,
) -> uuid.UUID | None:
    """Open one ask (none when another worker already did)."""
    statement = (
        dialect_insert(session, OutcomeAsk.__table__)
        .values(
            id=uuid.uuid4(),
            organisation_id=organisation_id,
            carer_user_id=carer_user_id,
            measure_id=measure_id,
            point=point.value,
            state=AskState.OPEN.value,
            due_at=due_at,
        )
        .on_conflict_do_nothing(index_elements=["organisation_id", "carer_user_id", "point"])
        .returning(OutcomeAsk.__table__.c.id)
    )
    return (await session.execute(statement)).scalar_one_or_none()


async def _carers_still_members(
    session: AsyncSession, pairs: set[tuple[uuid.UUID, uuid.UUID]]
) -> set[tuple[uuid.UUID, uuid.UUID]]:
    if not pairs:
        return set()
    rows = (
        await session.execute(
            select(Membership.organisation_id, Membership.user_id).where(
                Membership.role == Role.CARER,
                Membership.status == MembershipStatus.ACTIVE,
                Membership.user_id.in_({user for _, user in pairs}),
            )
        )
    ).all()
    return {(org, user) for org, user in rows} & pairs


async def _due_starts(
    session: AsyncSession, now: datetime
) -> list[tuple[uuid.UUID, uuid.UUID, uuid.UUID, datetime]]:
    """(organisation, carer, measure, first activation) for carers whose support began under a measure."""
    first = (
        select(Match.organisation_id, Match.carer_user_id, func.min(Match.activated_at).label("first_at"))
        .where(Match.activated_at.is_not(None))
        .group_by(Match.organisation_id, Match.carer_user_id)
        .subquery()
    )
    rows = (
        await session.execute(
            select(first.c.organisation_id, first.c.carer_user_id, OutcomeMeasure.id, first.c.first_at)
            .join(OutcomeMeasure, OutcomeMeasure.organisation_id == first.c.organisation_id)
            .outerjoin(
                OutcomeAsk,
                (OutcomeAsk.organisation_id == first.c.organisation_id)
                & (OutcomeAsk.carer_user_id == first.c.carer_user_id)
                & (OutcomeAsk.point == AskPoint.START),
            )
            .where(
                OutcomeMeasure.in_use_since.is_not(None),
                first.c.first_at >= OutcomeMeasure.in_use_since,
                first.c.first_at <= now,
                first.c.first_at > now - ANSWER_WINDOW,
                OutcomeAsk.id.is_(None),
            )
        )
    ).all()
    return [(org, carer, measure, at) for org, carer, measure, at in rows]


async def _due_follow_ups(
    session: AsyncSession, now: datetime
) -> list[tuple[uuid.UUID, uuid.UUID, uuid.UUID, AskPoint, datetime]]:
    # Only starts whose 3- or 6-month point can fall due now (a point past its window is never opened);
    # a few days' slack for months of different lengths; the exact rule is below.
    starts = (
        await session.scalars(
            select(OutcomeAsk).where(
                OutcomeAsk.point == AskPoint.START,
                OutcomeAsk.due_at <= now - FOLLOW_UPS[AskPoint.THREE_MONTHS] + timedelta(days=4),
                OutcomeAsk.due_at > now - FOLLOW_UPS[AskPoint.SIX_MONTHS] - ANSWER_WINDOW,
            )
        )
    ).all()
    if not starts:
        return []
    existing = set(
        (
            await session.execute(
                select(OutcomeAsk.organisation_id, OutcomeAsk.carer_user_id, OutcomeAsk.point).where(
                    OutcomeAsk.point != AskPoint.START
                )
            )
        ).all()
    )
    due = []
    for start in starts:
        for point, after in FOLLOW_UPS.items():
            at = start.due_at + after
            if (
                at <= now < at + ANSWER_WINDOW
                and (start.organisation_id, start.carer_user_id, point) not in existing
            ):
                due.append((start.organisation_id, start.carer_user_id, start.measure_id, point, at))
    return due


async def open_due_asks(session: AsyncSession, *, now: datetime) -> int:
    """Open every ask now due (start, 3 and 6 months) and tell each carer; close those past their window.

    Idempotent: an ask exists once per carer and point (a unique key), and the message is deduplicated.
    """
    due = [
        (org, carer, measure, AskPoint.START, at)
        for org, carer, measure, at in await _due_starts(session, now)
    ]
    due += await _due_follow_ups(session, now)
    members = await _carers_still_members(session, {(org, carer) for org, carer, *_ in due})
    opened = 0
    for org, carer, measure, point, at in due:
        if (org, carer) not in members:
            continue
        ask_id = await _insert_ask(
            session, organisation_id=org, carer_user_id=carer, measure_id=measure, point=point, due_at=at
        )
        if ask_id is None:
            continue
        opened += 1
        await notifications.notify(
            session,
            user_id=carer,
            kind=kinds.OutcomeAskOpen,
            data={"ask_id": ask_id},
            dedupe_key=f"outcome-ask:{ask_id}",
            now=now,
            organisation_id=org,
            role=Role.CARER,
        )
    late = (
        await session.scalars(
            select(OutcomeAsk).where(
                OutcomeAsk.state == AskState.OPEN, OutcomeAsk.due_at <= now - ANSWER_WINDOW
            )
        )
    ).all()
    for ask in late:
        ask.state = AskState.CLOSED
        ask.closed_at = now
        ask.not_now_until = None
    await session.flush()
    return opened + len(late)


# --- equality monitoring --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EqualityView:
    """My equality answers, if I consent now."""

    consented: bool
    answers: EqualityAnswer | None


async def get_my_equality(scope: Scope) -> EqualityView:
    """My equality answers and whether I consent to keeping them."""
    scope.require(policy.gives_equality_answers, str(_EQUALITY_WHO))
    me = scope.actor.require_person()
    consented = await consents.has_consent(
        scope.session, user_id=me, organisation_id=scope.organisation_id, kind=ConsentKind.EQUALITY_MONITORING
    )
    answers = await scope.session.scalar(
        select(EqualityAnswer).where(
            EqualityAnswer.organisation_id == scope.organisation_id, EqualityAnswer.user_id == me
        )
    )
    return EqualityView(consented, answers if consented else None)


async def save_my_equality(
    scope: Scope, *, agree: bool, age_band: str, gender: str, ethnicity: str
) -> EqualityView:
    """Keep my answers with my consent to the current words (given here, separately from anything else)."""
    scope.require(policy.gives_equality_answers, str(_EQUALITY_WHO))
    if not agree:
        raise Invalid(
            _("Your answers are kept only if you agree. Tick the box, or leave this page."), field="agree"
        )
    me = scope.actor.require_person()
    await consents.give_consent(
        scope.session,
        user_id=me,
        organisation_id=scope.organisation_id,
        kind=ConsentKind.EQUALITY_MONITORING,
        now=scope.now,
    )
    answer = await scope.session.scalar(
        select(EqualityAnswer).where(
            EqualityAnswer.organisation_id == scope.organisation_id, EqualityAnswer.user_id == me
        )
    )
    if answer is None:
        answer = EqualityAnswer(
            organisation_id=scope.organisation_id,
            user_id=me,
            answered_at=scope.now,
            age_band=age_band,
            gender=gender,
            ethnicity=ethnicity,
        )
        scope.session.add(answer)
    answer.age_band, answer.gender, answer.ethnicity = age_band, gender, ethnicity
    answer.answered_at = scope.now
    await scope.session.flush()
    return EqualityView(True, answer)


async def withdraw_my_equality(scope: Scope) -> EqualityView:
    """Withdraw my consent: my answers are deleted at once."""
    scope.require(policy.gives_equality_answers, str(_EQUALITY_WHO))
    me = scope.actor.require_person()
    await consents.withdraw_consent(
        scope.session,
        user_id=me,
        organisation_id=scope.organisation_id,
        kind=ConsentKind.EQUALITY_MONITORING,
        now=scope.now,
    )
    await scope.session.execute(
        delete(EqualityAnswer).where(
            EqualityAnswer.organisation_id == scope.organisation_id, EqualityAnswer.user_id == me
        )
    )
    return EqualityView(False, None)


def equality_consent_words() -> tuple[str, str]:
    """The version and words of the equality-monitoring consent."""
    return CURRENT[ConsentKind.EQUALITY_MONITORING]
