"""Phone numbers within a pair: never to the other person without their consent, or after the match
ends, or after they withdraw it; coordinators of the organisation always see them; nobody else ever."""

from __future__ import annotations

from typing import Any

import pytest

from carerlink.db import Database
from tests.checkins.factories import Pair, make_pair
from tests.profiles.factories import Person, make_buddy, make_carer, make_coordinator
from tests.support import ApiClient, make_org

SAM, HELEN = "+447700900123", "+447700900103"


async def _pair_with_numbers(db: Database, new_client: Any) -> tuple[Pair, dict[str, ApiClient]]:
    pair = await make_pair(db)
    clients = {}
    for role, person, number in (("carer", pair.carer, SAM), ("buddy", pair.buddy, HELEN)):
        client: ApiClient = new_client()
        await client.login(person.email)
        assert (await client.patch("/api/v1/me", json={"phone": number})).status_code == 200
        clients[role] = client
    coordinator: ApiClient = new_client()
    await coordinator.login(pair.coordinator.email)
    clients["coordinator"] = coordinator
    return pair, clients


def _numbers(match: dict[str, Any]) -> tuple[str | None, str | None]:
    return tuple((match[side]["phone"] or {}).get("number") for side in ("carer", "buddy"))  # type: ignore[return-value]


async def _seen(client: ApiClient, pair: Pair) -> dict[str, tuple[str | None, str | None]]:
    """The pair's numbers as one reader gets them from the match, the match list and a check-in."""
    one = (await client.get(pair.base)).json()
    [listed] = [
        m for m in (await client.get(f"/api/v1/orgs/{pair.org.id}/matches")).json() if m["id"] == one["id"]
    ]
    return {"match": _numbers(one), "list": _numbers(listed)}


async def test_each_side_chooses_and_the_number_goes_when_withdrawn_or_the_match_ends(
    db: Database, new_client: Any
) -> None:
    pair, c = await _pair_with_numbers(db, new_client)
    # Nobody has shared: each sees their own number only; the coordinator sees both.
    assert await _seen(c["buddy"], pair) == {"match": (None, HELEN), "list": (None, HELEN)}
    assert await _seen(c["carer"], pair) == {"match": (SAM, None), "list": (SAM, None)}
    assert await _seen(c["coordinator"], pair) == {"match": (SAM, HELEN), "list": (SAM, HELEN)}

    shared = await c["carer"].put(f"{pair.base}/phone-sharing", json={"share": True})
    assert shared.status_code == 200, shared.text
    assert shared.json()["carer"]["shares_phone"] is True
    assert await _seen(c["buddy"], pair) == {"match": (SAM, HELEN), "list": (SAM, HELEN)}
    assert await _seen(c["carer"], pair) == {"match": (SAM, None), "list": (SAM, None)}  # Helen hasn't

    # Paused: still shown. Withdrawn: gone at once.
    assert (await c["coordinator"].post(f"{pair.base}/pause")).status_code == 200
    assert (await _seen(c["buddy"], pair))["match"] == (SAM, HELEN)
    await c["carer"].put(f"{pair.base}/phone-sharing", json={"share": False})
    assert await _seen(c["buddy"], pair) == {"match": (None, HELEN), "list": (None, HELEN)}

    # Shared again, then the match ends: the ended match keeps nobody's number, and can't share again.
    await c["coordinator"].post(f"{pair.base}/resume")
    await c["carer"].put(f"{pair.base}/phone-sharing", json={"share": True})
    await c["buddy"].put(f"{pair.base}/phone-sharing", json={"share": True})
    assert (await _seen(c["carer"], pair))["match"] == (SAM, HELEN)
    ended = await c["coordinator"].post(f"{pair.base}/end", json={"reason": "goals_met", "note": ""})
    assert ended.status_code == 200, ended.text
    assert (await _seen(c["carer"], pair))["match"] == (SAM, None)
    refused = await c["carer"].put(f"{pair.base}/phone-sharing", json={"share": True})
    assert refused.status_code == 409
    assert (await _seen(c["coordinator"], pair))["match"] == (SAM, HELEN)


async def test_a_buddy_sees_the_carers_number_on_a_check_in_only_when_shared(
    app: Any, db: Database, new_client: Any
) -> None:
    from carerlink.checkins.jobs import materialise

    pair, c = await _pair_with_numbers(db, new_client)
    await c["carer"].put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await materialise(app.state.runtime)
    answered = await c["carer"].post(f"{pair.base}/checkins", json={"wellbeing": 3, "wants_call": True})
    assert answered.status_code in (200, 201), answered.text
    checkin = answered.json()["checkin"]["id"]
    assert (await c["buddy"].get(f"/api/v1/checkins/{checkin}")).json()["carer_phone"] is None
    await c["carer"].put(f"{pair.base}/phone-sharing", json={"share": True})
    seen = (await c["buddy"].get(f"/api/v1/checkins/{checkin}")).json()
    assert seen["wants_call"] is True and seen["carer_phone"]["display"] == "07700 900123"
    assert (await c["coordinator"].get(f"/api/v1/checkins/{checkin}")).json()["carer_phone"]["number"] == SAM


# The allowed callers go last, so the refused ones are shown to have changed nothing.
CALLERS = [
    "anonymous",
    "stranger-carer",
    "stranger-buddy",
    "other-org-coordinator",
    "coordinator",
    "buddy",
    "carer",
]


@pytest.mark.parametrize("share", [True, False])
async def test_only_the_carer_and_the_buddy_choose_for_their_own_side(
    db: Database, new_client: Any, share: bool
) -> None:
    pair, _ = await _pair_with_numbers(db, new_client)
    other_org = await make_org(db, slug="elsewhere")
    people: dict[str, Person] = {
        "carer": pair.carer,
        "buddy": pair.buddy,
        "coordinator": pair.coordinator,
        "stranger-carer": await make_carer(db, pair.org, name="Sam Stranger"),
        "stranger-buddy": await make_buddy(db, pair.org, name="Tom Stranger"),
        "other-org-coordinator": await make_coordinator(db, other_org, name="Olu Other"),
    }
    expected = {
        "anonymous": 401,
        "stranger-carer": 404,
        "stranger-buddy": 404,
        "other-org-coordinator": 404,
        "coordinator": 403,  # sees the numbers anyway, but never chooses for someone
        "buddy": 200,
        "carer": 200,
    }
    for caller in CALLERS:
        client: ApiClient = new_client()
        if caller != "anonymous":
            await client.login(people[caller].email)
        response = await client.put(f"{pair.base}/phone-sharing", json={"share": share})
        assert response.status_code == expected[caller], f"{caller}: {response.status_code} {response.text}"
        if response.status_code >= 400:
            assert SAM not in response.text and HELEN not in response.text
        else:
            body = response.json()
            assert body[caller]["shares_phone"] is share  # their own side only
            other = "buddy" if caller == "carer" else "carer"
            assert body[other]["shares_phone"] is (share and caller == "carer")


async def test_strangers_and_other_organisations_never_read_a_number(db: Database, new_client: Any) -> None:
    pair, c = await _pair_with_numbers(db, new_client)
    await c["carer"].put(f"{pair.base}/phone-sharing", json={"share": True})
    await c["buddy"].put(f"{pair.base}/phone-sharing", json={"share": True})
    other_org = await make_org(db, slug="elsewhere")
    strangers = [
        await make_carer(db, pair.org, name="Sam Stranger"),
        await make_buddy(db, pair.org, name="Tom Stranger"),
        await make_coordinator(db, other_org, name="Olu Other"),
    ]
    readers = [new_client()]
    for person in strangers:
        client: ApiClient = new_client()
        await client.login(person.email)
        readers.append(client)
    paths = [
        pair.base,
        f"/api/v1/orgs/{pair.org.id}/matches",
        f"/api/v1/orgs/{pair.org.id}/members",
        f"/api/v1/orgs/{pair.org.id}/attention",
        f"/api/v1/orgs/{pair.org.id}/alerts",
    ]
    for reader in readers:
        for path in paths:
            response = await reader.get(path)
            assert SAM not in response.text and HELEN not in response.text, path
            assert "07700" not in response.text, path


async def test_a_crisis_alert_gives_the_coordinator_every_number_to_ring(
    db: Database, new_client: Any
) -> None:
    pair, c = await _pair_with_numbers(db, new_client)
    await c["carer"].patch(
        "/api/v1/me",
        json={
            "emergency_contact": {
                "name": "Chris Clarke",
                "relationship": "My brother",
                "phone": "07700 900301",
            }
        },
    )
    asked = await c["carer"].post(
        f"/api/v1/orgs/{pair.org.id}/help", headers={"Idempotency-Key": "help-0000000001"}
    )
    assert asked.status_code == 201, asked.text
    [alert] = (await c["coordinator"].get(f"/api/v1/orgs/{pair.org.id}/alerts")).json()
    assert alert["carer_phone"]["number"] == SAM
    assert alert["buddy_phone"]["number"] == HELEN  # whatever the pair chose between themselves
    assert alert["emergency_contact"]["phone"]["display"] == "07700 900301"
    one = (await c["coordinator"].get(f"/api/v1/orgs/{pair.org.id}/alerts/{alert['id']}")).json()
    assert one["emergency_contact"]["name"] == "Chris Clarke"
    # The buddy is told, but never reads the alert, let alone the numbers on it.
    refused = await c["buddy"].get(f"/api/v1/orgs/{pair.org.id}/alerts/{alert['id']}")
    assert refused.status_code == 403 and "07700" not in refused.text


async def test_a_members_contact_is_for_their_organisations_active_coordinators_only(
    db: Database, new_client: Any
) -> None:
    pair, c = await _pair_with_numbers(db, new_client)
    await c["carer"].patch(
        "/api/v1/me",
        json={
            "emergency_contact": {
                "name": "Chris Clarke",
                "relationship": "My brother",
                "phone": "07700 900301",
            }
        },
    )
    other_org = await make_org(db, slug="elsewhere")
    people: dict[str, Person] = {
        "carer": pair.carer,
        "buddy": pair.buddy,
        "stranger-carer": await make_carer(db, pair.org, name="Sam Stranger"),
        "other-org-coordinator": await make_coordinator(db, other_org, name="Olu Other"),
        "coordinator": pair.coordinator,
    }
    path = f"/api/v1/orgs/{pair.org.id}/members/{pair.carer.membership_id}/contact"
    expected = {
        "anonymous": 401,
        "carer": 403,
        "buddy": 403,
        "stranger-carer": 403,
        "other-org-coordinator": 404,
        "coordinator": 200,
    }
    for caller, status in expected.items():
        client: ApiClient = new_client()
        if caller != "anonymous":
            await client.login(people[caller].email)
        response = await client.get(path)
        assert response.status_code == status, f"{caller}: {response.status_code} {response.text}"
        if status != 200:
            assert "07700" not in response.text
    seen = (await c["coordinator"].get(path)).json()
    assert seen["phone"]["number"] == SAM
    assert seen["emergency_contact"]["relationship"] == "My brother"
    buddy = (
        await c["coordinator"].get(f"/api/v1/orgs/{pair.org.id}/members/{pair.buddy.membership_id}/contact")
    ).json()
    assert buddy["phone"]["number"] == HELEN and buddy["emergency_contact"] is None
    # Another organisation's member through this organisation's address: no such member.
    elsewhere = await make_carer(db, other_org, name="Ola Other")
    missing = await c["coordinator"].get(
        f"/api/v1/orgs/{pair.org.id}/members/{elsewhere.membership_id}/contact"
    )
    assert missing.status_code == 404


async def test_a_suspended_coordinator_sees_no_numbers(db: Database, new_client: Any) -> None:
    pair, c = await _pair_with_numbers(db, new_client)
    colleague = await make_coordinator(db, pair.org, name="Robin Colleague")
    suspended: ApiClient = new_client()
    await suspended.login(colleague.email)
    assert (await suspended.get(pair.base)).json()["carer"]["phone"]["number"] == SAM
    changed = await c["coordinator"].patch(
        f"/api/v1/orgs/{pair.org.id}/members/{colleague.membership_id}", json={"status": "suspended"}
    )
    assert changed.status_code == 200, changed.text
    for path in (pair.base, f"/api/v1/orgs/{pair.org.id}/matches", f"/api/v1/orgs/{pair.org.id}/attention"):
        response = await suspended.get(path)
        assert response.status_code in (403, 404) and "07700" not in response.text, path


async def test_the_attention_list_gives_coordinators_both_numbers(db: Database, new_client: Any) -> None:
    pair, c = await _pair_with_numbers(db, new_client)
    asked = await c["buddy"].post(f"{pair.base}/requests", json={"kind": "break"})
    assert asked.status_code == 200, asked.text
    [item] = (await c["coordinator"].get(f"/api/v1/orgs/{pair.org.id}/attention")).json()
    assert item["carer_phone"]["number"] == SAM and item["buddy_phone"]["number"] == HELEN
    # Someone with no number: the item says so with null, and the app reads "No number on record".
    await c["carer"].patch("/api/v1/me", json={"phone": None})
    [item] = (await c["coordinator"].get(f"/api/v1/orgs/{pair.org.id}/attention")).json()
    assert item["carer_phone"] is None and item["buddy_phone"]["number"] == HELEN
