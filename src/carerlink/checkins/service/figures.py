"""Figures of check-ins for the metrics endpoint: ladder steps taken, and check-ins by state."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from carerlink.checkins.models import CheckinOccurrence, CheckinStep


async def counts(session: AsyncSession) -> dict[str, int]:
    """Ladder steps taken by kind, and check-ins by state (for metrics)."""
    steps = dict(
        (await session.execute(select(CheckinStep.step, func.count()).group_by(CheckinStep.step))).all()
    )
    states = dict(
        (
            await session.execute(
                select(CheckinOccurrence.state, func.count()).group_by(CheckinOccurrence.state)
            )
        ).all()
    )
    return {
        **{f"step_{k}": int(v) for k, v in steps.items()},
        **{f"state_{k}": int(v) for k, v in states.items()},
    }
