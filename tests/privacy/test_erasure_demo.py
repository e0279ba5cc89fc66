"""The demo's erasures (issue 15): Aisha waits for a coordinator; Bethan's was done, and Tom's history
still reads, naming her "Former carer"."""

from __future__ import annotations

from typing import Any

from carerlink import demo
from carerlink.db import Database
from tests.support import START, ApiClient


async def test_the_demo_has_a_waiting_request_and_a_done_one(
    db: Database, client: ApiClient, new_client: Any
) -> None:
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    await client.login("coordinator@example.org", demo.DEMO_PASSWORD)
    listed = (await client.get(f"/api/v1/orgs/{organisation.id}/erasure-requests")).json()
    assert [(r["person_name"], r["state"]) for r in listed["requests"]] == [
        ("Aisha Rahman", "requested"),
        ("Former carer", "done"),
    ]
    assert listed["open"] == 1
    done = listed["requests"][1]
    assert {s["section"] for s in done["sections"]} >= {"account", "checkins", "carer_profile"}

    tom = new_client()
    await tom.login("buddy2@example.org", demo.DEMO_PASSWORD)
    matches = await tom.get(f"/api/v1/orgs/{organisation.id}/matches")
    assert matches.status_code == 200
    assert "Bethan" not in matches.text
    aisha = new_client()
    await aisha.login("carer8@example.org", demo.DEMO_PASSWORD)
    mine = (await aisha.get("/api/v1/me/erasure-requests")).json()
    assert [(r["state"], r["can_cancel"]) for r in mine] == [("requested", True)]
