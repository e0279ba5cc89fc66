"""Delivering pushes over the real Web Push protocol to the loopback push service: every outcome."""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import UTC, datetime, time, timedelta

import pytest

from carerlink.actor import Actor, Role
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.notifications import delivery, kinds, push, service
from carerlink.notifications.models import DeliveryState
from carerlink.runtime import Runtime
from tests.notifications.push_service import Answer, LoopbackPushService
from tests.notifications.support import add_device, deliver, devices, inbox, outbox, send
from tests.support import BASE_URL, START, Mailbox, make_org, make_user


def checkin(buddy: str = "Priya") -> dict[str, object]:
    return {"checkin_id": uuid.uuid4(), "buddy_name": buddy}


async def test_a_reminder_reaches_the_device_encrypted_signed_and_with_the_rfc_8030_headers(
    db: Database, runtime: Runtime, push_service: LoopbackPushService
) -> None:
    carer = await make_user(db, name="Alex")
    phone = push_service.subscriber()
    await add_device(db, carer, phone)
    data = checkin("Priya")

    await send(db, carer, kinds.CheckinDue, data, key="checkin_due:1")
    report = await deliver(runtime)

    assert report.sent == 1
    assert push_service.problems() == []
    [received] = push_service.received_by(phone)
    assert received.payload == {
        "web_push": 8030,
        "notification": {
            "title": "Time for your check-in",
            "body": "How are things this week? Priya will see your answer.",
            "navigate": f"{BASE_URL}/checkins/{data['checkin_id']}",
            "tag": f"checkin-{data['checkin_id']}",
            "lang": "en-GB",
            "dir": "ltr",
            "timestamp": int(START.timestamp() * 1000),
            "data": {
                "id": received.payload["notification"]["data"]["id"],
                "kind": "checkin_due",
                "url": f"/checkins/{data['checkin_id']}",
            },
        },
        "mutable": True,
    }
    [notification] = await inbox(db, carer)
    assert received.payload["notification"]["data"]["id"] == str(notification.id)
    assert received.headers["ttl"] == str(24 * 3600)  # until the check-in reminder stops being useful
    assert received.headers["urgency"] == "normal"
    assert received.headers["topic"] == notification.topic
    assert len(notification.topic) == 32
    assert received.headers["content-encoding"] == "aes128gcm"
    assert received.headers["content-type"] == "application/octet-stream"
    assert received.claims["aud"] == push_service.origin
    assert received.claims["sub"] == "mailto:admin@carerlink.invalid"
    [row] = await outbox(db)
    assert (row.state, row.attempts, row.last_status, row.lease_token) == (DeliveryState.SENT, 1, 201, None)
    [device] = await devices(db, carer)
    assert device.last_success_at == START


async def test_every_device_of_the_person_gets_it(
    db: Database, runtime: Runtime, push_service: LoopbackPushService
) -> None:
    carer = await make_user(db)
    phone, tablet = push_service.subscriber(), push_service.subscriber()
    await add_device(db, carer, phone)
    await add_device(db, carer, tablet)

    await send(db, carer, kinds.CheckinDue, checkin())
    await deliver(runtime)

    assert len(push_service.received_by(phone)) == 1
    assert len(push_service.received_by(tablet)) == 1


async def test_the_vapid_header_is_signed_once_per_push_service_and_reused(
    db: Database, runtime: Runtime, push_service: LoopbackPushService
) -> None:
    other_service = await LoopbackPushService(vapid_public_key=push_service.vapid_public_key).start()
    try:
        for service_ in (push_service, other_service) * 10:
            person = await make_user(db)
            await add_device(db, person, service_.subscriber())
            await send(db, person, kinds.NewAnswer, {"checkin_id": uuid.uuid4(), "carer_name": "Sam"})

        await deliver(runtime)

        assert len(push_service.received) == len(other_service.received) == 10
        assert len(push_service.tokens_verified) == len(other_service.tokens_verified) == 1
        assert push.client_for(runtime).signer.signed == 2
    finally:
        await other_service.stop()


@pytest.mark.parametrize("status", [404, 410])
async def test_a_gone_subscription_is_deleted_with_the_pushes_still_waiting_for_it(
    db: Database, runtime: Runtime, push_service: LoopbackPushService, clock: FrozenClock, status: int
) -> None:
    carer = await make_user(db)
    phone = push_service.subscriber()
    await add_device(db, carer, phone)
    await send(db, carer, kinds.CheckinDue, checkin())
    async with db.session_scope() as session:  # quiet hours hold the second one for later
        await service.update_preferences(
            session, actor=Actor(user_id=carer.id), now=START, quiet_hours=(time(12), time(13))
        )
    await send(db, carer, kinds.BuddyReplied, checkin(), now=START.replace(hour=12))
    push_service.script(phone, status)

    report = await deliver(runtime)

    assert report.gone == 1
    assert await devices(db, carer) == []
    assert {row.state for row in await outbox(db)} == {DeliveryState.GONE}
    assert len(await inbox(db, carer)) == 2  # the app still shows both
    clock.advance(timedelta(hours=5))
    assert not await deliver(runtime)
    assert len(push_service.attempts) == 1


async def test_429_backs_off_that_push_service_for_retry_after_and_leaves_others_alone(
    db: Database, runtime: Runtime, push_service: LoopbackPushService, clock: FrozenClock
) -> None:
    other_service = await LoopbackPushService(vapid_public_key=push_service.vapid_public_key).start()
    try:
        first, second, elsewhere = await make_user(db), await make_user(db), await make_user(db)
        first_phone, second_phone, other_phone = (
            push_service.subscriber(),
            push_service.subscriber(),
            other_service.subscriber(),
        )
        await add_device(db, first, first_phone)
        await add_device(db, second, second_phone)
        await add_device(db, elsewhere, other_phone)
        push_service.script(first_phone, Answer(429, {"Retry-After": "120"}))
        await send(db, first, kinds.CheckinDue, checkin())
        assert (await deliver(runtime)).rate_limited == 1

        await send(db, second, kinds.CheckinDue, checkin())
        await send(db, elsewhere, kinds.CheckinDue, checkin())
        clock.advance(timedelta(seconds=119))
        await deliver(runtime)

        assert len(other_service.received) == 1  # another push service is not held up
        assert push_service.received == []  # nothing went to the one that asked us to wait
        assert len(push_service.attempts) == 1
        clock.advance(timedelta(seconds=2))
        await deliver(runtime)
        assert len(push_service.received_by(first_phone)) == 1
        assert len(push_service.received_by(second_phone)) == 1
        assert {row.state for row in await outbox(db)} == {DeliveryState.SENT}
    finally:
        await other_service.stop()


async def test_5xx_is_retried_with_exponential_backoff_and_jitter(
    db: Database, runtime: Runtime, push_service: LoopbackPushService, clock: FrozenClock
) -> None:
    carer = await make_user(db)
    phone = push_service.subscriber()
    await add_device(db, carer, phone)
    push_service.script(phone, 500, 502, 503)
    await send(db, carer, kinds.CheckinDue, checkin())

    waits = []
    for attempt in range(1, 4):
        assert (await deliver(runtime)).retried == 1
        [row] = await outbox(db)
        wait = row.not_before - clock.now()
        ceiling = timedelta(seconds=2 * 2 ** (attempt - 1))
        assert ceiling / 2 <= wait <= ceiling, (attempt, wait)
        assert row.attempts == attempt
        assert not await deliver(runtime)  # not due yet: nothing is sent early
        waits.append(wait)
        clock.set(row.not_before)
    assert (await deliver(runtime)).sent == 1
    [row] = await outbox(db)
    assert (row.state, row.attempts, row.last_status) == (DeliveryState.SENT, 4, 201)
    assert len(push_service.received_by(phone)) == 1
    assert waits[0] < waits[2]


async def test_a_push_not_delivered_before_it_stops_being_useful_is_given_up(
    db: Database, runtime: Runtime, push_service: LoopbackPushService, clock: FrozenClock
) -> None:
    carer = await make_user(db)
    phone = push_service.subscriber()
    await add_device(db, carer, phone)
    push_service.script(phone, 500)
    await send(db, carer, kinds.CheckinDue, checkin())
    await deliver(runtime)

    clock.advance(timedelta(hours=25))  # say the workers were down: the check-in reminder is stale now
    report = await deliver(runtime)

    assert report.expired == 1
    [row] = await outbox(db)
    assert (row.state, row.last_error) == (DeliveryState.EXPIRED, "expired")
    assert len(push_service.attempts) == 1


async def test_nothing_is_retried_forever(
    db: Database, runtime: Runtime, push_service: LoopbackPushService, clock: FrozenClock
) -> None:
    carer = await make_user(db)
    phone = push_service.subscriber()
    await add_device(db, carer, phone)
    push_service.script(phone, *[500] * 100)
    await send(db, carer, kinds.MatchProposed, {"match_id": uuid.uuid4()})  # useful for a week

    for _ in range(100):
        await deliver(runtime)
        [row] = await outbox(db)
        if row.state != DeliveryState.PENDING:
            break
        assert row.not_before < row.expires_at
        clock.set(row.not_before)

    assert row.state == DeliveryState.EXPIRED
    assert len(push_service.attempts) == delivery.MAX_ATTEMPTS
    assert clock.now() - START < timedelta(days=1)


async def test_413_is_rejected_logged_loudly_and_not_retried(
    db: Database,
    runtime: Runtime,
    push_service: LoopbackPushService,
    clock: FrozenClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    carer = await make_user(db)
    phone = push_service.subscriber()
    await add_device(db, carer, phone)
    push_service.script(phone, 413)
    await send(db, carer, kinds.CheckinDue, checkin())

    with caplog.at_level(logging.INFO, logger="carerlink.notifications"):
        assert (await deliver(runtime)).rejected == 1

    [row] = await outbox(db)
    assert (row.state, row.last_status) == (DeliveryState.REJECTED, 413)
    [record] = [r for r in caplog.records if r.getMessage() == "notifications.push.rejected"]
    assert record.levelno == logging.ERROR
    assert record.fields["status"] == 413  # type: ignore[attr-defined]
    assert record.fields["kinds"] == ["checkin_due"]  # type: ignore[attr-defined]
    clock.advance(timedelta(hours=1))
    assert not await deliver(runtime)
    assert len(push_service.attempts) == 1


async def test_a_slow_push_service_times_out_and_the_retry_carries_the_same_topic(
    db: Database, runtime: Runtime, push_service: LoopbackPushService, clock: FrozenClock, mailbox: Mailbox
) -> None:
    impatient = Runtime.create(
        runtime.settings.replace(push_timeout_seconds=1),
        mail_transport=mailbox,
        session_hooks=[],
        clock=clock,
    )
    try:
        carer = await make_user(db)
        phone = push_service.subscriber()
        await add_device(db, carer, phone)
        push_service.script(phone, Answer(201, delay=2.0))
        await send(db, carer, kinds.CheckinDue, checkin())

        assert (await deliver(impatient)).retried == 1
        [row] = await outbox(db)
        assert (row.state, row.last_error, row.attempts) == (DeliveryState.PENDING, "timeout", 1)
        clock.set(row.not_before)
        assert (await deliver(impatient)).sent == 1
        for _ in range(40):  # the slow answer still arrives at the push service: at-least-once
            if len(push_service.received_by(phone)) == 2:
                break
            await asyncio.sleep(0.1)
        first, second = push_service.received_by(phone)
        assert first.topic == second.topic  # so the push service keeps only one of them
        assert first.payload == second.payload
    finally:
        await impatient.close()


async def test_the_topic_is_one_per_reminder(
    db: Database, runtime: Runtime, push_service: LoopbackPushService
) -> None:
    carer = await make_user(db)
    phone = push_service.subscriber()
    await add_device(db, carer, phone)
    this_week, next_week = checkin(), checkin()

    await send(db, carer, kinds.CheckinDue, this_week, key="due:1")
    await send(db, carer, kinds.CheckinDue, this_week, key="due:1:resent")
    await send(db, carer, kinds.CheckinDue, next_week, key="due:2")
    await deliver(runtime)

    topics = [r.topic for r in push_service.received_by(phone)]
    assert len(topics) == 3
    assert len(set(topics)) == 2


async def test_quiet_hours_hold_a_reminder_until_they_end_in_the_persons_time_zone(
    db: Database, runtime: Runtime, push_service: LoopbackPushService, clock: FrozenClock
) -> None:
    carer = await make_user(db, time_zone="America/New_York")
    phone = push_service.subscriber()
    await add_device(db, carer, phone)
    async with db.session_scope() as session:
        await service.update_preferences(
            session, actor=Actor(user_id=carer.id), now=START, quiet_hours=(time(21), time(8))
        )
    clock.set(datetime(2026, 3, 3, 3, 0, tzinfo=UTC))  # 22:00 in New York

    await send(db, carer, kinds.CheckinDue, checkin(), now=clock.now())
    await deliver(runtime)

    assert push_service.received == []
    assert len(await inbox(db, carer)) == 1  # the app shows it at once
    clock.set(datetime(2026, 3, 3, 12, 59, tzinfo=UTC))  # 07:59 in New York
    assert not await deliver(runtime)
    clock.set(datetime(2026, 3, 3, 13, 0, tzinfo=UTC))  # 08:00
    assert (await deliver(runtime)).sent == 1
    [received] = push_service.received_by(phone)
    assert received.headers["ttl"] == str(24 * 3600)  # still a whole day of usefulness after the wait


async def test_a_crisis_alert_ignores_quiet_hours_and_goes_by_email_too(
    db: Database, runtime: Runtime, push_service: LoopbackPushService, clock: FrozenClock, mailbox: Mailbox
) -> None:
    org = await make_org(db)
    coordinator = await make_user(
        db, organisation=org, roles=(Role.COORDINATOR,), email="duty@example.org", name="Dee"
    )
    phone = push_service.subscriber()
    await add_device(db, coordinator, phone)
    async with db.session_scope() as session:
        await service.update_preferences(
            session, actor=Actor(user_id=coordinator.id), now=START, quiet_hours=(time(22), time(7))
        )
    clock.set(datetime(2026, 3, 3, 2, 30, tzinfo=UTC))

    await send(
        db,
        coordinator,
        kinds.CrisisAlert,
        {"alert_id": uuid.uuid4(), "carer_name": "Alex Carer"},
        now=clock.now(),
        organisation_id=org.id,
    )
    await deliver(runtime)
    from carerlink.mail.service import deliver_due_mail

    await deliver_due_mail(db, mailbox, now=clock.now())

    [received] = push_service.received_by(phone)
    assert received.headers["urgency"] == "high"
    assert received.payload is not None
    assert received.payload["notification"]["title"] == "Urgent: Alex Carer needs help now"
    assert received.payload["notification"]["require_interaction"] is True
    [mail] = mailbox.to("duty@example.org")
    assert mail.subject == "Urgent: a carer has asked for help now"
    assert "02:30 on 3 March 2026" in mail.body
    assert "Alex" not in mail.subject + mail.body  # e-mail carries no name and no detail


async def test_a_switched_off_kind_is_not_pushed_but_stays_in_the_inbox(
    db: Database, runtime: Runtime, push_service: LoopbackPushService
) -> None:
    carer = await make_user(db)
    await add_device(db, carer, push_service.subscriber())
    async with db.session_scope() as session:
        await service.update_preferences(
            session, actor=Actor(user_id=carer.id), now=START, kind_switches={"carer_buddy_replied": False}
        )

    await send(db, carer, kinds.BuddyReplied, checkin())
    await send(db, carer, kinds.CheckinDue, checkin())
    await deliver(runtime)

    assert [r.payload["notification"]["title"] for r in push_service.received if r.payload] == [
        "Time for your check-in"
    ]
    assert len(await inbox(db, carer)) == 2


async def test_a_device_that_moved_to_someone_else_never_gets_the_first_persons_pushes(
    db: Database, runtime: Runtime, push_service: LoopbackPushService
) -> None:
    alex, sam = await make_user(db), await make_user(db)
    shared_tablet = push_service.subscriber()
    await add_device(db, alex, shared_tablet)
    await send(db, alex, kinds.CheckinDue, checkin())

    await add_device(db, sam, shared_tablet)  # Sam signs in on the family tablet and turns pushes on
    await send(db, sam, kinds.CheckinDue, checkin())
    await deliver(runtime)

    [received] = push_service.received_by(shared_tablet)
    [sams] = await inbox(db, sam)
    assert received.payload is not None
    assert received.payload["notification"]["data"]["id"] == str(sams.id)
    assert [d.user_id for d in await devices(db, sam)] == [sam.id]
    assert await devices(db, alex) == []


async def test_finalising_needs_the_lease_so_a_worker_that_lost_it_changes_nothing(
    db: Database, runtime: Runtime, push_service: LoopbackPushService, clock: FrozenClock
) -> None:
    carer = await make_user(db)
    phone = push_service.subscriber()
    await add_device(db, carer, phone)
    push_service.script(phone, Answer(500, delay=1.0))  # the first worker's push hangs, then fails
    await send(db, carer, kinds.CheckinDue, checkin())

    slow = asyncio.create_task(deliver(runtime))
    await asyncio.wait_for(push_service.arrived.wait(), 5)  # the push service is slow to answer it
    clock.advance(delivery.lease_for(runtime.settings) + timedelta(seconds=1))  # its lease runs out
    second = await deliver(runtime)  # another worker reclaims the row and delivers it
    first = await slow

    assert second.sent == 1
    assert first.lease_lost == 1
    assert first.retried == 1
    [row] = await outbox(db)
    assert (row.state, row.last_status) == (DeliveryState.SENT, 201)  # not overwritten by the late 500


async def test_a_person_without_a_device_gets_the_inbox_entry_only(db: Database, runtime: Runtime) -> None:
    carer = await make_user(db)

    await send(db, carer, kinds.CheckinDue, checkin())

    assert await outbox(db) == []
    [entry] = await inbox(db, carer)
    assert entry.push == "no_device"
    assert not await deliver(runtime)
