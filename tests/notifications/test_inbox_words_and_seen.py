"""The inbox inside the app (issue 11): words that fit where the reader is, and read state that follows
what the person has opened, however they got there."""

from __future__ import annotations

import uuid
from datetime import timedelta

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.notifications import kinds
from tests.notifications.support import send
from tests.support import START, ApiClient, make_user, problem


async def test_inbox_entries_never_ask_to_open_carerlink_while_the_push_still_does(
    db: Database, client: ApiClient, clock: FrozenClock
) -> None:
    carer = await make_user(db, email="alex@example.org")
    checkin_id = uuid.uuid4()
    await send(db, carer, kinds.BuddyReplied, {"checkin_id": checkin_id, "buddy_name": "Priya"})
    await send(db, carer, kinds.MatchProposed, {"match_id": uuid.uuid4()})
    await client.login("alex@example.org")

    items = (await client.get("/api/v1/notifications")).json()["items"]

    bodies = {item["kind"]: item["body"] for item in items}
    assert bodies["carer_buddy_replied"] == "Read your buddy's reply."
    assert bodies["match_proposed"] == "See who it is and say whether it suits you."
    assert all("Open carerlink" not in item["body"] for item in items)
    # The push, read outside the app, still says where to go.
    reply = kinds.BuddyReplied(checkin_id=checkin_id, buddy_name="Priya")
    assert reply.body() == "Open carerlink to read your buddy's reply."


async def test_opening_the_page_a_notification_leads_to_marks_it_read_and_only_it(
    db: Database, client: ApiClient, clock: FrozenClock
) -> None:
    carer = await make_user(db, email="alex@example.org")
    other = await make_user(db, email="sam@example.org")
    checkin_id = uuid.uuid4()
    await send(db, carer, kinds.BuddyReplied, {"checkin_id": checkin_id, "buddy_name": "Priya"})
    await send(db, carer, kinds.MatchProposed, {"match_id": uuid.uuid4()})
    await send(db, other, kinds.BuddyReplied, {"checkin_id": checkin_id, "buddy_name": "Priya"})
    await client.login("alex@example.org")
    clock.advance(timedelta(minutes=5))

    seen = await client.post("/api/v1/notifications/seen", json={"url": f"/checkins/{checkin_id}"})
    again = await client.post("/api/v1/notifications/seen", json={"url": f"/checkins/{checkin_id}"})

    assert seen.status_code == again.status_code == 200
    assert seen.json() == again.json() == {"unread": 1}
    items = (await client.get("/api/v1/notifications")).json()["items"]
    read = {item["kind"]: item["read_at"] for item in items}
    assert read["carer_buddy_replied"] == (START + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert read["match_proposed"] is None
    # Someone else's notification for the same page is theirs to read.
    await client.post("/api/v1/auth/logout")
    await client.login("sam@example.org")
    assert (await client.get("/api/v1/notifications")).json()["unread"] == 1


async def test_seen_needs_a_sign_in_and_an_app_path(db: Database, client: ApiClient) -> None:
    problem(await client.post("/api/v1/notifications/seen", json={"url": "/checkins/x"}), 401)
    await make_user(db, email="alex@example.org")
    await client.login("alex@example.org")
    for url in ("https://elsewhere.example/x", "", "/" + "x" * 600):
        body = problem(await client.post("/api/v1/notifications/seen", json={"url": url}), 422)
        assert "url" in str(body)
