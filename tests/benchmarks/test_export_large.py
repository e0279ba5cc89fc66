"""Building a copy of a large record (issue 15: "ready within minutes for ≥ 2 years of weekly check-ins").

Two carers in one run: one with 110 weeks of answered check-ins (each with a note, the buddy's reply,
two reminder steps, three notifications and two audit entries), and a baseline with a fortnight of the
same. Each copy is built by the tick's own code (``service.build_due``: claim, build in one transaction,
zip, notify), and the time from asking to ready is recorded with the archive's size.
"""

from __future__ import annotations

import io
import json
import time
import uuid
import zipfile
from datetime import timedelta
from typing import Any

from sqlalchemy import insert, select

from carerlink.audit.models import AuditEntry
from carerlink.checkins.ladder import State
from carerlink.checkins.models import CheckinOccurrence, CheckinStep, OccurrenceKind, ReplyKind
from carerlink.db import Database
from carerlink.notifications.models import Notification, PushStatus
from carerlink.organisations import service as organisations
from carerlink.privacy.export import service
from carerlink.privacy.models import DataExport, ExportState
from tests.benchmarks.figures import Figures
from tests.checkins.factories import Pair, make_pair
from tests.conftest import DatabaseTarget
from tests.support import START, make_org

BUDGET_S = 120.0  # "ready within minutes": a generous 2 minutes for the build itself


async def _history(db: Database, pair: Pair, weeks: int) -> int:
    """``weeks`` of weekly answered and replied check-ins before START; returns the rows written."""
    occurrences: list[dict[str, Any]] = []
    steps: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    audits: list[dict[str, Any]] = []
    carer, buddy = pair.carer.user.id, pair.buddy.user.id
    for week in range(weeks):
        due = START - timedelta(weeks=weeks - week)
        occurrence_id = uuid.uuid4()
        occurrences.append(
            {
                "id": occurrence_id,
                "match_id": pair.match.id,
                "organisation_id": pair.org.id,
                "carer_user_id": carer,
                "buddy_user_id": buddy,
                "kind": OccurrenceKind.SCHEDULED,
                "time_zone": "Europe/London",
                "due_at": due,
                "state": State.REPLIED,
                "answered_at": due + timedelta(hours=1),
                "wellbeing": 1 + week % 5,
                "note": f"Week {week}: a long day with Mum's appointments, but we managed a walk. " * 3,
                "wants_call": week % 7 == 0,
                "needs_help": False,
                "replied_at": due + timedelta(hours=3),
                "reply_kind": ReplyKind.MESSAGE,
                "reply_message": f"Thank you for telling me about week {week}. Speak on Thursday?",
                "replied_by_user_id": buddy,
            }
        )
        for n, step in enumerate(("reminder", "nudge")):
            steps.append(
                {
                    "id": uuid.uuid4(),
                    "occurrence_id": occurrence_id,
                    "organisation_id": pair.org.id,
                    "step": step,
                    "at": due + timedelta(minutes=30 * (n + 1)),
                }
            )
        for n, kind in enumerate(("carer_checkin_due", "carer_checkin_nudge", "carer_buddy_replied")):
            notes.append(
                {
                    "id": uuid.uuid4(),
                    "user_id": carer,
                    "organisation_id": pair.org.id,
                    "kind": kind,
                    "dedupe_key": f"{kind}:{occurrence_id}",
                    "data": {},
                    "title": "Time for your check-in",
                    "body": "How are you doing this week?",
                    "url": "/",
                    "tag": f"checkin-{occurrence_id}",
                    "topic": "x" * 32,
                    "urgency": "normal",
                    "push": PushStatus.NO_DEVICE,
                    "created_at": due + timedelta(minutes=n),
                    "channel": "email",
                    "fallbacks": [],
                }
            )
        for action in ("checkins.answered", "checkins.viewed"):
            audits.append(
                {
                    "id": uuid.uuid4(),
                    "at": due + timedelta(hours=2),
                    "actor_user_id": buddy if action == "checkins.viewed" else carer,
                    "action": action,
                    "organisation_id": pair.org.id,
                    "subject_user_id": carer,
                    "object_type": "checkin",
                    "object_id": occurrence_id,
                    "details": {},
                }
            )
    async with db.session_scope() as session:
        for model, rows in (
            (CheckinOccurrence, occurrences),
            (CheckinStep, steps),
            (Notification, notes),
            (AuditEntry, audits),
        ):
            await session.execute(insert(model), rows)
    return len(occurrences) + len(steps) + len(notes) + len(audits)


async def _time_a_copy(db: Database, pair: Pair) -> tuple[float, int, int]:
    """Seconds from asking to ready (the tick's build), the archive's bytes and its check-ins."""
    async with db.session_scope() as session:
        actor = await organisations.actor_for(session, user_id=pair.carer.user.id, session_id=None)
        export = await service.ask_for_mine(session, actor=actor, now=START)
        export_id = export.id
    started = time.perf_counter()
    assert await service.build_due(db, now=START) == 1
    seconds = time.perf_counter() - started
    async with db.session_scope() as session:
        built = await session.scalar(select(DataExport).where(DataExport.id == export_id))
        assert built is not None and built.state == ExportState.READY and built.archive is not None
        archive = built.archive
    document = json.loads(zipfile.ZipFile(io.BytesIO(archive)).read("data.json"))
    return seconds, len(archive), len(document["sections"]["checkins"]["rows"])


async def test_a_copy_of_two_years_of_weekly_check_ins_is_ready_within_minutes(
    target: DatabaseTarget, figures: Figures
) -> None:
    db = Database(target.url, schema=target.schema)
    try:
        org = await make_org(db)
        large = await make_pair(db, org=org)
        small = await make_pair(db, org=org)
        warm = await make_pair(db, org=org)
        rows = await _history(db, large, weeks=110)
        await _history(db, small, weeks=2)
        await _history(db, warm, weeks=1)
        await _time_a_copy(db, warm)  # the first build pays for connections and imports: not counted
        base_s, base_bytes, base_checkins = await _time_a_copy(db, small)
        large_s, large_bytes, large_checkins = await _time_a_copy(db, large)
    finally:
        await db.dispose()
    assert base_checkins >= 2 and large_checkins >= 110
    assert large_s < BUDGET_S
    figures.record(
        f"copy of a carer's data, 110 weeks of check-ins, {target.backend}",
        f"{large_s:.2f} s from asking to ready for {rows} rows of history ({large_checkins} check-ins, "
        f"zip {large_bytes / 1024:.0f} KB); a fortnight's: {base_s:.2f} s ({base_bytes / 1024:.0f} KB); "
        f"budget ready within minutes (≤ {BUDGET_S:.0f} s)",
    )
