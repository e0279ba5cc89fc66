"""Check-ins through the API and the ticks, with the clock moved instead of waiting."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import func, select

from carerlink.checkins.jobs import materialise, walk_ladder
from carerlink.checkins.models import CheckinOccurrence, CheckinStep
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from tests.checkins.factories import Pair, make_pair
from tests.support import field_errors, notified_kinds, problem, signed_in


@pytest.fixture
async def pair(db: Database) -> Pair:
    return await make_pair(db)


async def _tick(app: Litestar) -> None:
    await materialise(app.state.runtime)
    await walk_ladder(app.state.runtime)


async def test_a_plan_shows_the_next_dates_to_both_and_falls_due_at_local_time(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    # Monday 2 March 2026, 09:00 UTC; every Wednesday at 19:00 London time.
    plan = await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [2], "local_time": "19:00"}
    )
    assert plan.status_code == 200, plan.text
    seen_by_buddy = (await buddy.get(f"{pair.base}/checkin-plan")).json()
    assert seen_by_buddy["plan"]["time_zone"] == "Europe/London"
    assert [u["local_start"] for u in seen_by_buddy["upcoming"]][:2] == [
        "2026-03-04T19:00",
        "2026-03-11T19:00",
    ]

    clock.set(clock.now().replace(day=4, hour=18, minute=59))
    await _tick(app)
    assert await notified_kinds(db, pair.carer.user.id, about_matches=False) == []  # not yet
    clock.advance(timedelta(minutes=1))
    await _tick(app)
    assert await notified_kinds(db, pair.carer.user.id, about_matches=False) == ["checkin_due"]
    carer = await signed_in(new_client, pair.carer.email)  # two days on: signed in afresh
    [open_checkin] = (await carer.get("/api/v1/me/checkins?awaiting=true")).json()
    assert open_checkin["state"] == "open"


async def test_answer_reply_and_history(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await _tick(app)
    [checkin] = (await carer.get("/api/v1/me/checkins?awaiting=true")).json()

    answered = await carer.post(
        f"/api/v1/checkins/{checkin['id']}/answer",
        json={"wellbeing": 2, "note": "Mum had a bad week.", "wants_call": True},
        headers={"Idempotency-Key": "phone-retry-0001"},
    )
    assert answered.status_code == 201, answered.text
    body = answered.json()
    assert body["checkin"]["wellbeing_words"] == "finding it hard"
    assert body["crisis_lines"] == [] and body["help_is_coming"] is False
    assert await notified_kinds(db, pair.buddy.user.id, about_matches=False) == ["buddy_new_answer"]

    [waiting] = (await buddy.get("/api/v1/me/checkins?role=buddy&awaiting=true")).json()
    assert (waiting["note"], waiting["wants_call"]) == ("Mum had a bad week.", True)
    replied = await buddy.post(f"/api/v1/checkins/{checkin['id']}/reply", json={"kind": "call_arranged"})
    assert replied.json()["state"] == "replied"
    assert "carer_buddy_replied" in await notified_kinds(db, pair.carer.user.id, about_matches=False)

    history = (await carer.get(f"{pair.base}/checkins")).json()
    assert [(h["state"], h["reply_kind"]) for h in history] == [("replied", "call_arranged")]
    assert problem(
        await buddy.post(f"/api/v1/checkins/{checkin['id']}/reply", json={"kind": "we_spoke"}), 409
    )


async def test_a_retried_answer_with_the_same_key_returns_the_first_and_stores_one(
    app: Litestar, db: Database, pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await _tick(app)
    [checkin] = (await carer.get("/api/v1/me/checkins?awaiting=true")).json()
    url, key = f"/api/v1/checkins/{checkin['id']}/answer", {"Idempotency-Key": "offline-queue-42"}

    first = await carer.post(url, json={"wellbeing": 4}, headers=key)
    again = await carer.post(
        url, json={"wellbeing": 1, "note": "changed my mind"}, headers=key
    )  # same key: a retry

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["checkin"]["wellbeing"] == 4
    problem(await carer.post(url, json={"wellbeing": 3}, headers={"Idempotency-Key": "another-key-99"}), 409)
    async with db.session_scope() as session:
        stored = select(CheckinOccurrence.wellbeing).where(CheckinOccurrence.id == uuid.UUID(checkin["id"]))
        assert await session.scalar(stored) == 4
    assert (await notified_kinds(db, pair.buddy.user.id, about_matches=False)).count("buddy_new_answer") == 1


async def test_the_ladder_nudges_then_tells_the_buddy_then_marks_missed_each_once(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    coordinator = await signed_in(new_client, pair.coordinator.email)
    await coordinator.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    for hours in range(0, 24 * 6, 2):  # a worker ticking every two hours for six days
        clock.set(clock.now().replace(hour=9, minute=0) if hours == 0 else clock.now() + timedelta(hours=2))
        await _tick(app)
        await _tick(app)  # and a second worker ticking at the same moment
    assert await notified_kinds(db, pair.carer.user.id, about_matches=False) == [
        "checkin_due",
        "checkin_nudge",
    ]
    assert await notified_kinds(db, pair.buddy.user.id, about_matches=False) == ["buddy_carer_quiet"]
    async with db.session_scope() as session:
        steps = list(await session.scalars(select(CheckinStep.step).order_by(CheckinStep.at)))
    assert steps[:4] == ["prompt", "nudge", "tell_buddy", "missed"]
    coordinator = await signed_in(new_client, pair.coordinator.email)
    attention = (await coordinator.get(f"/api/v1/orgs/{pair.org.id}/attention")).json()
    assert [(a["reason"], a["carer_name"]) for a in attention] == [("missed", "Alex Turner")]
    # The item carries every step the ladder took, with its time, so the coordinator sees what was tried.
    history = [(s["step"], s["at"]) for s in attention[0]["steps"]]
    assert [step for step, _ in history] == ["prompt", "nudge", "tell_buddy", "missed"]
    assert [at for _, at in history] == sorted(at for _, at in history)
    resolved = await coordinator.post(
        f"/api/v1/orgs/{pair.org.id}/attention/{attention[0]['id']}/resolve", json={"note": "Rang Alex"}
    )
    assert resolved.status_code == 200
    assert (await coordinator.get(f"/api/v1/orgs/{pair.org.id}/attention")).json() == []


async def test_an_unreplied_answer_reminds_the_buddy_then_tells_the_coordinator(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await _tick(app)
    [checkin] = (await carer.get("/api/v1/me/checkins?awaiting=true")).json()
    await carer.post(f"/api/v1/checkins/{checkin['id']}/answer", json={"wellbeing": 3})
    clock.advance(timedelta(hours=47))
    await _tick(app)
    assert "buddy_reply_reminder" not in await notified_kinds(db, pair.buddy.user.id, about_matches=False)
    clock.advance(timedelta(hours=2))
    await _tick(app)
    assert (await notified_kinds(db, pair.buddy.user.id, about_matches=False)).count(
        "buddy_reply_reminder"
    ) == 1
    clock.advance(timedelta(hours=48))
    await _tick(app)
    await _tick(app)
    assert await notified_kinds(db, pair.coordinator.user.id, about_matches=False) == [
        "coordinator_escalation"
    ]


async def test_three_low_scores_in_a_row_are_flagged_for_review_once(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    for week in range(4):
        carer = await signed_in(new_client, pair.carer.email)
        started = await carer.post(f"{pair.base}/checkins", json={"wellbeing": 1 if week else 5})
        assert started.status_code == 201, started.text
        clock.advance(timedelta(days=7))
    coordinator = await signed_in(new_client, pair.coordinator.email)
    reasons = [a["reason"] for a in (await coordinator.get(f"/api/v1/orgs/{pair.org.id}/attention")).json()]
    assert reasons == ["low_score_review"]
    assert await notified_kinds(db, pair.coordinator.user.id, about_matches=False) == [
        "coordinator_escalation"
    ]


async def test_answers_are_validated_and_only_the_carer_answers(
    pair: Pair, new_client: Any, app: Litestar
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await _tick(app)
    [checkin] = (await carer.get("/api/v1/me/checkins?awaiting=true")).json()
    url = f"/api/v1/checkins/{checkin['id']}/answer"
    assert field_errors(await carer.post(url, json={"wellbeing": 6})) == {"wellbeing"}
    assert field_errors(await carer.post(url, json={"wellbeing": 3, "note": "x" * 1001})) == {"note"}
    assert field_errors(await carer.post(url, json={"wellbeing": "3"})) == {"wellbeing"}
    bad_key = {"Idempotency-Key": "no spaces please"}
    assert field_errors(await carer.post(url, json={"wellbeing": 3}, headers=bad_key)) == {"idempotency_key"}
    problem(await buddy.post(url, json={"wellbeing": 3}), 403)
    assert field_errors(
        await carer.put(
            f"{pair.base}/checkin-plan", json={"frequency": "daily", "weekdays": [0], "local_time": "09:00"}
        )
    ) == {"frequency"}
    assert field_errors(
        await carer.put(
            f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [7], "local_time": "09:00"}
        )
    ) == {"weekdays[0]"}
    assert field_errors(
        await carer.put(
            f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [1], "local_time": "25:00"}
        )
    ) == {"local_time"}


async def test_changing_the_plan_replans_the_future_only(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await _tick(app)
    [today] = (await carer.get("/api/v1/me/checkins?awaiting=true")).json()
    changed = await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [3], "local_time": "18:30"}
    )
    upcoming = changed.json()["upcoming"]
    assert upcoming[0]["id"] == today["id"]  # the one already open stays
    assert [u["local_start"][-5:] for u in upcoming[1:]] == ["18:30"] * (len(upcoming) - 1)
    async with db.session_scope() as session:
        mondays = await session.scalar(
            select(func.count())
            .select_from(CheckinOccurrence)
            .where(CheckinOccurrence.local_start.like("%T09:00"))
        )
    assert mondays == 1
