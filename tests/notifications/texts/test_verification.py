"""Verifying a number (issue 14): a 6-digit code by text, typed back; rate-limited; audited without it."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from carerlink.accounts.models import User
from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.notifications.texts import verification
from carerlink.notifications.texts.models import OutgoingText
from carerlink.organisations.models import Organisation
from tests.notifications.texts.support import enable_texts, set_phone
from tests.profiles.factories import Person, make_carer
from tests.support import ApiClient, field_errors, make_org, problem, signed_in

NUMBER = "+447700900123"
CODE_TEXT = re.compile(r"^Your carerlink code is (\d{6})\. It expires in 10 minutes\.$")
PHONE = "/api/v1/me/phone"


@pytest.fixture
async def carer(db: Database) -> Person:
    org = await make_org(db)
    await enable_texts(db, org)
    carer = await make_carer(db, org)
    await set_phone(db, carer.user, NUMBER, verified_at=None)
    return carer


async def _codes(db: Database) -> list[str]:
    async with db.session_scope() as session:
        bodies = (
            await session.scalars(
                select(OutgoingText.body)
                .where(OutgoingText.category == "verification")
                .order_by(OutgoingText.created_at)
            )
        ).all()
    found = [CODE_TEXT.match(body) for body in bodies]
    assert all(found), bodies
    return [match.group(1) for match in found if match]


async def test_a_code_by_text_verifies_the_number(db: Database, carer: Person, new_client: Any) -> None:
    client = await signed_in(new_client, carer.email)
    before = (await client.get(PHONE)).json()
    assert (before["phone"], before["verified"], before["texts"]) == (NUMBER, False, "available")

    sent = await client.post(f"{PHONE}/verification")
    assert sent.status_code == 202, sent.text
    [code] = await _codes(db)
    wrong = "000000" if code != "000000" else "111111"
    assert field_errors(await client.post(f"{PHONE}/verification/confirm", json={"code": wrong})) == {"code"}
    done = await client.post(f"{PHONE}/verification/confirm", json={"code": code})

    assert done.status_code == 200, done.text
    assert (done.json()["verified"], done.json()["phone"]) == (True, NUMBER)
    problem(await client.post(f"{PHONE}/verification"), 409)  # already verified
    async with db.session_scope() as session:
        entries = (
            await session.scalars(select(AuditEntry).where(AuditEntry.subject_user_id == carer.user.id))
        ).all()
    actions = [entry.action for entry in entries]
    assert {"accounts.phone.code_sent", "accounts.phone.code_wrong", "accounts.phone.verified"} <= set(
        actions
    )
    assert all(code not in str(entry.details) for entry in entries)

    changed = await client.patch("/api/v1/me", json={"phone": "07700 900456"})
    assert changed.status_code == 200, changed.text
    after = (await client.get(PHONE)).json()
    assert (after["phone"], after["verified"]) == ("+447700900456", False)


async def test_five_wrong_tries_end_a_code_and_it_expires_after_10_minutes(
    db: Database, carer: Person, new_client: Any, clock: FrozenClock
) -> None:
    client = await signed_in(new_client, carer.email)
    await client.post(f"{PHONE}/verification")
    [code] = await _codes(db)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        problem(await client.post(f"{PHONE}/verification/confirm", json={"code": wrong}), 422)
    problem(await client.post(f"{PHONE}/verification/confirm", json={"code": code}), 422)

    clock.advance(timedelta(minutes=1))
    await client.post(f"{PHONE}/verification")
    [_, code] = await _codes(db)
    clock.advance(timedelta(minutes=11))
    problem(await client.post(f"{PHONE}/verification/confirm", json={"code": code}), 422)


async def test_codes_are_rate_limited_per_account(db: Database, carer: Person, new_client: Any) -> None:
    client = await signed_in(new_client, carer.email)
    for _ in range(3):
        assert (await client.post(f"{PHONE}/verification")).status_code == 202
    limited = await client.post(f"{PHONE}/verification")
    problem(limited, 429)
    assert int(limited.headers["Retry-After"]) > 0
    assert len(await _codes(db)) == 3


async def test_codes_are_rate_limited_per_number(db: Database, carer: Person, new_client: Any) -> None:
    async with db.session_scope() as session:
        org_id = (await session.scalars(select(Organisation.id))).first()
        org = await session.get(Organisation, org_id)
    assert org is not None
    other = await make_carer(db, org, name="Shares The Phone")
    await set_phone(db, other.user, NUMBER, verified_at=None)
    first, second = await signed_in(new_client, carer.email), await signed_in(new_client, other.email)
    for client in (first, first, second):
        assert (await client.post(f"{PHONE}/verification")).status_code == 202
    problem(await second.post(f"{PHONE}/verification"), 429)


async def test_no_code_without_a_number_or_where_texts_are_not_switched_on(
    db: Database, new_client: Any
) -> None:
    org = await make_org(db)  # texts not enabled
    carer = await make_carer(db, org)
    client = await signed_in(new_client, carer.email)
    assert field_errors(await client.post(f"{PHONE}/verification")) == {"phone"}
    await set_phone(db, carer.user, "+441632960202", verified_at=None)  # a landline
    assert field_errors(await client.post(f"{PHONE}/verification")) == {"phone"}
    await set_phone(db, carer.user, NUMBER, verified_at=None)
    assert (await client.get(PHONE)).json()["texts"] == "not_enabled"
    problem(await client.post(f"{PHONE}/verification"), 409)
    async with db.session_scope() as session:
        session.info["texts_on"] = False  # as on a deployment with no provider
        user = await session.get(User, carer.user.id)
        assert user is not None
        from carerlink.organisations.service import actor_for

        status = await verification.phone_status(
            session, actor=await actor_for(session, user_id=user.id, session_id=None)
        )
    assert status.texts == "off"


async def test_anonymous_gets_401(app: Any) -> None:
    client = ApiClient(app)
    problem(await client.get(PHONE), 401)
    problem(await client.post(f"{PHONE}/verification"), 401)
    problem(await client.post(f"{PHONE}/verification/confirm", json={"code": "123456"}), 401)
