"""Benchmark (``make bench``): 10,000 check-ins due in the same minute, end to end.

Real ``carerlink worker`` processes walk the ladder (prompt each carer) and deliver the pushes to the
loopback push service in a process of its own. Printed: due → notification queued, and due → push
received, p50/p99/max, on PostgreSQL with two workers and on SQLite with one. It fails only on a
prompt lost or doubled.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.checkins.models import CheckinOccurrence
from carerlink.db import Database
from carerlink.notifications import vapid
from carerlink.notifications.models import Notification, PushSubscription
from carerlink.notifications.push import origin_of
from carerlink.organisations.models import Membership, MembershipStatus
from tests.benchmarks.figures import Figures
from tests.checkins.factories import make_pair
from tests.conftest import DatabaseTarget
from tests.notifications.workers import PushServiceProcess, Worker, start_worker, worker_environment
from tests.support import password_hash

COUNT = 10_000


@pytest.fixture
def key() -> vapid.VapidKey:
    return vapid.generate()


@pytest.fixture
def push_service(key: vapid.VapidKey) -> Iterator[PushServiceProcess]:
    service = PushServiceProcess(vapid_public_key=key.public_key, decrypt_every=100)
    yield service
    service.stop()


async def _seed(
    database: Database,
    subscriptions: list[dict[str, object]],
    due: datetime,
    *,
    has_device: Callable[[int], bool] = lambda i: True,
) -> list[uuid.UUID]:
    """One live pair for the match, and 10,000 carers with a check-in due within a minute.

    Carer ``i`` has a phone subscribed to push where ``has_device(i)``; the others are reached by e-mail
    (issue 14). Returns the carers in order.
    """
    pair = await make_pair(database)
    now = datetime.now(UTC)
    people = [uuid.uuid4() for _ in subscriptions]
    for start in range(0, COUNT, 2000):
        part = range(start, min(start + 2000, COUNT))
        async with database.session_scope() as session:
            await session.execute(
                insert(User),
                [
                    {
                        "id": people[i],
                        "email": f"{people[i].hex}@example.org",
                        "display_name": "Carer Bench",
                        "time_zone": "Europe/London",
                        "locale": "en-GB",
                        "password_hash": password_hash(),
                        "password_changed_at": now,
                        "is_active": True,
                        "created_at": now,
                    }
                    for i in part
                ],
            )
            # Each carer is a member of the pair's centre: notify() tells only a person whose membership
            # in the kind's role is active (issue 10).
            await session.execute(
                insert(Membership),
                [
                    {
                        "id": uuid.uuid4(),
                        "user_id": people[i],
                        "organisation_id": pair.org.id,
                        "role": Role.CARER,
                        "status": MembershipStatus.ACTIVE,
                        "status_changed_at": now,
                        "created_at": now,
                    }
                    for i in part
                ],
            )
            await session.execute(
                insert(PushSubscription),
                [
                    {
                        "id": uuid.uuid4(),
                        "user_id": people[i],
                        "endpoint": subscriptions[i]["endpoint"],
                        "origin": origin_of(str(subscriptions[i]["endpoint"])),
                        "p256dh": subscriptions[i]["keys"]["p256dh"],
                        "auth": subscriptions[i]["keys"]["auth"],  # type: ignore[index]
                        "label": "Chrome on Android",
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i in part
                    if has_device(i)
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
                        "organisation_id": pair.org.id,
                        "carer_user_id": people[i],
                        "buddy_user_id": pair.buddy.user.id,
                        "kind": "scheduled",
                        "local_start": None,
                        "time_zone": "Europe/London",
                        "due_at": due + timedelta(seconds=60 * i / COUNT),
                        "state": "scheduled",
                        "next_check_at": due + timedelta(seconds=60 * i / COUNT),
                        "wants_call": False,
                        "needs_help": False,
                    }
                    for i in part
                ],
            )
    return people


def _percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    q = statistics.quantiles(ordered, n=100)
    return f"p50 {q[49]:.1f} s, p99 {q[98]:.1f} s, max {ordered[-1]:.1f} s"


async def test_ten_thousand_check_ins_due_in_the_same_minute(
    target: DatabaseTarget,
    key: vapid.VapidKey,
    push_service: PushServiceProcess,
    tmp_path: Path,
    figures: Figures,
) -> None:
    database = Database(target.url, schema=target.schema)
    workers: list[Worker] = []
    try:
        due = datetime.now(UTC) + timedelta(seconds=90)  # seeding takes a while; all fall due after it
        await _seed(database, push_service.subscribers(COUNT), due)
        environ = worker_environment(
            database_url=target.url,
            schema=target.schema,
            data_dir=tmp_path / "var",
            vapid_private_key=key.private_key_text,
        )
        workers = [
            start_worker(environ, tmp_path / f"w{n}.log")
            for n in range(2 if target.backend == "postgresql" else 1)
        ]
        deadline = time.monotonic() + 90 + 60 + 240
        while push_service.stats()["received"] < COUNT:
            assert time.monotonic() < deadline, f"not all prompts arrived: {push_service.stats()}"
            for worker in workers:
                assert worker.process.poll() is None, worker.log.read_text()[-2000:]
            await asyncio.sleep(0.5)
    finally:
        for worker in workers:
            worker.stop()
    async with database.session_scope() as session:
        due_at = {
            str(i): d
            for i, d in (await session.execute(select(CheckinOccurrence.id, CheckinOccurrence.due_at))).all()
        }
        prompts = (
            await session.execute(
                select(Notification.dedupe_key, Notification.created_at).where(
                    Notification.kind == "checkin_due"
                )
            )
        ).all()
    queued = [(due_at[key.removeprefix("checkin_due:")], created) for key, created in prompts]
    await database.dispose()
    received = push_service.received()
    topics = Counter(r["topic"] for r in received)
    assert len(queued) == COUNT and len(topics) == COUNT and max(topics.values()) == 1
    due_by_minute = [due + timedelta(seconds=60 * i / COUNT) for i in range(COUNT)]
    queue_lateness = [(created - due_at).total_seconds() for due_at, created in queued]
    arrivals = sorted(float(r["at"]) for r in received)
    push_lateness = [arrival - d.timestamp() for arrival, d in zip(arrivals, due_by_minute, strict=True)]
    figures.record(
        f"10,000 check-ins due in one minute, end to end, {target.backend}, {len(workers)} worker(s)",
        f"due → prompt queued {_percentiles(queue_lateness)}; "
        f"due → push received {_percentiles(push_lateness)}; "
        f"0 lost, 0 doubled (budget p99 ≤ {'15' if target.backend == 'postgresql' else '30'} s); "
        f"load average {os.getloadavg()[0]:.1f}",
    )
