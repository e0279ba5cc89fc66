"""Check-ins keep to the carer's local time through clock changes and when the carer moves time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from litestar import Litestar
from sqlalchemy import select

from carerlink.checkins.jobs import materialise, walk_ladder
from carerlink.checkins.models import CheckinOccurrence
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.notifications.models import Notification
from tests.checkins.factories import make_pair
from tests.support import ApiClient


async def _due_prompts(db: Database, user_id: Any) -> list[datetime]:
    async with db.session_scope() as session:
        return list(
            await session.scalars(
                select(Notification.created_at)
                .where(Notification.user_id == user_id, Notification.kind == "checkin_due")
                .order_by(Notification.created_at)
            )
        )


@pytest.mark.parametrize(
    ("zone", "sunday_before", "sunday_after"),
    [
        ("Europe/London", datetime(2026, 3, 22), datetime(2026, 3, 29)),
        ("America/New_York", datetime(2026, 3, 1), datetime(2026, 3, 8)),
        ("Australia/Sydney", datetime(2026, 3, 29), datetime(2026, 4, 5)),
    ],
)
async def test_the_sunday_1900_prompt_comes_at_1900_local_on_both_sides_of_a_clock_change(
    app: Litestar,
    db: Database,
    new_client: Any,
    clock: FrozenClock,
    zone: str,
    sunday_before: datetime,
    sunday_after: datetime,
) -> None:
    local = ZoneInfo(zone)
    clock.set((sunday_before - timedelta(days=3)).replace(hour=12, tzinfo=local))
    pair = await make_pair(db, carer_zone=zone, now=clock.now())
    carer: ApiClient = new_client()
    await carer.login(pair.carer.email)
    assert (
        await carer.put(
            f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [6], "local_time": "19:00"}
        )
    ).status_code == 200

    for sunday in (sunday_before, sunday_after):
        due = sunday.replace(hour=19, tzinfo=local)
        for moment in (due - timedelta(minutes=1), due, due + timedelta(minutes=1)):
            clock.set(moment)
            await materialise(app.state.runtime)
            await walk_ladder(app.state.runtime)
    prompts = await _due_prompts(db, pair.carer.user.id)
    assert [p.astimezone(local).strftime("%a %H:%M") for p in prompts] == ["Sun 19:00", "Sun 19:00"]
    assert prompts[0].astimezone(local).utcoffset() != prompts[1].astimezone(local).utcoffset()


async def test_when_the_carer_moves_time_zone_future_check_ins_follow_and_past_ones_stay(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    carer: ApiClient = new_client()
    await carer.login(pair.carer.email)
    await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await materialise(app.state.runtime)
    await walk_ladder(app.state.runtime)  # today's (Monday 09:00 London) is open now
    assert (await carer.patch("/api/v1/me", json={"time_zone": "America/New_York"})).status_code == 200

    await materialise(app.state.runtime)

    async with db.session_scope() as session:
        rows = (await session.scalars(select(CheckinOccurrence).order_by(CheckinOccurrence.due_at))).all()
    assert rows[0].time_zone == "Europe/London" and rows[0].state == "open"
    for row in rows[1:]:
        assert row.time_zone == "America/New_York"
        assert row.due_at.astimezone(ZoneInfo("America/New_York")).strftime("%a %H:%M") == "Mon 09:00"
    plan = (await carer.get(f"{pair.base}/checkin-plan")).json()["plan"]
    assert plan["time_zone"] == "America/New_York"


async def test_materialising_twice_makes_nothing_twice(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    carer: ApiClient = new_client()
    await carer.login(pair.carer.email)
    await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0, 3], "local_time": "09:00"}
    )
    for _ in range(3):
        clock.advance(timedelta(days=8))
        await materialise(app.state.runtime)
        await materialise(app.state.runtime)
    async with db.session_scope() as session:
        starts = list(await session.scalars(select(CheckinOccurrence.local_start)))
    assert len(starts) == len(set(starts))
    assert max(starts) >= (clock.now() + timedelta(days=7)).astimezone(UTC).strftime("%Y-%m-%d")
