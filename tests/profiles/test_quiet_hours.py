"""One quiet-hours concept: a buddy's quiet hours are their notification preference (issue 12).

Quiet hours once set on the buddy's availability screen were kept on the buddy profile, which nothing
read, so the buddy was pushed during them. Migration 0012 moves them into the person's notification
preferences where buddy is their only role; anyone else is asked instead of having them merged.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from alembic import command
from sqlalchemy import select, update

from carerlink.actor import Role
from carerlink.db import Database
from carerlink.db.migrate import alembic_config, upgrade
from carerlink.notifications import kinds, vapid
from carerlink.notifications.models import PushDelivery
from carerlink.organisations.models import Organisation
from carerlink.profiles.models import BuddyProfile
from carerlink.runtime import Runtime
from carerlink.settings import Settings
from tests.conftest import _in_thread
from tests.notifications.push_service import LoopbackPushService
from tests.notifications.support import add_device, send
from tests.profiles.factories import BUDDY_PROFILE, make_buddy
from tests.support import ApiClient, make_org, make_user

PREFERENCES = "/api/v1/me/notification-preferences"


@pytest.fixture
async def push_service(app: Any) -> AsyncIterator[LoopbackPushService]:
    runtime: Runtime = app.state.runtime
    service = LoopbackPushService(vapid_public_key=vapid.key_for(runtime).public_key)
    await service.start()
    yield service
    await service.stop()


async def set_the_old_way(
    db: Database, organisation: Organisation, user_id: Any, start: str, end: str
) -> None:
    """Quiet hours on the buddy profile, as the availability screen kept them before issue 12."""
    async with db.session_scope() as session:
        await session.execute(
            update(BuddyProfile)
            .where(BuddyProfile.user_id == user_id)
            .values(quiet_hours_start=start, quiet_hours_end=end),
            execution_options={"buddy_pool_owner": ("organisation", organisation.id)},
        )


def migrate_from_0011(settings: Settings) -> None:
    """Run migration 0012 over the data as it is (its downgrade changes nothing)."""
    url, schema = settings.database_url, settings.database_schema
    _in_thread(lambda: command.downgrade(alembic_config(url, schema=schema), "0011"))
    _in_thread(lambda: upgrade(url, schema=schema))


async def test_a_buddy_with_quiet_hours_set_the_old_way_is_not_pushed_during_them_after_the_migration(
    db: Database, settings: Settings, push_service: LoopbackPushService
) -> None:
    org = await make_org(db)
    priya = await make_buddy(db, org, name="Priya Shah")
    await set_the_old_way(db, org, priya.user.id, "21:00", "08:00")
    await add_device(db, priya.user, push_service.subscriber())

    migrate_from_0011(settings)
    late_evening = datetime(2026, 3, 2, 22, 0, tzinfo=UTC)  # 22:00 in London
    data = {"buddy_id": priya.membership_id, "buddy_name": "Priya Shah", "check": "safeguarding"}
    await send(db, priya.user, kinds.RecheckDue, data, now=late_evening, organisation_id=org.id)

    async with db.session_scope() as session:
        not_before = await session.scalar(select(PushDelivery.not_before))
        profile = await session.scalar(select(BuddyProfile).where(BuddyProfile.user_id == priya.user.id))
    assert not_before == datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # held until her quiet hours end
    assert profile is not None and (profile.quiet_hours_start, profile.quiet_hours_end) == (None, None)


async def test_the_moved_hours_are_her_notification_settings_and_the_profile_asks_nothing(
    db: Database, settings: Settings, client: ApiClient
) -> None:
    org = await make_org(db)
    priya = await make_buddy(db, org, name="Priya Shah")
    await set_the_old_way(db, org, priya.user.id, "21:30", "07:00")

    migrate_from_0011(settings)

    await client.login(priya.email)
    assert (await client.get(PREFERENCES)).json()["quiet_hours"] == {"start": "21:30", "end": "07:00"}
    profile = (await client.get(f"/api/v1/orgs/{org.id}/me/buddy-profile")).json()
    assert profile["earlier_quiet_hours"] is None


async def test_a_buddy_who_is_also_a_carer_is_asked_rather_than_having_them_merged(
    db: Database, settings: Settings, client: ApiClient
) -> None:
    org = await make_org(db)
    sam = await make_user(db, organisation=org, roles=(Role.BUDDY, Role.CARER), name="Sam Clarke")
    buddy = f"/api/v1/orgs/{org.id}/me/buddy-profile"
    await client.login(sam.email)
    assert (await client.put(buddy, json=BUDDY_PROFILE)).status_code == 200
    await set_the_old_way(db, org, sam.id, "22:00", "06:30")

    migrate_from_0011(settings)

    # Quiet hours in his preferences would also hold back what he gets as a carer: not set for him.
    assert (await client.get(PREFERENCES)).json()["quiet_hours"] is None
    assert (await client.get(buddy)).json()["earlier_quiet_hours"] == {"start": "22:00", "end": "06:30"}
    # Once he has read the note (and set quiet hours in notification settings, or not), it goes.
    seen = await client.patch(f"{buddy}/wellbeing", json={"earlier_quiet_hours": None})
    assert seen.status_code == 200, seen.text
    assert seen.json()["earlier_quiet_hours"] is None


async def test_a_buddy_whose_notification_settings_already_have_other_quiet_hours_keeps_those(
    db: Database, settings: Settings, client: ApiClient
) -> None:
    org = await make_org(db)
    tom = await make_buddy(db, org, name="Tom Okafor")
    await client.login(tom.email)
    chosen = {"start": "23:00", "end": "07:00"}
    assert (await client.patch(PREFERENCES, json={"quiet_hours": chosen})).status_code == 200
    await set_the_old_way(db, org, tom.user.id, "20:00", "09:00")

    migrate_from_0011(settings)

    assert (await client.get(PREFERENCES)).json()["quiet_hours"] == chosen
    profile = (await client.get(f"/api/v1/orgs/{org.id}/me/buddy-profile")).json()
    assert profile["earlier_quiet_hours"] == {"start": "20:00", "end": "09:00"}
