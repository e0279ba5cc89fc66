"""Telling the other person of new messages (issue 18 audit): one notification per pair while it is unread
("3 new messages from Alex"), taken back when the thread is read or the match ends, by text for people who
chose texts (still one), and held, not dropped, while a buddy has muted the thread."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.mail.models import OutgoingMail
from carerlink.notifications import kinds
from carerlink.notifications.models import Notification
from tests.checkins.factories import Pair, make_pair
from tests.notifications.channels_support import choose, org_texts, texts, texts_on, verify_phone
from tests.support import ApiClient, signed_in

TEXT = "Mum's appointment moved to Thursday, the nurse rang."


@pytest.fixture
async def pair(db: Database) -> Pair:
    return await make_pair(db)


async def _send(client: ApiClient, pair: Pair, text: str) -> None:
    sent = await client.post(f"{pair.base}/messages", json={"text": text})
    assert sent.status_code == 201, sent.text


async def _told(db: Database, user_id: Any) -> list[Notification]:
    async with db.session_scope() as session:
        rows = await session.scalars(
            select(Notification)
            .where(Notification.user_id == user_id, Notification.kind == kinds.NewMessage.name)
            .order_by(Notification.created_at)
        )
        return list(rows)


async def _mails(db: Database, notification: Notification) -> list[OutgoingMail]:
    async with db.session_scope() as session:
        rows = await session.scalars(
            select(OutgoingMail).where(OutgoingMail.notification_id == notification.id)
        )
        return list(rows)


async def _quiet_until_ten(buddy: ApiClient) -> None:
    """The buddy's quiet hours run until 10:00 (it is 09:00 in London): e-mails wait until then."""
    quiet = {"quiet_hours": {"start": "08:00", "end": "10:00"}}
    assert (await buddy.patch("/api/v1/me/notification-preferences", json=quiet)).status_code == 200


async def test_further_messages_bring_the_one_notification_up_to_date_instead_of_another(
    db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    await _quiet_until_ten(buddy)  # the buddy has no device: e-mail, held until 10:00
    for n in range(3):
        await _send(carer, pair, f"{TEXT} ({n})")
        clock.advance(timedelta(minutes=2))

    [told] = await _told(db, pair.buddy.user.id)
    assert told.title == "3 new messages from Alex" and told.read_at is None
    [mail] = await _mails(db, told)  # one e-mail, not three
    assert mail.subject == "3 new messages from Alex" and "Thursday" not in mail.subject + mail.body
    inbox = (await buddy.get("/api/v1/notifications")).json()
    assert [item["title"] for item in inbox["items"] if item["kind"] == "new_message"] == [
        "3 new messages from Alex"
    ]


async def test_reading_the_thread_takes_the_notification_back_and_a_later_message_tells_afresh(
    db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    await _quiet_until_ten(buddy)
    await _send(carer, pair, TEXT)
    [told] = await _told(db, pair.buddy.user.id)
    [waiting] = await _mails(db, told)
    assert waiting.send_after.hour == 10 and waiting.failed_at is None

    assert (await buddy.post(f"{pair.base}/messages/read")).json() == {"read": 1}

    [told] = await _told(db, pair.buddy.user.id)
    assert told.read_at is not None  # no longer unread in the inbox
    [withdrawn] = await _mails(db, told)
    assert withdrawn.failed_at is not None and withdrawn.sent_at is None  # the 10:00 e-mail never goes
    clock.advance(timedelta(minutes=5))
    await _send(carer, pair, "One more thing: bring the blue folder.")
    _first, second = await _told(db, pair.buddy.user.id)
    assert second.read_at is None and second.title == "New message from Alex"


async def test_an_ending_takes_back_the_former_buddys_notification_and_leaves_the_carers(
    db: Database, pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    await _quiet_until_ten(buddy)
    await _send(carer, pair, TEXT)
    await _send(buddy, pair, "Thank you for letting me know.")

    assert (await carer.post(f"{pair.base}/end", json={"reason": "caring_ended"})).status_code == 200

    [to_buddy] = await _told(db, pair.buddy.user.id)
    assert to_buddy.read_at is not None
    [mail] = await _mails(db, to_buddy)
    assert mail.failed_at is not None and mail.sent_at is None  # no "New message from Alex" in the morning
    [to_carer] = await _told(db, pair.carer.user.id)
    assert to_carer.read_at is None  # the carer still reads the thread (their copy)


async def test_a_carer_who_chose_texts_is_texted_once_for_several_messages_without_the_words(
    db: Database, pair: Pair, new_client: Any
) -> None:
    texts_on(db)
    await org_texts(db, pair.org)
    await verify_phone(db, pair.carer.user)
    await choose(db, pair.carer.user, ["sms"])
    buddy = await signed_in(new_client, pair.buddy.email)

    await _send(buddy, pair, "Lovely to talk on Tuesday, Alex.")
    await _send(buddy, pair, "Same time next week?")

    [told] = await _told(db, pair.carer.user.id)
    assert told.channel == "sms" and told.title.startswith("2 new messages")
    [text] = [t for t in await texts(db) if t.notification_id == told.id]
    assert "Tuesday" not in text.body and "Priya" not in text.body
    assert "new message" in text.body


async def test_a_buddys_mute_holds_the_notification_until_it_ends_and_the_carer_is_told_kindly(
    db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    until = clock.now() + timedelta(days=3)
    muted = await buddy.post(f"{pair.base}/messages/mute", json={"until": until.isoformat()})
    assert muted.status_code == 201, muted.text

    await _send(carer, pair, TEXT)
    clock.advance(timedelta(minutes=20))
    await _send(carer, pair, "And the pharmacy is closed on Monday.")

    thread = (await carer.get(f"{pair.base}/messages")).json()
    assert "replies may be slower" in thread["muted_notice"]
    assert len((await buddy.get(f"{pair.base}/messages")).json()["messages"]) == 2  # messages arrive
    [told] = await _told(db, pair.buddy.user.id)  # held, not dropped: one, brought up to date
    assert told.title == "2 new messages from Alex"
    [mail] = await _mails(db, told)
    assert mail.send_after == until and mail.failed_at is None  # goes when the mute ends

    assert (await buddy.post(f"{pair.base}/messages/mute", json={"until": None})).json() == {
        "muted_until": None
    }
    [mail] = await _mails(db, told)
    assert mail.send_after == clock.now()  # unmuted: it goes now
    assert (await carer.get(f"{pair.base}/messages")).json()["muted_notice"] is None
