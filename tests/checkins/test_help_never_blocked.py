"""Issue 10 §1: "I need help now" never waits for a score, on a check-in or on "I'd like to talk".

A call for help with no score raises the crisis alert at once and brings the crisis lines back; a planned
check-in stays open for a score later (which raises no second alert), and nothing nudges the carer or
tells the buddy they are quiet while the alert is open.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import func, select

from carerlink.checkins import ladder
from carerlink.checkins.jobs import materialise, walk_ladder
from carerlink.checkins.ladder import State, Step
from carerlink.checkins.models import CheckinOccurrence
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.safeguarding.models import CrisisAlert
from tests.checkins.factories import Pair, make_pair
from tests.support import ApiClient, field_errors, notified_kinds, problem, signed_in


@pytest.fixture
async def pair(db: Database) -> Pair:
    return await make_pair(db)


async def _alerts(db: Database) -> int:
    async with db.session_scope() as session:
        return int(await session.scalar(select(func.count()).select_from(CrisisAlert)) or 0)


async def _tick(app: Litestar) -> None:
    await materialise(app.state.runtime)
    await walk_ladder(app.state.runtime)


async def _open_checkin(app: Litestar, carer: ApiClient, pair: Pair) -> dict[str, Any]:
    await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await _tick(app)
    [checkin] = (await carer.get("/api/v1/me/checkins?awaiting=true")).json()
    return dict(checkin)


async def test_help_with_no_score_alerts_at_once_keeps_the_checkin_open_and_unnudged_until_a_score(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    checkin = await _open_checkin(app, carer, pair)
    url = f"/api/v1/checkins/{checkin['id']}/answer"
    clock.advance(timedelta(minutes=10))

    sent = await carer.post(
        url,
        json={"needs_help": True, "note": "Can't cope today"},
        headers={"Idempotency-Key": "help-only-01"},
    )

    assert sent.status_code == 201, sent.text
    body = sent.json()
    assert body["help_is_coming"] is True
    assert {"999", "116 123"} <= {line["contact"] for line in body["crisis_lines"]}
    assert (body["checkin"]["state"], body["checkin"]["wellbeing"], body["checkin"]["needs_help"]) == (
        "open",
        None,
        True,
    )
    boss = await signed_in(new_client, pair.coordinator.email)
    [alert] = (await boss.get(f"/api/v1/orgs/{pair.org.id}/alerts?status=open")).json()
    assert (alert["id"], alert["source"], alert["checkin_id"]) == (body["alert_id"], "checkin", checkin["id"])
    assert await notified_kinds(db, pair.coordinator.user.id, about_matches=False) == [
        "coordinator_crisis_alert"
    ]
    buddy_heard = await notified_kinds(db, pair.buddy.user.id, about_matches=False)
    assert "buddy_carer_asked_for_help" in buddy_heard
    assert "buddy_new_answer" not in buddy_heard  # nothing to reply to yet: the check-in is still open

    # A retry of the same request (the offline queue) gives the same answer and no second alert.
    again = await carer.post(url, json={"needs_help": True}, headers={"Idempotency-Key": "help-only-01"})
    assert (again.status_code, again.json()["alert_id"]) == (200, body["alert_id"])

    # Six days pass with the alert still open: no nudge, the buddy is not told the carer is quiet, and
    # the check-in is not marked missed; it stays open for a score.
    for _ in range(6 * 12):
        clock.advance(timedelta(hours=2))
        await _tick(app)
    assert await notified_kinds(db, pair.carer.user.id, about_matches=False) == ["checkin_due"]
    assert "buddy_carer_quiet" not in await notified_kinds(db, pair.buddy.user.id, about_matches=False)
    carer = await signed_in(new_client, pair.carer.email)
    assert (await carer.get(f"/api/v1/checkins/{checkin['id']}")).json()["state"] == "open"
    assert [c["id"] for c in (await carer.get("/api/v1/me/checkins?awaiting=true")).json()] == [checkin["id"]]

    # The score, whenever the carer is ready: the check-in is answered, with what was said before.
    scored = await carer.post(url, json={"wellbeing": 2}, headers={"Idempotency-Key": "score-later-02"})

    assert scored.status_code == 201, scored.text
    answered = scored.json()["checkin"]
    assert (answered["state"], answered["wellbeing"], answered["needs_help"], answered["note"]) == (
        "answered",
        2,
        True,
        "Can't cope today",
    )
    assert scored.json()["alert_id"] == body["alert_id"]
    assert "buddy_new_answer" in await notified_kinds(db, pair.buddy.user.id, about_matches=False)
    assert await _alerts(db) == 1
    assert (await notified_kinds(db, pair.coordinator.user.id, about_matches=False)).count(
        "coordinator_crisis_alert"
    ) == 1
    # The first request arriving late from a phone's queue: the same call for help, still one alert.
    late = problem(
        await carer.post(url, json={"needs_help": True}, headers={"Idempotency-Key": "help-only-01"}), 409
    )
    assert late["centre_told"] is True
    assert await _alerts(db) == 1


async def test_nudges_come_back_once_a_coordinator_has_acknowledged_the_call_for_help(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    checkin = await _open_checkin(app, carer, pair)
    sent = await carer.post(f"/api/v1/checkins/{checkin['id']}/answer", json={"needs_help": True})
    assert sent.status_code == 201, sent.text
    clock.advance(timedelta(hours=3))  # escalated to every coordinator meanwhile; now one acknowledges
    boss = await signed_in(new_client, pair.coordinator.email)
    acknowledged = await boss.post(
        f"/api/v1/orgs/{pair.org.id}/alerts/{sent.json()['alert_id']}/acknowledge",
        json={"action_taken": "Rang Alex; she's safe."},
    )
    assert acknowledged.status_code == 200, acknowledged.text

    for _ in range(12):
        clock.advance(timedelta(hours=2))
        await _tick(app)

    # The usual gentle reminder a day after it was due (the check-in itself was seen: no second prompt).
    assert await notified_kinds(db, pair.carer.user.id, about_matches=False) == [
        "checkin_due",
        "checkin_nudge",
    ]
    async with db.session_scope() as session:
        state = await session.scalar(
            select(CheckinOccurrence.state).where(CheckinOccurrence.id == uuid.UUID(checkin["id"]))
        )
    assert state == "open"


async def test_help_asked_again_on_the_same_checkin_after_the_first_was_dealt_with_is_a_new_alert(
    app: Litestar, db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    checkin = await _open_checkin(app, carer, pair)
    first = await carer.post(f"/api/v1/checkins/{checkin['id']}/answer", json={"needs_help": True})
    boss = await signed_in(new_client, pair.coordinator.email)
    await boss.post(
        f"/api/v1/orgs/{pair.org.id}/alerts/{first.json()['alert_id']}/acknowledge",
        json={"action_taken": "Rang Alex; she's safe for now."},
    )
    clock.advance(timedelta(minutes=20))

    # "I need help now" again on the same check-in, with a score: a new call, a new alert, the centre told.
    again = await carer.post(
        f"/api/v1/checkins/{checkin['id']}/answer", json={"wellbeing": 1, "needs_help": True}
    )
    assert again.status_code == 201, again.text
    assert again.json()["help_is_coming"] is True
    assert again.json()["alert_id"] not in (None, first.json()["alert_id"])
    assert await _alerts(db) == 2
    alerts = (await boss.get(f"/api/v1/orgs/{pair.org.id}/alerts")).json()
    assert [a["status"] for a in alerts] == ["open", "acknowledged"]
    kinds = await notified_kinds(db, pair.coordinator.user.id, about_matches=False)
    assert kinds.count("coordinator_crisis_alert") == 2


async def test_without_help_now_a_score_is_still_asked_for_by_field(
    app: Litestar, db: Database, pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    checkin = await _open_checkin(app, carer, pair)
    for body in ({}, {"needs_help": False, "note": "Fine"}, {"wellbeing": None}):
        assert field_errors(await carer.post(f"/api/v1/checkins/{checkin['id']}/answer", json=body)) == {
            "wellbeing"
        }
        assert field_errors(await carer.post(f"{pair.base}/checkins", json=body)) == {"wellbeing"}
    assert (await carer.get(f"/api/v1/checkins/{checkin['id']}")).json()["state"] == "open"
    assert [c["kind"] for c in (await carer.get("/api/v1/me/checkins")).json()] == ["scheduled"]
    assert await _alerts(db) == 0


async def test_id_like_to_talk_with_only_help_now_tells_the_centre_and_the_buddy_at_once(
    app: Litestar, db: Database, pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    key = {"Idempotency-Key": "talk-help-only-1"}

    sent = await carer.post(
        f"{pair.base}/checkins", json={"needs_help": True, "wants_call": True}, headers=key
    )

    assert sent.status_code == 201, sent.text
    body = sent.json()
    assert body["help_is_coming"] is True and body["alert_id"]
    assert {"999", "116 123"} <= {line["contact"] for line in body["crisis_lines"]}
    assert (body["checkin"]["kind"], body["checkin"]["wellbeing"], body["checkin"]["wants_call"]) == (
        "unscheduled",
        None,
        True,
    )
    assert await notified_kinds(db, pair.coordinator.user.id, about_matches=False) == [
        "coordinator_crisis_alert"
    ]
    assert {"buddy_carer_asked_for_help", "buddy_new_answer"} <= set(
        await notified_kinds(db, pair.buddy.user.id, about_matches=False)
    )
    again = await carer.post(
        f"{pair.base}/checkins", json={"needs_help": True, "wants_call": True}, headers=key
    )
    assert (again.status_code, again.json()["checkin"]["id"]) == (200, body["checkin"]["id"])
    assert await _alerts(db) == 1
    buddy = await signed_in(new_client, pair.buddy.email)
    [waiting] = (await buddy.get("/api/v1/me/checkins?role=buddy&awaiting=true")).json()
    assert (waiting["id"], waiting["wellbeing"], waiting["wellbeing_words"]) == (
        body["checkin"]["id"],
        None,
        None,
    )


def test_the_ladder_holds_a_checkin_whose_call_for_help_is_open_and_skips_the_prompt_afterwards() -> None:
    due = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    later = due + timedelta(days=5)
    held = ladder.decide(
        ladder.Position(State.OPEN, due, None, frozenset(), help_asked=True, help_open=True),
        ladder.Delays(),
        later,
    )
    assert (held.steps, held.state, held.next_check_at) == ((), State.OPEN, later + ladder.HELP_RECHECK)
    # Acknowledged: the ladder goes on in order, without asking again what the carer has already seen.
    going_on = ladder.decide(
        ladder.Position(State.SCHEDULED, due, None, frozenset(), help_asked=True),
        ladder.Delays(),
        due + timedelta(hours=25),
    )
    assert (going_on.steps, going_on.state) == ((Step.NUDGE,), State.OPEN)
