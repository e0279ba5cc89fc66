"""The APScheduler that runs every domain's ticks; all their state lives in the database."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from carerlink.accounts import jobs as accounts_jobs
from carerlink.checkins import jobs as checkins_jobs
from carerlink.concerns import jobs as concerns_jobs
from carerlink.imports import jobs as imports_jobs
from carerlink.mail import jobs as mail_jobs
from carerlink.notifications import jobs as notifications_jobs
from carerlink.notifications.texts import jobs as texts_jobs
from carerlink.organisations import jobs as organisations_jobs
from carerlink.outcomes import jobs as outcomes_jobs
from carerlink.privacy.export import jobs as export_jobs
from carerlink.privacy.retention import jobs as retention_jobs
from carerlink.profiles import jobs as profiles_jobs
from carerlink.runtime import Runtime, Tick
from carerlink.safeguarding import jobs as safeguarding_jobs

log = logging.getLogger("carerlink.scheduler")

# Every tick of every domain, listed explicitly (DESIGN.md §2: no hidden registration).
TICKS: list[Tick] = [
    *mail_jobs.TICKS,
    *accounts_jobs.TICKS,
    *notifications_jobs.TICKS,
    *texts_jobs.TICKS,
    *organisations_jobs.TICKS,
    *checkins_jobs.TICKS,
    *profiles_jobs.TICKS,
    *safeguarding_jobs.TICKS,
    *concerns_jobs.TICKS,
    *export_jobs.TICKS,
    *retention_jobs.TICKS,
    *outcomes_jobs.TICKS,
    *imports_jobs.TICKS,
]


def _guarded(tick: Tick, runtime: Runtime) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        task = asyncio.current_task()
        if task is not None:
            runtime.running.add(task)
            task.add_done_callback(runtime.running.discard)
        try:
            result: Any = await tick.run(runtime)
        except Exception:
            log.exception(f"{tick.id}.failed")
            return
        if result:
            log.debug(f"{tick.id}.done", extra={"fields": {"result": result}})

    return run


async def stop(scheduler: AsyncIOScheduler, runtime: Runtime, *, grace_seconds: float = 25.0) -> None:
    """Start no new tick, let the running ones finish (claimed work is sent and finalised), then return.

    A tick still running after the grace period is cancelled; the work it had claimed is not lost, only
    delayed: its leases run out and another worker takes it.
    """
    scheduler.pause()  # no new tick; shutting down first would cancel the running ones
    running = set(runtime.running)
    if running:
        log.info("scheduler.draining", extra={"fields": {"ticks": len(running)}})
        _, late = await asyncio.wait(running, timeout=grace_seconds)
        for task in late:
            task.cancel()
        if late:
            await asyncio.wait(late, timeout=5)
            log.warning("scheduler.cancelled", extra={"fields": {"ticks": len(late)}})
    scheduler.shutdown(wait=False)
    log.info("scheduler.stopped")


def build_scheduler(runtime: Runtime, ticks: list[Tick] | None = None) -> AsyncIOScheduler:
    """An ``AsyncIOScheduler`` (in-memory job store) with one interval job per tick, started at once."""
    scheduler = AsyncIOScheduler(timezone=UTC)
    for tick in TICKS if ticks is None else ticks:
        scheduler.add_job(
            _guarded(tick, runtime),
            "interval",
            seconds=tick.every.total_seconds(),
            id=tick.id,
            name=tick.id,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
            next_run_time=datetime.now(UTC),
        )
    return scheduler
