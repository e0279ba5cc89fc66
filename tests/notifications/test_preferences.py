"""Quiet hours and per-kind switches, and the quiet-hours arithmetic across midnight and clock changes."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from carerlink.actor import Role
from carerlink.db import Database
from carerlink.notifications.service import quiet_until
from tests.support import ApiClient, field_errors, make_org, make_user, problem

PATH = "/api/v1/me/notification-preferences"
LONDON = ZoneInfo("Europe/London")


async def _coordinator_and_buddy(db: Database, client: ApiClient) -> None:
    org = await make_org(db)
    await make_user(db, organisation=org, roles=(Role.COORDINATOR, Role.BUDDY), email="sam@example.org")
    await client.login("sam@example.org")


async def test_defaults_are_no_quiet_hours_and_every_kind_on_for_my_roles(
    db: Database, client: ApiClient
) -> None:
    org = await make_org(db)
    await make_user(
        db, organisation=org, roles=(Role.CARER,), email="alex@example.org", time_zone="Europe/Paris"
    )
    await client.login("alex@example.org")

    body = (await client.get(PATH)).json()

    assert body["time_zone"] == "Europe/Paris"
    assert body["quiet_hours"] is None
    assert {k["kind"] for k in body["kinds"]} == {
        "checkin_due",
        "checkin_nudge",
        "carer_buddy_replied",
        "carer_buddy_on_break",
        "carer_profile_filled_in",
        "match_proposed",
        "match_accepted",
        "match_ended",
        "outcome_ask_open",  # issue 16: a few questions about how you are
        "new_message",  # issue 18: a message from my buddy
    }
    assert all(k["enabled"] for k in body["kinds"])
    assert {k["kind"] for k in body["kinds"] if not k["can_switch_off"]} == {"match_ended"}


async def test_quiet_hours_and_switches_are_saved(db: Database, client: ApiClient) -> None:
    await _coordinator_and_buddy(db, client)

    changed = await client.patch(
        PATH, json={"quiet_hours": {"start": "21:30", "end": "07:00"}, "kinds": {"recheck_due": False}}
    )

    assert changed.status_code == 200, changed.text
    body = (await client.get(PATH)).json()
    assert body["quiet_hours"] == {"start": "21:30", "end": "07:00"}
    switches = {k["kind"]: k for k in body["kinds"]}
    assert switches["recheck_due"]["enabled"] is False
    assert switches["coordinator_crisis_alert"] == {
        "kind": "coordinator_crisis_alert",
        "label": "Urgent alerts when a carer needs help now",
        "enabled": True,
        "can_switch_off": False,
        "during_quiet_hours": True,
    }
    assert (await client.patch(PATH, json={"kinds": {"recheck_due": True}})).json()["quiet_hours"] == {
        "start": "21:30",
        "end": "07:00",
    }
    assert (await client.patch(PATH, json={"quiet_hours": None})).json()["quiet_hours"] is None


async def test_crisis_alerts_cannot_be_switched_off(db: Database, client: ApiClient) -> None:
    await _coordinator_and_buddy(db, client)

    response = await client.patch(
        PATH, json={"kinds": {"recheck_due": False, "coordinator_crisis_alert": False}}
    )

    assert field_errors(response) == {"kinds.coordinator_crisis_alert"}
    body = (await client.get(PATH)).json()
    assert all(k["enabled"] for k in body["kinds"])  # nothing was half-saved


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"quiet_hours": {"start": "22:00", "end": "22:00"}}, "quiet_hours.end"),
        ({"quiet_hours": {"start": "24:00", "end": "07:00"}}, "quiet_hours.start"),
        ({"quiet_hours": {"start": "7:00", "end": "08:00"}}, "quiet_hours.start"),
        ({"quiet_hours": {"start": "22:00"}}, "quiet_hours.end"),
        ({"kinds": {"no_such_kind": False}}, "kinds.no_such_kind"),
        ({"kinds": {"checkin_due": "off"}}, "kinds[...]"),
        ({"quiet": True}, "quiet"),
    ],
)
async def test_bad_preferences_are_refused_naming_the_field(
    db: Database, client: ApiClient, body: dict[str, object], field: str
) -> None:
    await _coordinator_and_buddy(db, client)

    response = await client.patch(PATH, json=body)

    assert field_errors(response) == {field}


async def test_preferences_need_sign_in(client: ApiClient) -> None:
    problem(await client.get(PATH), 401)
    problem(await client.patch(PATH, json={"quiet_hours": None}), 401)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "start", "end", "zone", "until"),
    [
        (utc(2026, 3, 2, 23, 30), time(22), time(7), LONDON, utc(2026, 3, 3, 7)),  # wraps past midnight
        (utc(2026, 3, 3, 6, 59), time(22), time(7), LONDON, utc(2026, 3, 3, 7)),
        (utc(2026, 3, 3, 7, 0), time(22), time(7), LONDON, None),  # the end is not quiet
        (utc(2026, 3, 2, 21, 59), time(22), time(7), LONDON, None),
        (utc(2026, 3, 2, 13, 0), time(12), time(14), LONDON, utc(2026, 3, 2, 14)),  # same-day window
        # The night the UK clocks go forward (29 March 2026): 07:00 BST is 06:00 UTC.
        (utc(2026, 3, 28, 23, 30), time(22), time(7), LONDON, utc(2026, 3, 29, 6)),
        # And back (25 October 2026): 07:00 GMT is 07:00 UTC, an hour "later" than the day before.
        (utc(2026, 10, 24, 22, 30), time(22), time(7), LONDON, utc(2026, 10, 25, 7)),
        (utc(2026, 3, 3, 3, 0), time(21), time(8), ZoneInfo("America/New_York"), utc(2026, 3, 3, 13)),
        (utc(2026, 3, 2, 23, 30), None, None, LONDON, None),
    ],
)
def test_quiet_hours_end_at_the_local_time_whatever_the_offset(
    now: datetime, start: time | None, end: time | None, zone: ZoneInfo, until: datetime | None
) -> None:
    assert quiet_until(now, start=start, end=end, zone=zone) == until
