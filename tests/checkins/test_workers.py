"""Real ``carerlink worker`` processes on PostgreSQL walking the ladder for 1,000 due check-ins:
every step exactly once with two workers, and nothing lost when one is killed with SIGKILL mid-tick."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from carerlink.checkins.models import CheckinOccurrence, CheckinStep
from carerlink.db import Database, dialect_insert
from carerlink.notifications import vapid
from carerlink.notifications.models import Notification
from carerlink.tables import metadata
from tests.checkins.factories import Pair, make_pair
from tests.conftest import POSTGRES_URL, DatabaseTarget, _execute
from tests.notifications.workers import Worker, start_worker, worker_environment
from tests.support import make_org
from tests.waiting import until_done

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not POSTGRES_URL, reason="needs PostgreSQL: set CARERLINK_TEST_POSTGRES_URL"),
]
PAIRS, PER_PAIR = 10, 100
STEPS_EACH = ("prompt", "nudge", "tell_buddy")  # due four days ago: prompted, nudged, buddy told


@pytest.fixture
async def database(postgres_schema: DatabaseTarget) -> AsyncIterator[Database]:
    db = Database(postgres_schema.url, schema=postgres_schema.schema)
    yield db
    await db.dispose()
    tables = ", ".join(f'"{postgres_schema.schema}"."{t.name}"' for t in metadata.sorted_tables)
    await _execute(postgres_schema.url, f"TRUNCATE {tables} CASCADE")


@pytest.fixture
def workers(postgres_schema: DatabaseTarget, tmp_path: Path) -> AsyncIterator[Callable[[], Worker]]:
    environ = worker_environment(
        database_url=postgres_schema.url,
        schema=postgres_schema.schema,
        data_dir=tmp_path / "var",
        vapid_private_key=vapid.generate().private_key_text,
    )
    started: list[Worker] = []

    def start() -> Worker:
        worker = start_worker(environ, tmp_path / f"worker-{len(started)}.log")
        started.append(worker)
        return worker

    yield start  # type: ignore[misc]
    for worker in started:
        worker.stop()


async def _seed(database: Database) -> list[Pair]:
    org = await make_org(database, slug=f"ladder-{uuid.uuid4().hex[:6]}")
    pairs = [await make_pair(database, org=org) for _ in range(PAIRS)]
    due = datetime.now(UTC) - timedelta(days=4)
    rows = [
        {
            "id": uuid.uuid4(),
            "created_at": due,
            "match_id": pair.match.id,
            "plan_id": None,
            "organisation_id": org.id,
            "carer_user_id": pair.carer.user.id,
            "buddy_user_id": pair.buddy.user.id,
            "kind": "scheduled",
            "local_start": None,
            "time_zone": "Europe/London",
            "due_at": due - timedelta(minutes=i),
            "state": "scheduled",
            "next_check_at": due - timedelta(minutes=i),
            "wants_call": False,
            "needs_help": False,
        }
        for pair in pairs
        for i in range(PER_PAIR)
    ]
    async with database.session_scope() as session:
        await session.execute(dialect_insert(session, CheckinOccurrence.__table__).values(rows))
    return pairs


async def _steps(database: Database) -> tuple[int, int]:
    async with database.session_scope() as session:
        total = await session.scalar(select(func.count()).select_from(CheckinStep))
        distinct = await session.scalar(
            select(func.count()).select_from(
                select(CheckinStep.occurrence_id, CheckinStep.step).distinct().subquery()
            )
        )
    return int(total or 0), int(distinct or 0)


async def _wait_for(database: Database, wanted: int) -> None:
    """Wait until ``wanted`` steps are taken; fail when no step is taken for a minute (ticks are seconds)."""
    await until_done(lambda: _steps(database), lambda steps: steps[0] >= wanted, stalled_after=60, every=0.5)


async def _assert_each_step_once(database: Database) -> None:
    wanted = PAIRS * PER_PAIR * len(STEPS_EACH)
    total, distinct = await _steps(database)
    assert (total, distinct) == (wanted, wanted)
    async with database.session_scope() as session:
        per_step = dict(
            (await session.execute(select(CheckinStep.step, func.count()).group_by(CheckinStep.step))).all()
        )
        notified = dict(
            (await session.execute(select(Notification.kind, func.count()).group_by(Notification.kind))).all()
        )
        unfinished = await session.scalar(
            select(func.count()).select_from(CheckinOccurrence).where(CheckinOccurrence.state != "open")
        )
    assert per_step == dict.fromkeys(STEPS_EACH, PAIRS * PER_PAIR)
    each = PAIRS * PER_PAIR
    assert (
        notified.get("checkin_due"),
        notified.get("checkin_nudge"),
        notified.get("buddy_carer_quiet"),
    ) == (each, each, each)
    assert unfinished == 0


async def test_two_workers_take_every_ladder_step_exactly_once(
    database: Database, workers: Callable[[], Worker]
) -> None:
    await _seed(database)
    first, second = workers(), workers()
    await _wait_for(database, PAIRS * PER_PAIR * len(STEPS_EACH))
    await asyncio.sleep(6)  # one more tick each: nothing may be repeated
    await _assert_each_step_once(database)
    assert first.process.poll() is None and second.process.poll() is None


async def test_a_worker_killed_mid_tick_loses_nothing(
    database: Database, workers: Callable[[], Worker]
) -> None:
    await _seed(database)
    doomed = workers()
    deadline = time.monotonic() + 60
    while (await _steps(database))[0] == 0:  # kill it once it is part-way through
        assert time.monotonic() < deadline, "the worker never started"
        await asyncio.sleep(0.05)
    doomed.kill()
    left_behind = (await _steps(database))[0]
    assert left_behind < PAIRS * PER_PAIR * len(STEPS_EACH)
    workers()
    await _wait_for(database, PAIRS * PER_PAIR * len(STEPS_EACH))
    await asyncio.sleep(6)
    await _assert_each_step_once(database)
