"""Issue 10 §1: "I asked for help by mistake" after asking for help.

It tells the coordinators who were told about the alert and is recorded on the alert, but never closes
it or stops its escalation (someone in crisis may say it was a mistake); only the carer who raised the
alert may say it, and saying it twice changes nothing.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import select

from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.notifications.models import Notification
from carerlink.safeguarding.jobs import escalate
from tests.checkins.factories import make_pair
from tests.profiles.factories import make_carer, make_coordinator
from tests.support import ApiClient, make_org, problem, signed_in


async def _notified(db: Database, user_id: Any) -> list[Notification]:
    async with db.session_scope() as session:
        return list(
            await session.scalars(
                select(Notification).where(Notification.user_id == user_id).order_by(Notification.created_at)
            )
        )


async def _kinds(db: Database, user_id: Any) -> list[str]:
    return [n.kind for n in await _notified(db, user_id)]


async def test_i_pressed_this_by_mistake_tells_the_coordinators_and_the_alert_stays_open_and_escalates(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    off_duty = await make_coordinator(db, pair.org, name="Jo Offduty")
    await (await signed_in(new_client, off_duty.email)).put(
        f"/api/v1/orgs/{pair.org.id}/duty", json={"on_duty": False}
    )
    carer = await signed_in(new_client, pair.carer.email)
    helped = await carer.post(
        f"/api/v1/orgs/{pair.org.id}/help", headers={"Idempotency-Key": "help-button-01"}
    )
    assert helped.status_code == 201, helped.text
    alert_id = helped.json()["alert_id"]
    clock.advance(timedelta(minutes=2))

    said = await carer.post(f"/api/v1/orgs/{pair.org.id}/alerts/{alert_id}/mistake")

    assert said.status_code == 200, said.text
    assert said.json() == {
        "alert_id": alert_id,
        "mistake_reported_at": clock.now().isoformat().replace("+00:00", "Z"),
        "alert_still_open": True,
    }
    # The coordinator told about the alert is told this too; one who was not told about it isn't.
    told = await _notified(db, pair.coordinator.user.id)
    assert [n.kind for n in told] == ["coordinator_crisis_alert", "coordinator_crisis_mistake"]
    assert told[1].data == {"alert_id": alert_id, "carer_name": "Alex"}  # no health detail, ids and a name
    assert "mistake" in told[1].title and told[1].url == f"/coordinator/alerts/{alert_id}"
    assert await _kinds(db, off_duty.user.id) == []
    boss = await signed_in(new_client, pair.coordinator.email)
    alert = (await boss.get(f"/api/v1/orgs/{pair.org.id}/alerts/{alert_id}")).json()
    assert (alert["status"], alert["mistake_reported_at"]) == ("open", said.json()["mistake_reported_at"])
    assert [a["id"] for a in (await boss.get(f"/api/v1/orgs/{pair.org.id}/alerts?status=open")).json()] == [
        alert_id
    ]

    # Said again (a double tap, another phone): the same record, nobody told twice.
    clock.advance(timedelta(minutes=1))
    again = await carer.post(f"/api/v1/orgs/{pair.org.id}/alerts/{alert_id}/mistake")
    assert again.json()["mistake_reported_at"] == said.json()["mistake_reported_at"]
    assert (await _kinds(db, pair.coordinator.user.id)).count("coordinator_crisis_mistake") == 1

    # Nobody has acknowledged it: it still goes to every coordinator (there is no safeguarding lead).
    clock.advance(timedelta(minutes=13))
    await escalate(app.state.runtime)
    assert "coordinator_crisis_unacknowledged" in await _kinds(db, off_duty.user.id)
    async with db.session_scope() as session:
        actions = list(
            await session.scalars(
                select(AuditEntry.action).where(AuditEntry.object_id == uuid.UUID(alert_id))
            )
        )
    assert actions.count("safeguarding.alert.mistake_reported") == 1


async def test_a_mistake_reported_after_escalation_reaches_the_lead_too(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    lead = await make_coordinator(db, pair.org, name="Sarah Lead")
    boss = await signed_in(new_client, pair.coordinator.email)
    await boss.patch(
        f"/api/v1/orgs/{pair.org.id}", json={"settings": {"safeguarding_lead_user_id": str(lead.user.id)}}
    )
    await (await signed_in(new_client, lead.email)).put(
        f"/api/v1/orgs/{pair.org.id}/duty", json={"on_duty": False}
    )
    carer = await signed_in(new_client, pair.carer.email)
    checkin = await carer.post(f"{pair.base}/checkins", json={"needs_help": True})
    alert_id = checkin.json()["alert_id"]
    clock.advance(timedelta(minutes=16))
    await escalate(app.state.runtime)
    assert await _kinds(db, lead.user.id) == ["coordinator_crisis_unacknowledged"]

    carer = await signed_in(new_client, pair.carer.email)
    said = await carer.post(f"/api/v1/orgs/{pair.org.id}/alerts/{alert_id}/mistake")

    assert said.status_code == 200, said.text
    # both at the same frozen instant: PostgreSQL may return them either way
    assert sorted(await _kinds(db, lead.user.id)) == [
        "coordinator_crisis_mistake",
        "coordinator_crisis_unacknowledged",
    ]
    assert (await _kinds(db, pair.coordinator.user.id))[-1] == "coordinator_crisis_mistake"


@pytest.mark.parametrize(
    ("caller", "status"),
    [
        ("anonymous", 401),
        ("other-carer", 403),
        ("buddy", 403),  # the carer's own buddy: told about the alert, but it isn't theirs to call off
        ("coordinator", 403),  # coordinators acknowledge; only the carer says it was a mistake
        ("other-org-coordinator", 404),
        ("other-org-carer", 404),
    ],
)
async def test_only_the_carer_who_asked_for_help_may_say_it_was_a_mistake(
    db: Database, new_client: Any, caller: str, status: int
) -> None:
    pair = await make_pair(db)
    other_org = await make_org(db, slug="elsewhere")
    people = {
        "other-carer": await make_carer(db, pair.org, name="Sam Stranger"),
        "buddy": pair.buddy,
        "coordinator": pair.coordinator,
        "other-org-coordinator": await make_coordinator(db, other_org, name="Olu Other"),
        "other-org-carer": await make_carer(db, other_org, name="Ola Other"),
    }
    carer = await signed_in(new_client, pair.carer.email)
    alert_id = (await carer.post(f"/api/v1/orgs/{pair.org.id}/help")).json()["alert_id"]
    coordinator_had = await _kinds(db, pair.coordinator.user.id)
    path = f"/api/v1/orgs/{pair.org.id}/alerts/{alert_id}/mistake"
    client: ApiClient = (
        new_client() if caller == "anonymous" else await signed_in(new_client, people[caller].email)
    )

    refused = problem(await client.post(path), status)

    assert "mistake_reported_at" not in refused
    assert await _kinds(db, pair.coordinator.user.id) == coordinator_had  # nobody told anything
    boss = await signed_in(new_client, pair.coordinator.email)
    assert (await boss.get(f"/api/v1/orgs/{pair.org.id}/alerts/{alert_id}")).json()[
        "mistake_reported_at"
    ] is None
    # The owner can, and an alert that isn't there is not found (not even for a carer).
    assert (await carer.post(path)).status_code == 200
    problem(await carer.post(f"/api/v1/orgs/{pair.org.id}/alerts/{uuid.uuid4()}/mistake"), 404)
