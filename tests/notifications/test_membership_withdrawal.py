"""Each notification records the membership it is for; suspending or ending that membership withdraws what
is still waiting, and nothing more is sent to it (issue 10 §2)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from carerlink.actor import Role
from carerlink.db import Database
from carerlink.notifications import kinds
from carerlink.notifications.models import DeliveryState, Notification, PushDelivery
from carerlink.organisations import service as organisations
from carerlink.runtime import Runtime
from tests.checkins.factories import Pair, make_pair
from tests.notifications.push_service import LoopbackPushService
from tests.notifications.support import add_device, deliver, inbox, outbox, send
from tests.support import START, ApiClient, signed_in


async def _set_status(coordinator: ApiClient, pair: Pair, membership_id: uuid.UUID, status: str) -> None:
    response = await coordinator.patch(
        f"/api/v1/orgs/{pair.org.id}/members/{membership_id}", json={"status": status}
    )
    assert response.status_code == 200, response.text


async def _pushes_to(db: Database, user_id: uuid.UUID) -> list[PushDelivery]:
    async with db.session_scope() as session:
        return list(
            (
                await session.scalars(
                    select(PushDelivery)
                    .where(PushDelivery.user_id == user_id)
                    .order_by(PushDelivery.created_at, PushDelivery.kind)
                )
            ).all()
        )


async def test_suspending_a_buddy_withdraws_their_waiting_pushes_and_nothing_more_is_sent(
    db: Database, runtime: Runtime, push_service: LoopbackPushService, new_client: Any
) -> None:
    pair = await make_pair(db)
    phone = push_service.subscriber()
    await add_device(db, pair.buddy.user, phone)
    carer = await signed_in(new_client, pair.carer.email)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    sent = await carer.post(f"{pair.base}/checkins", json={"wellbeing": 2, "note": "A hard week."})
    assert sent.status_code == 201, sent.text
    [waiting] = await _pushes_to(db, pair.buddy.user.id)  # "Alex has checked in", not yet delivered
    assert (waiting.kind, waiting.state) == ("buddy_new_answer", DeliveryState.PENDING)
    assert waiting.membership_id == pair.buddy.membership_id

    await _set_status(coordinator, pair, pair.buddy.membership_id, "suspended")

    [withdrawn] = await _pushes_to(db, pair.buddy.user.id)
    assert withdrawn.state == DeliveryState.WITHDRAWN
    assert not await deliver(runtime)
    assert push_service.received == []
    # Nothing more reaches the suspended buddy: not a new notification, not a push, not an inbox entry.
    told = await send(
        db,
        pair.buddy.user,
        kinds.NewAnswer,
        {"checkin_id": uuid.uuid4(), "carer_name": "Alex"},
        organisation_id=pair.org.id,
    )
    assert told is None
    assert [p.state for p in await _pushes_to(db, pair.buddy.user.id)] == [DeliveryState.WITHDRAWN]
    assert sorted(n.kind for n in await inbox(db, pair.buddy.user)) == [
        "buddy_new_answer",
        "match_accepted",
        "match_proposed",
    ]
    assert not await deliver(runtime)
    assert push_service.received == []


async def test_ending_a_membership_withdraws_its_pushes_but_not_those_of_the_persons_other_role(
    db: Database, runtime: Runtime, push_service: LoopbackPushService, new_client: Any
) -> None:
    pair = await make_pair(db)
    async with db.session_scope() as session:  # the buddy is also a carer here
        carer_membership = await organisations.add_membership(
            session, user_id=pair.buddy.user.id, organisation_id=pair.org.id, role=Role.CARER, now=START
        )
    phone = push_service.subscriber()
    await add_device(db, pair.buddy.user, phone)
    as_buddy = await send(
        db,
        pair.buddy.user,
        kinds.CarerQuiet,
        {"checkin_id": uuid.uuid4(), "carer_name": "Alex"},
        organisation_id=pair.org.id,
    )
    as_carer = await send(
        db,
        pair.buddy.user,
        kinds.CheckinDue,
        {"checkin_id": uuid.uuid4(), "buddy_name": "Sam"},
        organisation_id=pair.org.id,
    )
    async with db.session_scope() as session:
        recorded = dict(
            (
                await session.execute(
                    select(Notification.id, Notification.membership_id).where(
                        Notification.id.in_([as_buddy, as_carer])
                    )
                )
            ).all()
        )
    assert recorded == {as_buddy: pair.buddy.membership_id, as_carer: carer_membership.id}
    coordinator = await signed_in(new_client, pair.coordinator.email)
    person = await signed_in(new_client, pair.buddy.email)
    assert (await person.get("/api/v1/notifications")).json()["unread"] == 4

    await _set_status(coordinator, pair, pair.buddy.membership_id, "ended")

    states = {p.kind: p.state for p in await outbox(db) if p.user_id == pair.buddy.user.id}
    assert states == {"buddy_carer_quiet": DeliveryState.WITHDRAWN, "checkin_due": DeliveryState.PENDING}
    await deliver(runtime)
    assert len(push_service.received) == 1  # the carer's own reminder only
    inbox_now = (await person.get("/api/v1/notifications")).json()
    assert [n["kind"] for n in inbox_now["items"]] == ["checkin_due"]  # the buddy role's links are gone
    assert inbox_now["unread"] == 1
    again = await send(
        db,
        pair.buddy.user,
        kinds.ReplyReminder,
        {"checkin_id": uuid.uuid4(), "carer_name": "Alex"},
        organisation_id=pair.org.id,
    )
    assert again is None
