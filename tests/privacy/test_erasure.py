"""Erasure that keeps what must be kept (issue 15): asked, confirmed, anonymised; nothing of the person
survives outside the safeguarding records the result lists; figures and the other person's history stay."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from litestar import Litestar

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from tests.privacy.erasure_support import rich_pair, survivors
from tests.support import problem, signed_in


async def test_a_carer_asks_a_coordinator_confirms_and_nothing_of_them_survives(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    rich = await rich_pair(db, new_client)
    org = rich.pair.org.id
    before = {t for t, _, _ in await survivors(db, needles=rich.needles, first_name="Wilhelmina", kept=set())}
    assert {"users", "emergency_contacts", "checkin_occurrences"} <= before, before
    asked = await rich.carer.post("/api/v1/me/erasure", json={})
    assert asked.status_code == 201, asked.text
    request = asked.json()
    assert request["state"] == "requested" and request["can_cancel"] is True
    assert [r["id"] for r in (await rich.carer.get("/api/v1/me/erasure-requests")).json()] == [request["id"]]

    listed = (await rich.coordinator.get(f"/api/v1/orgs/{org}/erasure-requests")).json()
    assert listed["open"] == 1
    page = (await rich.coordinator.get(f"/api/v1/orgs/{org}/erasure-requests/{request['id']}")).json()
    assert page["person_name"] == "Wilhelmina Quartey" and page["state"] == "requested"
    assert page["account_anonymised"] is True

    confirmed = await rich.coordinator.post(f"/api/v1/orgs/{org}/erasure-requests/{request['id']}/confirm")
    assert confirmed.status_code == 200, confirmed.text
    done = confirmed.json()
    assert done["state"] == "done", done
    assert done["person_name"] == "Former carer"

    found = await survivors(db, needles=rich.needles, first_name="Wilhelmina", kept=set())
    assert found == []
    # the carer's sessions are gone, and they cannot sign in again
    assert problem(await rich.carer.get("/api/v1/me/erasure-requests"), 401)


async def test_what_was_waiting_for_a_coordinator_about_them_is_dealt_with(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    """Low scores in a row flagged for review: once the carer is erased, nobody is left to follow up."""
    rich = await rich_pair(db, new_client)
    org = rich.pair.org.id
    for _ in range(3):
        clock.advance(timedelta(days=7))
        rich.carer = await signed_in(new_client, rich.pair.carer.email)
        low = await rich.carer.post(
            f"{rich.pair.base}/checkins", json={"wellbeing": 1}, headers={"Idempotency-Key": uuid.uuid4().hex}
        )
        assert low.status_code == 201, low.text
    attention = f"/api/v1/orgs/{org}/attention"
    rich.coordinator = await signed_in(new_client, rich.pair.coordinator.email)  # three weeks on
    assert [a["reason"] for a in (await rich.coordinator.get(attention)).json()] == ["low_score_review"]

    asked = await rich.carer.post("/api/v1/me/erasure", json={})
    assert asked.status_code == 201, asked.text
    done = await rich.coordinator.post(f"/api/v1/orgs/{org}/erasure-requests/{asked.json()['id']}/confirm")
    assert done.status_code == 200 and done.json()["state"] == "done", done.text
    assert (await rich.coordinator.get(attention)).json() == []
