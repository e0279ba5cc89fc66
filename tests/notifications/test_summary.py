"""What coordinators see: counts of what reached devices and what was given up or refused, nothing more."""

from __future__ import annotations

import uuid
from datetime import timedelta

from carerlink.actor import Role
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.notifications import kinds
from carerlink.runtime import Runtime
from tests.notifications.push_service import LoopbackPushService
from tests.notifications.support import add_device, deliver, send
from tests.support import ApiClient, make_org, make_user, problem


async def test_coordinators_see_outcomes_by_kind_for_their_organisation(
    db: Database,
    client: ApiClient,
    runtime: Runtime,
    push_service: LoopbackPushService,
    clock: FrozenClock,
) -> None:
    org, other_org = await make_org(db), await make_org(db)
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    reached, refused, gone, stale = (
        push_service.subscriber(),
        push_service.subscriber(),
        push_service.subscriber(),
        push_service.subscriber(),
    )
    push_service.script(refused, 413)
    push_service.script(gone, 410)
    push_service.script(stale, 500)
    for subscriber in (reached, refused, gone, stale):
        carer = await make_user(db, organisation=org, roles=(Role.CARER,), name="Alex Carer")
        await add_device(db, carer, subscriber)
        await send(
            db,
            carer,
            kinds.CheckinDue,
            {"checkin_id": uuid.uuid4(), "buddy_name": "Priya"},
            organisation_id=org.id,
        )
    no_device = await make_user(db, organisation=org, roles=(Role.CARER,))
    await send(db, no_device, kinds.MatchProposed, {"match_id": uuid.uuid4()}, organisation_id=org.id)
    elsewhere = await make_user(db, organisation=other_org, roles=(Role.CARER,))
    await add_device(db, elsewhere, push_service.subscriber())
    await send(db, elsewhere, kinds.MatchProposed, {"match_id": uuid.uuid4()}, organisation_id=other_org.id)
    await deliver(runtime)
    clock.advance(timedelta(hours=25))
    await deliver(runtime)  # the 500 is retried too late: given up
    await client.login("coord@example.org")

    response = await client.get(f"/api/v1/orgs/{org.id}/notifications/delivery-summary")

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["totals"] == {
        "kind": "all",
        "pending": 0,
        "sent": 1,
        "gone": 1,
        "rejected": 1,
        "expired": 1,
        "withdrawn": 0,
        "no_device": 1,
        "switched_off": 0,
        "inactive": 0,
    }
    assert [k["kind"] for k in body["by_kind"]] == ["checkin_due", "match_proposed"]
    assert body["rejected_by_status"] == [{"status": 413, "count": 1}]
    assert "Alex" not in response.text  # counts only


async def test_the_summary_is_for_that_organisations_coordinators_only(
    db: Database,
    client: ApiClient,
    new_client,  # type: ignore[no-untyped-def]
) -> None:
    org, other_org = await make_org(db), await make_org(db)
    path = f"/api/v1/orgs/{org.id}/notifications/delivery-summary"
    for email, organisation, role, status in (
        ("buddy@example.org", org, Role.BUDDY, 403),
        ("carer@example.org", org, Role.CARER, 403),
        ("coord2@example.org", other_org, Role.COORDINATOR, 404),
    ):
        await make_user(db, email=email, organisation=organisation, roles=(role,))
        browser = new_client()
        await browser.login(email)
        problem(await browser.get(path), status)
    problem(await new_client().get(path), 401)
    await make_user(db, email="coord@example.org", organisation=org, roles=(Role.COORDINATOR,))
    await client.login("coord@example.org")
    assert (await client.get(path)).status_code == 200
    problem(await client.get(path, params={"days": "31"}), 422)
    problem(await client.get(f"/api/v1/orgs/{uuid.uuid4()}/notifications/delivery-summary"), 404)
