"""Access ends with a role or a match (issue 10 §2): a suspended buddy who is also a carer there reads
nothing as a buddy, and a former buddy sees that the match ended and their own replies, not the answers."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import select

from carerlink.actor import Role
from carerlink.checkins.jobs import materialise, walk_ladder
from carerlink.db import Database
from carerlink.notifications.models import Notification
from carerlink.organisations import service as organisations
from tests.checkins.factories import Pair, make_pair
from tests.support import START, ApiClient, problem, signed_in

NOTE = "Dad was in hospital again; I haven't slept."
ANSWER_FIELDS = ("wellbeing", "wellbeing_words", "note", "wants_call", "needs_help")


@pytest.fixture
async def pair(db: Database) -> Pair:
    return await make_pair(db)


async def _carer_checks_in(carer: ApiClient, pair: Pair) -> dict[str, Any]:
    """The carer sends "I'd like to talk" with a low score, a note and a wish for a call."""
    sent = await carer.post(f"{pair.base}/checkins", json={"wellbeing": 1, "note": NOTE, "wants_call": True})
    assert sent.status_code == 201, sent.text
    checkin: dict[str, Any] = sent.json()["checkin"]
    return checkin


async def test_a_suspended_buddy_who_is_also_a_carer_there_reads_none_of_their_carers_checkins(
    db: Database, pair: Pair, new_client: Any
) -> None:
    async with db.session_scope() as session:  # a former carer who is now a buddy: common
        await organisations.add_membership(
            session, user_id=pair.buddy.user.id, organisation_id=pair.org.id, role=Role.CARER, now=START
        )
    carer = await signed_in(new_client, pair.carer.email)
    checkin = await _carer_checks_in(carer, pair)
    buddy = await signed_in(new_client, pair.buddy.email)
    assert [c["note"] for c in (await buddy.get("/api/v1/me/checkins?role=buddy&awaiting=true")).json()] == [
        NOTE
    ]
    coordinator = await signed_in(new_client, pair.coordinator.email)

    suspended = await coordinator.patch(
        f"/api/v1/orgs/{pair.org.id}/members/{pair.buddy.membership_id}", json={"status": "suspended"}
    )

    assert suspended.status_code == 200, suspended.text
    for url in ("/api/v1/me/checkins?role=buddy", "/api/v1/me/checkins?role=buddy&awaiting=true"):
        listed = await buddy.get(url)
        assert listed.status_code == 200
        assert listed.json() == [], url
        assert NOTE not in listed.text
    problem(await buddy.get(f"/api/v1/checkins/{checkin['id']}"), 404)
    problem(await buddy.get(f"{pair.base}/checkins"), 404)
    assert (await buddy.get("/api/v1/me/checkins")).json() == []  # as a carer: none of their own yet
    # The carer keeps their history; the coordinator keeps theirs.
    assert [c["note"] for c in (await carer.get("/api/v1/me/checkins")).json()] == [NOTE]
    assert [c["note"] for c in (await coordinator.get(f"{pair.base}/checkins")).json()] == [NOTE]


async def test_once_the_match_ends_the_former_buddy_sees_it_ended_and_their_reply_not_the_answers(
    db: Database, pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    replied = await _carer_checks_in(carer, pair)
    sent = await buddy.post(
        f"/api/v1/checkins/{replied['id']}/reply", json={"kind": "message", "message": "Thinking of you."}
    )
    assert sent.status_code == 200, sent.text
    unreplied = await _carer_checks_in(carer, pair)
    # While the match is paused the buddy still reads the answers (a pause is not an ending).
    assert (await buddy.post(f"{pair.base}/pause")).status_code == 200
    seen = (await buddy.get(f"/api/v1/checkins/{unreplied['id']}")).json()
    assert (seen["note"], seen["wellbeing"], seen["answers_shown"]) == (NOTE, 1, True)

    ended = await carer.post(f"{pair.base}/end", json={"reason": "caring_ended"})
    assert ended.status_code == 200, ended.text

    one = await buddy.get(f"/api/v1/checkins/{replied['id']}")
    history = await buddy.get(f"{pair.base}/checkins")
    mine = await buddy.get("/api/v1/me/checkins?role=buddy")
    for response in (one, history, mine):
        assert response.status_code == 200, response.text
        assert NOTE not in response.text
    shown = [one.json(), *history.json(), *mine.json()]
    assert len(shown) == 5
    for item in shown:
        assert item["match_ended"] is True and item["answers_shown"] is False
        assert all(item[name] is None for name in ANSWER_FIELDS), item
        assert item["state"] in ("answered", "replied")
    assert {(c["id"], c["reply_message"]) for c in history.json()} == {
        (replied["id"], "Thinking of you."),
        (unreplied["id"], None),
    }
    assert (await buddy.get("/api/v1/me/checkins?role=buddy&awaiting=true")).json() == []
    problem(await buddy.post(f"/api/v1/checkins/{unreplied['id']}/reply", json={"kind": "we_spoke"}), 409)

    # The carer keeps their own history, the coordinator sees everything as before.
    for viewer in (carer, coordinator):
        for item in (await viewer.get(f"{pair.base}/checkins")).json():
            assert (item["note"], item["wellbeing"], item["wants_call"]) == (NOTE, 1, True)
            assert item["match_ended"] is True and item["answers_shown"] is True
        whole = (await viewer.get(f"/api/v1/checkins/{unreplied['id']}")).json()
        assert (whole["note"], whole["wellbeing_words"], whole["needs_help"]) == (NOTE, "struggling", False)
    assert [c["note"] for c in (await carer.get("/api/v1/me/checkins")).json()] == [NOTE, NOTE]


async def test_a_check_in_answered_after_the_match_ended_tells_the_former_buddy_nothing(
    app: Litestar, db: Database, pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await materialise(app.state.runtime)
    await walk_ladder(app.state.runtime)
    [still_open] = (await carer.get("/api/v1/me/checkins?awaiting=true")).json()
    coordinator = await signed_in(new_client, pair.coordinator.email)
    assert (await coordinator.post(f"{pair.base}/end", json={"reason": "not_a_good_fit"})).status_code == 200

    assert (await carer.get("/api/v1/me/checkins?awaiting=true")).json() == []  # nothing waits now
    answered = (
        await carer.post(  # nobody would read it: refused, but a call for help still reaches the centre
            f"/api/v1/checkins/{still_open['id']}/answer",
            json={"wellbeing": 1, "note": NOTE, "needs_help": True},
        )
    )
    refused = problem(answered, 409)
    assert refused["centre_told"] is True and "closed when your match ended" in refused["detail"]
    again = await carer.post(  # a second press, another call: the centre is told again
        f"/api/v1/checkins/{still_open['id']}/answer",
        json={"wellbeing": 1, "needs_help": True},
        headers={"Idempotency-Key": "second-answer-01"},
    )
    assert problem(again, 409)["centre_told"] is True
    quiet = await carer.post(f"/api/v1/checkins/{still_open['id']}/answer", json={"wellbeing": 2})
    assert "centre_told" not in problem(quiet, 409)

    async with db.session_scope() as session:
        told = await session.scalars(
            select(Notification.kind).where(
                Notification.user_id == pair.buddy.user.id, Notification.kind.like("buddy_%")
            )
        )
        assert list(told) == []
    boss = (await coordinator.get(f"/api/v1/orgs/{pair.org.id}/alerts")).json()
    assert len(boss) == 2  # the centre is told of each call for help, always
