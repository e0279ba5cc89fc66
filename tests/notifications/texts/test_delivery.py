"""The text outbox through the real TwilioProvider and a fake of Twilio's API (issue 14).

Leases, STOP, the monthly budget (crisis texts still go) and its warning, retries, permanent refusals
(Twilio's 21211), status callbacks signed like Twilio's, and the demo's file provider.
"""

from __future__ import annotations

import logging
import stat
from datetime import timedelta
from pathlib import Path
from typing import cast

import pytest
from litestar import Litestar
from sqlalchemy import Table, select
from twilio.base.exceptions import TwilioRestException

from carerlink.accounts.models import User
from carerlink.db import Database
from carerlink.db.leases import claim
from carerlink.kit.clock import FrozenClock
from carerlink.notifications.models import Notification
from carerlink.notifications.texts import delivery, jobs
from carerlink.notifications.texts.models import OutgoingText
from carerlink.notifications.texts.outbox import queue_text
from carerlink.notifications.texts.provider import FileProvider, TextRefused, TwilioProvider
from carerlink.runtime import Runtime
from carerlink.settings import Settings
from tests.notifications.texts.support import SENDER, STATUS, enable_texts, post_webhook, set_phone
from tests.notifications.texts.twilio_fake import FakeTwilio
from tests.profiles.factories import Person, make_carer, make_coordinator
from tests.support import START, ApiClient, make_org

NUMBER = "+447700900123"
SECRET_WORDS = "Your check-in is ready: reply 1-5 (5 is good), CALL or HELP."


@pytest.fixture
async def people(db: Database) -> tuple[object, Person, Person]:
    org = await make_org(db)
    await enable_texts(db, org, budget=3, warn_at_percent=60)
    carer = await make_carer(db, org)
    coordinator = await make_coordinator(db, org)
    await set_phone(db, carer.user, NUMBER)
    return org, carer, coordinator


async def _queue(
    db: Database,
    person: Person,
    org: object,
    *,
    category: str = "carer_checkin_due",
    body: str = SECRET_WORDS,
    to: str = NUMBER,
) -> object:
    async with db.session_scope() as session:
        return await queue_text(
            session,
            user_id=person.user.id,
            organisation_id=org.id,  # type: ignore[attr-defined]
            to=to,
            body=body,
            category=category,
            now=START,
            expires_at=START + timedelta(hours=2),
        )


async def _texts(db: Database) -> list[OutgoingText]:
    async with db.session_scope() as session:
        return list(
            (
                await session.scalars(select(OutgoingText).order_by(OutgoingText.created_at, OutgoingText.id))
            ).all()
        )


async def test_the_sdk_posts_what_twilios_api_documents_and_a_bad_number_is_refused_for_good(
    twilio: FakeTwilio,
) -> None:
    provider = TwilioProvider(
        account_sid=twilio.account_sid, auth_token=twilio.auth_token, sender=SENDER, api_url=twilio.url
    )
    try:
        result = await provider.send(NUMBER, "Hello", "https://carerlink.example/api/v1/sms/status")
        assert result.message_id.startswith("SM") and result.status == "queued"
        [sent] = twilio.sent
        assert (sent.to, sent.sender, sent.body, sent.status_callback) == (
            NUMBER,
            SENDER,
            "Hello",
            "https://carerlink.example/api/v1/sms/status",
        )
        with pytest.raises(TextRefused) as refused:
            await provider.send("+12", "Hello", None)
        assert refused.value.reason == "twilio-21211"
        twilio.failures.append(500)
        with pytest.raises(TwilioRestException) as passing:
            await provider.send(NUMBER, "Hello", None)
        assert passing.value.status == 500
        wrong = TwilioProvider(
            account_sid=twilio.account_sid, auth_token="wrong", sender=SENDER, api_url=twilio.url
        )
        with pytest.raises(TwilioRestException, match="Authenticate"):  # not the text's fault: retried
            await wrong.send(NUMBER, "Hello", None)
        await wrong.close()
    finally:
        await provider.close()


async def test_a_due_text_is_sent_once_and_its_words_are_wiped_and_never_logged(
    runtime: Runtime,
    db: Database,
    people: tuple[object, Person, Person],
    twilio: FakeTwilio,
    caplog: pytest.LogCaptureFixture,
) -> None:
    org, carer, _ = people
    await _queue(db, carer, org)
    caplog.set_level(logging.DEBUG)

    report = await delivery.deliver_due(runtime)
    again = await delivery.deliver_due(runtime)

    assert (report.sent, again.sent) == (1, 0)
    [sent] = twilio.sent
    assert (sent.to, sent.body) == (NUMBER, SECRET_WORDS)
    assert sent.status_callback == "http://testserver.local/api/v1/sms/status"
    [text] = await _texts(db)
    assert (text.state, text.provider, text.provider_message_id, text.sent_at, text.body) == (
        "sent",
        "twilio",
        sent.sid,
        START,
        "",
    )
    assert text.lease_token is None
    assert "check-in is ready" not in caplog.text and NUMBER not in caplog.text


async def test_a_person_who_texted_stop_gets_nothing(
    runtime: Runtime, db: Database, people: tuple[object, Person, Person], twilio: FakeTwilio
) -> None:
    org, carer, _ = people
    async with db.session_scope() as session:
        user = await session.get(User, carer.user.id)
        assert user is not None
        user.texts_stopped_at = START
    await _queue(db, carer, org)

    await delivery.deliver_due(runtime)

    [text] = await _texts(db)
    assert (text.state, text.last_error) == ("refused", "stopped")
    assert twilio.sent == []


async def test_past_the_budget_reminders_are_refused_but_crisis_texts_go_and_coordinators_are_warned_once(
    runtime: Runtime,
    db: Database,
    people: tuple[object, Person, Person],
    twilio: FakeTwilio,
    clock: FrozenClock,
) -> None:
    org, carer, coordinator = people  # budget 3 segments, warning at 60%
    for _ in range(4):
        await _queue(db, carer, org)
    await delivery.deliver_due(runtime)
    await _queue(db, carer, org, category="crisis_lines", body="Samaritans: call 116 123")
    await delivery.deliver_due(runtime)

    texts = await _texts(db)
    assert sorted((t.category, t.state, t.last_error or "") for t in texts) == sorted(
        [("carer_checkin_due", "sent", "")] * 3
        + [("carer_checkin_due", "refused", "budget"), ("crisis_lines", "sent", "")]
    )
    assert len(twilio.sent) == 4
    clock.advance(timedelta(minutes=5))
    await _queue(db, carer, org)
    await delivery.deliver_due(runtime)
    async with db.session_scope() as session:
        warnings = (
            await session.scalars(
                select(Notification.dedupe_key).where(
                    Notification.user_id == coordinator.user.id,
                    Notification.kind == "coordinator_text_budget_low",
                )
            )
        ).all()
    assert warnings == [f"text-budget:{org.id}:2026-03"]  # type: ignore[attr-defined]


async def test_a_passing_failure_is_retried_with_back_off_and_a_permanent_one_is_refused(
    runtime: Runtime,
    db: Database,
    people: tuple[object, Person, Person],
    twilio: FakeTwilio,
    clock: FrozenClock,
) -> None:
    org, carer, coordinator = people
    await _queue(db, carer, org)
    twilio.failures.append(500)
    await delivery.deliver_due(runtime)
    [retried] = await _texts(db)
    assert (retried.state, retried.attempts, retried.last_error) == ("pending", 1, "TwilioRestException")
    assert retried.send_after > START

    await set_phone(db, coordinator.user, "+4412")  # stored before numbers were checked, say
    await _queue(db, coordinator, org, to="+4412")  # Twilio: 21211, not a valid phone number
    await delivery.deliver_due(runtime)
    [bad] = [t for t in await _texts(db) if t.to_number == "+4412"]
    assert (bad.state, bad.last_error) == ("refused", "twilio-21211")

    clock.advance(timedelta(minutes=1))
    await delivery.deliver_due(runtime)
    [text] = [t for t in await _texts(db) if t.to_number == NUMBER]
    assert (text.state, text.attempts) == ("sent", 2)


async def test_a_text_no_longer_useful_is_not_sent(
    runtime: Runtime,
    db: Database,
    people: tuple[object, Person, Person],
    twilio: FakeTwilio,
    clock: FrozenClock,
) -> None:
    org, carer, _ = people
    await _queue(db, carer, org)
    clock.advance(timedelta(hours=3))
    await delivery.deliver_due(runtime)
    [text] = await _texts(db)
    assert text.state == "expired" and twilio.sent == []


async def test_status_callbacks_are_recorded_only_when_signed(
    app: Litestar,
    runtime: Runtime,
    db: Database,
    people: tuple[object, Person, Person],
    twilio: FakeTwilio,
    settings: Settings,
) -> None:
    org, carer, _ = people
    await _queue(db, carer, org)
    await delivery.deliver_due(runtime)
    [sent] = twilio.sent
    http = ApiClient(app).http
    fields = {"MessageSid": sent.sid, "MessageStatus": "undelivered", "ErrorCode": "30003", "To": NUMBER}

    unsigned = await post_webhook(http, settings, STATUS, fields, signed=False)
    forged = await http.post(STATUS, data=fields, headers={"X-Twilio-Signature": "bm90IGl0"})
    assert (unsigned.status_code, forged.status_code) == (403, 403)
    [text] = await _texts(db)
    assert text.state == "sent"

    done = await post_webhook(http, settings, STATUS, fields)
    assert done.status_code == 200
    [text] = await _texts(db)
    assert (text.state, text.provider_status, text.last_error) == (
        "undelivered",
        "undelivered",
        "provider-30003",
    )
    late = await post_webhook(http, settings, STATUS, {**fields, "MessageStatus": "sent"})
    assert late.status_code == 200
    [text] = await _texts(db)
    assert text.state == "undelivered"


async def test_the_demo_provider_writes_each_text_to_a_private_file(tmp_path: Path) -> None:
    provider = FileProvider(tmp_path / "texts", auth_token="secret")
    result = await provider.send(NUMBER, "Hello", None)
    path = tmp_path / "texts" / f"{result.message_id}.txt"
    assert result.status == "delivered"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text() == f"To: {NUMBER}\n\nHello\n"


async def test_texts_off_sends_nothing(runtime: Runtime) -> None:
    off = Runtime(
        settings=runtime.settings.replace(sms_provider=""),
        database=runtime.database,
        clock=runtime.clock,
        mail_transport=runtime.mail_transport,
    )
    assert not await delivery.deliver_due(off)


async def test_only_a_code_goes_to_a_number_not_verified_as_the_persons(
    runtime: Runtime, db: Database, people: tuple[object, Person, Person], twilio: FakeTwilio
) -> None:
    org, carer, _ = people
    await _queue(db, carer, org, to="+447700900999")  # not the number on record
    await set_phone(db, carer.user, NUMBER, verified_at=None)
    await _queue(db, carer, org)
    await _queue(db, carer, org, category="verification", body="Your carerlink code is 123456.")

    await delivery.deliver_due(runtime)

    assert sorted((t.category, t.state, t.last_error) for t in await _texts(db)) == [
        ("carer_checkin_due", "refused", "unverified"),
        ("carer_checkin_due", "refused", "unverified"),
        ("verification", "sent", None),
    ]
    assert [sent.body for sent in twilio.sent] == ["Your carerlink code is 123456."]


async def test_a_text_leased_by_another_worker_waits_for_its_lease_to_run_out(
    runtime: Runtime,
    db: Database,
    people: tuple[object, Person, Person],
    twilio: FakeTwilio,
    clock: FrozenClock,
) -> None:
    org, carer, _ = people
    await _queue(db, carer, org)
    async with db.session_scope() as session:  # another worker claimed it, then died
        _, claimed = await claim(
            session,
            cast(Table, OutgoingText.__table__),
            due=OutgoingText.state == "pending",
            order_by=[OutgoingText.send_after],
            limit=10,
            lease_until=START + timedelta(minutes=2),
            now=START,
        )
    assert len(claimed) == 1

    assert not await delivery.deliver_due(runtime)
    assert twilio.sent == []
    clock.advance(timedelta(minutes=3))
    assert (await delivery.deliver_due(runtime)).sent == 1
    assert len(twilio.sent) == 1


async def test_finished_texts_and_old_codes_are_forgotten(
    runtime: Runtime,
    db: Database,
    people: tuple[object, Person, Person],
    twilio: FakeTwilio,
    clock: FrozenClock,
) -> None:
    org, carer, _ = people
    await _queue(db, carer, org)
    await delivery.deliver_due(runtime)
    clock.advance(jobs.KEEP_FINISHED + timedelta(days=1))
    await _queue(db, carer, org)  # pending: kept
    assert await jobs.purge_old_texts(runtime) == 1
    assert [t.state for t in await _texts(db)] == ["pending"]
