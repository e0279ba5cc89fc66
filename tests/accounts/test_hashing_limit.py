"""A burst of sign-ins queues for password hashing: never more than ``CONCURRENT_HASHES`` at once per process.

Argon2id takes 19 MiB and tens of milliseconds of a core per hash; without the limit a burst of
sign-ins (a class of carers told to sign in now) would take all the memory and every thread. The
hashes here are real; a watcher around the hasher counts how many run at once, and keeps each one
running a moment longer (until an extra one starts, or 0.2 s), so a missing or wider limit is seen
even on a machine fast enough that two hashes would rarely overlap by themselves.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import httpx
import pytest
from litestar import Litestar

from carerlink.accounts import passwords
from carerlink.db import Database
from carerlink.organisations.models import Organisation
from tests.support import BASE_URL, PASSWORD, make_org, make_user

T = TypeVar("T")
HOLD_SECONDS = 0.2


class HashWatcher:
    """Stands in for the module's hasher: the real one does the work, this counts hashes in flight."""

    def __init__(self, real: Any, limit: int) -> None:
        self.real = real
        self.limit = limit
        self.running = 0
        self.peak = 0
        self.hashes = 0
        self._changed = threading.Condition()

    def _watch(self, work: Callable[[], T]) -> T:
        with self._changed:
            self.running += 1
            self.hashes += 1
            self.peak = max(self.peak, self.running)
            self._changed.notify_all()
        try:
            result = work()
            with self._changed:
                self._changed.wait_for(lambda: self.running > self.limit, timeout=HOLD_SECONDS)
            return result
        finally:
            with self._changed:
                self.running -= 1
                self._changed.notify_all()

    def verify(self, stored_hash: str, password: str) -> bool:
        return self._watch(lambda: bool(self.real.verify(stored_hash, password)))

    def hash(self, password: str) -> str:
        return self._watch(lambda: str(self.real.hash(password)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


@pytest.fixture
def watcher(monkeypatch: pytest.MonkeyPatch) -> HashWatcher:
    # The stand-in hash checked for an unknown address is made once per process, on first use, outside
    # the limit; made here first, every hash the tests count is a sign-in's own.
    passwords._dummy_hash()
    watching = HashWatcher(passwords.HASHER, passwords.CONCURRENT_HASHES)
    monkeypatch.setattr(passwords, "HASHER", watching)
    return watching


async def _sign_in_from(app: Litestar, address: str, email: str, password: str) -> httpx.Response:
    """One phone on its own network address (sign-ins are also rate-limited per address)."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=(address, 40000)), base_url=BASE_URL
    ) as phone:
        await phone.get("/healthz")
        return await phone.post(
            "/api/v1/auth/login",
            json={"email": email, "password": password},
            headers={"X-CSRFToken": phone.cookies.get("csrftoken") or ""},
        )


async def test_a_burst_of_sign_ins_hashes_at_most_the_limit_at_once_and_everyone_gets_in(
    app: Litestar, db: Database, watcher: HashWatcher
) -> None:
    assert passwords.CONCURRENT_HASHES == 2  # the README promises "at most two hashes at once per process"
    org: Organisation = await make_org(db)
    people = [await make_user(db, organisation=org) for _ in range(6)]

    answers = await asyncio.gather(
        *(
            _sign_in_from(app, f"198.51.100.{n}", person.email, PASSWORD if n % 3 else "not the password")
            for n, person in enumerate(people, start=1)
        )
    )

    assert [a.status_code for a in answers] == [200 if n % 3 else 401 for n in range(1, 7)], [
        a.text for a in answers
    ]
    assert watcher.hashes >= len(people)  # a wrong password is hashed too (same timing as a right one)
    assert 1 <= watcher.peak <= passwords.CONCURRENT_HASHES


async def test_many_checks_at_once_run_exactly_the_limit_side_by_side_and_all_answer_right(
    watcher: HashWatcher,
) -> None:
    stored = await passwords.hash_password(PASSWORD)

    results = await asyncio.gather(
        *(passwords.verify_password(stored, PASSWORD if n % 2 else "wrong guess") for n in range(8)),
        passwords.verify_password(None, PASSWORD),  # no such account: hashed all the same
    )

    assert results == [bool(n % 2) for n in range(8)] + [False]
    assert watcher.hashes == 10  # the stored hash and nine checks
    # Two at once (so a burst is not needlessly serialised), never three.
    assert watcher.peak == passwords.CONCURRENT_HASHES
