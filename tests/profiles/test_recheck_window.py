"""The recheck warning window is an organisation setting (issue 11), replacing the fixed 30 days: the
buddies list flags a check running out within it, rechecks-due and the renewal reminders follow it."""

from __future__ import annotations

from datetime import timedelta

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.organisations.models import Organisation
from carerlink.profiles import screening
from carerlink.profiles import service as profiles
from tests.notifications.support import inbox
from tests.profiles.factories import TODAY, make_buddy, make_coordinator
from tests.support import START, ApiClient, field_errors, make_org


def test_the_window_is_the_organisations_else_30_days() -> None:
    assert screening.recheck_warning_days({}) == 30
    assert screening.recheck_warning_days({"recheck_warning_days": 60}) == 60
    assert screening.recheck_warning_days({"recheck_warning_days": True}) == 30
    assert screening.recheck_soon(TODAY + timedelta(days=30), TODAY, 30)
    assert not screening.recheck_soon(TODAY + timedelta(days=31), TODAY, 30)
    assert screening.recheck_soon(TODAY - timedelta(days=1), TODAY, 30)
    assert not screening.recheck_soon(None, TODAY, 30)


async def test_the_buddies_list_flags_checks_running_out_within_the_organisations_window(
    db: Database, client: ApiClient, clock: FrozenClock
) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    await make_buddy(db, org, name="Soon Buddy", recheck_due=TODAY + timedelta(days=20))
    await make_buddy(db, org, name="Later Buddy", recheck_due=TODAY + timedelta(days=45))
    await make_buddy(db, org, name="Far Buddy", recheck_due=TODAY + timedelta(days=400))
    await client.login(coordinator.email)
    url = f"/api/v1/orgs/{org.id}"

    def flagged(buddies: list[dict[str, object]]) -> list[object]:
        return sorted(b["display_name"] for b in buddies if b["recheck_soon"])

    assert (await client.get(url)).json()["settings"]["recheck_warning_days"] == 30
    assert flagged((await client.get(f"{url}/buddies")).json()) == ["Soon Buddy"]
    due = (await client.get(f"{url}/rechecks-due")).json()
    assert [d["display_name"] for d in due] == ["Soon Buddy"]

    changed = await client.patch(url, json={"settings": {"recheck_warning_days": 60}})
    assert changed.status_code == 200, changed.text
    assert changed.json()["settings"]["recheck_warning_days"] == 60
    assert flagged((await client.get(f"{url}/buddies")).json()) == ["Later Buddy", "Soon Buddy"]
    due = (await client.get(f"{url}/rechecks-due")).json()
    assert [d["display_name"] for d in due] == ["Soon Buddy", "Later Buddy"]

    for wrong in (0, 366, "30"):
        refused = await client.patch(url, json={"settings": {"recheck_warning_days": wrong}})
        assert field_errors(refused) == {"settings.recheck_warning_days"}
    assert (await client.get(url)).json()["settings"]["recheck_warning_days"] == 60


async def test_renewal_reminders_follow_the_organisations_window(db: Database) -> None:
    org = await make_org(db)
    async with db.session_scope() as session:
        stored = await session.get(Organisation, org.id)
        assert stored is not None
        stored.settings = {**stored.settings, "recheck_warning_days": 60}
    coordinator = await make_coordinator(db, org)
    await make_buddy(db, org, name="Later Buddy", recheck_due=TODAY + timedelta(days=45))

    async with db.session_scope() as session:
        assert await profiles.remind_renewals(session, now=START) == 1

    [note] = await inbox(db, coordinator.user)
    assert note.body == "Later Buddy's safeguarding check is due for renewal."
