"""notify() and the in-app inbox: idempotence, read state, paging, withdrawing, and who sees what."""

from __future__ import annotations

import asyncio
import uuid
from datetime import time, timedelta

import pytest

from carerlink.actor import Actor, Role
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.notifications import kinds, service
from carerlink.notifications.models import DeliveryState
from carerlink.runtime import Runtime
from tests.notifications.push_service import LoopbackPushService
from tests.notifications.support import add_device, deliver, inbox, outbox, send
from tests.support import START, ApiClient, make_org, make_user, problem


async def test_my_notifications_are_listed_newest_first_with_read_state(
    db: Database, client: ApiClient, clock: FrozenClock
) -> None:
    carer = await make_user(db, email="alex@example.org")
    checkin_id = uuid.uuid4()
    await send(db, carer, kinds.CheckinDue, {"checkin_id": checkin_id, "buddy_name": "Priya"})
    await send(
        db,
        carer,
        kinds.BuddyReplied,
        {"checkin_id": checkin_id, "buddy_name": "Priya"},
        now=START + timedelta(hours=2),
    )
    await client.login("alex@example.org")

    body = (await client.get("/api/v1/notifications")).json()

    assert body["unread"] == 2
    assert [(n["kind"], n["title"], n["read_at"]) for n in body["items"]] == [
        ("carer_buddy_replied", "Priya replied", None),
        ("checkin_due", "Time for your check-in", None),
    ]
    assert body["items"][1]["url"] == f"/checkins/{checkin_id}"
    assert body["items"][1]["data"] == {"checkin_id": str(checkin_id), "buddy_name": "Priya"}
    assert body["next_before"] is None


async def test_marking_read_is_idempotent_and_counts_down(
    db: Database, client: ApiClient, clock: FrozenClock
) -> None:
    carer = await make_user(db, email="alex@example.org")
    first = await send(db, carer, kinds.MatchProposed, {"match_id": uuid.uuid4()})
    await send(db, carer, kinds.MatchProposed, {"match_id": uuid.uuid4()})
    await client.login("alex@example.org")
    clock.advance(timedelta(minutes=5))

    marked = await client.post(f"/api/v1/notifications/{first}/read")
    again = await client.post(f"/api/v1/notifications/{first}/read")

    assert marked.status_code == again.status_code == 200
    assert marked.json()["read_at"] == again.json()["read_at"] == "2026-03-02T09:05:00Z"
    assert (await client.get("/api/v1/notifications")).json()["unread"] == 1
    unread_only = (await client.get("/api/v1/notifications", params={"unread_only": "true"})).json()
    assert [n["id"] for n in unread_only["items"]] != [str(first)]
    assert (await client.post("/api/v1/notifications/read-all")).json() == {"marked": 1}
    assert (await client.get("/api/v1/notifications")).json()["unread"] == 0


async def test_the_inbox_pages_without_gaps_or_repeats(db: Database, client: ApiClient) -> None:
    carer = await make_user(db, email="alex@example.org")
    ids = {await send(db, carer, kinds.MatchProposed, {"match_id": uuid.uuid4()}) for _ in range(7)}
    await client.login("alex@example.org")

    seen: list[str] = []
    before = None
    for _ in range(5):
        params = {"limit": "3"} | ({"before": before} if before else {})
        page = (await client.get("/api/v1/notifications", params=params)).json()
        seen += [n["id"] for n in page["items"]]
        before = page["next_before"]
        if before is None:
            break

    assert len(seen) == 7
    assert set(seen) == {str(i) for i in ids}


async def test_bad_inbox_queries_are_refused_naming_the_parameter(db: Database, client: ApiClient) -> None:
    await make_user(db, email="alex@example.org")
    await client.login("alex@example.org")
    someone_else = await make_user(db)
    theirs = await send(db, someone_else, kinds.MatchProposed, {"match_id": uuid.uuid4()})

    for params, field in (
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"before": "not-a-uuid"}, "before"),
        ({"before": str(theirs)}, "before"),
    ):
        body = problem(await client.get("/api/v1/notifications", params=params), 422)
        assert [e["field"] for e in body["errors"]] == [field]


async def test_notifying_twice_with_the_same_key_is_a_no_op(
    db: Database, runtime: Runtime, push_service: LoopbackPushService
) -> None:
    carer = await make_user(db)
    await add_device(db, carer, push_service.subscriber())
    data = {"checkin_id": uuid.uuid4(), "buddy_name": "Priya"}

    first = await send(db, carer, kinds.CheckinDue, data, key="checkin_due:42")
    second = await send(db, carer, kinds.CheckinDue, data, key="checkin_due:42")
    await deliver(runtime)

    assert first is not None
    assert second is None
    assert len(await inbox(db, carer)) == 1
    assert len(push_service.received) == 1


async def test_concurrent_notifies_with_the_same_key_make_one_notification(db: Database) -> None:
    carer = await make_user(db)
    data = {"checkin_id": uuid.uuid4(), "buddy_name": "Priya"}

    results = await asyncio.gather(
        *(send(db, carer, kinds.CheckinDue, data, key="checkin_due:race") for _ in range(8))
    )

    assert sum(r is not None for r in results) == 1
    assert len(await inbox(db, carer)) == 1


async def test_the_same_key_for_two_people_notifies_both(db: Database) -> None:
    org = await make_org(db)
    first = await make_user(db, organisation=org, roles=(Role.COORDINATOR,))
    second = await make_user(db, organisation=org, roles=(Role.COORDINATOR,))
    alert = {"alert_id": uuid.uuid4(), "carer_name": "Alex"}

    for coordinator in (first, second):
        assert await send(db, coordinator, kinds.CrisisAlert, alert, key="alert:1") is not None


async def test_notify_happens_only_if_the_callers_transaction_commits(db: Database) -> None:
    carer = await make_user(db)

    class Boom(Exception):
        pass

    async def notify_then_fail() -> None:
        async with db.session_scope() as session:
            await service.notify(
                session,
                user_id=carer.id,
                kind=kinds.CheckinDue,
                data={"checkin_id": uuid.uuid4(), "buddy_name": "Priya"},
                dedupe_key="k",
                now=START,
            )
            raise Boom

    with pytest.raises(Boom):
        await notify_then_fail()

    assert await inbox(db, carer) == []


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"checkin_id": str(uuid.uuid4())}, "buddy_name"),
        ({"checkin_id": str(uuid.uuid4()), "buddy_name": "Priya", "note": "feeling low"}, "note"),
        ({"checkin_id": "42", "buddy_name": "Priya"}, "checkin_id"),
        ({"checkin_id": str(uuid.uuid4()), "buddy_name": "x" * 81}, "buddy_name"),
        ({"checkin_id": str(uuid.uuid4()), "buddy_name": "Pri\nya"}, "buddy_name"),
    ],
)
async def test_data_that_does_not_fit_the_kind_is_a_programming_error(
    db: Database, data: dict[str, object], reason: str
) -> None:
    carer = await make_user(db)

    with pytest.raises(ValueError, match=reason):
        await send(db, carer, kinds.CheckinDue, data)

    assert await inbox(db, carer) == []


async def test_reading_a_notification_drops_its_pushes_still_waiting(
    db: Database, client: ApiClient, runtime: Runtime, push_service: LoopbackPushService, clock: FrozenClock
) -> None:
    carer = await make_user(db, email="alex@example.org")
    await add_device(db, carer, push_service.subscriber())
    async with db.session_scope() as session:
        await service.update_preferences(
            session, actor=Actor(user_id=carer.id), now=START, quiet_hours=(time(8), time(12))
        )
    notification_id = await send(db, carer, kinds.MatchProposed, {"match_id": uuid.uuid4()})
    await client.login("alex@example.org")

    await client.post(f"/api/v1/notifications/{notification_id}/read")  # seen in the app at 09:00

    [row] = await outbox(db)
    assert row.state == DeliveryState.WITHDRAWN
    clock.set(START.replace(hour=12))
    assert not await deliver(runtime)
    assert push_service.received == []


async def test_withdrawing_takes_back_a_reminder_that_no_longer_applies(
    db: Database, runtime: Runtime, push_service: LoopbackPushService, clock: FrozenClock
) -> None:
    carer = await make_user(db)
    phone = push_service.subscriber()
    await add_device(db, carer, phone)
    push_service.script(phone, 503)
    await send(db, carer, kinds.CheckinNudge, {"checkin_id": uuid.uuid4(), "buddy_name": "Priya"}, key="n:1")
    await deliver(runtime)  # the push service was down; a retry waits

    async with db.session_scope() as session:  # the carer answers the check-in meanwhile
        assert await service.withdraw(session, user_id=carer.id, dedupe_key="n:1", now=clock.now())
        assert not await service.withdraw(session, user_id=carer.id, dedupe_key="n:2", now=clock.now())

    clock.advance(timedelta(minutes=5))
    assert not await deliver(runtime)
    [row] = await outbox(db)
    assert row.state == DeliveryState.WITHDRAWN
    [entry] = await inbox(db, carer)
    assert entry.read_at is not None


async def test_only_the_owner_can_read_or_mark_a_notification(
    db: Database,
    client: ApiClient,
    new_client,  # type: ignore[no-untyped-def]
) -> None:
    org, other_org = await make_org(db), await make_org(db)
    carer = await make_user(db, organisation=org, roles=(Role.CARER,), email="carer@example.org")
    notification_id = await send(
        db,
        carer,
        kinds.CheckinDue,
        {"checkin_id": uuid.uuid4(), "buddy_name": "Priya"},
        organisation_id=org.id,
    )
    for email, organisation, role in (
        ("carer2@example.org", org, Role.CARER),
        ("buddy@example.org", org, Role.BUDDY),
        ("coord@example.org", org, Role.COORDINATOR),
        ("coord2@example.org", other_org, Role.COORDINATOR),
    ):
        await make_user(db, email=email, organisation=organisation, roles=(role,))
        browser = new_client()
        await browser.login(email)
        problem(await browser.post(f"/api/v1/notifications/{notification_id}/read"), 404)
        assert (await browser.get("/api/v1/notifications")).json()["items"] == []
        assert (await browser.post("/api/v1/notifications/read-all")).json() == {"marked": 0}
    anonymous = new_client()
    problem(await anonymous.get("/api/v1/notifications"), 401)
    problem(await anonymous.post(f"/api/v1/notifications/{notification_id}/read"), 401)
    problem(await anonymous.post("/api/v1/notifications/read-all"), 401)

    [entry] = await inbox(db, carer)
    assert entry.read_at is None
    await client.login("carer@example.org")
    assert (await client.post(f"/api/v1/notifications/{notification_id}/read")).status_code == 200
    problem(await client.post(f"/api/v1/notifications/{uuid.uuid4()}/read"), 404)
