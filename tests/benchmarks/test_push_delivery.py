"""Benchmarks of push delivery (``make bench``): throughput of one worker, and a burst of 10,000 reminders.

Both use real ``carerlink worker`` processes and the loopback push service in a process of its own (it
checks every VAPID header and decrypts one push in a hundred; a real push service decrypts nothing).
They print their figures for the README's performance table; they fail only on a lost or doubled push.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pywebpush import webpush
from sqlalchemy import update

from carerlink.db import Database
from carerlink.notifications import vapid
from carerlink.notifications.models import PushDelivery
from tests.benchmarks.figures import Figures
from tests.conftest import DatabaseTarget
from tests.notifications.workers import (
    PushServiceProcess,
    Worker,
    seed_bulk,
    start_worker,
    worker_environment,
)

FAR_FUTURE = datetime(2099, 1, 1, tzinfo=UTC)
PAYLOAD = (
    '{"web_push":8030,"notification":{"title":"Time for your check-in","body":"How are things this week? '
    'Priya will see your answer.","navigate":"https://carers.example.org/checkins/1","tag":"checkin-1"}}'
)


@pytest.fixture
def key() -> vapid.VapidKey:
    return vapid.generate()


@pytest.fixture
def push_service(key: vapid.VapidKey) -> Iterator[PushServiceProcess]:
    service = PushServiceProcess(vapid_public_key=key.public_key, decrypt_every=100)
    yield service
    service.stop()


def _workers(target: DatabaseTarget, key: vapid.VapidKey, tmp_path: Path, count: int) -> list[Worker]:
    environ = worker_environment(
        database_url=target.url,
        schema=target.schema,
        data_dir=tmp_path / "var",
        vapid_private_key=key.private_key_text,
    )
    return [start_worker(environ, tmp_path / f"worker-{n}.log") for n in range(count)]


async def _wait_for_all(
    push_service: PushServiceProcess, count: int, workers: list[Worker], *, seconds: float
) -> None:
    deadline = time.monotonic() + seconds
    while push_service.stats()["received"] < count:
        if time.monotonic() > deadline:
            logs = "\n".join(w.log.read_text()[-2000:] for w in workers)
            raise AssertionError(f"not all pushes arrived: {push_service.stats()}\n{logs}")
        for worker in workers:
            assert worker.process.poll() is None, worker.log.read_text()[-2000:]
        await asyncio.sleep(0.25)


def _check_exactly_once(push_service: PushServiceProcess, count: int) -> list[dict[str, object]]:
    """The worker's pushes (each has a Topic; the plain loop's have none): every one once."""
    received = [r for r in push_service.received() if r["topic"]]
    topics = Counter(r["topic"] for r in received)
    stats = push_service.stats()
    assert stats["problems"] == [], stats
    assert len(topics) == count, "lost pushes"
    assert max(topics.values()) == 1, "doubled pushes"
    return received


def _plain_pywebpush_rate(
    push_service: PushServiceProcess, key: vapid.VapidKey, count: int, *, latency: float = 0.0
) -> tuple[float, float]:
    """What a straightforward loop over ``pywebpush.webpush()`` achieves against the same push service.

    Returns pushes per second and CPU milliseconds per push.
    """
    subscriptions = push_service.subscribers(count)
    push_service.configure(delay=latency)
    started, cpu = time.perf_counter(), time.process_time()
    for subscription in subscriptions:
        webpush(
            subscription,
            PAYLOAD,
            vapid_private_key=key.private_key_text,
            vapid_claims={"sub": "mailto:admin@carerlink.invalid"},
            ttl=3600,
            headers={"Urgency": "normal", "Content-Type": "application/octet-stream"},
            timeout=10,
        )
    return count / (time.perf_counter() - started), (time.process_time() - cpu) / count * 1000


def _cpu_seconds(worker: Worker) -> float:
    """User and system CPU time the worker process has used so far."""
    fields = Path(f"/proc/{worker.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _make_due(database: Database) -> datetime:
    due = datetime.now(UTC)
    async with database.session_scope() as session:
        await session.execute(update(PushDelivery).values(not_before=due))
    return due


async def _worker_throughput(
    target: DatabaseTarget,
    key: vapid.VapidKey,
    push_service: PushServiceProcess,
    tmp_path: Path,
    *,
    count: int,
    already: int,
) -> tuple[float, float, float]:
    """One worker delivering ``count`` due pushes: pushes/s first to last, from due, and CPU ms per push."""
    database = Database(target.url, schema=target.schema)
    try:
        await seed_bulk(database, push_service.subscribers(count), due_at=FAR_FUTURE, now=datetime.now(UTC))
        [worker] = _workers(target, key, tmp_path, 1)
        try:
            await asyncio.sleep(3)  # started and ticking, with nothing due yet
            cpu = _cpu_seconds(worker)
            due = await _make_due(database)
            await _wait_for_all(push_service, count + already, [worker], seconds=180)
            cpu = _cpu_seconds(worker) - cpu
        finally:
            worker.stop()
    finally:
        await database.dispose()
    received = _check_exactly_once(push_service, count)
    arrivals = sorted(float(r["at"]) for r in received)  # type: ignore[arg-type]
    steady = (count - 1) / (arrivals[-1] - arrivals[0])
    return steady, count / (arrivals[-1] - due.timestamp()), cpu / count * 1000


async def test_push_throughput_of_one_worker_against_a_plain_pywebpush_loop(
    target: DatabaseTarget,
    key: vapid.VapidKey,
    push_service: PushServiceProcess,
    tmp_path: Path,
    figures: Figures,
) -> None:
    plain, plain_cpu = _plain_pywebpush_rate(push_service, key, 500)
    steady, from_due, cpu = await _worker_throughput(
        target, key, push_service, tmp_path, count=10_000, already=500
    )
    figures.record(
        f"push delivery, one worker, {target.backend}",
        f"{steady:,.0f} pushes/s first to last "
        f"({from_due:,.0f}/s from due), {cpu:.2f} ms CPU per push; "
        f"plain pywebpush.webpush() loop: {plain:,.0f}/s, {plain_cpu:.2f} ms CPU per push; "
        f"ratio {steady / plain:.1f}x (budget >= 2,000/s and >= 5x); load average {os.getloadavg()[0]:.1f}",
    )


async def test_push_throughput_with_a_push_service_20_ms_away(
    target: DatabaseTarget,
    key: vapid.VapidKey,
    push_service: PushServiceProcess,
    tmp_path: Path,
    figures: Figures,
) -> None:
    """The same comparison with each answer 20 ms late, as from a real push service over the internet."""
    if target.backend == "sqlite":
        pytest.skip("the database does not change this comparison; PostgreSQL only")
    plain, _ = _plain_pywebpush_rate(push_service, key, 100, latency=0.02)
    steady, from_due, cpu = await _worker_throughput(
        target, key, push_service, tmp_path, count=5_000, already=100
    )
    figures.record(
        f"push delivery, push service 20 ms away, one worker, {target.backend}",
        f"{steady:,.0f} pushes/s first to last ({from_due:,.0f}/s from due), {cpu:.2f} ms CPU per push; "
        f"plain pywebpush.webpush() loop: {plain:,.0f}/s; ratio {steady / plain:.0f}x; "
        f"load average {os.getloadavg()[0]:.1f}",
    )


async def test_10000_reminders_due_at_once(
    target: DatabaseTarget,
    key: vapid.VapidKey,
    push_service: PushServiceProcess,
    tmp_path: Path,
    figures: Figures,
) -> None:
    count = 10_000
    worker_count = 2 if target.backend == "postgresql" else 1  # SQLite: the one-process embedded default
    budget = 15 if target.backend == "postgresql" else 30
    database = Database(target.url, schema=target.schema)
    try:
        await seed_bulk(database, push_service.subscribers(count), due_at=FAR_FUTURE, now=datetime.now(UTC))
        workers = _workers(target, key, tmp_path, worker_count)
        try:
            await asyncio.sleep(3)  # the workers are up and ticking, with nothing due
            due = await _make_due(database)
            await _wait_for_all(push_service, count, workers, seconds=120)
        finally:
            for worker in workers:
                worker.stop()
    finally:
        await database.dispose()

    received = _check_exactly_once(push_service, count)
    lateness = sorted(float(r["at"]) - due.timestamp() for r in received)  # type: ignore[arg-type]
    p50, p95, p99 = (lateness[int(len(lateness) * q) - 1] for q in (0.50, 0.95, 0.99))
    figures.record(
        f"10,000 reminders due at once, {target.backend}, {worker_count} worker(s)",
        f"lateness p50 {p50:.1f} s, p95 {p95:.1f} s, p99 {p99:.1f} s, max {lateness[-1]:.1f} s, "
        f"mean {statistics.fmean(lateness):.1f} s; 0 lost, 0 doubled (budget p99 <= {budget} s); "
        f"load average {os.getloadavg()[0]:.1f}",
    )
