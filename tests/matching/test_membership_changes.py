"""Suspending or ending a membership closes what hangs on it (issue 10 §2): proposals, matches, places."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from carerlink.db import Database
from carerlink.profiles.models import BuddyProfile
from tests.checkins.factories import Pair, make_pair
from tests.profiles.factories import make_carer
from tests.support import ApiClient, problem, signed_in


async def _places_taken(db: Database, buddy_membership_id: uuid.UUID) -> int:
    async with db.session_scope() as session:
        taken = await session.scalar(
            select(BuddyProfile.places_taken).where(BuddyProfile.membership_id == buddy_membership_id)
        )
    assert taken is not None
    return taken


async def _set_status(coordinator: ApiClient, pair: Pair, membership_id: uuid.UUID, status: str) -> None:
    response = await coordinator.patch(
        f"/api/v1/orgs/{pair.org.id}/members/{membership_id}", json={"status": status}
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == status


async def _propose(coordinator: ApiClient, pair: Pair, carer_membership_id: uuid.UUID) -> str:
    proposed = await coordinator.post(
        f"/api/v1/orgs/{pair.org.id}/matches",
        json={
            "carer_membership_id": str(carer_membership_id),
            "buddy_membership_id": str(pair.buddy.membership_id),
        },
    )
    assert proposed.status_code == 201, proposed.text
    match_id: str = proposed.json()["id"]
    return match_id


async def test_suspending_a_buddy_pauses_their_match_withdraws_proposals_and_tells_the_carer_kindly(
    db: Database, new_client: Any
) -> None:
    pair = await make_pair(db)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    waiting = await make_carer(db, pair.org, name="Jo Waiting")
    proposal = await _propose(coordinator, pair, waiting.membership_id)
    assert await _places_taken(db, pair.buddy.membership_id) == 2

    await _set_status(coordinator, pair, pair.buddy.membership_id, "suspended")

    match = (await coordinator.get(pair.base)).json()
    assert match["status"] == "paused"
    withdrawn = (await coordinator.get(f"/api/v1/orgs/{pair.org.id}/matches/{proposal}")).json()
    assert withdrawn["status"] == "withdrawn"
    assert withdrawn["close_note"] == "The buddy's membership was suspended."
    assert await _places_taken(db, pair.buddy.membership_id) == 1  # the paused match's place stays held
    carer = await signed_in(new_client, pair.carer.email)
    items = (await carer.get("/api/v1/notifications")).json()["items"]
    [told] = [n for n in items if n["kind"] not in ("match_proposed", "match_accepted")]
    assert told["kind"] == "carer_buddy_on_break"
    assert told["title"] == "Priya is taking a break"
    assert "new buddy" in told["body"]
    for word in ("suspend", "membership", "coordinator", "reason"):
        assert word not in (told["title"] + told["body"]).lower()
    waiting_view = (await carer.get(f"/api/v1/orgs/{pair.org.id}/me/waiting")).json()
    assert waiting_view["state"] == "paused" and "taking a break" in waiting_view["next_steps"]
    jo = await signed_in(new_client, waiting.email)
    assert not [n for n in (await jo.get("/api/v1/notifications")).json()["items"] if "break" in n["title"]]


async def test_a_match_paused_by_a_suspension_restarts_only_once_the_membership_is_active_again(
    db: Database, new_client: Any
) -> None:
    pair = await make_pair(db)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    carer = await signed_in(new_client, pair.carer.email)
    await _set_status(coordinator, pair, pair.buddy.membership_id, "suspended")

    refused = problem(await coordinator.post(f"{pair.base}/resume"), 409)
    assert "buddy's membership isn't active" in refused["detail"]
    to_carer = problem(await carer.post(f"{pair.base}/resume"), 409)
    assert "membership" not in to_carer["detail"] and "suspend" not in to_carer["detail"]
    assert (await coordinator.get(pair.base)).json()["status"] == "paused"

    await _set_status(coordinator, pair, pair.buddy.membership_id, "active")
    assert (await coordinator.get(pair.base)).json()["status"] == "paused"  # nothing restarts by itself
    resumed = await coordinator.post(f"{pair.base}/resume")

    assert resumed.status_code == 200, resumed.text
    assert resumed.json()["status"] == "active"
    buddy = await signed_in(new_client, pair.buddy.email)
    assert (await buddy.get(pair.base)).json()["status"] == "active"


async def test_ending_a_buddys_membership_ends_their_matches_as_stepping_down_and_frees_the_places(
    db: Database, new_client: Any
) -> None:
    pair = await make_pair(db)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    waiting = await make_carer(db, pair.org, name="Jo Waiting")
    proposal = await _propose(coordinator, pair, waiting.membership_id)

    await _set_status(coordinator, pair, pair.buddy.membership_id, "ended")

    match = (await coordinator.get(pair.base)).json()
    assert (match["status"], match["end_reason"]) == ("ended", "buddy_stepping_down")
    assert match["close_note"] == "The buddy's membership ended."
    assert (await coordinator.get(f"/api/v1/orgs/{pair.org.id}/matches/{proposal}")).json()["status"] == (
        "withdrawn"
    )
    assert await _places_taken(db, pair.buddy.membership_id) == 0
    waiting_list = (await coordinator.get(f"/api/v1/orgs/{pair.org.id}/waiting-list")).json()
    assert str(pair.carer.membership_id) in {entry["carer"]["membership_id"] for entry in waiting_list}


async def test_ending_a_carers_membership_ends_their_match_as_the_carer_left_and_frees_the_place(
    db: Database, new_client: Any
) -> None:
    pair = await make_pair(db)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    assert (await coordinator.post(f"{pair.base}/pause")).status_code == 200  # paused matches end too

    await _set_status(coordinator, pair, pair.carer.membership_id, "ended")

    match = (await coordinator.get(pair.base)).json()
    assert (match["status"], match["end_reason"]) == ("ended", "carer_left")
    assert await _places_taken(db, pair.buddy.membership_id) == 0
    buddy = await signed_in(new_client, pair.buddy.email)
    items = (await buddy.get("/api/v1/notifications")).json()["items"]
    assert not [n for n in items if "break" in n["title"]]
