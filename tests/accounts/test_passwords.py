"""Passwords: argon2id with OWASP parameters, the rules for new ones, changing and resetting."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest
from argon2 import extract_parameters
from argon2.low_level import Type

from carerlink.accounts import passwords
from carerlink.accounts.models import User
from carerlink.db import Database
from carerlink.errors import Invalid
from carerlink.kit.clock import FrozenClock
from tests.support import PASSWORD, ApiClient, Mailbox, field_errors, make_user, problem


async def _deliver(app_runtime) -> None:  # type: ignore[no-untyped-def]
    from carerlink.mail.jobs import deliver_mail

    await deliver_mail(app_runtime)


HASH_IN_A_FRESH_PROCESS = """
import asyncio
from carerlink.accounts import passwords

async def main():
    stored = await passwords.hash_password("a long enough passphrase")
    print(stored)
    print(await passwords.verify_password(stored, "a long enough passphrase"))
    print(await passwords.verify_password(stored, "a long enough passphrasE"))

asyncio.run(main())
"""


def test_hashes_are_argon2id_with_owasp_parameters() -> None:
    # In a process of its own: this suite hashes with cheap parameters (tests/conftest.py), production
    # never swaps its hasher, and this is what production's code does.
    command = [sys.executable, "-c", HASH_IN_A_FRESH_PROCESS]
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60)
    stored, right, wrong = result.stdout.split()
    parameters = extract_parameters(stored)
    assert parameters.type == Type.ID
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (19 * 1024, 2, 1)
    assert (right, wrong) == ("True", "False")


@pytest.mark.parametrize("weak", ["short", "password123", "PASSWORD123", "qwertyuiop", "iloveyou1"])
def test_short_and_common_passwords_are_refused(weak: str) -> None:
    with pytest.raises(Invalid) as refused:
        passwords.check_new_password(weak, field="password")
    assert refused.value.field == "password"


def test_long_unusual_passwords_with_any_characters_are_accepted() -> None:
    passwords.check_new_password("tea & toast at 4 — ça va 🙂", field="password")
    passwords.check_new_password("x" * 256, field="password")


def test_a_password_longer_than_256_characters_is_refused_with_the_limit_named() -> None:
    with pytest.raises(Invalid) as refused:
        passwords.check_new_password("x" * 257, field="password")
    assert refused.value.field == "password"
    assert "256" in str(refused.value)


def test_the_email_address_is_not_a_password() -> None:
    with pytest.raises(Invalid):
        passwords.check_new_password("Sam.Jones@example.org", field="password", email="sam.jones@example.org")


async def test_change_password_needs_the_current_one_and_signs_out_other_devices(
    db: Database, client: ApiClient, new_client
) -> None:  # type: ignore[no-untyped-def]
    await make_user(db, email="sam@example.org")
    other_device = new_client()
    await other_device.login("sam@example.org")
    old_token = (await client.login("sam@example.org")).cookies["carerlink_session"]

    wrong = await client.post(
        "/api/v1/me/password",
        json={"current_password": "not it at all", "new_password": "a brand new phrase"},
    )
    assert field_errors(wrong) == {"current_password"}
    changed = await client.post(
        "/api/v1/me/password", json={"current_password": PASSWORD, "new_password": "a brand new phrase"}
    )

    assert changed.status_code == 200
    assert changed.cookies["carerlink_session"] != old_token
    assert (await client.get("/api/v1/me")).status_code == 200  # this device continues with a new session
    problem(await other_device.get("/api/v1/me"), 401)
    await client.post("/api/v1/auth/logout")
    problem(
        await client.post("/api/v1/auth/login", json={"email": "sam@example.org", "password": PASSWORD}), 401
    )
    await client.login("sam@example.org", "a brand new phrase")


async def test_reset_by_email_works_once_within_30_minutes_and_ends_sessions(
    app,
    db: Database,
    client: ApiClient,
    new_client,
    mailbox: Mailbox,
    clock: FrozenClock,  # type: ignore[no-untyped-def]
) -> None:
    await make_user(db, email="sam@example.org")
    signed_in_elsewhere = new_client()
    await signed_in_elsewhere.login("sam@example.org")

    asked = await client.post("/api/v1/auth/password-reset", json={"email": "SAM@example.org"})
    assert asked.status_code == 202
    await _deliver(app.state.runtime)
    [mail] = mailbox.to("sam@example.org")
    assert "reset" in mail.subject.lower()
    token = mail.link_token()

    clock.advance(timedelta(minutes=29))
    done = await client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": "a fresh start today"}
    )
    assert done.status_code == 200
    problem(await signed_in_elsewhere.get("/api/v1/me"), 401)
    await client.login("sam@example.org", "a fresh start today")
    again = await client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": "another one entirely"}
    )
    assert field_errors(again) == {"token"}


async def test_a_reset_link_expires_after_30_minutes(
    app,
    db: Database,
    client: ApiClient,
    mailbox: Mailbox,
    clock: FrozenClock,  # type: ignore[no-untyped-def]
) -> None:
    await make_user(db, email="sam@example.org")
    await client.post("/api/v1/auth/password-reset", json={"email": "sam@example.org"})
    await _deliver(app.state.runtime)
    token = mailbox.to("sam@example.org")[0].link_token()
    clock.advance(timedelta(minutes=31))
    late = await client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": "a fresh start today"}
    )
    assert field_errors(late) == {"token"}
    await client.login("sam@example.org")  # the old password still works


async def test_reset_answers_the_same_for_unknown_addresses_and_sends_nothing(
    app,
    db: Database,
    client: ApiClient,
    mailbox: Mailbox,  # type: ignore[no-untyped-def]
) -> None:
    await make_user(db, email="sam@example.org")
    known = await client.post("/api/v1/auth/password-reset", json={"email": "sam@example.org"})
    unknown = await client.post("/api/v1/auth/password-reset", json={"email": "nobody@example.org"})
    await _deliver(app.state.runtime)
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    assert [m.to for m in mailbox.sent] == ["sam@example.org"]


async def test_reset_requests_are_rate_limited_per_address(
    app,
    db: Database,
    client: ApiClient,
    mailbox: Mailbox,  # type: ignore[no-untyped-def]
) -> None:
    await make_user(db, email="sam@example.org")
    for _ in range(3):
        assert (
            await client.post("/api/v1/auth/password-reset", json={"email": "sam@example.org"})
        ).status_code == 202
    flood = await client.post("/api/v1/auth/password-reset", json={"email": "sam@example.org"})
    problem(flood, 429)
    assert int(flood.headers["retry-after"]) > 0
    await _deliver(app.state.runtime)
    assert len(mailbox.to("sam@example.org")) == 3


async def test_updating_my_details_validates_the_time_zone(db: Database, client: ApiClient) -> None:
    await make_user(db, email="sam@example.org")
    await client.login("sam@example.org")
    assert field_errors(await client.patch("/api/v1/me", json={"time_zone": "Mars/Olympus"})) == {"time_zone"}
    updated = await client.patch(
        "/api/v1/me", json={"display_name": "  Sam   Jones ", "time_zone": "Europe/Dublin"}
    )
    assert (updated.json()["display_name"], updated.json()["time_zone"]) == ("Sam Jones", "Europe/Dublin")
    async with db.session_scope() as session:
        from sqlalchemy import select

        assert (
            await session.scalar(select(User.time_zone).where(User.email == "sam@example.org"))
            == "Europe/Dublin"
        )


async def test_wrong_current_passwords_are_counted_and_audited_so_the_11th_in_a_quarter_hour_waits(
    db: Database, client: ApiClient, clock: FrozenClock
) -> None:
    from carerlink.audit import service as audit

    user = await make_user(db, email="sam@example.org")
    await client.login("sam@example.org")
    guess = {"current_password": "not it at all", "new_password": "a brand new phrase"}

    for attempt in range(10):
        clock.advance(timedelta(seconds=30))  # ten guesses within the quarter hour
        assert field_errors(await client.post("/api/v1/me/password", json=guess)) == {"current_password"}, (
            attempt
        )
    refused = await client.post("/api/v1/me/password", json=guess)

    problem(refused, 429)
    assert 0 < int(refused.headers["Retry-After"]) <= 15 * 60
    # Even the right password waits now: the account is what is being guessed at.
    right = await client.post("/api/v1/me/password", json={**guess, "current_password": PASSWORD})
    problem(right, 429)
    async with db.session_scope() as session:
        refusals = await audit.list_entries(
            session, subject_user_id=user.id, action="accounts.password.change_refused"
        )
    assert len(refusals) == 10
    assert all(entry.actor_user_id == user.id for entry in refusals)
    clock.advance(timedelta(minutes=16))
    changed = await client.post("/api/v1/me/password", json={**guess, "current_password": PASSWORD})
    assert changed.status_code == 200, changed.text
