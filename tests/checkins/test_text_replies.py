"""Answers by text (issue 14): signed replies posted to the running app answer the one open check-in.

A texted "2" is stored once (the same MessageSid twice has no second effect); "HELP" raises the crisis
alert and texts the crisis lines back; STOP/START; a reply with no check-in open waits on the
coordinators' attention list until one of them deals with it; unsigned or forged webhooks and unknown
numbers are refused, and no words of a text reach the logs.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator

from carerlink.accounts.models import User
from carerlink.checkins.jobs import materialise, walk_ladder
from carerlink.checkins.models import CheckinOccurrence
from carerlink.checkins.service.texts import read_reply
from carerlink.db import Database
from carerlink.notifications.texts import delivery
from carerlink.notifications.texts.models import InboundText, OutgoingText
from carerlink.safeguarding.models import CrisisAlert
from carerlink.settings import Settings
from tests.checkins.factories import Pair, make_pair
from tests.conftest import DatabaseTarget
from tests.notifications.texts.support import (
    INBOUND,
    enable_texts,
    inbound_params,
    post_webhook,
    set_phone,
    texts_settings,
)
from tests.notifications.texts.twilio_fake import FakeTwilio
from tests.profiles.factories import make_coordinator
from tests.support import ApiClient, make_org, notified_kinds, problem, signed_in

NUMBER = "+447700900123"
SID = "SM" + "2" * 32
EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


@pytest.fixture
async def twilio_api() -> AsyncIterator[FakeTwilio]:
    fake = await FakeTwilio().start()
    yield fake
    await fake.stop()


@pytest.fixture
def settings(database_target: DatabaseTarget, tmp_path: Path, twilio_api: FakeTwilio) -> Settings:
    return texts_settings(database_target, tmp_path, twilio_api)


@pytest.fixture
async def pair(db: Database) -> Pair:
    pair = await make_pair(db)
    await enable_texts(db, pair.org)
    await set_phone(db, pair.carer.user, NUMBER)
    return pair


@pytest.fixture
def http(app: Litestar) -> httpx.AsyncClient:
    """The provider: no cookie, no CSRF token, only its signature."""
    return ApiClient(app).http


async def _open_checkin(app: Litestar, new_client: Any, pair: Pair) -> str:
    carer = await signed_in(new_client, pair.carer.email)
    await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await materialise(app.state.runtime)
    await walk_ladder(app.state.runtime)
    [checkin] = (await carer.get("/api/v1/me/checkins?awaiting=true")).json()
    return str(checkin["id"])


async def _text(
    http: httpx.AsyncClient, settings: Settings, body: str, *, sid: str = SID, number: str = NUMBER
) -> httpx.Response:
    return await post_webhook(http, settings, INBOUND, inbound_params(number, body, sid=sid))


async def _occurrence(db: Database, checkin_id: str) -> CheckinOccurrence:
    async with db.session_scope() as session:
        found = await session.get(CheckinOccurrence, uuid.UUID(checkin_id))
        assert found is not None
        return found


async def _count(db: Database, model: type) -> int:
    async with db.session_scope() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_texted_2_answers_the_open_checkin_once(
    app: Litestar, db: Database, pair: Pair, new_client: Any, http: httpx.AsyncClient, settings: Settings
) -> None:
    checkin_id = await _open_checkin(app, new_client, pair)

    first = await _text(http, settings, "2")
    replayed = await _text(http, settings, "2")

    assert first.status_code == 200 and first.headers["content-type"].startswith("application/xml")
    assert "Thank you, your check-in is saved." in first.text
    assert (replayed.status_code, replayed.text) == (200, EMPTY)
    occurrence = await _occurrence(db, checkin_id)
    assert (occurrence.state, occurrence.wellbeing, occurrence.idempotency_key) == (
        "answered",
        2,
        f"sms:{SID}",
    )
    assert await _count(db, InboundText) == 1
    assert (await notified_kinds(db, pair.buddy.user.id, about_matches=False)).count("buddy_new_answer") == 1


async def test_a_score_with_call_and_words_answers_with_both(
    app: Litestar, db: Database, pair: Pair, new_client: Any, http: httpx.AsyncClient, settings: Settings
) -> None:
    checkin_id = await _open_checkin(app, new_client, pair)
    assert (await _text(http, settings, "2 tired today")).status_code == 200
    occurrence = await _occurrence(db, checkin_id)
    assert (occurrence.wellbeing, occurrence.note, occurrence.wants_call) == (2, "tired today", False)


async def test_a_texted_help_raises_the_alert_and_texts_the_crisis_lines_back(
    app: Litestar,
    db: Database,
    pair: Pair,
    new_client: Any,
    http: httpx.AsyncClient,
    settings: Settings,
    twilio_api: FakeTwilio,
) -> None:
    checkin_id = await _open_checkin(app, new_client, pair)

    reply = await _text(http, settings, "help")

    assert "We have told your coordinators" in reply.text
    assert await _count(db, CrisisAlert) == 1
    occurrence = await _occurrence(db, checkin_id)
    assert occurrence.needs_help is True
    assert "coordinator_crisis_alert" in await notified_kinds(
        db, pair.coordinator.user.id, about_matches=False
    )
    async with db.session_scope() as session:
        lines = (
            await session.scalars(select(OutgoingText).where(OutgoingText.category == "crisis_lines"))
        ).all()
    assert lines and {line.to_number for line in lines} == {NUMBER}
    assert any("116 123" in line.body for line in lines)
    await delivery.deliver_due(app.state.runtime)
    assert any("116 123" in sent.body for sent in twilio_api.sent)


async def test_help_with_no_checkin_open_still_raises_the_alert(
    db: Database, pair: Pair, http: httpx.AsyncClient, settings: Settings
) -> None:
    reply = await _text(http, settings, "HELP")
    assert "We have told your coordinators" in reply.text
    assert await _count(db, CrisisAlert) == 1


async def test_stop_and_start(db: Database, pair: Pair, http: httpx.AsyncClient, settings: Settings) -> None:
    stop = await _text(http, settings, "Stop", sid="SM" + "3" * 32)
    assert stop.text == EMPTY  # the provider sends its own confirmation
    async with db.session_scope() as session:
        user = await session.get(User, pair.carer.user.id)
        assert user is not None and user.texts_stopped_at is not None
    await _text(http, settings, "START", sid="SM" + "4" * 32)
    async with db.session_scope() as session:
        user = await session.get(User, pair.carer.user.id)
        assert user is not None and user.texts_stopped_at is None


async def test_a_reply_with_no_checkin_open_waits_on_the_attention_list_until_dealt_with(
    db: Database, pair: Pair, new_client: Any, http: httpx.AsyncClient, settings: Settings
) -> None:
    reply = await _text(http, settings, "Can someone ring me back")
    assert "passed your message on" in reply.text
    boss = await signed_in(new_client, pair.coordinator.email)
    url = f"/api/v1/orgs/{pair.org.id}/attention"

    [item] = [i for i in (await boss.get(url)).json() if i["reason"] == "text_received"]

    assert (item["carer_name"], item["note"]) == (pair.carer.user.display_name, "Can someone ring me back")
    assert item["carer_phone"] is not None
    done = await boss.post(f"{url}/{item['id']}/resolve", json={"note": "Rang her"})
    assert done.status_code == 200, done.text
    assert done.json()["resolved_at"]
    assert not [i for i in (await boss.get(url)).json() if i["reason"] == "text_received"]
    problem(await boss.post(f"{url}/{item['id']}/resolve", json={}), 409)


async def test_a_call_alone_is_kept_for_a_coordinator(
    app: Litestar, db: Database, pair: Pair, new_client: Any, http: httpx.AsyncClient, settings: Settings
) -> None:
    checkin_id = await _open_checkin(app, new_client, pair)
    await _text(http, settings, "CALL")
    assert (await _occurrence(db, checkin_id)).state == "open"  # a score is still asked for
    async with db.session_scope() as session:
        [inbound] = (await session.scalars(select(InboundText))).all()
    assert (inbound.outcome, inbound.handled_at) == ("call", None)


async def test_who_may_deal_with_a_texted_reply(
    db: Database, pair: Pair, new_client: Any, http: httpx.AsyncClient, settings: Settings, app: Litestar
) -> None:
    await _text(http, settings, "hello")
    async with db.session_scope() as session:
        [inbound] = (await session.scalars(select(InboundText))).all()
    other_org = await make_org(db, name="Elsewhere")
    outsider = await make_coordinator(db, other_org, name="Other Coordinator")
    colleague = await make_coordinator(db, pair.org, name="Colleague")
    url = f"/api/v1/orgs/{pair.org.id}/attention/{inbound.id}/resolve"
    for email, status in (
        (pair.carer.email, 403),  # the owner of the text: not theirs to resolve
        (pair.buddy.email, 403),  # another role
        (outsider.email, 404),  # a coordinator of another organisation
    ):
        problem(await (await signed_in(new_client, email)).post(url, json={}), status)
    problem(await ApiClient(app).post(url, json={}), 401)  # anonymous
    assert (await (await signed_in(new_client, colleague.email)).post(url, json={})).status_code == 200
    problem(await (await signed_in(new_client, pair.coordinator.email)).post(url, json={}), 409)


async def test_unsigned_forged_and_unknown_are_refused_without_logging_words(
    db: Database, pair: Pair, http: httpx.AsyncClient, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)  # what production logs (DEBUG would add the SQL drivers' own lines)
    params = inbound_params(NUMBER, "secret words 2", sid=SID)
    unsigned = await post_webhook(http, settings, INBOUND, params, signed=False)
    forged = await http.post(INBOUND, data={**params, "Body": "5"}, headers={"X-Twilio-Signature": "x"})
    other_url = await http.post(
        INBOUND,
        data=params,
        headers={
            "X-Twilio-Signature": RequestValidator(settings.twilio_auth_token).compute_signature(
                "https://elsewhere.example" + INBOUND, params
            )
        },
    )
    assert (unsigned.status_code, forged.status_code, other_url.status_code) == (403, 403, 403)
    stranger = await _text(http, settings, "secret words 3", number="+447700900999", sid="SM" + "5" * 32)
    await set_phone(db, pair.buddy.user, "+447700900555", verified_at=None)
    unverified = await _text(http, settings, "secret words 4", number="+447700900555", sid="SM" + "6" * 32)
    assert (stranger.status_code, stranger.text, unverified.text) == (200, EMPTY, EMPTY)
    assert await _count(db, InboundText) == 0
    await _text(http, settings, "secret words 5", sid="SM" + "7" * 32)  # kept for a coordinator
    assert await _count(db, InboundText) == 1
    assert "secret words" not in caplog.text
    assert NUMBER not in caplog.text and "+447700900999" not in caplog.text


@pytest.mark.parametrize(
    ("body", "locale", "expected"),
    [
        ("2", "en-GB", (None, 2, False, False, None)),
        (" 5. ", "en-GB", (None, 5, False, False, None)),
        ("2 CALL", "en-GB", (None, 2, True, False, None)),
        ("call", "en-GB", (None, None, True, False, None)),
        ("HELP", "en-GB", (None, None, False, True, None)),
        ("2 tired today", "en-GB", (None, 2, False, False, "tired today")),
        ("tired today", "en-GB", (None, None, False, False, "tired today")),
        ("CYMORTH", "cy-GB", (None, None, False, True, None)),
        ("3 ffonio", "cy-GB", (None, 3, True, False, None)),
        ("POMOC", "pl-PL", (None, None, False, True, None)),
        ("Zadzwoń", "pl-PL", (None, None, True, False, None)),
        ("ZADZWON 4", "pl-PL", (None, 4, True, False, None)),
        ("مدد", "ur-PK", (None, None, False, True, None)),
        ("۲", "ur-PK", (None, 2, False, False, None)),
        ("POMOC", "en-GB", (None, None, False, False, "POMOC")),  # another language's word is just words
        ("STOP", "en-GB", ("stop", None, False, False, None)),
        ("unsubscribe", "cy-GB", ("stop", None, False, False, None)),
        ("Start", "en-GB", ("start", None, False, False, None)),
        ("7", "en-GB", (None, None, False, False, "7")),
    ],
)
def test_reading_replies(body: str, locale: str, expected: tuple[Any, ...]) -> None:
    reading = read_reply(body, locale)
    assert (reading.command, reading.score, reading.call, reading.help, reading.note) == expected
