"""The APScheduler that runs every domain's ticks; all their state lives in the database."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from carerlink.accounts import jobs as accounts_jobs
from carerlink.checkins import jobs as checkins_jobs
from carerlink.mail import jobs as mail_jobs
from carerlink.notifications import jobs as notifications_jobs
from carerlink.runtime import Runtime, Tick
from carerlink.safeguarding import jobs as safeguarding_jobs

log = logging.getLogger("carerlink.scheduler")

# Every tick of every domain, listed explicitly (DESIGN.md §2: no hidden registration).
TICKS: list[Tick] = [
    *mail_jobs.TICKS,
    *accounts_jobs.TICKS,
    *notifications_jobs.TICKS,
    *checkins_jobs.TICKS,
    *safeguarding_jobs.TICKS,
]


def _guarded(tick: Tick, runtime: Runtime) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        try:
            result: Any = await tick.run(runtime)
        except Exception:
            log.exception(f"{tick.id}.failed")
            return
        if result:
            log.debug(f"{tick.id}.done", extra={"fields": {"result": result}})

    return run


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
