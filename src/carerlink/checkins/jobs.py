"""Ticks of the check-ins domain: materialise occurrences ahead, and walk the escalation ladder."""

from __future__ import annotations

from datetime import timedelta

from carerlink.checkins import service
from carerlink.runtime import Runtime, Tick


async def materialise(runtime: Runtime) -> int:
    """Keep two weeks of check-ins ahead for every active pair (and follow carers' time zone changes)."""
    async with runtime.database.session_scope() as session:
        return await service.materialise_due_plans(session, now=runtime.clock.now())


async def walk_ladder(runtime: Runtime, *, batch: int = 200, batches: int = 100) -> int:
    """Prompt, nudge, tell the buddy, remind, tell the coordinator: each step once, when due."""
    looked_at = 0
    for _ in range(batches):  # drain a burst in batches, each its own short transaction
        async with runtime.database.session_scope() as session:
            done = await service.run_ladder(session, now=runtime.clock.now(), limit=batch)
        looked_at += done
        if done < batch:
            break
    return looked_at


TICKS = [
    Tick("checkins.materialise", timedelta(minutes=5), materialise),
    Tick("checkins.ladder", timedelta(seconds=5), walk_ladder),
]
