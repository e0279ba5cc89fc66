"""Suggestions keep the organisation's buddies between requests, and never show them as they were.

Every change a person can make to a buddy (a pause, a new name, approval withdrawn, a course made
required, a place taken, a check running out, a new buddy) shows in the very next suggestions, while
asking again with nothing changed reuses the pool instead of reading every buddy again.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import insert

from carerlink.app import create_app
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.matching.pool_cache import PoolCache, cache_for
from carerlink.profiles.models import BuddyDecision, DecisionKind
from carerlink.settings import Settings
from tests.matching.test_lifecycle_api import World
from tests.profiles.factories import TODAY, make_buddy, make_carer
from tests.support import START, ApiClient, Mailbox


async def pool_cache(db: Database) -> PoolCache:
    async with db.session_scope() as session:
        return cache_for(session)


async def suggested(boss: Any, world: World, carer: Any = None) -> list[str]:
    carer = carer or world.carer
    response = await boss.get(f"{world.base}/carers/{carer.membership_id}/suggestions?limit=10")
    assert response.status_code == 200, response.text
    return sorted(s["buddy"]["display_name"] for s in response.json()["suggestions"])


async def test_a_change_to_a_buddy_shows_in_the_next_suggestions_and_nothing_else_reloads_them(
    db: Database, new_client: Any
) -> None:
    world = await World(db, new_client).build(capacity=1)
    tom = await make_buddy(db, world.org, name="Tom Okafor")
    boss = await world.as_(world.coordinator)
    cache = await pool_cache(db)

    assert await suggested(boss, world) == ["Priya Shah", "Tom Okafor"]
    builds = cache.builds
    for _ in range(3):
        assert await suggested(boss, world) == ["Priya Shah", "Tom Okafor"]
    assert cache.builds == builds  # asked again with nothing changed: the kept pool answers

    # The buddy takes a break, and comes back.
    priya = await world.as_(world.buddy)
    wellbeing = f"{world.base}/me/buddy-profile/wellbeing"
    assert (await priya.patch(wellbeing, json={"paused": True})).status_code == 200
    assert await suggested(boss, world) == ["Tom Okafor"]
    assert (await priya.patch(wellbeing, json={"paused": False})).status_code == 200
    assert await suggested(boss, world) == ["Priya Shah", "Tom Okafor"]

    # A new name is the name the coordinator sees.
    tom_browser = await world.as_(tom)
    assert (await tom_browser.patch("/api/v1/me", json={"display_name": "Tomas Okafor"})).status_code == 200
    assert await suggested(boss, world) == ["Priya Shah", "Tomas Okafor"]

    # Approval withdrawn, and given again.
    approval = f"{world.base}/buddies/{tom.membership_id}/approval"
    assert (
        await boss.put(approval, json={"granted": False, "note": "Paused by the centre"})
    ).status_code == 200
    assert await suggested(boss, world) == ["Priya Shah"]
    assert (await boss.put(approval, json={"granted": True})).status_code == 200
    assert await suggested(boss, world) == ["Priya Shah", "Tomas Okafor"]

    # Priya's only place goes to another carer.
    other = await make_carer(db, world.org, name="Sam Clarke")
    assert (await world.propose(carer=other)).status_code == 201
    assert await suggested(boss, world) == ["Tomas Okafor"]

    # A new required course: nobody has done it yet, so nobody can be matched until they have.
    created = await boss.post(
        f"{world.base}/training-courses", json={"name": "Safeguarding refresher", "required": True}
    )
    assert created.status_code == 201, created.text
    assert await suggested(boss, world) == []
    done = await boss.post(
        f"{world.base}/buddies/{tom.membership_id}/training",
        json={"course_id": created.json()["id"], "completed_on": str(TODAY)},
    )
    assert done.status_code == 201, done.text
    assert await suggested(boss, world) == ["Tomas Okafor"]
    retired = await boss.patch(
        f"{world.base}/training-courses/{created.json()['id']}", json={"retired": True}
    )
    assert retired.status_code == 200, retired.text

    # A buddy who joins and is screened is suggested straight away.
    await make_buddy(db, world.org, name="Daniel Hughes")
    assert await suggested(boss, world) == ["Daniel Hughes", "Tomas Okafor"]


async def test_a_check_that_runs_out_overnight_takes_the_buddy_out_of_the_suggestions(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    world = await World(db, new_client).build()
    await make_buddy(db, world.org, name="Tom Okafor", recheck_due=TODAY + timedelta(days=1))
    boss = await world.as_(world.coordinator)
    assert await suggested(boss, world) == ["Priya Shah", "Tom Okafor"]

    clock.advance(timedelta(days=2))  # nothing in the database changed; the date did

    boss = await world.as_(world.coordinator)  # (two days on, the coordinator signs in again)
    assert await suggested(boss, world) == ["Priya Shah"]


async def test_rows_written_in_bulk_outside_the_services_still_count(db: Database, new_client: Any) -> None:
    world = await World(db, new_client).build()
    await make_buddy(db, world.org, name="Tom Okafor")
    boss = await world.as_(world.coordinator)
    assert await suggested(boss, world) == ["Priya Shah", "Tom Okafor"]

    # An import script withdrawing approval with one INSERT of many rows, not through the services.
    async with db.session_scope() as session:
        await session.execute(
            insert(BuddyDecision),
            [
                {
                    "id": uuid.uuid4(),
                    "membership_id": world.buddy.membership_id,
                    "kind": DecisionKind.APPROVAL,
                    "sequence": 99,
                    "granted": False,
                    "note": "",
                    "decided_at": START,
                }
            ],
        )

    assert await suggested(boss, world) == ["Tom Okafor"]


async def test_a_change_made_through_another_web_process_shows_at_once(
    db: Database, new_client: Any, settings: Settings, clock: FrozenClock, mailbox: Mailbox
) -> None:
    world = await World(db, new_client).build()
    await make_buddy(db, world.org, name="Tom Okafor")
    boss = await world.as_(world.coordinator)
    assert await suggested(boss, world) == ["Priya Shah", "Tom Okafor"]  # kept by this process

    # A second web process on the same database: its own engine, its own kept pools.
    other = create_app(settings, clock=clock, mail_transport=mailbox)
    try:
        priya = ApiClient(other)
        await priya.login(world.buddy.email)
        paused = await priya.patch(f"{world.base}/me/buddy-profile/wellbeing", json={"paused": True})
        assert paused.status_code == 200, paused.text
    finally:
        await other.state.runtime.close()

    assert await suggested(boss, world) == ["Tom Okafor"]
