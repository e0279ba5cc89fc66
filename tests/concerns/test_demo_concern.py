"""The demo's open concern (issue 13): the coordinator sees it at the top of the queue, its target a few
hours away; Helen sees where it stands; Sam sees nothing of it."""

from __future__ import annotations

from typing import Any

from carerlink import demo
from carerlink.db import Database
from tests.support import START, ApiClient


async def test_the_coordinator_sees_helens_concern_about_sam_and_sam_sees_nothing(
    db: Database, new_client: Any
) -> None:
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    base = f"/api/v1/orgs/{organisation.id}/concerns"

    async def signed_in(_: Any, email: str) -> ApiClient:
        client: ApiClient = new_client()
        await client.login(email, demo.DEMO_PASSWORD)
        return client

    boss = await signed_in(new_client, "coordinator@example.org")
    [concern] = (await boss.get(base)).json()["queue"]
    assert (concern["carer_name"], concern["raised_by_name"]) == ("Sam Clarke", "Helen Wright")
    assert (concern["status"], concern["past_target"], concern["minutes_to_target"]) == ("open", False, 240)

    helen = await signed_in(new_client, "buddy3@example.org")
    [mine] = (await helen.get(base)).json()["raised_by_me"]
    assert mine["status_words"] == "Sent to the coordinators"

    sam = await signed_in(new_client, "carer3@example.org")
    assert (await sam.get(base)).status_code == 403
    assert (await sam.get(f"{base}/{concern['id']}")).status_code == 403
    inbox = (await sam.get("/api/v1/notifications?limit=100")).text
    assert "concern" not in inbox.lower() and "sleep" not in inbox
