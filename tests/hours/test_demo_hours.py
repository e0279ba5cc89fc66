"""The demo shows volunteer hours (issue 16): Helen's logged and counted time, and Morgan's changes in the
settings' history."""

from __future__ import annotations

from typing import Any

from carerlink import demo
from carerlink.db import Database
from tests.support import START


async def test_the_demo_has_hours_to_show_and_a_settings_history(db: Database, new_client: Any) -> None:
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    helen = new_client()
    await helen.login("buddy3@example.org", demo.DEMO_PASSWORD)
    mine = (await helen.get(f"/api/v1/orgs/{organisation.id}/me/hours/summary")).json()
    assert mine["logged_minutes"] == 40 + 25 + 90 + 45 + 60 + 30
    assert mine["counted_minutes"] > 0 and mine["minutes_per_reply"] == 10
    assert len(mine["months"]) >= 3

    morgan = new_client()
    await morgan.login("coordinator@example.org", demo.DEMO_PASSWORD)
    history = (await morgan.get(f"/api/v1/orgs/{organisation.id}/settings/changes")).json()
    assert [[c["field"] for c in h["changes"]] for h in history] == [
        ["settings.checkins"],
        ["settings.volunteer_minutes_per_reply"],
        ["settings.checkins"],
    ]
    assert {h["by_name"] for h in history} == {"Morgan Ellis"}
    org = (await morgan.get(f"/api/v1/orgs/{organisation.id}")).json()
    assert org["settings"]["checkins"]["nudge_after_hours"] == 24  # the ladder ends as it was
