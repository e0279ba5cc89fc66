"""The demo shows texts at once: switched on, Janet's number verified, and a texted reply to deal with."""

from __future__ import annotations

from typing import Any

from carerlink import demo
from carerlink.db import Database
from tests.support import START, ApiClient


async def test_the_demo_has_texts_on_a_verified_carer_and_a_reply_waiting(
    db: Database, client: ApiClient, new_client: Any
) -> None:
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    await client.login("coordinator@example.org", demo.DEMO_PASSWORD)
    items = (await client.get(f"/api/v1/orgs/{organisation.id}/attention")).json()
    [text] = [i for i in items if i["reason"] == "text_received"]
    assert (text["carer_name"], text["note"]) == (
        "Janet Morris",
        "Sorry I missed your call. Could someone ring me after 6?",
    )
    janet = new_client()
    await janet.login("carer4@example.org", demo.DEMO_PASSWORD)
    phone = (await janet.get("/api/v1/me/phone")).json()
    assert (phone["verified"], phone["texts"]) == (True, "available")
