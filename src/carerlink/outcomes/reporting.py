"""Outcome measures and equality monitoring as the reports read them (issue 16).

Counts only, never a person's answers. The reports suppress every count of people under 5.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.actor import Role
from carerlink.organisations.models import Consent, ConsentKind, Membership, MembershipStatus
from carerlink.outcomes import words
from carerlink.outcomes.models import AskPoint, AskState, EqualityAnswer, OutcomeAsk, OutcomeMeasure


@dataclass(frozen=True, slots=True)
class OutcomeFigures:
    """One outcome measure over ``[start, end)``.

    ``answered``: people who answered it at each point (``start``, ``3_months``, ``6_months``).
    ``compared``: people with a first and a later answer; of them ``better``, ``same`` and ``worse`` by
    their total score. ``mean_first`` and ``mean_latest``: the mean total of those compared (``None``
    when nobody was).
    """

    measure_id: uuid.UUID
    name: str
    answered: dict[str, int] = field(default_factory=dict)
    compared: int = 0
    better: int = 0
    same: int = 0
    worse: int = 0
    mean_first: float | None = None
    mean_latest: float | None = None


@dataclass(frozen=True, slots=True)
class EqualityFigures:
    """Equality monitoring of people who consented, by question and answer (the answer's key → people).

    ``questions``: ``{"age_band": {"35_49": 12, "prefer_not_to_say": 3}, "gender": {...}, ...}``.
    ``words``: the plain words of each question and answer key, for the report's CSV and screen.
    """

    consented: int = 0
    questions: dict[str, dict[str, int]] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)


_POINTS = [point.value for point in AskPoint]  # in order: start, 3_months, 6_months


async def outcome_figures(
    session: AsyncSession, *, organisation_id: uuid.UUID, start: datetime, end: datetime
) -> list[OutcomeFigures]:
    """Each outcome measure the organisation uses, over answers given in ``[start, end)``.

    A measure is listed when it is in use or was answered in the period. ``answered``: people who
    answered at each point in the period. ``compared``: people whose latest answer (by point) was given
    in the period and who answered an earlier point too (at any time before ``end``): their first answer
    against that latest one, by total.
    """
    measures = (
        await session.scalars(select(OutcomeMeasure).where(OutcomeMeasure.organisation_id == organisation_id))
    ).all()
    rows = (
        await session.execute(
            select(
                OutcomeAsk.measure_id,
                OutcomeAsk.carer_user_id,
                OutcomeAsk.point,
                OutcomeAsk.answered_at,
                OutcomeAsk.total,
            ).where(
                OutcomeAsk.organisation_id == organisation_id,
                OutcomeAsk.state == AskState.ANSWERED,
                OutcomeAsk.answered_at < end,
                OutcomeAsk.total.is_not(None),
            )
        )
    ).all()
    by_measure: dict[uuid.UUID, dict[uuid.UUID, dict[str, tuple[datetime, int]]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for measure_id, carer, point_answered, answered_at, total in rows:
        if answered_at is not None and total is not None:
            by_measure[measure_id][carer][AskPoint(point_answered).value] = (answered_at, total)
    figures = []
    for measure in sorted(measures, key=lambda m: (m.in_use_since is None, m.name.casefold())):
        people = by_measure.get(measure.id, {})
        answered = {p: 0 for p in _POINTS}
        firsts: list[int] = []
        latests: list[int] = []
        for answers in people.values():
            for point_name, (at, _) in answers.items():
                if at >= start:
                    answered[point_name] += 1
            given = [p for p in _POINTS if p in answers]
            last = given[-1]
            if len(given) >= 2 and answers[last][0] >= start:
                firsts.append(answers[given[0]][1])
                latests.append(answers[last][1])
        if measure.in_use_since is None and not any(answered.values()):
            continue
        pairs = list(zip(firsts, latests, strict=True))
        figures.append(
            OutcomeFigures(
                measure_id=measure.id,
                name=measure.name,
                answered=answered,
                compared=len(pairs),
                better=sum(1 for f, last in pairs if last > f),
                same=sum(1 for f, last in pairs if last == f),
                worse=sum(1 for f, last in pairs if last < f),
                mean_first=round(sum(firsts) / len(firsts), 2) if firsts else None,
                mean_latest=round(sum(latests) / len(latests), 2) if latests else None,
            )
        )
    return figures


async def equality_figures(
    session: AsyncSession, *, organisation_id: uuid.UUID, start: datetime, end: datetime
) -> EqualityFigures:
    """Equality answers of carers and buddies who consented and were members during ``[start, end)``.

    Only people who consent now are counted: withdrawing the consent (or erasure) deletes the answers.
    """
    members = select(Membership.user_id).where(
        Membership.organisation_id == organisation_id,
        Membership.role.in_([Role.CARER, Role.BUDDY]),
        Membership.created_at < end,
        (Membership.status != MembershipStatus.ENDED) | (Membership.status_changed_at >= start),
    )
    consenting = select(Consent.user_id).where(
        Consent.organisation_id == organisation_id,
        Consent.kind == ConsentKind.EQUALITY_MONITORING,
        Consent.withdrawn_at.is_(None),
    )
    rows = (
        await session.execute(
            select(EqualityAnswer.age_band, EqualityAnswer.gender, EqualityAnswer.ethnicity).where(
                EqualityAnswer.organisation_id == organisation_id,
                EqualityAnswer.user_id.in_(members),
                EqualityAnswer.user_id.in_(consenting),
            )
        )
    ).all()
    questions: dict[str, dict[str, int]] = {
        question: {key: 0 for key, _ in options} for question, options in words.OPTIONS.items()
    }
    for age_band, gender, ethnicity in rows:
        for question, answer in (("age_band", age_band), ("gender", gender), ("ethnicity", ethnicity)):
            questions[question][answer] = questions[question].get(answer, 0) + 1
    return EqualityFigures(consented=len(rows), questions=questions, words=words.answer_words())
