"""A safeguarding lead whose coordinator membership is suspended is not the end of the line (issue 10 §2):
nothing is sent to a suspended membership, so an unacknowledged call for help goes to every coordinator."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Litestar

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.safeguarding.jobs import escalate
from tests.checkins.factories import make_pair
from tests.profiles.factories import make_coordinator
from tests.support import notified_kinds, signed_in


async def test_with_the_lead_suspended_an_unacknowledged_alert_escalates_to_every_coordinator(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    lead = await make_coordinator(db, pair.org, name="Sarah Lead")
    off_duty = await make_coordinator(db, pair.org, name="Jo Off")
    coordinator = await signed_in(new_client, pair.coordinator.email)
    await coordinator.patch(
        f"/api/v1/orgs/{pair.org.id}", json={"settings": {"safeguarding_lead_user_id": str(lead.user.id)}}
    )
    await (await signed_in(new_client, off_duty.email)).put(
        f"/api/v1/orgs/{pair.org.id}/duty", json={"on_duty": False}
    )
    suspended = await coordinator.patch(
        f"/api/v1/orgs/{pair.org.id}/members/{lead.membership_id}", json={"status": "suspended"}
    )
    assert suspended.status_code == 200, suspended.text
    carer = await signed_in(new_client, pair.carer.email)
    assert (
        await carer.post(f"{pair.base}/checkins", json={"wellbeing": 1, "needs_help": True})
    ).status_code == 201

    clock.advance(timedelta(minutes=16))
    await escalate(app.state.runtime)

    assert await notified_kinds(db, lead.user.id) == []
    assert await notified_kinds(db, off_duty.user.id) == ["coordinator_crisis_unacknowledged"]
    assert "coordinator_crisis_unacknowledged" in await notified_kinds(db, pair.coordinator.user.id)
