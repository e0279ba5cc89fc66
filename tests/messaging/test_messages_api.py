"""Messages within a pair (issue 18): the thread, sending once, read receipts, endings, boundaries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.messaging.models import Message, MessageReport
from carerlink.notifications import kinds
from carerlink.notifications.models import Notification
from tests.checkins.factories import Pair, make_pair
from tests.support import START, ApiClient, field_errors, problem, signed_in

TEXT = "Dad had a rough night; the nurse is coming at ten."


@pytest.fixture
async def pair(db: Database) -> Pair:
    return await make_pair(db)


async def _send(client: ApiClient, pair: Pair, text: str, key: str | None = None) -> Any:
    headers = {"Idempotency-Key": key} if key else None
    return await client.post(f"{pair.base}/messages", json={"text": text}, headers=headers)


async def _notifications(db: Database, user_id: Any, kind: str) -> list[Notification]:
    async with db.session_scope() as session:
        rows = await session.scalars(
            select(Notification).where(Notification.user_id == user_id, Notification.kind == kind)
        )
        return list(rows)


async def test_the_carer_writes_the_buddy_reads_replies_and_each_sees_the_read_receipt(
    db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)

    sent = await _send(carer, pair, TEXT, key="offline-0001")
    assert sent.status_code == 201, sent.text
    assert sent.json()["message"]["mine"] is True and sent.json()["reads_as_crisis"] is False
    clock.advance(timedelta(minutes=5))
    thread = (await buddy.get(f"{pair.base}/messages")).json()
    assert [(m["text"], m["mine"], m["sender"]) for m in thread["messages"]] == [(TEXT, False, "carer")]
    assert thread["me"] == "buddy" and thread["other_name"] == "Alex" and thread["can_write"] is True
    assert thread["boundary"].startswith("Messages are not watched all the time.")
    assert thread["crisis_lines"]
    assert (await buddy.post(f"{pair.base}/messages/read")).json() == {"read": 1}
    assert (await buddy.post(f"{pair.base}/messages/read")).json() == {"read": 0}  # once
    reply = await _send(buddy, pair, "Thinking of you. Shall I ring at six?")
    assert reply.status_code == 201, reply.text

    mine = (await carer.get(f"{pair.base}/messages")).json()["messages"]
    assert [m["text"] for m in mine] == [TEXT, "Thinking of you. Shall I ring at six?"]  # newest last
    assert mine[0]["read_at"] is not None and mine[1]["read_at"] is None
    # Each was told, by name, never with the words.
    [to_buddy] = await _notifications(db, pair.buddy.user.id, kinds.NewMessage.name)
    [to_carer] = await _notifications(db, pair.carer.user.id, kinds.NewMessage.name)
    assert to_buddy.title == "New message from Alex"
    for note in (to_buddy, to_carer):
        assert "Dad" not in note.title + note.body and "ring" not in note.title + note.body
        assert "text" not in note.data


async def test_a_retry_with_the_same_idempotency_key_stores_the_message_once(
    db: Database, pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    first = await _send(carer, pair, TEXT, key="queued-abc-123")
    again = await _send(carer, pair, TEXT, key="queued-abc-123")

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["message"]["id"] == again.json()["message"]["id"]
    async with db.session_scope() as session:
        assert len(list(await session.scalars(select(Message)))) == 1
    assert len(await _notifications(db, pair.buddy.user.id, kinds.NewMessage.name)) == 1


async def test_pages_go_back_in_time_newest_last(pair: Pair, new_client: Any, clock: FrozenClock) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    for n in range(5):
        assert (await _send(carer, pair, f"Message {n}")).status_code == 201
        clock.advance(timedelta(seconds=30))
    page = (await carer.get(f"{pair.base}/messages?limit=2")).json()
    assert [m["text"] for m in page["messages"]] == ["Message 3", "Message 4"] and page["earlier"] is True
    older = (
        await carer.get(f"{pair.base}/messages", params={"limit": 10, "before": page["earlier_before"]})
    ).json()
    assert [m["text"] for m in older["messages"]] == ["Message 0", "Message 1", "Message 2"]
    assert older["earlier"] is False and older["earlier_before"] is None


async def test_messages_sent_at_the_same_instant_are_each_shown_once_across_pages(
    db: Database, pair: Pair, new_client: Any
) -> None:
    """Two web processes can store two messages at one instant: a page boundary between them skipped one."""
    at = START + timedelta(minutes=1)
    async with db.session_scope() as session:
        for n in range(7):
            session.add(
                Message(
                    match_id=pair.match.id,
                    organisation_id=pair.org.id,
                    carer_user_id=pair.carer.user.id,
                    buddy_user_id=pair.buddy.user.id,
                    sender="carer",
                    sender_user_id=pair.carer.user.id,
                    text=f"Same instant {n}",
                    sent_at=at if n < 6 else at + timedelta(seconds=1),
                    reads_as_crisis=False,
                )
            )
    carer = await signed_in(new_client, pair.carer.email)
    seen: list[str] = []
    page = (await carer.get(f"{pair.base}/messages?limit=2")).json()
    seen = [m["text"] for m in page["messages"]]
    while page["earlier_before"]:
        page = (
            await carer.get(f"{pair.base}/messages", params={"limit": 2, "before": page["earlier_before"]})
        ).json()
        seen = [m["text"] for m in page["messages"]] + seen
    assert sorted(seen) == sorted(f"Same instant {n}" for n in range(7))
    assert seen[-1] == "Same instant 6"  # newest last


@pytest.mark.parametrize(
    "before", ["2030-01-01T00:00:00", "2030-01-01T00:00:00+00:00", "not-a-marker", "MjAzMHxub3BlCg"]
)
async def test_a_page_marker_that_is_not_ours_names_before(pair: Pair, new_client: Any, before: str) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    assert (await _send(carer, pair, TEXT)).status_code == 201
    assert field_errors(await carer.get(f"{pair.base}/messages", params={"before": before})) == {"before"}


@pytest.mark.parametrize(
    "text",
    ["", "   \n ", "x" * 2001, "\u200b", " \u200b\u200d\u2060\ufeff ", "\u200c\n\u200b", "\U0001f499" * 2001],
    ids=["empty", "spaces", "2001", "zero-width", "invisible", "invisible-lines", "2001-emoji"],
)
async def test_an_empty_invisible_or_too_long_message_names_the_field(
    pair: Pair, new_client: Any, text: str
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    assert field_errors(await _send(carer, pair, text)) == {"text"}


async def test_the_length_is_counted_in_characters_as_the_app_counts_them(
    pair: Pair, new_client: Any
) -> None:
    """2,000 emoji are 2,000 characters (code points), though a browser's .length says 4,000."""
    carer = await signed_in(new_client, pair.carer.email)
    sent = await _send(carer, pair, "\U0001f499" * 2000)
    assert sent.status_code == 201, sent.text


async def test_the_same_key_with_other_words_is_refused_naming_the_key(
    db: Database, pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    assert (await _send(carer, pair, TEXT, key="queued-abc-123")).status_code == 201
    other = await _send(carer, pair, "Something else entirely", key="queued-abc-123")
    assert field_errors(other) == {"Idempotency-Key"}
    async with db.session_scope() as session:
        assert [m.text for m in await session.scalars(select(Message))] == [TEXT]


async def test_a_two_thousand_character_message_on_several_lines_is_kept_whole(
    pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    text = ("Line one.\n" + "y" * 1988)[:2000]
    sent = await _send(carer, pair, text)
    assert sent.status_code == 201, sent.text
    assert sent.json()["message"]["text"] == text


async def test_once_the_match_ends_the_former_buddy_reads_nothing_and_the_carer_keeps_a_read_only_copy(
    pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    assert (await _send(carer, pair, TEXT)).status_code == 201
    assert (await buddy.post(f"{pair.base}/pause")).status_code == 200
    assert (await buddy.get(f"{pair.base}/messages")).status_code == 200  # a pause is not an ending
    assert (await _send(buddy, pair, "Here when you're ready.")).status_code == 201

    assert (await carer.post(f"{pair.base}/end", json={"reason": "caring_ended"})).status_code == 200

    refused = await buddy.get(f"{pair.base}/messages")
    problem(refused, 403)
    assert TEXT not in refused.text
    problem(await _send(buddy, pair, "Hello?"), 403)
    kept = (await carer.get(f"{pair.base}/messages")).json()
    assert [m["text"] for m in kept["messages"]] == [TEXT, "Here when you're ready."]
    assert kept["can_write"] is False and "ended" in kept["why_not"]
    problem(await _send(carer, pair, "One more"), 409)


async def test_a_carers_message_that_reads_as_a_crisis_shows_the_lines_and_never_escalates_by_itself(
    db: Database, pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    sent = (await _send(carer, pair, "I can\u2019t go on like this tonight")).json()
    assert sent["reads_as_crisis"] is True
    assert sent["crisis_lines"] and "Your buddy may not see this" in sent["crisis_words"]
    assert sent["help_path"] == f"/api/v1/orgs/{pair.org.id}/help"
    calm = (await _send(carer, pair, "We went to the park; Mum smiled.")).json()
    assert calm["reads_as_crisis"] is False and calm["crisis_lines"] == []
    # Nothing went to the coordinators on its own.
    assert await _notifications(db, pair.coordinator.user.id, kinds.CrisisAlert.name) == []
    buddy = await signed_in(new_client, pair.buddy.email)
    said = (await _send(buddy, pair, "I need help now with the forms, haha")).json()
    assert said["reads_as_crisis"] is False  # only a carer's words are read so


async def test_a_report_reaches_the_coordinators_with_the_few_messages_before_it_audited(
    db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    texts = [f"Earlier {n}" for n in range(6)]
    for text in texts:
        await _send(carer, pair, text)
        clock.advance(timedelta(minutes=1))
    bad = (await _send(buddy, pair, "Stop whining.")).json()["message"]
    problem(await coordinator.get(f"{pair.base}/messages"), 403)  # never by browsing

    reported = await carer.post(f"{pair.base}/messages/{bad['id']}/report", json={"reason": "not_ok"})

    assert reported.status_code == 201, reported.text
    assert "someone will look at it" in reported.json()["detail"]
    assert len(await _notifications(db, pair.coordinator.user.id, kinds.MessageReported.name)) == 1
    listed = (await coordinator.get(f"/api/v1/orgs/{pair.org.id}/message-reports")).json()
    assert len(listed) == 1 and "Stop whining" not in str(listed)
    entry = listed[0]
    assert entry["reason_words"] == "This wasn't OK" and (entry["carer_name"], entry["buddy_name"]) == (
        "Alex",
        pair.buddy.user.display_name.split()[0],
    )
    assert (entry["reporter"], entry["status"], entry["dealt_with_at"]) == ("carer", "open", None)
    opened = (await coordinator.get(f"/api/v1/orgs/{pair.org.id}/message-reports/{entry['id']}")).json()
    assert [m["text"] for m in opened["messages"]] == [*texts[-4:], "Stop whining."]
    assert [m["reported"] for m in opened["messages"]] == [False] * 4 + [True]
    async with db.session_scope() as session:
        actions = list(await session.scalars(select(AuditEntry.action)))
    assert actions.count("messaging.message.reported") == 1
    assert actions.count("messaging.report.viewed") == 2  # for each of the two whose words were read
    problem(await carer.get(f"/api/v1/orgs/{pair.org.id}/message-reports"), 403)


async def test_reporting_the_same_message_again_returns_the_first_report_and_tells_no_one_again(
    db: Database, pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    bad = (await _send(buddy, pair, "Stop whining.")).json()["message"]
    first = await carer.post(f"{pair.base}/messages/{bad['id']}/report", json={"reason": "not_ok"})
    again = await carer.post(f"{pair.base}/messages/{bad['id']}/report", json={"reason": "worried"})

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert len(await _notifications(db, pair.coordinator.user.id, kinds.MessageReported.name)) == 1
    async with db.session_scope() as session:
        assert len(list(await session.scalars(select(MessageReport)))) == 1
        actions = list(await session.scalars(select(AuditEntry.action)))
    assert actions.count("messaging.message.reported") == 1
    thread = (await carer.get(f"{pair.base}/messages")).json()
    assert [(m["text"], m["reported_by_me"]) for m in thread["messages"]] == [("Stop whining.", True)]
    assert (await buddy.get(f"{pair.base}/messages")).json()["messages"][0]["reported_by_me"] is False


async def test_nobody_reports_their_own_message(db: Database, pair: Pair, new_client: Any) -> None:
    buddy = await signed_in(new_client, pair.buddy.email)
    mine = (await _send(buddy, pair, "Stop whining.")).json()["message"]

    refused = await buddy.post(f"{pair.base}/messages/{mine['id']}/report", json={"reason": "not_ok"})

    assert field_errors(refused) == {"message"}
    assert "your own message" in refused.json()["detail"]
    assert await _notifications(db, pair.coordinator.user.id, kinds.MessageReported.name) == []


async def test_the_carer_reports_from_the_copy_of_an_ended_match_and_when_messages_are_off(
    db: Database, pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    first = (await _send(buddy, pair, "You never listen.")).json()["message"]
    second = (await _send(buddy, pair, "Call me back now.")).json()["message"]
    off = {"settings": {"messaging": {"enabled": False}}}
    assert (await coordinator.patch(f"/api/v1/orgs/{pair.org.id}", json=off)).status_code == 200
    when_off = await carer.post(f"{pair.base}/messages/{first['id']}/report", json={"reason": "worried"})
    assert when_off.status_code == 201, when_off.text

    assert (await carer.post(f"{pair.base}/end", json={"reason": "caring_ended"})).status_code == 200
    ended = await carer.post(f"{pair.base}/messages/{second['id']}/report", json={"reason": "not_ok"})

    assert ended.status_code == 201, ended.text
    assert len(await _notifications(db, pair.coordinator.user.id, kinds.MessageReported.name)) == 2


async def test_messages_follow_the_organisations_setting_and_young_carers_need_it_turned_on(
    db: Database, pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    org = f"/api/v1/orgs/{pair.org.id}"
    assert (
        await coordinator.patch(org, json={"settings": {"messaging": {"enabled": False}}})
    ).status_code == 200
    problem(await _send(carer, pair, TEXT), 409)
    thread = (await carer.get(f"{pair.base}/messages")).json()
    assert thread["can_write"] is False and "not switched on" in thread["why_not"]

    assert (
        await coordinator.patch(org, json={"settings": {"messaging": {"enabled": True}}})
    ).status_code == 200
    from carerlink.profiles.models import CarerProfile

    async with db.session_scope() as session:
        profile = await session.scalar(select(CarerProfile).where(CarerProfile.user_id == pair.carer.user.id))
        assert profile is not None
        profile.under_18 = True
    problem(await _send(carer, pair, TEXT), 409)
    on = {"settings": {"messaging": {"enabled": True, "young_carers": True}}}
    assert (await coordinator.patch(org, json=on)).status_code == 200
    assert (await _send(carer, pair, TEXT)).status_code == 201


async def test_a_buddys_quiet_hours_hold_the_notification_until_morning_never_the_message(
    db: Database, pair: Pair, new_client: Any
) -> None:
    from carerlink.mail.models import OutgoingMail

    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    quiet = {"quiet_hours": {"start": "08:00", "end": "10:00"}}  # it is 09:00 in London now
    assert (await buddy.patch("/api/v1/me/notification-preferences", json=quiet)).status_code == 200

    assert (await _send(carer, pair, TEXT)).status_code == 201

    assert [m["text"] for m in (await buddy.get(f"{pair.base}/messages")).json()["messages"]] == [TEXT]
    [told] = await _notifications(db, pair.buddy.user.id, kinds.NewMessage.name)
    async with db.session_scope() as session:
        mails = list(
            await session.scalars(select(OutgoingMail).where(OutgoingMail.notification_id == told.id))
        )
    assert mails, "the buddy, with no device, is e-mailed"
    for mail in mails:
        assert mail.send_after.hour == 10 and "Dad" not in mail.subject + mail.body


async def test_no_message_words_reach_the_logs(
    pair: Pair, new_client: Any, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    caplog.set_level(logging.INFO)  # what a deployment logs (the drivers debug-log SQL parameters)
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    secret = "Mum fell again; zebrafinch-marker."
    sent = (await _send(carer, pair, secret)).json()["message"]
    await buddy.get(f"{pair.base}/messages")
    await buddy.post(f"{pair.base}/messages/{sent['id']}/report", json={"reason": "worried"})
    await _send(carer, pair, "x" * 2001)  # refused: the problem names the field, not the words

    captured = capsys.readouterr()
    assert "zebrafinch" not in caplog.text + captured.out + captured.err
    assert "xxxxxxxxxx" not in caplog.text + captured.out + captured.err


async def test_the_same_message_sent_twice_at_once_is_stored_once(
    db: Database, pair: Pair, new_client: Any
) -> None:
    import asyncio

    page = await signed_in(new_client, pair.carer.email)
    first, second = await asyncio.gather(
        _send(page, pair, TEXT, key="twice-at-once-1"), _send(page, pair, TEXT, key="twice-at-once-1")
    )
    assert sorted([first.status_code, second.status_code]) == [200, 201]
    async with db.session_scope() as session:
        assert len(list(await session.scalars(select(Message)))) == 1
