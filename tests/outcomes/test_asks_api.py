"""Outcome measures (issue 16): a carer is asked at the start, after 3 and after 6 months, answers in the
app, may say "Not now" or "No thanks"; nobody else reads their answers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.notifications.models import Notification
from carerlink.outcomes.models import OutcomeAsk
from tests.outcomes.support import all_answers, asking_pair, tick
from tests.profiles.factories import make_carer, make_coordinator
from tests.support import field_errors, make_org, problem, signed_in


async def test_a_carer_is_asked_at_the_start_answers_and_is_asked_again_after_3_and_6_months(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    asked = await asking_pair(db, new_client)
    mine = f"{asked.base}/me/outcome-asks"
    assert (await asked.carer.get(mine)).json() == []
    assert await tick(db, clock) == 1
    assert await tick(db, clock) == 0  # idempotent: one ask per point
    [ask] = (await asked.carer.get(mine)).json()
    assert ask["point"] == "start" and ask["state"] == "open"
    assert len(ask["questions"]) == 6
    assert ask["questions"][0]["options"][0]["words"] == "Not at all"

    # Told once, with nothing of the questions or answers in the message.
    async with db.session_scope() as session:
        told = list(
            await session.scalars(
                select(Notification).where(
                    Notification.user_id == asked.pair.carer.user.id, Notification.kind == "outcome_ask_open"
                )
            )
        )
    assert len(told) == 1
    assert told[0].title == "A few questions about how you are"
    assert told[0].url == f"/outcomes/{ask['id']}"
    assert "cope" not in told[0].body and "health" not in told[0].body

    # Every question needs one of its own answers; nothing is written until it is right.
    partial = await asked.carer.post(f"{mine}/{ask['id']}", json={"answers": {"1": 3}})
    assert "answers.2" in field_errors(partial)
    wrong = await asked.carer.post(f"{mine}/{ask['id']}", json={"answers": {**all_answers(ask, 3), "1": 9}})
    assert "answers.1" in field_errors(wrong)
    done = await asked.carer.post(f"{mine}/{ask['id']}", json={"answers": all_answers(ask, 2)})
    assert done.status_code == 200, done.text
    assert done.json() == {"id": ask["id"], "state": "answered", "not_now_until": None, "total": 12}
    assert (await asked.carer.get(mine)).json() == []
    assert problem(await asked.carer.post(f"{mine}/{ask['id']}", json={"answers": all_answers(ask, 3)}), 409)

    clock.advance(timedelta(days=92))
    assert await tick(db, clock) == 1
    asked.carer = await signed_in(new_client, asked.pair.carer.email)  # sessions end; sign in again
    [three] = (await asked.carer.get(mine)).json()
    assert three["point"] == "3_months"
    # "Not now": still open, hidden for three days; then the carer answers.
    later = await asked.carer.post(f"{mine}/{three['id']}/not-now")
    assert later.status_code == 200 and later.json()["state"] == "open"
    [still] = (await asked.carer.get(mine)).json()
    assert still["not_now_until"] is not None
    assert (await asked.carer.post(f"{mine}/{three['id']}", json={"answers": all_answers(ask, 4)})).json()[
        "total"
    ] == 24

    clock.advance(timedelta(days=92))
    assert await tick(db, clock) == 1
    asked.carer = await signed_in(new_client, asked.pair.carer.email)  # sessions end; sign in again
    [six] = (await asked.carer.get(mine)).json()
    assert six["point"] == "6_months"
    declined = await asked.carer.post(f"{mine}/{six['id']}/decline")
    assert declined.json()["state"] == "declined"
    assert (await asked.carer.get(mine)).json() == []
    clock.advance(timedelta(days=400))
    assert await tick(db, clock) == 0  # no more than three points


async def test_an_ask_not_answered_in_four_weeks_closes(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    asked = await asking_pair(db, new_client)
    await tick(db, clock)
    clock.advance(timedelta(days=27))
    assert await tick(db, clock) == 0
    carer = await signed_in(new_client, asked.pair.carer.email)
    assert len((await carer.get(f"{asked.base}/me/outcome-asks")).json()) == 1
    clock.advance(timedelta(days=2))
    assert await tick(db, clock) == 1
    carer = await signed_in(new_client, asked.pair.carer.email)
    assert (await carer.get(f"{asked.base}/me/outcome-asks")).json() == []
    async with db.session_scope() as session:
        [ask] = list(await session.scalars(select(OutcomeAsk)))
    assert ask.state == "closed" and ask.answers is None


async def test_nothing_is_asked_until_the_centre_chooses_a_measure_nor_of_carers_matched_before(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    asked = await asking_pair(db, new_client)
    # The match went live when the measure was chosen: asked. A pair live before it: never asked "the start".
    stop = await asked.coordinator.put(f"{asked.base}/outcome-measures/in-use", json={"measure_id": None})
    assert stop.json()["in_use_id"] is None
    assert await tick(db, clock) == 0
    clock.advance(timedelta(hours=1))
    asked.coordinator = await signed_in(new_client, asked.pair.coordinator.email)
    measures = (await asked.coordinator.get(f"{asked.base}/outcome-measures")).json()
    built_in = next(m for m in measures["measures"] if m["built_in"])
    await asked.coordinator.put(f"{asked.base}/outcome-measures/in-use", json={"measure_id": built_in["id"]})
    assert await tick(db, clock) == 0  # support began before the measure was chosen


async def test_nobody_reads_or_answers_another_carers_questions(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    asked = await asking_pair(db, new_client)
    await tick(db, clock)
    [ask] = (await asked.carer.get(f"{asked.base}/me/outcome-asks")).json()
    url = f"{asked.base}/me/outcome-asks/{ask['id']}"
    other_carer = await make_carer(db, asked.pair.org, name="Other Carer")
    other = await signed_in(new_client, other_carer.email)
    assert (await other.get(f"{asked.base}/me/outcome-asks")).json() == []
    problem(await other.get(url), 404)
    problem(await other.post(url, json={"answers": all_answers(ask, 3)}), 404)
    problem(await other.post(f"{url}/decline"), 404)
    # Coordinators and buddies are not asked, and never read a carer's answers here.
    problem(await asked.coordinator.get(url), 403)
    problem(await asked.coordinator.get(f"{asked.base}/me/outcome-asks"), 403)
    problem(await asked.buddy.post(f"{url}/not-now"), 403)
    # Another organisation's carer: no such organisation for them; nobody signed in: 401.
    elsewhere = await make_org(db)
    stranger = await signed_in(new_client, (await make_carer(db, elsewhere)).email)
    problem(await stranger.get(url), 404)
    problem(await stranger.get(f"{asked.base}/me/outcome-asks"), 404)
    problem(await new_client().get(url), 401)
    # And the carer's own answer still goes through.
    assert (await asked.carer.post(url, json={"answers": all_answers(ask, 5)})).json()["total"] == 30


async def test_only_the_centres_coordinators_configure_measures(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    asked = await asking_pair(db, new_client)
    url = f"{asked.base}/outcome-measures"
    body = {
        "name": "Our licensed scale",
        "licence_note": "Licence held by the centre until 2027.",
        "questions": [
            {
                "wording": "Question one",
                "options": [{"words": "No", "score": 0}, {"words": "Yes", "score": 1}],
            }
        ],
    }
    for refused in (asked.carer, asked.buddy):
        problem(await refused.get(url), 403)
        problem(await refused.post(url, json=body), 403)
        problem(await refused.put(f"{url}/in-use", json={"measure_id": None}), 403)
    elsewhere = await make_org(db)
    stranger = await signed_in(new_client, (await make_coordinator(db, elsewhere)).email)
    problem(await stranger.get(url), 404)
    problem(await stranger.post(url, json=body), 404)
    problem(await new_client().get(url), 401)
    # The other centre's measure is not this centre's to choose.
    theirs = (await stranger.get(f"/api/v1/orgs/{elsewhere.id}/outcome-measures")).json()["measures"][0]
    problem(await asked.coordinator.put(f"{url}/in-use", json={"measure_id": theirs["id"]}), 404)
    problem(await asked.coordinator.put(f"{url}/{theirs['id']}", json=body), 404)


async def test_a_centre_adds_its_licensed_instrument_and_it_locks_once_answered(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    asked = await asking_pair(db, new_client)
    url = f"{asked.base}/outcome-measures"
    scale = [{"words": w, "score": s} for s, w in enumerate(["Never", "Sometimes", "Often"], start=1)]
    body = {
        "name": "Licensed carer scale",
        "licence_note": "Our licence, number 123.",
        "questions": [
            {"wording": "First licensed question", "options": scale},
            {"wording": "Second", "options": scale},
        ],
    }
    same_scores = {**body, "questions": [{"wording": "Q", "options": [scale[0], {**scale[1], "score": 1}]}]}
    assert "questions[0].options" in field_errors(await asked.coordinator.post(url, json=same_scores))
    assert "questions" in field_errors(await asked.coordinator.post(url, json={**body, "questions": []}))
    added = await asked.coordinator.post(url, json=body)
    assert added.status_code == 201, added.text
    measure = added.json()
    assert measure["built_in"] is False and measure["in_use"] is False and len(measure["questions"]) == 2
    edited = await asked.coordinator.put(f"{url}/{measure['id']}", json={**body, "name": "Renamed scale"})
    assert edited.json()["name"] == "Renamed scale"
    built_in = next(m for m in (await asked.coordinator.get(url)).json()["measures"] if m["built_in"])
    problem(await asked.coordinator.put(f"{url}/{built_in['id']}", json=body), 409)

    chosen = (await asked.coordinator.put(f"{url}/in-use", json={"measure_id": measure["id"]})).json()
    assert chosen["in_use_id"] == measure["id"] and chosen["measures"][0]["id"] == measure["id"]
    # A carer whose support begins now is asked the centre's instrument.
    carer = await make_carer(db, asked.pair.org, name="New Carer")
    from tests.checkins.factories import make_pair  # a second pair in the same centre

    pair = await make_pair(db, org=asked.pair.org, now=clock.now())
    client = await signed_in(new_client, pair.carer.email)
    await tick(db, clock)
    [ask] = (await client.get(f"{asked.base}/me/outcome-asks")).json()
    assert ask["name"] == "Renamed scale" and ask["questions"][0]["wording"] == "First licensed question"
    assert (
        await client.post(f"{asked.base}/me/outcome-asks/{ask['id']}", json={"answers": {"1": 3, "2": 1}})
    ).json()["total"] == 4
    changed = {**body, "questions": [{"wording": "Changed wording", "options": scale}]}
    problem(await asked.coordinator.put(f"{url}/{measure['id']}", json=changed), 409)
    assert carer.email  # a carer with no live match is never asked


async def test_the_tick_is_registered_and_runs_on_the_runtimes_clock(
    app: Any, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    from carerlink import scheduler
    from carerlink.outcomes import jobs

    assert "outcomes.asks" in {tick.id for tick in scheduler.TICKS}
    asked = await asking_pair(db, new_client)
    assert await jobs.open_due_asks(app.state.runtime) == 1
    assert await jobs.open_due_asks(app.state.runtime) == 0
    [ask] = (await asked.carer.get(f"{asked.base}/me/outcome-asks")).json()
    assert ask["due_at"].startswith(clock.now().date().isoformat())
