"""Retention never holds a long lock (issue 15: "in batches that never hold long locks").

Two centres in one run, each with 200 matches that ended two years ago and 100 check-ins each with a
note and a reply (20,000 rows to clear). One centre's schedule is enforced the way the tick does it, in
batches of 500 rows, each its own transaction; the other's, as the baseline, in one transaction per
class. The figure is the longest transaction of each (what another writer could be kept waiting for)
and the whole run's time.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.checkins.ladder import State
from carerlink.checkins.models import CheckinOccurrence, OccurrenceKind, ReplyKind
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.matching.models import EndReason, Match, MatchStatus
from carerlink.organisations.schemas import RetentionSettings
from carerlink.privacy.retention import jobs, service
from tests.benchmarks.figures import Figures
from tests.checkins.factories import Pair, make_pair
from tests.conftest import DatabaseTarget
from tests.support import START

MATCHES = 200
CHECKINS_EACH = 100


class TimedDatabase(Database):
    """A database that remembers how long its longest transaction (``session_scope``) lasted."""

    longest = 0.0
    transactions = 0

    @asynccontextmanager
    async def session_scope(self) -> AsyncIterator[AsyncSession]:
        """As ``Database.session_scope``, timed from opening to commit."""
        started = time.perf_counter()
        async with super().session_scope() as session:
            yield session
        self.longest = max(self.longest, time.perf_counter() - started)
        self.transactions += 1


async def _ended_history(db: Database, pair: Pair) -> None:
    """``MATCHES`` matches of ``pair``'s people that ended two years ago, each with noted check-ins."""
    ended = START - timedelta(days=730)
    matches: list[dict[str, Any]] = []
    occurrences: list[dict[str, Any]] = []
    for _ in range(MATCHES):
        match_id = uuid.uuid4()
        matches.append(
            {
                "id": match_id,
                "organisation_id": pair.org.id,
                "carer_membership_id": pair.carer.membership_id,
                "carer_user_id": pair.carer.user.id,
                "buddy_membership_id": pair.buddy.membership_id,
                "buddy_user_id": pair.buddy.user.id,
                "status": MatchStatus.ENDED,
                "score": 0.5,
                "note": "Both like walking; met at the carers' cafe.",
                "proposed_at": ended - timedelta(days=400),
                "closed_at": ended,
                "end_reason": EndReason.GOALS_MET,
                "carer_feedback": "It helped more than I can say.",
                "created_at": ended - timedelta(days=400),
            }
        )
        for week in range(CHECKINS_EACH):
            due = ended - timedelta(weeks=CHECKINS_EACH - week)
            occurrences.append(
                {
                    "id": uuid.uuid4(),
                    "match_id": match_id,
                    "organisation_id": pair.org.id,
                    "carer_user_id": pair.carer.user.id,
                    "buddy_user_id": pair.buddy.user.id,
                    "kind": OccurrenceKind.SCHEDULED,
                    "time_zone": "Europe/London",
                    "due_at": due,
                    "state": State.REPLIED,
                    "answered_at": due,
                    "wellbeing": 3,
                    "note": f"Week {week}: Mum had a hard night; I managed a walk in the afternoon.",
                    "replied_at": due,
                    "reply_kind": ReplyKind.MESSAGE,
                    "reply_message": "Thank you for telling me. Speak on Thursday?",
                    "created_at": due,
                }
            )
    async with db.session_scope() as session:
        await session.execute(insert(Match), matches)
        for start in range(0, len(occurrences), 5_000):
            await session.execute(insert(CheckinOccurrence), occurrences[start : start + 5_000])


async def _notes_left(db: Database, pair: Pair) -> int:
    async with db.session_scope() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(CheckinOccurrence)
            .where(CheckinOccurrence.organisation_id == pair.org.id, CheckinOccurrence.note.is_not(None))
        )
    return int(count or 0)


async def _enforce(target: DatabaseTarget, pair: Pair, *, batch_size: int) -> tuple[float, float, int]:
    """The longest transaction and the whole run, in seconds, and how many transactions it took."""
    db = TimedDatabase(target.url, schema=target.schema)
    try:
        started = time.perf_counter()
        removed = await jobs.run_schedule(
            db,
            organisation_id=pair.org.id,
            settings=RetentionSettings(),
            clock=FrozenClock(START),
            batch_size=batch_size,
        )
        whole = time.perf_counter() - started
    finally:
        await db.dispose()
    assert removed["checkin_notes"] >= MATCHES * CHECKINS_EACH
    return db.longest, whole, db.transactions


async def test_retention_clears_twenty_thousand_notes_in_short_transactions(
    target: DatabaseTarget, figures: Figures
) -> None:
    db = Database(target.url, schema=target.schema)
    try:
        batched, baseline = await make_pair(db), await make_pair(db)
        for pair in (batched, baseline):
            await _ended_history(db, pair)
        rows = await _notes_left(db, batched)
    finally:
        await db.dispose()
    assert rows == MATCHES * CHECKINS_EACH

    longest, whole, transactions = await _enforce(target, batched, batch_size=service.BATCH)
    one_longest, one_whole, _ = await _enforce(target, baseline, batch_size=10**9)

    db = Database(target.url, schema=target.schema)
    try:
        assert await _notes_left(db, batched) == 0 and await _notes_left(db, baseline) == 0
    finally:
        await db.dispose()
    assert longest < one_longest
    figures.record(
        f"retention: clearing {rows:,} check-in notes, {target.backend}",
        f"longest transaction {longest * 1000:.0f} ms in batches of {service.BATCH} ({transactions} "
        f"transactions, whole run {whole:.1f} s); baseline, one transaction per class: "
        f"{one_longest * 1000:.0f} ms (whole run {one_whole:.1f} s)",
    )
