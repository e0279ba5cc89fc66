"""The buddy-pool stamp: each kind of write that changes an organisation's pool renews its stamp, only its.

Suggestions keep each organisation's screened buddies in memory and trust them while the stamp is
unchanged (matching/pool_cache.py), so a change that leaves the stamp alone shows a buddy as they
were. The stamp's listeners sit on the runtime's sessions (``pool_revision.track``), not on every
session in the process; a bulk write that names no organisation is refused instead of renewing
every organisation's stamp.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import select, update

from carerlink.db import Database
from carerlink.organisations.models import Organisation
from carerlink.profiles import service as profiles
from carerlink.profiles.models import BuddyProfile
from carerlink.profiles.pool_revision import UntracedWrite
from carerlink.settings import Settings
from tests.matching.test_lifecycle_api import World
from tests.profiles.factories import BUDDY_PROFILE, TODAY, make_buddy
from tests.support import make_org

Change = Callable[[World, Any, Any], Awaitable[Any]]


async def stamps(db: Database, *organisations: Organisation) -> list[int]:
    async with db.session_scope() as session:
        return [
            int(
                await session.scalar(select(Organisation.buddy_pool_revision).where(Organisation.id == o.id))
                or 0
            )
            for o in organisations
        ]


def ok(response: Any) -> Any:
    assert response.status_code < 300, response.text
    return response


async def pause(world: World, buddy: Any, boss: Any) -> Any:
    return ok(await buddy.patch(f"{world.base}/me/buddy-profile/wellbeing", json={"paused": True}))


async def lower_capacity(world: World, buddy: Any, boss: Any) -> Any:
    return ok(await buddy.patch(f"{world.base}/me/buddy-profile/wellbeing", json={"capacity": 1}))


async def save_profile(world: World, buddy: Any, boss: Any) -> Any:
    return ok(await buddy.put(f"{world.base}/me/buddy-profile", json={**BUDDY_PROFILE, "languages": ["en"]}))


async def withdraw_health_consent(world: World, buddy: Any, boss: Any) -> Any:
    url = f"{world.base}/me/buddy-profile/health-data-consent"
    return ok(await buddy.put(url, json={"agree": False}))


async def rename(world: World, buddy: Any, boss: Any) -> Any:
    return ok(await buddy.patch("/api/v1/me", json={"display_name": "Priya S."}))


async def withdraw_approval(world: World, buddy: Any, boss: Any) -> Any:
    url = f"{world.base}/buddies/{world.buddy.membership_id}/approval"
    return ok(await boss.put(url, json={"granted": False, "note": ""}))


async def record_check(world: World, buddy: Any, boss: Any) -> Any:
    check = {
        "check_type": "dbs_enhanced",
        "reference": "001234567891",
        "issued_on": str(TODAY),
        "recheck_due": "2029-01-01",
    }
    return ok(await boss.post(f"{world.base}/buddies/{world.buddy.membership_id}/checks", json=check))


async def add_required_course(world: World, buddy: Any, boss: Any) -> Any:
    return ok(await boss.post(f"{world.base}/training-courses", json={"name": "Refresher", "required": True}))


async def change_a_course(world: World, buddy: Any, boss: Any) -> Any:
    courses = ok(await boss.get(f"{world.base}/training-courses")).json()
    return ok(await boss.patch(f"{world.base}/training-courses/{courses[0]['id']}", json={"valid_months": 1}))


async def delete_a_training_record(world: World, buddy: Any, boss: Any) -> Any:
    url = f"{world.base}/buddies/{world.buddy.membership_id}"
    screening = ok(await boss.get(f"{url}/screening")).json()
    record_id = screening["courses"][0]["record_id"]
    return ok(await boss.delete(f"{url}/training/{record_id}"))


async def suspend_the_buddy(world: World, buddy: Any, boss: Any) -> Any:
    url = f"{world.base}/members/{world.buddy.membership_id}"
    return ok(await boss.patch(url, json={"status": "suspended"}))


async def change_accepted_checks(world: World, buddy: Any, boss: Any) -> Any:
    return ok(await boss.patch(world.base, json={"settings": {"buddy_check_types": ["pvg_adults"]}}))


async def take_a_place(world: World, buddy: Any, boss: Any) -> Any:
    async with world.db.session_scope() as session:
        assert await profiles.take_place(session, buddy_membership_id=world.buddy.membership_id)


async def a_new_buddy_joins(world: World, buddy: Any, boss: Any) -> Any:
    await make_buddy(world.db, world.org, name="Daniel Hughes")


@pytest.mark.parametrize(
    "change",
    [
        pause,
        lower_capacity,
        save_profile,
        withdraw_health_consent,
        rename,
        withdraw_approval,
        record_check,
        add_required_course,
        change_a_course,
        delete_a_training_record,
        suspend_the_buddy,
        change_accepted_checks,
        take_a_place,
        a_new_buddy_joins,
    ],
)
async def test_each_kind_of_change_to_a_pool_renews_that_organisations_stamp_only(
    db: Database, new_client: Any, change: Change
) -> None:
    world = await World(db, new_client).build()
    elsewhere = await make_org(db, slug=f"elsewhere-{uuid.uuid4().hex[:6]}")
    await make_buddy(db, elsewhere, name="Ann Other")
    buddy, boss = await world.as_(world.buddy), await world.as_(world.coordinator)
    before = await stamps(db, world.org, elsewhere)

    await change(world, buddy, boss)

    after = await stamps(db, world.org, elsewhere)
    assert after[0] != before[0]  # the pool changed: its cached copy is not used again
    assert after[1] == before[1]  # another organisation's cached pool stays good


async def test_sessions_outside_the_runtime_carry_no_listeners(
    db: Database, settings: Settings, new_client: Any
) -> None:
    world = await World(db, new_client).build()
    [before] = await stamps(db, world.org)
    plain = Database(
        settings.database_url, schema=settings.database_schema
    )  # importing profiles is not enough
    try:
        async with plain.session_scope() as session:
            profile = await session.scalar(
                select(BuddyProfile).where(BuddyProfile.membership_id == world.buddy.membership_id)
            )
            assert profile is not None
            profile.paused = True
    finally:
        await plain.dispose()

    assert await stamps(db, world.org) == [before]


async def test_a_bulk_write_that_names_no_organisation_is_refused(db: Database, new_client: Any) -> None:
    world = await World(db, new_client).build()
    [before] = await stamps(db, world.org)

    with pytest.raises(UntracedWrite):
        async with db.session_scope() as session:
            await session.execute(update(BuddyProfile).values(paused=True))

    assert await stamps(db, world.org) == [before]
    async with db.session_scope() as session:  # naming the owner is enough
        await session.execute(
            update(BuddyProfile).values(paused=True),
            execution_options={"buddy_pool_owner": ("organisation", world.org.id)},
        )
    assert await stamps(db, world.org) != [before]
