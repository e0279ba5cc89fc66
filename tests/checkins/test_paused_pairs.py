"""A pause stops new check-ins, never the safety net under an answer already given."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from litestar import Litestar

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from tests.checkins.factories import make_pair
from tests.checkins.test_checkins_api import _tick
from tests.support import ApiClient, notified_kinds


async def test_an_answer_left_unreplied_when_the_pair_pauses_still_reaches_the_coordinator(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    carer: ApiClient = new_client()
    await carer.login(pair.carer.email)
    await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await _tick(app)
    [checkin] = (await carer.get("/api/v1/me/checkins?awaiting=true")).json()
    answered = await carer.post(
        f"/api/v1/checkins/{checkin['id']}/answer", json={"wellbeing": 1, "wants_call": True}
    )
    assert answered.status_code == 201, answered.text

    # The buddy pauses the pair (unwell, say) before replying to Alex's "struggling, please call".
    buddy: ApiClient = new_client()
    await buddy.login(pair.buddy.email)
    paused = await buddy.post(f"{pair.base}/pause")
    assert paused.status_code == 200, paused.text
    assert paused.json()["status"] == "paused"

    for _ in range(8):  # eight days pass with the ticks running, past next Monday's 09:00
        clock.advance(timedelta(hours=24))
        await _tick(app)
        await _tick(app)

    # Nobody replied, so the coordinator hears about it once, as for an active pair.
    assert await notified_kinds(db, pair.coordinator.user.id, about_matches=False) == [
        "coordinator_escalation"
    ]
    # And the pause stops new check-ins: nothing new falls due for Alex while it lasts.
    carer = new_client()
    await carer.login(pair.carer.email)  # (days later, Alex signs in again)
    assert (await carer.get("/api/v1/me/checkins?awaiting=true")).json() == []
    assert await notified_kinds(db, pair.carer.user.id, about_matches=False) == ["checkin_due"]


async def test_a_paused_plan_asks_nothing_and_resuming_plans_from_now_on(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    carer: ApiClient = new_client()
    await carer.login(pair.carer.email)
    plan = {"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    paused = await carer.put(f"{pair.base}/checkin-plan", json={**plan, "paused": True})
    assert paused.status_code == 200, paused.text
    assert paused.json()["upcoming"] == []  # nothing is planned while the plan is paused

    for _ in range(15):  # two Mondays at 09:00 pass with the ticks running
        clock.advance(timedelta(hours=24))
        await _tick(app)
    assert await notified_kinds(db, pair.carer.user.id, about_matches=False) == []  # never asked

    carer = new_client()
    await carer.login(pair.carer.email)
    resumed = await carer.put(f"{pair.base}/checkin-plan", json={**plan, "paused": False})
    upcoming = resumed.json()["upcoming"]
    assert upcoming, resumed.text
    now = clock.now()
    assert all(datetime.fromisoformat(u["due_at"]) > now for u in upcoming)  # the future only
