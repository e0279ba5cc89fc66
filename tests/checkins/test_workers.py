"""Real ``carerlink worker`` processes on PostgreSQL walking the ladder for 1,000 due check-ins:
every step exactly once with two workers, and nothing lost when one is killed with SIGKILL mid-tick."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from carerlink.checkins.models import CheckinOccurrence, CheckinStep
from carerlink.db import Database, dialect_insert
from carerlink.notifications.models import Notification
from tests.checkins.factories import Pair, make_pair
from tests.conftest import POSTGRES_URL
from tests.notifications.workers import Worker
from tests.support import make_org
from tests.waiting import until_done

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not POSTGRES_URL, reason="needs PostgreSQL: set CARERLINK_TEST_POSTGRES_URL"),
]
PAIRS, PER_PAIR = 10, 100
STEPS_EACH = ("prompt", "nudge", "tell_buddy")  # due four days ago: prompted, nudged, buddy told


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
    worker_database: Database, worker_processes: Callable[[], Worker]
) -> None:
    await _seed(worker_database)
    first, second = worker_processes(), worker_processes()
    await _wait_for(worker_database, PAIRS * PER_PAIR * len(STEPS_EACH))
    await asyncio.sleep(6)  # one more tick each: nothing may be repeated
    await _assert_each_step_once(worker_database)
    assert first.process.poll() is None and second.process.poll() is None


async def test_a_worker_killed_mid_tick_loses_nothing(
    worker_database: Database, worker_processes: Callable[[], Worker]
) -> None:
    await _seed(worker_database)
    doomed = worker_processes()
    deadline = time.monotonic() + 60
    while (await _steps(worker_database))[0] == 0:  # kill it once it is part-way through
        assert time.monotonic() < deadline, "the worker never started"
        await asyncio.sleep(0.05)
    doomed.kill()
    left_behind = (await _steps(worker_database))[0]
    assert left_behind < PAIRS * PER_PAIR * len(STEPS_EACH)
    worker_processes()
    await _wait_for(worker_database, PAIRS * PER_PAIR * len(STEPS_EACH))
    await asyncio.sleep(6)
    await _assert_each_step_once(worker_database)
