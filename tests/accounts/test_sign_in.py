"""Signing in and out, sessions and their timeouts, and rate limits on sign-in."""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from argon2 import PasswordHasher, extract_parameters
from sqlalchemy import func, select

from carerlink.accounts import passwords
from carerlink.accounts.models import AuthSession
from carerlink.actor import Role
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from tests.support import PASSWORD, ApiClient, make_org, make_user, problem


async def test_sign_in_sets_a_fresh_httponly_session_cookie_and_me_shows_my_roles(
    db: Database, client: ApiClient
) -> None:
    org = await make_org(db, name="Riverside Carers Centre")
    user = await make_user(
        db, organisation=org, roles=(Role.COORDINATOR,), email="morgan@example.org", name="Morgan"
    )

    response = await client.login("Morgan@Example.ORG")

    cookie = response.headers["set-cookie"]
    assert cookie.startswith("carerlink_session=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Max-Age=1209600" in cookie
    me = (await client.get("/api/v1/me")).json()
    assert me["id"] == str(user.id)
    assert me["email"] == "morgan@example.org"
    assert [(m["organisation_name"], m["role"]) for m in me["memberships"]] == [
        ("Riverside Carers Centre", "coordinator")
    ]


async def test_me_without_a_session_is_401_problem(client: ApiClient) -> None:
    body = problem(await client.get("/api/v1/me"), 401)
    assert body["type"] == "urn:carerlink:problem:not-authenticated"


async def test_unknown_email_and_wrong_password_get_the_same_answer(db: Database, client: ApiClient) -> None:
    await make_user(db, email="known@example.org")

    wrong_password = await client.post(
        "/api/v1/auth/login", json={"email": "known@example.org", "password": "nope-nope"}
    )
    unknown_email = await client.post(
        "/api/v1/auth/login", json={"email": "nobody@example.org", "password": "nope-nope"}
    )

    assert problem(wrong_password, 401) | {"request_id": ""} == problem(unknown_email, 401) | {
        "request_id": ""
    }


class _CountingHasher(PasswordHasher):
    """Production's parameters, counting the verifications and remembering which hashes they checked."""

    def __init__(self) -> None:
        o = passwords.OWASP_HASHER
        super().__init__(time_cost=o.time_cost, memory_cost=o.memory_cost, parallelism=o.parallelism)
        self.checked: list[str] = []

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        self.checked.append(hash if isinstance(hash, str) else hash.decode())
        return super().verify(hash, password)


async def test_an_unknown_email_costs_one_full_password_check_like_a_wrong_password(
    db: Database, client: ApiClient
) -> None:
    """No user enumeration by timing: an unknown e-mail pays one argon2id verification at today's
    parameters, as a wrong password does. Counted, not timed: wall-clock ratios fail on a busy machine."""
    hasher = _CountingHasher()
    previous = passwords.use_hasher(hasher)
    try:
        await make_user(db, email="known@example.org")  # hashed with these parameters
        for email in ("known@example.org", "nobody@example.org"):
            hasher.checked.clear()
            refused = await client.post(
                "/api/v1/auth/login", json={"email": email, "password": "wrong-password"}
            )
            assert refused.status_code == 401, refused.text
            [checked] = hasher.checked
            assert extract_parameters(checked) == extract_parameters(hasher.hash("x")), email
    finally:
        passwords.use_hasher(previous)


async def test_every_sign_in_gets_a_new_token(db: Database, client: ApiClient) -> None:
    await make_user(db, email="sam@example.org")
    first = (await client.login("sam@example.org")).cookies["carerlink_session"]
    second = (await client.login("sam@example.org")).cookies["carerlink_session"]
    assert first != second


async def test_a_client_chosen_cookie_never_becomes_a_session(db: Database, client: ApiClient) -> None:
    await make_user(db, email="sam@example.org")
    client.cookies.set(
        "carerlink_session", "attacker-chosen-value-0123456789abcdef", domain="testserver.local"
    )

    response = await client.login("sam@example.org")

    assert response.cookies["carerlink_session"] != "attacker-chosen-value-0123456789abcdef"
    client.cookies.set(
        "carerlink_session", "attacker-chosen-value-0123456789abcdef", domain="testserver.local"
    )
    problem(await client.get("/api/v1/me"), 401)


async def test_sign_out_ends_the_session_on_the_server(db: Database, client: ApiClient) -> None:
    await make_user(db, email="sam@example.org")
    token = (await client.login("sam@example.org")).cookies["carerlink_session"]

    assert (await client.post("/api/v1/auth/logout")).status_code == 204

    client.cookies.set(
        "carerlink_session", token, domain="testserver.local"
    )  # a copied cookie is now worthless
    problem(await client.get("/api/v1/me"), 401)


async def test_sign_out_everywhere_ends_every_device(db: Database, client: ApiClient, new_client) -> None:  # type: ignore[no-untyped-def]
    await make_user(db, email="sam@example.org")
    phone, laptop = client, new_client()
    await phone.login("sam@example.org")
    await laptop.login("sam@example.org")

    assert (await phone.post("/api/v1/auth/logout-everywhere")).status_code == 204

    problem(await laptop.get("/api/v1/me"), 401)
    problem(await phone.get("/api/v1/me"), 401)


async def test_idle_timeout_slides_with_use_and_ends_after_30_idle_minutes(
    db: Database, client: ApiClient, clock: FrozenClock
) -> None:
    await make_user(db, email="sam@example.org")
    await client.login("sam@example.org")

    for _ in range(4):  # used every 20 minutes for 80 minutes: still signed in
        clock.advance(timedelta(minutes=20))
        assert (await client.get("/api/v1/me")).status_code == 200
    clock.advance(timedelta(minutes=31))
    problem(await client.get("/api/v1/me"), 401)
    async with db.session_scope() as session:
        assert await session.scalar(select(func.count()).select_from(AuthSession)) == 0


async def test_absolute_timeout_ends_a_session_after_14_days_even_when_used(
    db: Database, client: ApiClient, clock: FrozenClock
) -> None:
    await make_user(db, email="sam@example.org")
    await client.login("sam@example.org")
    for _ in range(14 * 24 * 3 - 1):  # every 20 minutes, day and night
        clock.advance(timedelta(minutes=20))
        if clock.now().minute == 0 and clock.now().hour == 12:
            assert (await client.get("/api/v1/me")).status_code == 200
        else:
            async with db.session_scope() as session:
                row = await session.scalar(select(AuthSession))
                assert row is not None
                row.last_seen_at = clock.now()
    clock.advance(timedelta(minutes=20))
    problem(await client.get("/api/v1/me"), 401)


async def test_login_is_rate_limited_per_account_with_retry_after(db: Database, client: ApiClient) -> None:
    await make_user(db, email="sam@example.org")
    for _ in range(10):
        problem(
            await client.post(
                "/api/v1/auth/login", json={"email": "sam@example.org", "password": "guess-guess"}
            ),
            401,
        )

    refused = await client.post("/api/v1/auth/login", json={"email": "sam@example.org", "password": PASSWORD})

    problem(refused, 429)
    assert 0 < int(refused.headers["retry-after"]) <= 15 * 60


async def test_login_rate_limit_window_passes(db: Database, client: ApiClient, clock: FrozenClock) -> None:
    await make_user(db, email="sam@example.org")
    for _ in range(11):
        await client.post("/api/v1/auth/login", json={"email": "sam@example.org", "password": "guess-guess"})
    clock.advance(timedelta(minutes=16))
    assert (
        await client.post("/api/v1/auth/login", json={"email": "sam@example.org", "password": PASSWORD})
    ).status_code == 200


async def test_login_is_rate_limited_per_ip_across_accounts(db: Database, client: ApiClient) -> None:
    for i in range(50):
        await client.post(
            "/api/v1/auth/login", json={"email": f"spray{i}@example.org", "password": "guess-guess"}
        )
    problem(
        await client.post(
            "/api/v1/auth/login", json={"email": "other@example.org", "password": "guess-guess"}
        ),
        429,
    )


async def test_disabling_an_account_ends_its_sessions(db: Database, client: ApiClient) -> None:
    from carerlink.accounts import service

    user = await make_user(db, email="sam@example.org")
    await client.login("sam@example.org")
    async with db.session_scope() as session:
        await service.set_active(session, user_id=user.id, active=False)
    problem(await client.get("/api/v1/me"), 401)
    problem(
        await client.post("/api/v1/auth/login", json={"email": "sam@example.org", "password": PASSWORD}), 401
    )
