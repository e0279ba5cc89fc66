"""Real worker processes on PostgreSQL sharing one outbox: nothing doubled or lost, even after SIGKILL."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from carerlink.db import Database
from carerlink.notifications import vapid
from carerlink.notifications.models import DeliveryState, PushDelivery
from carerlink.tables import metadata
from tests.conftest import POSTGRES_URL, DatabaseTarget, _execute
from tests.notifications.push_service import LoopbackPushService
from tests.notifications.workers import Worker, seed, start_worker, worker_environment
from tests.waiting import until_done

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not POSTGRES_URL, reason="needs PostgreSQL: set CARERLINK_TEST_POSTGRES_URL"),
]


@pytest.fixture
async def postgres(postgres_schema: DatabaseTarget) -> AsyncIterator[DatabaseTarget]:
    """This run's PostgreSQL schema, emptied after the test."""
    yield postgres_schema
    tables = ", ".join(f'"{postgres_schema.schema}"."{t.name}"' for t in metadata.sorted_tables)
    await _execute(postgres_schema.url, f"TRUNCATE {tables} CASCADE")


@pytest.fixture
async def database(postgres: DatabaseTarget) -> AsyncIterator[Database]:
    db = Database(postgres.url, schema=postgres.schema)
    yield db
    await db.dispose()


@pytest.fixture
def key() -> vapid.VapidKey:
    return vapid.generate()


@pytest.fixture
async def push_service(key: vapid.VapidKey) -> AsyncIterator[LoopbackPushService]:
    service = await LoopbackPushService(vapid_public_key=key.public_key).start()
    yield service
    await service.stop()


@pytest.fixture
def workers(
    postgres: DatabaseTarget, key: vapid.VapidKey, tmp_path: Path
) -> AsyncIterator[Callable[..., Worker]]:
    started: list[Worker] = []

    def start(**extra: str) -> Worker:
        environ = worker_environment(
            database_url=postgres.url,
            schema=postgres.schema,
            data_dir=tmp_path / "var",
            vapid_private_key=key.private_key_text,
            **{"CARERLINK_PUSH_TIMEOUT_SECONDS": "2", **extra},
        )
        worker = start_worker(environ, tmp_path / f"worker-{len(started)}.log")
        started.append(worker)
        return worker

    yield start  # type: ignore[misc]
    for worker in started:
        worker.stop()


async def wait_for(
    condition: Callable[[], bool], *, workers: list[Worker], progress: Callable[[], int]
) -> None:
    """Wait for ``condition``; fail when ``progress`` stands still for a minute or a worker dies.

    The longest honest pause is a retry's back-off (at most 2 + 4 + 8 s with three failures in a row),
    so a minute without a single push arriving means something is stuck, however busy the machine.
    """

    async def measured() -> int:
        return progress()

    def alive() -> None:
        for worker in workers:
            if worker.process.poll() is not None and worker.process.returncode not in (-9, 0):
                raise AssertionError(f"a worker died: {worker.log.read_text()[-2000:]}")

    await until_done(
        measured,
        lambda _: condition(),
        stalled_after=60,
        check=alive,
        describe=lambda: "worker logs:\n" + "\n".join(w.log.read_text()[-1500:] for w in workers),
    )


async def settled(database: Database, total: int) -> None:
    """Wait until every push is recorded as sent (the last finalising commits may lag the arrivals)."""
    await until_done(lambda: states(database), lambda found: found == {"sent": total}, stalled_after=60)


def delivered_ids(push_service: LoopbackPushService) -> Counter[str]:
    return Counter(r.payload["notification"]["data"]["id"] for r in push_service.received if r.payload)


async def states(database: Database) -> dict[str, int]:
    async with database.session_scope() as session:
        rows = await session.execute(select(PushDelivery.state, func.count()).group_by(PushDelivery.state))
        return {DeliveryState(state).value: count for state, count in rows}


async def test_two_workers_deliver_5000_pushes_exactly_once(
    database: Database, push_service: LoopbackPushService, workers: Callable[..., Worker]
) -> None:
    subscribers = [push_service.subscriber().to_json() for _ in range(500)]
    ids = await seed(database, subscribers, per_person=10, now=datetime.now(UTC))
    assert len(ids) == 5000

    started = time.monotonic()
    # A push that times out is sent again (at-least-once), even if it did arrive: on a machine so busy
    # that the loopback push service answers late, a short timeout would double pushes that this test
    # must show are never doubled by the outbox itself. The default timeout keeps that out of it.
    running = [workers(CARERLINK_PUSH_TIMEOUT_SECONDS="10"), workers(CARERLINK_PUSH_TIMEOUT_SECONDS="10")]
    await wait_for(
        lambda: len(push_service.received) >= 5000,
        workers=running,
        progress=lambda: len(push_service.received),
    )
    elapsed = time.monotonic() - started
    await asyncio.sleep(2)  # anything doubled would arrive now

    delivered = delivered_ids(push_service)
    assert set(delivered) == {str(i) for i in ids}  # 0 lost
    assert max(delivered.values()) == 1  # 0 duplicates
    assert push_service.problems() == []
    assert await states(database) == {"sent": 5000}
    assert {w.stop() for w in running} == {0}  # both stop cleanly on SIGTERM
    print(f"\n5000 pushes by 2 workers in {elapsed:.1f} s")


async def test_a_worker_killed_mid_batch_loses_nothing(
    database: Database, push_service: LoopbackPushService, workers: Callable[..., Worker]
) -> None:
    subscribers = [push_service.subscriber().to_json() for _ in range(200)]
    ids = await seed(database, subscribers, per_person=5, now=datetime.now(UTC))
    push_service.delay = 1.0  # slow answers, so the kill lands with a batch in flight
    doomed = workers(CARERLINK_PUSH_CONCURRENCY="512")

    await wait_for(
        lambda: push_service.arrivals >= 100, workers=[doomed], progress=lambda: push_service.arrivals
    )
    assert len(push_service.received) < len(ids)
    doomed.kill()  # SIGKILL: it never finalises what it claimed
    push_service.delay = 0.0
    survivor = workers(CARERLINK_PUSH_CONCURRENCY="512")
    expected = {str(i) for i in ids}
    await wait_for(
        lambda: set(delivered_ids(push_service)) >= expected,
        workers=[survivor],
        progress=lambda: len(push_service.received),
    )

    delivered = delivered_ids(push_service)
    assert set(delivered) == {str(i) for i in ids}  # 0 lost
    doubled = [i for i, n in delivered.items() if n > 1]
    assert len(doubled) <= 2 * 256  # at most what the killed worker had claimed (at-least-once)
    topics: dict[str, set[str | None]] = {}
    for received in push_service.received:
        if received.payload:
            topics.setdefault(received.payload["notification"]["data"]["id"], set()).add(received.topic)
    assert all(len(t) == 1 for t in topics.values())  # a doubled push replaces itself at the push service
    await settled(database, len(ids))


async def test_a_push_service_failing_30_percent_of_requests_still_gets_everything_in_the_end(
    database: Database, push_service: LoopbackPushService, workers: Callable[..., Worker]
) -> None:
    push_service.failure_ratio = 0.3
    subscribers = [push_service.subscriber().to_json() for _ in range(250)]
    ids = await seed(database, subscribers, per_person=4, now=datetime.now(UTC))
    running = [workers(), workers()]

    await wait_for(
        lambda: len(push_service.received) >= len(ids),
        workers=running,
        progress=lambda: push_service.arrivals,
    )

    delivered = delivered_ids(push_service)
    assert set(delivered) == {str(i) for i in ids}
    assert max(delivered.values()) == 1
    failures = sum(1 for a in push_service.attempts if a.status == 500)
    assert 0.2 < failures / len(push_service.attempts) < 0.4
    await settled(database, len(ids))
    async with database.session_scope() as session:
        retried = await session.scalar(select(func.count()).where(PushDelivery.attempts > 1))
    assert retried


async def test_sigterm_mid_batch_finishes_the_claimed_pushes_and_leaves_no_lease_behind(
    database: Database, push_service: LoopbackPushService, workers: Callable[..., Worker]
) -> None:
    from carerlink.notifications.models import PushDelivery as Delivery

    subscribers = [push_service.subscriber().to_json() for _ in range(100)]
    await seed(database, subscribers, per_person=3, now=datetime.now(UTC))
    push_service.delay = 1.0  # slow answers, so SIGTERM arrives with a batch in flight
    # A timeout well above the delay: a push that times out is rightly left for a retry (the worker
    # cannot know it arrived), which on a loaded machine made "what went out was recorded" flaky.
    worker = workers(
        CARERLINK_PUSH_CONCURRENCY="512", CARERLINK_PUSH_TIMEOUT_SECONDS="10", CARERLINK_LOG_LEVEL="INFO"
    )
    await wait_for(
        lambda: push_service.arrivals >= 10, workers=[worker], progress=lambda: push_service.arrivals
    )

    # SIGTERM, waited for off the event loop so the in-process push service keeps answering.
    assert await asyncio.to_thread(worker.stop) == 0  # a clean exit, within the grace period
    async with database.session_scope() as session:
        held = await session.scalar(
            select(func.count())
            .select_from(Delivery)
            .where(Delivery.state == DeliveryState.PENDING, Delivery.lease_until > datetime.now(UTC))
        )
        finished = await session.scalar(
            select(func.count()).select_from(Delivery).where(Delivery.state == DeliveryState.SENT)
        )
    assert held == 0  # nothing left waiting for a lease to run out
    assert finished == len(delivered_ids(push_service))  # what went out was recorded as sent
    assert int(finished or 0) >= 10  # the batch in flight was finished, not dropped
    assert "scheduler.stopped" in worker.log.read_text()
