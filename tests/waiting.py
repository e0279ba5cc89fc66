"""Waiting on real processes without guessing how fast the machine is.

A fixed deadline ("everything within 120 s") fails on a busy machine although nothing is wrong: CI can
run beside other work with both cores taken. These waits instead fail when the work stops moving: the
deadline runs from the last time the measured progress changed, so a slow but steady run passes and a
stuck one still fails in bounded time (a cap stops a run that creeps along for ever).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def until_done(
    progress: Callable[[], Awaitable[T]],
    done: Callable[[T], bool],
    *,
    stalled_after: float,
    cap: float = 900.0,
    every: float = 0.2,
    check: Callable[[], None] | None = None,
    describe: Callable[[], str] | None = None,
) -> None:
    """Wait until ``done(progress())``, failing once progress has not changed for ``stalled_after`` s.

    ``check`` runs on every look (e.g. to fail at once when a worker process died); ``describe`` adds
    what to show when the wait fails.
    """
    started = time.monotonic()
    last_change = started
    last: object = object()
    while True:
        value = await progress()
        if done(value):
            return
        now = time.monotonic()
        if value != last:
            last, last_change = value, now
        if check is not None:
            check()
        if now - last_change > stalled_after or now - started > cap:
            why = "made no progress" if now - last_change > stalled_after else "was still creeping along"
            extra = f"\n{describe()}" if describe is not None else ""
            raise AssertionError(
                f"{why} for {now - last_change:.0f} s (after {now - started:.0f} s in all); "
                f"stuck at {value!r}{extra}"
            )
        await asyncio.sleep(every)
