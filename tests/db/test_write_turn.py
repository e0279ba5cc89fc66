"""The SQLite write turn is held only for writing work: reads and password checks run beside it (issue 12)."""

from __future__ import annotations

import asyncio
import time

import pytest

from carerlink.accounts import passwords
from carerlink.db import Database
from tests.support import ApiClient, make_user

CHECK_SECONDS = 0.3


async def test_two_sign_ins_check_their_passwords_at_the_same_time(
    db: Database,
    new_client,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    await make_user(db, email="ada@example.org")
    await make_user(db, email="grace@example.org")
    checks: list[tuple[float, float]] = []
    real_verify = passwords.verify_password

    async def slow_verify(stored_hash: str | None, password: str) -> bool:
        started = time.monotonic()
        await asyncio.sleep(CHECK_SECONDS)  # a slow argon2 check, long enough to see two overlap
        ok = await real_verify(stored_hash, password)
        checks.append((started, time.monotonic()))
        return ok

    monkeypatch.setattr(passwords, "verify_password", slow_verify)
    ada, grace = new_client(), new_client()
    await asyncio.gather(ada.get("/healthz"), grace.get("/healthz"))  # each has its CSRF cookie

    await asyncio.gather(ada.login("ada@example.org"), grace.login("grace@example.org"))

    assert len(checks) == 2
    (_, first_end), (second_start, _) = sorted(checks)
    assert second_start < first_end, "the second password check waited for the first sign-in to finish"
    # Both are signed in: the writes that followed the checks took their turns one after the other.
    for browser in (ada, grace):
        assert (await browser.get("/api/v1/me")).status_code == 200


async def test_a_read_is_not_queued_behind_a_writer_but_a_write_is(db: Database, client: ApiClient) -> None:
    await make_user(db, email="morgan@example.org")
    await client.login("morgan@example.org")

    async with db.turn():  # another writer has the turn (on PostgreSQL there is no queue at all)
        me = await asyncio.wait_for(client.get("/api/v1/me"), timeout=10)
        sign_out = asyncio.ensure_future(client.post("/api/v1/auth/logout"))
        await asyncio.sleep(0.2)
        waited = not sign_out.done()
    assert me.status_code == 200
    assert (await asyncio.wait_for(sign_out, timeout=10)).status_code == 204
    assert waited == db.is_sqlite  # SQLite's one writer: the sign-out (a delete) waited for its turn
