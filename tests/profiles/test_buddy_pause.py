"""A buddy's pause may end by itself on a date they choose, with nothing changed in the database (issue 11).

``paused_until`` is the organisation's date the buddy is available again. Until then they are not
matchable and their own reads say they are paused; from that day (at the organisation's midnight, not
UTC's) they are matchable again and no longer told they are paused, while the stored row is untouched.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.organisations.models import Organisation
from carerlink.profiles.models import BuddyProfile
from tests.matching.test_lifecycle_api import World
from tests.matching.test_suggestions_cache import suggested
from tests.support import START, ApiClient, field_errors, problem

AUCKLAND = "Pacific/Auckland"  # UTC+13 in March: the organisation's day starts at 11:00 UTC


async def _stored(db: Database, world: World) -> tuple[bool, Any, int]:
    async with db.session_scope() as session:
        paused, until = (
            await session.execute(
                select(BuddyProfile.paused, BuddyProfile.paused_until).where(
                    BuddyProfile.membership_id == world.buddy.membership_id
                )
            )
        ).one()
        revision = await session.scalar(
            select(Organisation.buddy_pool_revision).where(Organisation.id == world.org.id)
        )
    return paused, until, int(revision or 0)


async def _in_time_zone(db: Database, world: World, zone: str) -> None:
    async with db.session_scope() as session:
        await session.execute(
            update(Organisation).where(Organisation.id == world.org.id).values(time_zone=zone)
        )


async def _at(clock: FrozenClock, when: datetime, world: World) -> tuple[ApiClient, ApiClient]:
    """Move the clock to ``when`` and sign the coordinator and the buddy in again (sessions time out)."""
    clock.advance(when - clock.now())
    return await world.as_(world.coordinator), await world.as_(world.buddy)


async def test_a_buddy_paused_until_a_date_is_matchable_again_from_that_day_with_nothing_changed(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    world = await World(db, new_client).build()
    await _in_time_zone(db, world, AUCKLAND)  # 2 March 22:00 there
    boss, priya = await world.as_(world.coordinator), await world.as_(world.buddy)
    wellbeing = f"{world.base}/me/buddy-profile/wellbeing"
    assert await suggested(boss, world) == ["Priya Shah"]

    # A date alone pauses: "back on 3 March" (the organisation's date).
    paused = await priya.patch(wellbeing, json={"paused_until": "2026-03-03"})

    assert paused.status_code == 200, paused.text
    assert (paused.json()["paused"], paused.json()["paused_until"]) == (True, "2026-03-03")
    assert await suggested(boss, world) == []
    listed = (await boss.get(f"{world.base}/buddies")).json()
    assert [(b["paused"], b["paused_until"], b["matchable"]) for b in listed] == [(True, "2026-03-03", False)]
    assert (
        listed[0]["reasons"][0]["message"] == "The buddy has paused new matches until Tuesday 3 March 2026."
    )
    stored = await _stored(db, world)

    # 10:59 UTC on 2 March is 23:59 in Auckland: still paused.
    boss, priya = await _at(clock, START.replace(hour=10, minute=59), world)
    assert await suggested(boss, world) == []
    assert (await priya.get(f"{world.base}/me/buddy-profile")).json()["paused"] is True

    # 11:00 UTC, still 2 March in UTC, is 3 March in Auckland: Priya is back, with no job and no write.
    boss, priya = await _at(clock, START.replace(hour=11), world)
    assert await suggested(boss, world) == ["Priya Shah"]
    mine = (await priya.get(f"{world.base}/me/buddy-profile")).json()
    assert (mine["paused"], mine["paused_until"]) == (False, None)
    screening = (await priya.get(f"{world.base}/me/screening")).json()
    assert (screening["matchable"], screening["paused"], screening["reasons"]) == (True, False, [])
    listed = (await boss.get(f"{world.base}/buddies")).json()
    assert [(b["paused"], b["paused_until"], b["matchable"]) for b in listed] == [(False, None, True)]
    assert await _stored(db, world) == stored  # the row and the pool revision are as they were


async def test_the_date_must_be_after_today_where_the_centre_is_and_a_refusal_names_it(
    db: Database, new_client: Any
) -> None:
    world = await World(db, new_client).build()
    priya = await world.as_(world.buddy)
    wellbeing = f"{world.base}/me/buddy-profile/wellbeing"
    today = START.date()  # 2 March in London

    for refused in (
        {"paused": True, "paused_until": str(today)},
        {"paused_until": str(today - timedelta(days=1))},
        {"paused": False, "paused_until": str(today + timedelta(days=5))},  # a date only goes with a pause
        {"paused": True, "paused_until": str(today.replace(year=today.year + 20))},  # a mistyped year
    ):
        body = problem(await priya.patch(wellbeing, json=refused), 422)
        assert [e["field"] for e in body["errors"]] == ["paused_until"], refused
    body = problem(await priya.patch(wellbeing, json={"paused": True, "paused_until": str(today)}), 422)
    assert "must be in the future" in body["errors"][0]["message"]
    assert field_errors(await priya.patch(wellbeing, json={"paused_until": "next week"})) == {"paused_until"}
    mine = (await priya.get(f"{world.base}/me/buddy-profile")).json()
    assert (mine["paused"], mine["paused_until"]) == (False, None)  # nothing was written
    assert (await _stored(db, world))[:2] == (False, None)

    tomorrow = await priya.patch(
        wellbeing, json={"paused": True, "paused_until": str(today + timedelta(days=1))}
    )
    assert tomorrow.status_code == 200, tomorrow.text


async def test_resuming_clears_the_date_and_a_new_pause_has_none_unless_given(
    db: Database, new_client: Any
) -> None:
    world = await World(db, new_client).build()
    boss, priya = await world.as_(world.coordinator), await world.as_(world.buddy)
    wellbeing = f"{world.base}/me/buddy-profile/wellbeing"

    assert (
        await priya.patch(wellbeing, json={"paused": True, "paused_until": "2027-01-03"})
    ).status_code == 200
    kept = (await priya.patch(wellbeing, json={"capacity": 3})).json()  # other changes keep the date
    assert (kept["paused"], kept["paused_until"], kept["capacity"]) == (True, "2027-01-03", 3)
    open_ended = (await priya.patch(wellbeing, json={"paused_until": None})).json()
    assert (open_ended["paused"], open_ended["paused_until"]) == (True, None)
    assert (await priya.patch(wellbeing, json={"paused_until": "2027-01-03"})).json()[
        "paused_until"
    ] == "2027-01-03"

    resumed = (await priya.patch(wellbeing, json={"paused": False})).json()

    assert (resumed["paused"], resumed["paused_until"]) == (False, None)
    assert (await _stored(db, world))[:2] == (False, None)
    assert await suggested(boss, world) == ["Priya Shah"]
    again = (await priya.patch(wellbeing, json={"paused": True})).json()
    assert (again["paused"], again["paused_until"]) == (True, None)  # not the old date
    async with db.session_scope() as session:
        details = (
            await session.scalars(
                select(AuditEntry.details).where(AuditEntry.action == "profiles.buddy.wellbeing_changed")
            )
        ).all()
    # Every change is audited with its date (all at one frozen instant, so counted rather than ordered).
    assert Counter(d["paused_until"] for d in details) == {"2027-01-03": 3, None: 3}


async def test_a_pause_whose_day_has_come_is_over_when_the_buddy_next_changes_anything(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    world = await World(db, new_client).build()
    priya = await world.as_(world.buddy)
    wellbeing = f"{world.base}/me/buddy-profile/wellbeing"
    assert (await priya.patch(wellbeing, json={"paused_until": "2026-03-04"})).status_code == 200

    _, priya = await _at(clock, START + timedelta(days=2), world)  # 4 March: back
    changed = (await priya.patch(wellbeing, json={"capacity": 1})).json()

    assert (changed["paused"], changed["paused_until"], changed["capacity"]) == (False, None, 1)
    assert (await _stored(db, world))[:2] == (False, None)  # tidied, not left to come back
