"""Proof of scale-out (no container engine needed): two ``carerlink serve`` and two ``carerlink worker``
processes on one PostgreSQL. A burst of check-ins, answers and replies goes through both web processes;
every push is delivered exactly once, every ladder step happens once, a sign-in made on one web process
works on the other, rate limits are shared, and killing a worker with SIGKILL loses nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, insert, select

from carerlink.checkins.models import CheckinOccurrence, CheckinStep
from carerlink.db import Database
from carerlink.notifications import vapid
from carerlink.notifications.models import DeliveryState, PushDelivery, PushSubscription
from carerlink.notifications.push import origin_of
from carerlink.tables import metadata
from tests.checkins.factories import Pair, make_pair
from tests.conftest import POSTGRES_URL, DatabaseTarget, _execute
from tests.notifications.workers import PushServiceProcess, Worker, start_worker, worker_environment
from tests.support import PASSWORD, make_org
from tests.waiting import until_done

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not POSTGRES_URL, reason="needs PostgreSQL: set CARERLINK_TEST_POSTGRES_URL"),
]
ROOT = Path(__file__).resolve().parents[2]
PAIRS, PER_PAIR = 12, 5


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Web:
    """One ``carerlink serve`` process."""

    process: subprocess.Popen[bytes]
    url: str

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture
async def database(postgres_schema: DatabaseTarget) -> AsyncIterator[Database]:
    db = Database(postgres_schema.url, schema=postgres_schema.schema)
    yield db
    await db.dispose()
    tables = ", ".join(f'"{postgres_schema.schema}"."{t.name}"' for t in metadata.sorted_tables)
    await _execute(postgres_schema.url, f"TRUNCATE {tables} CASCADE")


@pytest.fixture
def key() -> vapid.VapidKey:
    return vapid.generate()


@pytest.fixture
def push_service(key: vapid.VapidKey) -> Iterator[PushServiceProcess]:
    service = PushServiceProcess(vapid_public_key=key.public_key, decrypt_every=10)
    yield service
    service.stop()


@pytest.fixture
def environ(postgres_schema: DatabaseTarget, key: vapid.VapidKey, tmp_path: Path) -> dict[str, str]:
    return worker_environment(
        database_url=postgres_schema.url,
        schema=postgres_schema.schema,
        data_dir=tmp_path / "var",
        vapid_private_key=key.private_key_text,
        CARERLINK_RUN_JOBS="0",
    )


@pytest.fixture
def webs(environ: dict[str, str], tmp_path: Path) -> Iterator[list[Web]]:
    started: list[Web] = []
    for n in range(2):
        port = _free_port()
        log = (tmp_path / f"web-{n}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "carerlink.cli", "serve"],
            env={**environ, "CARERLINK_PORT": str(port)},
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
        started.append(Web(process, f"http://127.0.0.1:{port}"))
    deadline = time.monotonic() + 120  # a cold start on a machine whose cores are both busy is slow
    for web in started:
        while True:
            try:
                if httpx.get(f"{web.url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert web.process.poll() is None and time.monotonic() < deadline, "a web process did not start"
            time.sleep(0.2)
    yield started
    for web in started:
        web.stop()


class Browser:
    """A phone: one cookie jar, talking to whichever web process the load balancer picked."""

    def __init__(self) -> None:
        self.http = httpx.AsyncClient(timeout=30)

    async def call(self, web: Web, method: str, path: str, **kwargs: object) -> httpx.Response:
        if self.http.cookies.get("csrftoken") is None:
            await self.http.get(f"{web.url}/healthz")
        headers = {
            "X-CSRFToken": self.http.cookies.get("csrftoken") or "",
            **dict(kwargs.pop("headers", {}) or {}),
        }  # type: ignore[call-overload]
        return await self.http.request(method, f"{web.url}{path}", headers=headers, **kwargs)  # type: ignore[arg-type]


async def _seed(database: Database, push_service: PushServiceProcess) -> list[Pair]:
    org = await make_org(database, slug=f"scale-{uuid.uuid4().hex[:6]}")
    pairs = [await make_pair(database, org=org) for _ in range(PAIRS)]
    phones = push_service.subscribers(PAIRS * 2)
    now = datetime.now(UTC)
    async with database.session_scope() as session:
        people = [p.carer.user.id for p in pairs] + [p.buddy.user.id for p in pairs]
        await session.execute(
            insert(PushSubscription),
            [
                {
                    "id": uuid.uuid4(),
                    "user_id": person,
                    "endpoint": phone["endpoint"],
                    "origin": origin_of(str(phone["endpoint"])),
                    "p256dh": phone["keys"]["p256dh"],
                    "auth": phone["keys"]["auth"],
                    "label": "Chrome on Android",
                    "created_at": now,
                    "updated_at": now,
                }
                for person, phone in zip(people, phones, strict=True)
            ],
        )
        await session.execute(
            insert(CheckinOccurrence),
            [
                {
                    "id": uuid.uuid4(),
                    "created_at": now,
                    "match_id": pair.match.id,
                    "plan_id": None,
                    "organisation_id": org.id,
                    "carer_user_id": pair.carer.user.id,
                    "buddy_user_id": pair.buddy.user.id,
                    "kind": "scheduled",
                    "local_start": None,
                    "time_zone": "Europe/London",
                    "due_at": now,
                    "state": "scheduled",
                    "next_check_at": now,
                    "wants_call": False,
                    "needs_help": False,
                }
                for pair in pairs
                for _ in range(PER_PAIR)
            ],
        )
    return pairs


async def _count(database: Database, query: object) -> int:
    async with database.session_scope() as session:
        return int(await session.scalar(query) or 0)  # type: ignore[call-overload]


async def _states(database: Database) -> dict[str, int]:
    async with database.session_scope() as session:
        rows = await session.execute(select(PushDelivery.state, func.count()).group_by(PushDelivery.state))
        return {DeliveryState(state).value: count for state, count in rows}


async def test_two_web_and_two_worker_processes_share_one_postgresql_safely(
    database: Database,
    push_service: PushServiceProcess,
    environ: dict[str, str],
    webs: list[Web],
    tmp_path: Path,
) -> None:
    a, b = webs
    pairs = await _seed(database, push_service)
    checkins = PAIRS * PER_PAIR

    # A sign-in made on one web process works on the other; sign-out on one ends it on both.
    phone = Browser()
    assert (
        await phone.call(
            a, "POST", "/api/v1/auth/login", json={"email": pairs[0].carer.email, "password": PASSWORD}
        )
    ).status_code == 200
    assert (await phone.call(b, "GET", "/api/v1/me")).json()["email"] == pairs[0].carer.email
    assert (await phone.call(b, "POST", "/api/v1/auth/logout")).status_code == 204
    assert (await phone.call(a, "GET", "/api/v1/me")).status_code == 401

    # Rate limits are counted in the database: guesses spread over both processes still add up.
    guesser = Browser()
    for attempt in range(10):
        web = (a, b)[attempt % 2]
        wrong = await guesser.call(
            web,
            "POST",
            "/api/v1/auth/login",
            json={"email": "someone.else@example.org", "password": "not-the-password"},
        )
        assert wrong.status_code == 401
    assert (
        await guesser.call(
            b, "POST", "/api/v1/auth/login", json={"email": "someone.else@example.org", "password": PASSWORD}
        )
    ).status_code == 429

    # Two workers walk the ladder and deliver; one is killed with SIGKILL once prompts flow.
    workers: list[Worker] = [start_worker(environ, tmp_path / f"worker-{n}.log") for n in range(2)]
    try:
        prompted = select(func.count()).select_from(CheckinStep).where(CheckinStep.step == "prompt")
        await until_done(lambda: _count(database, prompted), lambda n: n > 0, stalled_after=120, every=0.1)
        workers[0].kill()
        workers.append(start_worker(environ, tmp_path / "worker-2.log"))
        await until_done(
            lambda: _count(database, prompted), lambda n: n >= checkins, stalled_after=60, every=0.3
        )

        # Carers answer and buddies reply, spread over both web processes; a phone retries an answer on
        # the other process with the same Idempotency-Key and gets the first answer back.
        for n, pair in enumerate(pairs):
            carer, buddy = Browser(), Browser()
            here, there = (a, b) if n % 2 else (b, a)
            await carer.call(
                here, "POST", "/api/v1/auth/login", json={"email": pair.carer.email, "password": PASSWORD}
            )
            await buddy.call(
                there, "POST", "/api/v1/auth/login", json={"email": pair.buddy.email, "password": PASSWORD}
            )
            waiting = (await carer.call(there, "GET", "/api/v1/me/checkins?awaiting=true")).json()
            assert len(waiting) == PER_PAIR
            for m, checkin in enumerate(waiting):
                key = {"Idempotency-Key": f"scale-{checkin['id']}"}
                first = await carer.call(
                    (a, b)[m % 2],
                    "POST",
                    f"/api/v1/checkins/{checkin['id']}/answer",
                    json={"wellbeing": 4},
                    headers=key,
                )
                again = await carer.call(
                    (b, a)[m % 2],
                    "POST",
                    f"/api/v1/checkins/{checkin['id']}/answer",
                    json={"wellbeing": 4},
                    headers=key,
                )
                assert (first.status_code, again.status_code) == (201, 200)
                replied = await buddy.call(
                    (a, b)[m % 2],
                    "POST",
                    f"/api/v1/checkins/{checkin['id']}/reply",
                    json={"kind": "we_spoke"},
                )
                assert replied.status_code == 200, replied.text

        # Every push that was queued is settled: sent exactly once, or withdrawn because it was no
        # longer needed (a carer who answered before the check-in reminder went out, e.g. while the
        # killed worker's lease on it ran out, is not reminded afterwards). None is left behind.
        pending = (
            select(func.count()).select_from(PushDelivery).where(PushDelivery.state == DeliveryState.PENDING)
        )
        await until_done(lambda: _count(database, pending), lambda n: n == 0, stalled_after=60, every=0.5)
        await asyncio.sleep(3)  # anything doubled would arrive now
    finally:
        for worker in workers:
            if worker.process.poll() is None:
                worker.stop()

    expected = checkins * 3  # prompt to the carer, answer to the buddy, reply to the carer
    received = Counter((r["token"], r["topic"]) for r in push_service.received() if r["topic"])
    states = await _states(database)
    assert sum(states.values()) == expected
    assert set(states) <= {"sent", "withdrawn"}, states  # none failed, expired or left pending
    assert states.get("withdrawn", 0) <= checkins  # only check-in reminders can stop being needed
    assert len(received) == states["sent"]  # 0 lost
    assert max(received.values()) == 1  # 0 doubled
    steps = await _count(database, select(func.count()).select_from(CheckinStep))
    distinct = await _count(
        database,
        select(func.count()).select_from(
            select(CheckinStep.occurrence_id, CheckinStep.step).distinct().subquery()
        ),
    )
    assert steps == distinct == checkins  # one prompt each, nothing repeated
    print(
        f"\n[scale-out] 2 web + 2 workers (one SIGKILLed): {checkins} check-ins, {expected} pushes, "
        f"{states.get('withdrawn', 0)} reminders withdrawn after an answer, 0 lost, 0 doubled; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
