"""The figures the reports read (issue 16): each equals a count made here, independently, from the rows
this test wrote (a generated organisation of a few hundred answers), on both databases."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta
from statistics import mean
from typing import Any

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.db import Database
from carerlink.organisations.consents import CURRENT
from carerlink.organisations.models import Consent, ConsentKind, Membership, MembershipStatus
from carerlink.outcomes import reporting, words
from carerlink.outcomes.models import AskPoint, AskState, EqualityAnswer, OutcomeAsk, OutcomeMeasure
from tests.support import START, make_org

POINTS = ["start", "3_months", "6_months"]
PERIOD = (START + timedelta(days=90), START + timedelta(days=180))


def _person(n: int) -> User:
    return User(
        email=f"gen-{n}-{uuid.uuid4().hex[:6]}@example.org",
        display_name=f"Person {n}",
        time_zone="Europe/London",
        password_hash="x",
        password_changed_at=START,
    )


async def test_outcome_figures_equal_an_independent_count(db: Database) -> None:
    rng = random.Random(16)
    org = await make_org(db)
    other = await make_org(db)
    written: list[dict[str, Any]] = []
    async with db.session_scope() as session:
        in_use = OutcomeMeasure(
            organisation_id=org.id, key=words.BUILT_IN_KEY, name="Ours", in_use_since=START
        )
        old = OutcomeMeasure(organisation_id=org.id, name="Retired licensed scale")
        unused = OutcomeMeasure(organisation_id=org.id, name="Never answered")
        theirs = OutcomeMeasure(organisation_id=other.id, name="Another centre's", in_use_since=START)
        session.add_all([in_use, old, unused, theirs])
        await session.flush()
        for n in range(240):
            person = _person(n)
            session.add(person)
            await session.flush()
            organisation, measure = rng.choice(
                [(org.id, in_use.id)] * 6 + [(org.id, old.id)] * 2 + [(other.id, theirs.id)]
            )
            start = START + timedelta(days=rng.randint(-60, 150))
            for index, point in enumerate(POINTS):
                if rng.random() < 0.25:
                    continue
                state = rng.choice(
                    [AskState.ANSWERED] * 4 + [AskState.OPEN, AskState.DECLINED, AskState.CLOSED]
                )
                due = start + timedelta(days=91 * index)
                answered = due + timedelta(days=rng.randint(0, 27)) if state == AskState.ANSWERED else None
                total = rng.randint(6, 30) if answered else None
                session.add(
                    OutcomeAsk(
                        organisation_id=organisation,
                        carer_user_id=person.id,
                        measure_id=measure,
                        point=AskPoint(point),
                        state=state,
                        due_at=due,
                        answered_at=answered,
                        total=total,
                        answers={"1": total} if total else None,
                    )
                )
                written.append(
                    {
                        "org": organisation,
                        "measure": measure,
                        "carer": person.id,
                        "point": point,
                        "answered_at": answered,
                        "total": total,
                    }
                )

    async with db.session_scope() as session:
        figures = await reporting.outcome_figures(
            session, organisation_id=org.id, start=PERIOD[0], end=PERIOD[1]
        )

    by_id = {f.measure_id: f for f in figures}
    assert set(by_id) == {in_use.id, old.id}  # in use, or answered in the period; never another centre's
    assert figures[0].measure_id == in_use.id  # the one in use first
    for measure in (in_use.id, old.id):
        mine = [r for r in written if r["measure"] == measure and r["answered_at"] is not None]
        expected_answered = {
            p: len(
                {r["carer"] for r in mine if r["point"] == p and PERIOD[0] <= r["answered_at"] < PERIOD[1]}
            )
            for p in POINTS
        }
        firsts, latests = [], []
        for carer in {r["carer"] for r in mine}:
            theirs_ = sorted(
                (r for r in mine if r["carer"] == carer and r["answered_at"] < PERIOD[1]),
                key=lambda r: POINTS.index(r["point"]),
            )
            if len(theirs_) >= 2 and theirs_[-1]["answered_at"] >= PERIOD[0]:
                firsts.append(theirs_[0]["total"])
                latests.append(theirs_[-1]["total"])
        got = by_id[measure]
        assert got.answered == expected_answered
        assert sum(expected_answered.values()) > 10
        assert got.compared == len(firsts) > 5
        assert (got.better, got.same, got.worse) == (
            sum(1 for f, la in zip(firsts, latests, strict=True) if la > f),
            sum(1 for f, la in zip(firsts, latests, strict=True) if la == f),
            sum(1 for f, la in zip(firsts, latests, strict=True) if la < f),
        )
        assert got.mean_first == round(mean(firsts), 2) and got.mean_latest == round(mean(latests), 2)


async def test_equality_figures_equal_an_independent_count(db: Database) -> None:
    rng = random.Random(2021)
    org = await make_org(db)
    other = await make_org(db)
    counted: dict[str, dict[str, int]] = {q: {} for q in words.OPTIONS}
    people = 0
    async with db.session_scope() as session:
        for n in range(200):
            person = _person(n)
            session.add(person)
            await session.flush()
            organisation = rng.choice([org.id] * 5 + [other.id])
            role = rng.choice([Role.CARER, Role.BUDDY, Role.COORDINATOR])
            joined = START + timedelta(days=rng.randint(-100, 200))
            ended = rng.random() < 0.2
            status_at = joined + timedelta(days=rng.randint(1, 60)) if ended else joined
            session.add(
                Membership(
                    user_id=person.id,
                    organisation_id=organisation,
                    role=role,
                    status=MembershipStatus.ENDED if ended else MembershipStatus.ACTIVE,
                    status_changed_at=status_at,
                    created_at=joined,
                )
            )
            consent = rng.choice(["now", "withdrawn", "none"])
            if consent != "none":
                session.add(
                    Consent(
                        user_id=person.id,
                        organisation_id=organisation,
                        kind=ConsentKind.EQUALITY_MONITORING,
                        version=CURRENT[ConsentKind.EQUALITY_MONITORING][0],
                        given_at=joined,
                        withdrawn_at=joined + timedelta(days=1) if consent == "withdrawn" else None,
                    )
                )
            if rng.random() < 0.1 and consent == "none":
                continue
            answers = {q: rng.choice(options)[0] for q, options in words.OPTIONS.items()}
            session.add(
                EqualityAnswer(organisation_id=organisation, user_id=person.id, answered_at=joined, **answers)
            )
            member_then = joined < PERIOD[1] and (not ended or status_at >= PERIOD[0])
            if organisation == org.id and consent == "now" and role != Role.COORDINATOR and member_then:
                people += 1
                for q, a in answers.items():
                    counted[q][a] = counted[q].get(a, 0) + 1

    async with db.session_scope() as session:
        figures = await reporting.equality_figures(
            session, organisation_id=org.id, start=PERIOD[0], end=PERIOD[1]
        )
    assert figures.consented == people > 20
    for question, options in words.OPTIONS.items():
        assert figures.questions[question] == {key: counted[question].get(key, 0) for key, _ in options}
    assert figures.words["white_roma"] == "White: Roma" and figures.words["ethnicity"] == "Ethnic group"
