"""Real ``carerlink worker`` processes on PostgreSQL escalating concerns nobody acknowledged: each reaches
the safeguarding lead exactly once with two workers, and nothing is lost or doubled when one is killed
with SIGKILL part-way through."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from carerlink.audit.models import AuditEntry
from carerlink.concerns.models import Concern
from carerlink.db import Database, dialect_insert
from carerlink.notifications.models import Notification
from carerlink.organisations.models import Organisation
from tests.checkins.factories import make_pair
from tests.conftest import POSTGRES_URL
from tests.notifications.workers import Worker
from tests.profiles.factories import make_coordinator
from tests.support import make_org
from tests.waiting import until_done

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not POSTGRES_URL, reason="needs PostgreSQL: set CARERLINK_TEST_POSTGRES_URL"),
]
CONCERNS = 250  # three ticks' worth (a tick escalates up to 100)
PAST_TARGET = "coordinator_concern_past_target"


async def _seed(database: Database) -> tuple[uuid.UUID, uuid.UUID]:
    """An organisation with a safeguarding lead, and concerns past their target that nobody acknowledged."""
    org = await make_org(database, slug=f"concerns-{uuid.uuid4().hex[:6]}")
    pair = await make_pair(database, org=org)
    lead = await make_coordinator(database, org, name="Sarah Lead")
    async with database.session_scope() as session:
        organisation = await session.get(Organisation, org.id)
        assert organisation is not None
        organisation.settings = {**organisation.settings, "safeguarding_lead_user_id": str(lead.user.id)}
    raised = datetime.now(UTC) - timedelta(hours=30)
    rows = [
        {
            "id": uuid.uuid4(),
            "organisation_id": org.id,
            "carer_user_id": pair.carer.user.id,
            "raised_by_user_id": pair.buddy.user.id,
            "raised_by_role": "buddy",
            "match_id": pair.match.id,
            "checkin_id": None,
            "request_id": uuid.uuid4(),
            "category": "carers_health",
            "at_risk_now": False,
            "what_happened": "Worried.",
            "status": "open",
            "raised_at": raised - timedelta(minutes=i),
            "target_at": raised + timedelta(hours=24) - timedelta(minutes=i),
        }
        for i in range(CONCERNS)
    ]
    async with database.session_scope() as session:
        await session.execute(dialect_insert(session, Concern.__table__).values(rows))
    return lead.user.id, pair.coordinator.user.id


async def _escalated(database: Database) -> int:
    async with database.session_scope() as session:
        found = await session.scalar(
            select(func.count()).select_from(Concern).where(Concern.escalated_at.is_not(None))
        )
    return int(found or 0)


async def _assert_each_reached_the_lead_once(database: Database, lead: uuid.UUID, other: uuid.UUID) -> None:
    async with database.session_scope() as session:
        told = dict(
            (
                await session.execute(
                    select(Notification.user_id, func.count())
                    .where(Notification.kind == PAST_TARGET)
                    .group_by(Notification.user_id)
                )
            ).all()
        )
        distinct = await session.scalar(
            select(func.count(func.distinct(Notification.dedupe_key))).where(Notification.kind == PAST_TARGET)
        )
        audited = await session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "concerns.escalated")
        )
    assert told == {lead: CONCERNS}
    assert other not in told
    assert (distinct, audited) == (CONCERNS, CONCERNS)
    assert await _escalated(database) == CONCERNS


async def test_two_workers_one_killed_escalate_every_concern_to_the_lead_exactly_once(
    worker_database: Database, worker_processes: Callable[[], Worker]
) -> None:
    lead, other = await _seed(worker_database)
    doomed = worker_processes()
    deadline = time.monotonic() + 60
    while await _escalated(worker_database) == 0:  # killed once its first tick has committed, before the rest
        assert time.monotonic() < deadline, "the worker never escalated anything"
        await asyncio.sleep(0.05)
    doomed.kill()
    assert await _escalated(worker_database) < CONCERNS
    first, second = worker_processes(), worker_processes()
    await until_done(
        lambda: _escalated(worker_database), lambda n: n >= CONCERNS, stalled_after=60, every=0.5
    )
    await asyncio.sleep(16)  # another tick each: nothing may be told twice
    await _assert_each_reached_the_lead_once(worker_database, lead, other)
    assert first.process.poll() is None and second.process.poll() is None
