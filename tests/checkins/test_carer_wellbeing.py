"""How a carer has been, on the coordinator's page for them (issue 16: "wellbeing at the first check-in
against the latest, per carer"): their first answer with a score against their latest, whichever buddy
it was with; coordinators of the centre only, every read audited; never in a report or a CSV."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from carerlink.audit.models import AuditEntry
from carerlink.checkins.ladder import State
from carerlink.checkins.models import CheckinOccurrence, OccurrenceKind
from carerlink.db import Database
from carerlink.matching.models import Match, MatchStatus
from tests.checkins.factories import Pair, make_pair
from tests.profiles.factories import make_buddy, make_carer, make_coordinator
from tests.support import START, make_org, problem, signed_in


def _answer(pair: Pair, match: Match, at: datetime, wellbeing: int | None, *, answered: bool = True) -> Any:
    return CheckinOccurrence(
        id=uuid.uuid4(),
        match_id=match.id,
        organisation_id=pair.org.id,
        carer_user_id=match.carer_user_id,
        buddy_user_id=match.buddy_user_id,
        kind=OccurrenceKind.SCHEDULED,
        time_zone="Europe/London",
        due_at=at,
        local_start=at.strftime("%Y-%m-%dT%H:%M"),
        state=State.ANSWERED if answered else State.MISSED,
        answered_at=at + timedelta(hours=1) if answered else None,
        wellbeing=wellbeing,
        note="Mum had a better week." if answered else None,
    )


async def test_a_coordinator_sees_a_carers_first_check_in_against_their_latest(
    db: Database, new_client: Any
) -> None:
    pair = await make_pair(db)
    url = f"/api/v1/orgs/{pair.org.id}/carers/{pair.carer.membership_id}/wellbeing"
    morgan = await signed_in(new_client, pair.coordinator.email)
    none_yet = await morgan.get(url)
    assert none_yet.status_code == 200, none_yet.text
    assert (none_yet.json()["answers"], none_yet.json()["first"], none_yet.json()["latest"]) == (
        0,
        None,
        None,
    )

    # An earlier match with another buddy that ended, then the live one: every answer of hers counts.
    earlier_buddy = await make_buddy(db, pair.org, name="Tom Baker")
    async with db.session_scope() as session:
        ended = Match(
            organisation_id=pair.org.id,
            carer_membership_id=pair.carer.membership_id,
            carer_user_id=pair.carer.user.id,
            buddy_membership_id=earlier_buddy.membership_id,
            buddy_user_id=earlier_buddy.user.id,
            score=0.5,
            status=MatchStatus.ENDED,
            proposed_at=START - timedelta(days=120),
            activated_at=START - timedelta(days=118),
            closed_at=START - timedelta(days=60),
        )
        session.add(ended)
        await session.flush()
        session.add_all(
            [
                _answer(pair, ended, START - timedelta(days=100), 2),  # her first, with Tom
                _answer(pair, ended, START - timedelta(days=90), 3),
                _answer(pair, pair.match, START - timedelta(days=30), None),  # help now, no score
                _answer(pair, pair.match, START - timedelta(days=20), 4),  # her latest
                _answer(pair, pair.match, START - timedelta(days=10), None),  # asked for help: no score
                _answer(pair, pair.match, START - timedelta(days=3), None, answered=False),  # missed
            ]
        )
    # Another carer's answers are hers alone.
    other = await make_pair(db, org=pair.org, carer_name="Sam Clarke")
    async with db.session_scope() as session:
        session.add(_answer(other, other.match, START - timedelta(days=200), 1))
        session.add(_answer(other, other.match, START - timedelta(days=1), 5))

    got = (await morgan.get(url)).json()
    assert got["display_name"] == "Alex Turner"
    assert got["answers"] == 3
    first, latest = got["first"], got["latest"]
    assert (first["wellbeing"], first["wellbeing_words"]) == (2, "finding it hard")
    assert first["answered_at"].startswith((START - timedelta(days=100, hours=-1)).isoformat()[:16])
    assert (latest["wellbeing"], latest["wellbeing_words"]) == (4, "doing okay")
    assert latest["answered_at"].startswith((START - timedelta(days=20, hours=-1)).isoformat()[:16])
    assert "Mum had a better week." not in str(got)  # the score and its words, not the note

    # In Welsh, the words are Welsh.
    welsh = (await morgan.get(url, headers={"Accept-Language": "cy"})).json()
    assert welsh["latest"]["wellbeing"] == 4 and welsh["latest"]["wellbeing_words"] != "doing okay"

    async with db.session_scope() as session:
        looked = (
            await session.scalars(select(AuditEntry).where(AuditEntry.action == "checkins.wellbeing.viewed"))
        ).all()
    assert {(e.actor_user_id, e.subject_user_id) for e in looked} == {
        (pair.coordinator.user.id, pair.carer.user.id)
    }
    assert len(looked) == 3


async def test_only_the_centres_coordinators_see_how_a_carer_has_been(db: Database, new_client: Any) -> None:
    pair = await make_pair(db)
    async with db.session_scope() as session:
        session.add(_answer(pair, pair.match, START - timedelta(days=2), 3))
    url = f"/api/v1/orgs/{pair.org.id}/carers/{pair.carer.membership_id}/wellbeing"
    problem(await new_client().get(url), 401)
    # The carer herself and her buddy use their own screens; another carer and buddy see nothing.
    for person in (
        pair.carer,
        pair.buddy,
        await make_carer(db, pair.org, name="Jo Other"),
        await make_buddy(db, pair.org, name="Kim Other"),
    ):
        problem(await (await signed_in(new_client, person.email)).get(url), 403)
    stranger = await make_coordinator(db, await make_org(db, slug="elsewhere"), name="Olu Other")
    problem(await (await signed_in(new_client, stranger.email)).get(url), 404)
    morgan = await signed_in(new_client, pair.coordinator.email)
    # A buddy's membership, or no membership at all, is no carer.
    problem(await morgan.get(f"/api/v1/orgs/{pair.org.id}/carers/{pair.buddy.membership_id}/wellbeing"), 404)
    problem(await morgan.get(f"/api/v1/orgs/{pair.org.id}/carers/{uuid.uuid4()}/wellbeing"), 404)
    # Never in the centre's CSV of carers, nor the aggregate report (which counts carers).
    csv = await morgan.get(f"/api/v1/orgs/{pair.org.id}/reports/carers.csv")
    assert csv.status_code == 200 and "getting by" not in csv.text.lower()
