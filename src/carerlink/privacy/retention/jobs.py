"""Ticks of retention: the daily run of every organisation's schedule, in short batches.

Each batch is its own short transaction (``session_scope``), so no run holds a lock for long; a run is
recorded (``RetentionRun``) even when it removed nothing, so coordinators see it ran. Records of no
organisation (audit entries of sign-ins, copies a person asked for) follow the default schedule in a
run of their own (``organisation_id`` None).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.db import Database
from carerlink.kit.clock import Clock
from carerlink.organisations.schemas import RetentionSettings
from carerlink.privacy.retention import service
from carerlink.runtime import Runtime, Tick

log = logging.getLogger("carerlink.privacy.retention")

Batch = Callable[[AsyncSession], Awaitable[int]]


async def _drain(database: Database, batch: Batch, *, limit: int) -> int:
    """Run ``batch`` in fresh short transactions (each at most ``limit`` rows) until one removes nothing.

    A batch works through a class's tables in turn, so a short batch does not mean the class is done.
    """
    total = 0
    while True:
        async with database.session_scope() as session:
            removed = await batch(session)
        if removed == 0:
            return total
        total += removed


async def run_schedule(
    database: Database,
    *,
    organisation_id: uuid.UUID | None,
    settings: RetentionSettings,
    clock: Clock,
    batch_size: int = service.BATCH,
) -> dict[str, int]:
    """Enforce one organisation's schedule now and record the run; returns the counts per class."""
    removed = await _run(
        database, organisation_id=organisation_id, settings=settings, clock=clock, batch_size=batch_size
    )
    assert removed is not None
    return removed


async def _run(
    database: Database,
    *,
    organisation_id: uuid.UUID | None,
    settings: RetentionSettings,
    clock: Clock,
    batch_size: int,
    only_if_due: bool = False,
) -> dict[str, int] | None:
    """``run_schedule``; with ``only_if_due``, None (nothing done) when another run started within the day."""
    now = clock.now()
    async with database.session_scope() as session:
        run = await service.start_run(
            session, organisation_id=organisation_id, now=now, only_if_due=only_if_due
        )
        if run is None:
            return None
        run_id = run.id
    cut = service.cut_offs(settings, now)
    limit = batch_size
    removed: dict[str, int] = {}

    if organisation_id is not None:
        org = organisation_id
        removed["checkin_notes"] = await _drain(
            database,
            lambda s: service.remove_checkin_notes(
                s, organisation_id=org, cut_off=cut["checkin_notes"], limit=limit
            ),
            limit=limit,
        )
        removed["declined_referrals"] = await _drain(
            database,
            lambda s: service.remove_declined_referrals(
                s, organisation_id=org, cut_off=cut["declined_referrals"], limit=limit
            ),
            limit=limit,
        )
        removed["ended_memberships"] = await _drain(
            database,
            lambda s: service.remove_ended_memberships(
                s, organisation_id=org, cut_off=cut["ended_memberships"], now=now, limit=limit
            ),
            limit=limit,
        )
        removed["safeguarding"] = await _drain(
            database,
            lambda s: service.remove_safeguarding(
                s, organisation_id=org, cut_off=cut["safeguarding"], limit=limit
            ),
            limit=limit,
        )
    removed["audit"] = await _drain(
        database,
        lambda s: service.remove_audit(s, organisation_id=organisation_id, cut_off=cut["audit"], limit=limit),
        limit=limit,
    )
    removed["exports"] = await _drain(
        database,
        lambda s: service.remove_exports(s, organisation_id=organisation_id, now=now, limit=limit),
        limit=limit,
    )
    async with database.session_scope() as session:
        await service.finish_run(session, run_id=run_id, removed=removed, now=clock.now())
    log.info(
        "privacy.retention.run",
        extra={"fields": {"organisation_id": str(organisation_id), "removed": removed}},
    )
    return removed


async def run_due(
    database: Database, *, clock: Clock, batch_size: int = service.BATCH, now: datetime | None = None
) -> int:
    """Run the schedule of every organisation whose last run is a day old; returns rows removed."""
    async with database.session_scope() as session:
        due = await service.due_organisations(session, now=now or clock.now())
    total = 0
    for organisation_id, settings in due:
        removed = await _run(
            database,
            organisation_id=organisation_id,
            settings=settings,
            clock=clock,
            batch_size=batch_size,
            only_if_due=True,
        )
        total += sum(removed.values()) if removed else 0
    return total


async def enforce(runtime: Runtime) -> int:
    """The daily tick (safe to run more often: an organisation run within the day is not due)."""
    return await run_due(runtime.database, clock=runtime.clock)


TICKS = [Tick("privacy.retention", timedelta(days=1), enforce)]
