"""Channels per person (issue 14): a reminder goes by the first channel that can carry it, falls back once."""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from email import message_from_bytes

from aiosmtpd.controller import Controller
from litestar import Litestar
from sqlalchemy import delete, update

from carerlink.actor import Actor, Role
from carerlink.checkins import jobs as checkin_jobs
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.mail import jobs as mail_jobs
from carerlink.mail.models import OutgoingMail
from carerlink.mail.transport import SmtpTransport
from carerlink.notifications import jobs as notification_jobs
from carerlink.notifications import kinds, service
from carerlink.notifications.models import DeliveryState, Notification
from carerlink.notifications.texts.models import OutgoingText
from carerlink.runtime import Runtime
from tests.checkins.factories import make_pair
from tests.notifications.channels_support import (
    choose,
    fail_mail,
    mails,
    org_texts,
    texts,
    texts_on,
    verify_phone,
)
from tests.notifications.push_service import LoopbackPushService
from tests.notifications.support import add_device, deliver, inbox, outbox, send
from tests.support import BASE_URL, START, ApiClient, make_org, make_user, signed_in


def checkin(buddy: str = "Priya") -> dict[str, object]:
    return {"checkin_id": uuid.uuid4(), "buddy_name": buddy}


async def _notification(db: Database, notification_id: uuid.UUID | None) -> Notification:
    assert notification_id is not None
    async with db.session_scope() as session:
        found = await session.get(Notification, notification_id)
        assert found is not None
        return found


async def test_with_no_device_a_check_in_goes_by_email_with_its_answer_link(db: Database) -> None:
    carer = await make_user(db, email="alex@example.org")
    data = checkin("Priya")

    notification_id = await send(db, carer, kinds.CheckinDue, data, key="checkin_due:1")

    notification = await _notification(db, notification_id)
    assert (notification.channel, notification.fallbacks, notification.push) == ("email", [], "no_device")
    [mail] = await mails(db)
    assert (mail.to_address, mail.user_id, mail.notification_id) == (
        "alex@example.org",
        carer.id,
        notification_id,
    )
    assert mail.send_after == START
    assert mail.subject == "Time for your check-in"
    assert f"{BASE_URL}/answer/" in mail.body  # the one-time answer form, first
    assert f"{BASE_URL}/checkins/{data['checkin_id']}" in mail.body  # the app, second
    assert "Priya" not in mail.subject
    assert mail.unsubscribe_url is not None
    assert mail.unsubscribe_url.startswith(f"{BASE_URL}/unsubscribe/")
    assert await outbox(db) == []


async def test_with_a_device_it_goes_by_push_and_keeps_email_to_fall_back_to(
    db: Database, push_service: LoopbackPushService
) -> None:
    carer = await make_user(db)
    await add_device(db, carer, push_service.subscriber())

    notification = await _notification(db, await send(db, carer, kinds.CheckinDue, checkin()))

    assert (notification.channel, notification.fallbacks, notification.push) == ("push", ["email"], "queued")
    assert len(await outbox(db)) == 1
    assert await mails(db) == []


async def test_a_person_who_put_email_first_gets_email_even_with_a_device(
    db: Database, push_service: LoopbackPushService
) -> None:
    carer = await make_user(db)
    await add_device(db, carer, push_service.subscriber())
    await choose(db, carer, ["email", "push"])

    notification = await _notification(db, await send(db, carer, kinds.BuddyReplied, checkin()))

    assert notification.channel == "email"
    assert await outbox(db) == []
    assert len(await mails(db)) == 1


async def test_a_switched_off_kind_goes_by_no_channel(
    db: Database, push_service: LoopbackPushService
) -> None:
    carer = await make_user(db)
    await add_device(db, carer, push_service.subscriber())
    async with db.session_scope() as session:
        await service.update_preferences(
            session, actor=Actor(user_id=carer.id), now=START, kind_switches={"checkin_nudge": False}
        )

    notification = await _notification(db, await send(db, carer, kinds.CheckinNudge, checkin()))

    assert (notification.channel, notification.fallbacks, notification.push) == ("inbox", [], "switched_off")
    assert await outbox(db) == []
    assert await mails(db) == []


async def test_app_only_means_the_inbox_only(db: Database) -> None:
    carer = await make_user(db)
    await choose(db, carer, [])

    notification = await _notification(db, await send(db, carer, kinds.CheckinDue, checkin()))

    assert notification.channel == "inbox"
    assert await mails(db) == []


async def test_quiet_hours_hold_the_email_and_the_text_until_they_end(db: Database) -> None:
    org = await make_org(db)
    carer = await make_user(db, organisation=org, roles=(Role.CARER,))
    texts_on(db)
    await org_texts(db, org)
    await verify_phone(db, carer)
    async with db.session_scope() as session:
        await service.update_preferences(
            session, actor=Actor(user_id=carer.id), now=START, quiet_hours=(time(8), time(10))
        )
    await choose(db, carer, ["sms", "email"])
    ends = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # 10:00 in London (GMT in March)

    texted = await _notification(
        db, await send(db, carer, kinds.CheckinDue, checkin(), organisation_id=org.id)
    )
    await choose(db, carer, ["email"])
    emailed = await _notification(
        db, await send(db, carer, kinds.CheckinNudge, checkin(), organisation_id=org.id)
    )

    assert (texted.channel, texted.fallbacks) == ("sms", ["email"])
    [text] = await texts(db)
    assert (text.send_after, text.expires_at, text.to_number) == (
        ends,
        ends + timedelta(hours=24),
        "+447700900123",
    )
    assert text.body == "Your check-in is ready: reply 1-5, CALL or HELP"
    assert text.notification_id == texted.id
    assert emailed.channel == "email"
    [mail] = await mails(db)
    assert mail.send_after == ends


async def test_a_text_needs_a_verified_number_texts_on_and_the_organisation_sending_them(
    db: Database,
) -> None:
    org = await make_org(db)
    carer = await make_user(db, organisation=org, roles=(Role.CARER,))
    await choose(db, carer, ["sms", "email"])
    await verify_phone(db, carer)

    first = await _notification(
        db, await send(db, carer, kinds.CheckinDue, checkin(), organisation_id=org.id)
    )
    texts_on(db)
    second = await _notification(
        db, await send(db, carer, kinds.CheckinDue, checkin(), organisation_id=org.id)
    )
    await org_texts(db, org)
    await verify_phone(db, carer, stopped=True)
    third = await _notification(
        db, await send(db, carer, kinds.CheckinDue, checkin(), organisation_id=org.id)
    )
    await verify_phone(db, carer)
    fourth = await _notification(
        db, await send(db, carer, kinds.CheckinDue, checkin(), organisation_id=org.id)
    )

    assert [n.channel for n in (first, second, third, fourth)] == ["email", "email", "email", "sms"]
    assert len(await texts(db)) == 1
    # A kind that may not go by text never does.
    replied = await _notification(
        db, await send(db, carer, kinds.BuddyReplied, checkin(), organisation_id=org.id)
    )
    assert replied.channel == "email"


async def test_a_crisis_alert_goes_by_push_email_and_text_at_once(
    db: Database, push_service: LoopbackPushService
) -> None:
    org = await make_org(db)
    coordinator = await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="duty@example.org")
    await add_device(db, coordinator, push_service.subscriber())
    await choose(db, coordinator, ["push"])  # their choice does not hold back a crisis alert
    alert = {"alert_id": uuid.uuid4(), "carer_name": "Alex Carer"}

    without_texts = await _notification(
        db, await send(db, coordinator, kinds.CrisisAlert, alert, organisation_id=org.id)
    )
    texts_on(db)
    await org_texts(db, org)
    await verify_phone(db, coordinator)
    with_texts = await _notification(
        db,
        await send(
            db, coordinator, kinds.CrisisAlert, {**alert, "alert_id": uuid.uuid4()}, organisation_id=org.id
        ),
    )

    assert (without_texts.channel, without_texts.fallbacks) == ("push", [])
    assert len(await outbox(db)) == 2
    assert [m.notification_id for m in await mails(db)] == [without_texts.id, with_texts.id]
    assert all(m.unsubscribe_url is None for m in await mails(db))  # not switched off from an e-mail
    [text] = await texts(db)
    assert text.notification_id == with_texts.id
    assert text.body == "carerlink: an urgent alert needs a coordinator now. Open carerlink."


async def test_a_device_answering_410_hands_the_reminder_to_email_exactly_once(
    db: Database, runtime: Runtime, push_service: LoopbackPushService
) -> None:
    carer = await make_user(db, email="alex@example.org")
    phone = push_service.subscriber()
    await add_device(db, carer, phone)
    push_service.script(phone, 410)
    notification_id = await send(db, carer, kinds.CheckinDue, checkin())

    report = await deliver(runtime)
    again = await deliver(runtime)

    assert (report.gone, report.fell_back, again.fell_back) == (1, 1, 0)
    notification = await _notification(db, notification_id)
    assert (notification.channel, notification.fallbacks, notification.fell_back_at) == ("email", [], START)
    [mail] = await mails(db)
    assert mail.notification_id == notification_id
    assert "/answer/" in mail.body

    # Finalising again, even by two workers at once, changes nothing: the compare-and-set holds.
    async def worker() -> int:
        async with db.session_scope() as session:
            return await service.fall_back_after_push(session, [notification.id], now=START)

    moved = await asyncio.gather(worker(), worker())
    assert moved == [0, 0]
    assert len(await mails(db)) == 1


async def test_two_workers_falling_back_at_once_queue_one_email(db: Database) -> None:
    carer = await make_user(db)
    notification_id = await send(db, carer, kinds.CheckinDue, checkin())
    assert notification_id is not None
    async with db.session_scope() as session:  # as if it had gone by push, and every push had failed
        await session.execute(delete(OutgoingMail))
        await session.execute(
            update(Notification)
            .where(Notification.id == notification_id)
            .values(channel="push", fallbacks=["email"])
        )

    async def worker() -> int:
        async with db.session_scope() as session:
            return await service.fall_back_after_push(session, [notification_id], now=START)

    results = await asyncio.gather(worker(), worker(), return_exceptions=True)

    assert sorted(r for r in results if isinstance(r, int)) in ([0, 1], [1])
    assert len(await mails(db)) == 1


async def test_a_refused_email_falls_back_to_a_text_once(db: Database, clock: FrozenClock) -> None:
    org = await make_org(db)
    carer = await make_user(db, organisation=org, roles=(Role.CARER,))
    texts_on(db)
    await org_texts(db, org)
    await verify_phone(db, carer)
    await choose(db, carer, ["email", "sms"])
    notification_id = await send(db, carer, kinds.CheckinDue, checkin(), organisation_id=org.id)
    await fail_mail(db, notification_id, now=START, error="refused:550 no such user")

    async with db.session_scope() as session:
        moved = await service.fall_back_failed(session, now=START + timedelta(seconds=5))
    async with db.session_scope() as session:
        again = await service.fall_back_failed(session, now=START + timedelta(seconds=10))

    assert (moved, again) == (1, 0)
    notification = await _notification(db, notification_id)
    assert (notification.channel, notification.fallbacks) == ("sms", [])
    [text] = await texts(db)
    assert text.notification_id == notification_id


async def test_an_answered_check_in_withdraws_its_waiting_email_and_text(db: Database) -> None:
    carer = await make_user(db)
    await send(db, carer, kinds.CheckinNudge, checkin(), key="nudge:1")

    async with db.session_scope() as session:
        assert await service.withdraw(session, user_id=carer.id, dedupe_key="nudge:1", now=START)

    [mail] = await mails(db)
    assert (mail.failed_at, mail.last_error, mail.sent_at) == (START, "withdrawn", None)
    [entry] = await inbox(db, carer)
    assert entry.read_at == START


async def test_a_read_reminder_never_falls_back(
    db: Database, runtime: Runtime, push_service: LoopbackPushService
) -> None:
    carer = await make_user(db)
    phone = push_service.subscriber()
    await add_device(db, carer, phone)
    push_service.script(phone, 410)
    notification_id = await send(db, carer, kinds.CheckinDue, checkin())
    async with db.session_scope() as session:
        await session.execute(
            update(Notification).where(Notification.id == notification_id).values(read_at=START)
        )

    report = await deliver(runtime)

    assert (report.gone, report.fell_back) == (1, 0)
    assert await mails(db) == []
    assert {row.state for row in await outbox(db)} == {DeliveryState.GONE}


# --- end to end: a real SMTP server, the real ticks, the clock -------------------------------------


class _SmtpInbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"

    def prompts(self) -> list[tuple[list[str], bytes]]:
        """The check-in prompts received (the pair's earlier news about the match went by e-mail too)."""
        return [
            (to, raw)
            for to, raw in self.messages
            if message_from_bytes(raw)["Subject"] == "Time for your check-in"
        ]


async def test_a_carer_without_a_device_gets_the_check_in_by_email_within_a_minute_of_due(
    app: Litestar, db: Database, clock: FrozenClock, new_client: Callable[[], ApiClient]
) -> None:
    pair = await make_pair(db)
    carer = await signed_in(new_client, pair.carer.user.email)
    # Tuesdays at 09:00 London time; the clock starts on Monday 2 March 2026 at 09:00.
    planned = await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [1], "local_time": "09:00"}
    )
    assert planned.status_code == 200, planned.text
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    smtp = _SmtpInbox()
    controller = Controller(smtp, hostname="127.0.0.1", port=port)
    controller.start()
    runtime: Runtime = app.state.runtime
    runtime.mail_transport = SmtpTransport(f"smtp://127.0.0.1:{port}", "carerlink <no-reply@example.org>")
    due = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    ticks = {
        "checkins.ladder": (timedelta(seconds=5), checkin_jobs.walk_ladder),
        "mail.deliver": (timedelta(seconds=2), mail_jobs.deliver_mail),
        "notifications.deliver": (timedelta(seconds=1), notification_jobs.deliver_pushes),
        "notifications.fallback": (timedelta(seconds=5), notification_jobs.fall_back),
    }
    try:
        await checkin_jobs.materialise(runtime)
        clock.set(due - timedelta(seconds=30))
        last_run = {name: clock.now() - every for name, (every, _) in ticks.items()}
        received_at = None
        while clock.now() <= due + timedelta(seconds=60):
            for name, (every, tick) in ticks.items():
                if clock.now() - last_run[name] >= every:
                    last_run[name] = clock.now()
                    await tick(runtime)
            if smtp.prompts():
                received_at = clock.now()
                break
            clock.advance(timedelta(seconds=1))
    finally:
        controller.stop()

    assert received_at is not None, "no e-mail within 60 s of due"
    assert due <= received_at <= due + timedelta(seconds=60)
    [(to, raw)] = smtp.prompts()
    assert to == [pair.carer.user.email]
    text = raw.decode(errors="replace")
    assert "/answer/" in text.replace("=\r\n", "").replace("=\n", "")


async def test_reading_it_in_the_app_withdraws_the_email_still_waiting(db: Database) -> None:
    carer = await make_user(db)
    async with db.session_scope() as session:
        await service.update_preferences(
            session, actor=Actor(user_id=carer.id), now=START, quiet_hours=(time(8), time(10))
        )
    notification_id = await send(db, carer, kinds.BuddyReplied, checkin())
    assert notification_id is not None

    async with db.session_scope() as session:
        await service.mark_read(
            session, actor=Actor(user_id=carer.id), notification_id=notification_id, now=START
        )

    [mail] = await mails(db)
    assert (mail.failed_at, mail.last_error) == (START, "withdrawn")


async def test_reading_everything_or_opening_its_page_withdraws_the_emails_still_waiting(
    db: Database,
) -> None:
    carer = await make_user(db)
    async with db.session_scope() as session:
        await service.update_preferences(
            session, actor=Actor(user_id=carer.id), now=START, quiet_hours=(time(8), time(10))
        )
    first = await send(db, carer, kinds.BuddyReplied, checkin())
    second = await send(db, carer, kinds.BuddyReplied, checkin())
    assert first is not None and second is not None
    async with db.session_scope() as session:
        opened = (await session.get(Notification, second)).url  # type: ignore[union-attr]
        assert await service.mark_seen(session, actor=Actor(user_id=carer.id), url=opened, now=START) == 1
    assert sorted(m.last_error or "waiting" for m in await mails(db)) == ["waiting", "withdrawn"]

    async with db.session_scope() as session:
        assert await service.mark_all_read(session, actor=Actor(user_id=carer.id), now=START) == 1

    assert [(m.failed_at, m.last_error) for m in await mails(db)] == [(START, "withdrawn")] * 2


async def test_two_check_in_reminders_that_reached_nobody_make_a_carer_unreachable(db: Database) -> None:
    carer = await make_user(db)
    await choose(db, carer, ["push"])  # and no device: nothing carries them
    await send(db, carer, kinds.CheckinDue, checkin())
    async with db.session_scope() as session:
        once = (await service.reach(session, [carer.id], now=START))[carer.id]
    await send(db, carer, kinds.CheckinNudge, checkin())
    async with db.session_scope() as session:
        twice = (await service.reach(session, [carer.id], now=START))[carer.id]

    assert (once.missed_everywhere, twice.missed_everywhere) == (False, True)
    assert twice.working == ()
    assert twice.unreachable
    assert "Their last two check-in reminders didn't reach them by any channel." in twice.problems()


async def test_a_failed_text_falls_back_to_email_once(db: Database) -> None:
    org = await make_org(db)
    carer = await make_user(db, organisation=org, roles=(Role.CARER,))
    texts_on(db)
    await org_texts(db, org)
    await verify_phone(db, carer)
    await choose(db, carer, ["sms", "email"])
    notification_id = await send(db, carer, kinds.CheckinNudge, checkin(), organisation_id=org.id)
    async with db.session_scope() as session:
        await session.execute(
            update(OutgoingText)
            .where(OutgoingText.notification_id == notification_id)
            .values(state="undelivered")
        )

    async with db.session_scope() as session:
        moved = await service.fall_back_failed(session, now=START + timedelta(seconds=5))
    async with db.session_scope() as session:
        again = await service.fall_back_failed(session, now=START + timedelta(seconds=10))

    assert (moved, again) == (1, 0)
    notification = await _notification(db, notification_id)
    assert (notification.channel, notification.fallbacks) == ("email", [])
    [mail] = await mails(db)
    assert mail.notification_id == notification_id


async def test_a_crisis_alerts_email_goes_even_once_the_alert_is_dealt_with(db: Database) -> None:
    org = await make_org(db)
    coordinator = await make_user(db, organisation=org, roles=(Role.COORDINATOR,))
    alert = {"alert_id": uuid.uuid4(), "carer_name": "Alex Carer"}
    await send(db, coordinator, kinds.CrisisAlert, alert, key="alert:1", organisation_id=org.id)

    async with db.session_scope() as session:
        await service.mark_read_for(session, dedupe_keys=["alert:1"], now=START)

    [mail] = await mails(db)
    assert (mail.failed_at, mail.last_error) == (None, None)
