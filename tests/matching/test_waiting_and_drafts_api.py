"""The waiting list, explained suggestions, matching weights and whole-waiting-list drafts through the API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.matching.models import Match
from carerlink.organisations.models import Membership
from tests.matching.test_lifecycle_api import World
from tests.profiles.factories import make_buddy, make_carer, make_coordinator
from tests.support import START, field_errors, make_org, problem


async def waited(db: Database, person: Any, days: int) -> None:
    async with db.session_scope() as session:
        await session.execute(
            update(Membership)
            .where(Membership.id == person.membership_id)
            .values(created_at=START - timedelta(days=days)),
            execution_options={"buddy_pool_owner": ("membership", person.membership_id)},
        )


async def test_the_waiting_list_is_longest_waiting_first_and_carers_see_what_happens_next(
    db: Database, new_client: Any
) -> None:
    world = await World(db, new_client).build()
    newer = await make_carer(db, world.org, name="Sam Clarke")
    unprofiled = await make_carer(db, world.org, name="Ruth Evans", with_profile=False)
    await waited(db, world.carer, 40)
    await waited(db, newer, 3)
    await waited(db, unprofiled, 10)
    boss = await world.as_(world.coordinator)

    listed = (await boss.get(f"{world.base}/waiting-list")).json()

    assert [(w["carer"]["display_name"], w["waiting_days"], w["has_profile"]) for w in listed] == [
        ("Alex Turner", 40, True),
        ("Ruth Evans", 10, False),
        ("Sam Clarke", 3, True),
    ]
    ruth = (await (await world.as_(unprofiled)).get(f"{world.base}/me/waiting")).json()
    assert ruth["state"] == "needs_profile"
    assert ruth["on_waiting_list"] is True
    assert "Tell us a little" in ruth["next_steps"]
    alex_browser = await world.as_(world.carer)
    alex = (await alex_browser.get(f"{world.base}/me/waiting")).json()
    assert alex["state"] == "waiting"
    assert alex["waiting_days"] == 40
    assert "nobody is told about you" in alex["next_steps"]

    match = (await world.propose()).json()
    introduced = (await alex_browser.get(f"{world.base}/me/waiting")).json()
    assert introduced["state"] == "introduction"
    assert introduced["match_id"] == match["id"]
    assert introduced["on_waiting_list"] is False
    assert [w["carer"]["display_name"] for w in (await boss.get(f"{world.base}/waiting-list")).json()] == [
        "Ruth Evans",
        "Sam Clarke",
    ]
    assert problem(await (await world.as_(world.buddy)).get(f"{world.base}/me/waiting"), 403)
    for person, expected in [(world.carer, 403), (world.buddy, 403), (None, 401)]:
        assert (await (await world.as_(person)).get(f"{world.base}/waiting-list")).status_code == expected


async def test_suggestions_are_explained_audited_and_only_for_coordinators(
    db: Database, new_client: Any
) -> None:
    world = await World(db, new_client).build()
    await make_buddy(
        db,
        world.org,
        name="Tom Okafor",
        profile={
            "relationships": ["partner"],
            "needs": ["dementia"],
            "mental_health_needs": [],
            "languages": ["en"],
        },
    )
    await make_buddy(db, world.org, name="Unscreened", screened=False)
    boss = await world.as_(world.coordinator)
    url = f"{world.base}/carers/{world.carer.membership_id}/suggestions"

    found = (await boss.get(f"{url}?limit=5")).json()

    assert found["on_hold"] is None
    assert [s["buddy"]["display_name"] for s in found["suggestions"]] == ["Priya Shah", "Tom Okafor"]
    best = found["suggestions"][0]
    assert best["score"] > found["suggestions"][1]["score"]
    # Worded for the coordinator reading it (issue 11): both people by name, never "You".
    assert (
        " and Priya both care for an adult son or daughter with psychosis or schizophrenia"
        in (best["explanation"]["summary"])
    )
    assert any(r["text"].endswith(" and Priya both speak Urdu") for r in best["explanation"]["reasons"])
    assert not any(r["text"].startswith("You") for r in best["explanation"]["reasons"])
    tom = found["suggestions"][1]["explanation"]
    assert "No shared language other than English" in [c["text"] for c in tom["compromises"]]
    assert field_errors(await boss.get(f"{url}?limit=0")) == {"limit"}
    async with db.session_scope() as session:
        audited = await session.scalar(
            select(func.count()).where(
                AuditEntry.action == "matching.suggestions.viewed",
                AuditEntry.subject_user_id == world.carer.user.id,
            )
        )
    assert audited == 2 - 1  # the refused request wrote nothing
    other_org = await make_org(db)
    outsider = await make_coordinator(db, other_org, name="Jo Other")
    for person, expected in [(world.carer, 403), (world.buddy, 403), (outsider, 404), (None, 401)]:
        response = await (await world.as_(person)).get(url)
        assert response.status_code == expected
        assert "Priya" not in response.text
    buddy_membership = f"{world.base}/carers/{world.buddy.membership_id}/suggestions"
    assert problem(await boss.get(buddy_membership), 404)


async def test_suggestions_never_mention_needs_the_carer_has_not_consented_to_share(
    db: Database, new_client: Any
) -> None:
    world = await World(db, new_client).build()
    private = await make_carer(db, world.org, name="Ruth Evans", health_consent=False)
    boss = await world.as_(world.coordinator)

    found = (await boss.get(f"{world.base}/carers/{private.membership_id}/suggestions")).json()

    text = str(found)
    assert found["suggestions"]
    assert "psychosis" not in text
    assert "mental health" not in text
    assert "needs" not in {r["factor"] for s in found["suggestions"] for r in s["explanation"]["reasons"]}


async def test_weights_are_tuned_per_organisation_and_validated(db: Database, new_client: Any) -> None:
    world = await World(db, new_client).build()
    boss = await world.as_(world.coordinator)
    url = f"{world.base}/matching/weights"

    defaults = (await boss.get(url)).json()
    assert defaults == {
        "relationship": 3,
        "needs": 3,
        "journey": 2,
        "language": 2,
        "area": 1,
        "availability": 2,
        "contact_modes": 1,
        "nice_to_have": 1,
        "load": 1,
    }
    assert field_errors(await boss.put(url, json={**defaults, "needs": 11})) == {"needs"}
    assert field_errors(await boss.put(url, json={**defaults, "rainfall": 2})) == {"rainfall"}
    all_zero = dict.fromkeys(defaults, 0)
    assert "at least one" in problem(await boss.put(url, json=all_zero), 422)["detail"]
    tuned = {**defaults, "language": 10}
    assert (await boss.put(url, json=tuned)).json() == tuned
    assert (await boss.get(url)).json() == tuned
    assert (await boss.get(world.base)).json()["settings"]["matching_weights"] == tuned
    assert (await boss.put(url, json=tuned)).status_code == 200
    for person, expected in [(world.carer, 403), (world.buddy, 403), (None, 401)]:
        assert (await (await world.as_(person)).put(url, json=tuned)).status_code == expected


async def count_matches(db: Database) -> int:
    async with db.session_scope() as session:
        return int(await session.scalar(select(func.count()).select_from(Match)) or 0)


async def test_a_draft_for_the_whole_waiting_list_proposes_nobody_until_confirmed(
    db: Database, new_client: Any
) -> None:
    world = await World(db, new_client).build(capacity=1)
    dementia = {"relationships": ["son_or_daughter"], "needs": ["dementia"], "mental_health_needs": []}
    janet = await make_carer(
        db,
        world.org,
        name="Janet Morris",
        profile={**dementia, "languages": ["en"], "preferred_language": "en"},
    )
    tom = await make_buddy(db, world.org, name="Tom Okafor", profile={**dementia, "capacity": 1})
    helen = await make_buddy(db, world.org, name="Helen Wright", profile={"capacity": 2, "languages": ["en"]})
    boss = await world.as_(world.coordinator)

    draft = (await boss.post(f"{world.base}/match-drafts")).json()

    assert draft["status"] == "draft"
    assert draft["carers_considered"] == 2
    assert {(i["carer"]["display_name"], i["buddy"]["display_name"]) for i in draft["items"]} == {
        ("Alex Turner", "Priya Shah"),
        ("Janet Morris", "Tom Okafor"),
    }
    assert draft["total_score"] >= draft["greedy_total"]
    assert all(i["explanation"]["summary"] for i in draft["items"])
    assert await count_matches(db) == 0  # nobody has been told anything
    url = f"{world.base}/match-drafts/{draft['id']}"

    # edit: Janet gets Helen instead, with a note; then confirm
    edited = (
        await boss.post(
            f"{url}/items",
            json={
                "carer_membership_id": str(janet.membership_id),
                "buddy_membership_id": str(helen.membership_id),
                "note": "Helen lives round the corner.",
            },
        )
    ).json()
    janet_item = next(i for i in edited["items"] if i["carer"]["display_name"] == "Janet Morris")
    assert janet_item["buddy"]["display_name"] == "Helen Wright"
    assert janet_item["added_by_hand"] is True
    assert len(edited["items"]) == 2
    confirmed = await boss.post(f"{url}/confirm")

    assert confirmed.status_code == 200, confirmed.text
    assert {
        (m["carer"]["display_name"], m["buddy"]["display_name"], m["status"])
        for m in confirmed.json()["matches"]
    } == {
        ("Alex Turner", "Priya Shah", "proposed"),
        ("Janet Morris", "Helen Wright", "proposed"),
    }
    assert await count_matches(db) == 2
    janet_match = next(m for m in confirmed.json()["matches"] if m["carer"]["display_name"] == "Janet Morris")
    assert (await boss.get(f"{world.base}/matches/{janet_match['id']}")).json()[
        "note"
    ] == "Helen lives round the corner."
    assert "confirmed" in problem(await boss.post(f"{url}/confirm"), 409)["detail"]
    assert (await boss.get(url)).json()["status"] == "confirmed"
    assert tom  # Tom stays free for the next carer


async def test_a_draft_confirms_all_pairs_or_none(db: Database, new_client: Any) -> None:
    world = await World(db, new_client).build()
    sam = await make_carer(db, world.org, name="Sam Clarke")
    await make_buddy(db, world.org, name="Helen Wright")
    boss = await world.as_(world.coordinator)
    draft = (await boss.post(f"{world.base}/match-drafts")).json()
    assert len(draft["items"]) == 2
    # meanwhile Priya pauses new matches
    await (await world.as_(world.buddy)).patch(
        f"{world.base}/me/buddy-profile/wellbeing", json={"paused": True}
    )

    refused = await boss.post(f"{world.base}/match-drafts/{draft['id']}/confirm")

    detail = problem(refused, 409)["detail"]
    assert detail.startswith("1 pair(s) can't be proposed any more, so none were")
    assert "Priya Shah can't be matched now: The buddy has paused new matches." in detail
    assert await count_matches(db) == 0
    priya_item = next(i for i in draft["items"] if i["buddy"]["display_name"] == "Priya Shah")
    removed = (await boss.delete(f"{world.base}/match-drafts/{draft['id']}/items/{priya_item['id']}")).json()
    assert [u["display_name"] for u in removed["unplaced"]] == [priya_item["carer"]["display_name"]]
    assert (await boss.post(f"{world.base}/match-drafts/{draft['id']}/confirm")).status_code == 200
    assert await count_matches(db) == 1
    assert sam


async def test_an_old_draft_cannot_be_confirmed_and_a_draft_can_be_thrown_away(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    world = await World(db, new_client).build()
    boss = await world.as_(world.coordinator)
    old = (await boss.post(f"{world.base}/match-drafts")).json()
    thrown = (await boss.post(f"{world.base}/match-drafts")).json()

    assert (await boss.post(f"{world.base}/match-drafts/{thrown['id']}/discard")).json()[
        "status"
    ] == "discarded"
    assert problem(await boss.post(f"{world.base}/match-drafts/{thrown['id']}/confirm"), 409)
    clock.advance(timedelta(days=8))
    boss = await world.as_(world.coordinator)
    assert (
        "more than a week old"
        in problem(await boss.post(f"{world.base}/match-drafts/{old['id']}/confirm"), 409)["detail"]
    )
    assert await count_matches(db) == 0


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("GET", ""),
        ("POST", "/confirm"),
        ("POST", "/discard"),
        ("POST", "/items"),
        ("PATCH", "/items/{item}"),
        ("DELETE", "/items/{item}"),
    ],
)
async def test_draft_routes_role_matrix(db: Database, new_client: Any, method: str, suffix: str) -> None:
    world = await World(db, new_client).build()
    other_org = await make_org(db)
    outsider = await make_coordinator(db, other_org, name="Jo Other")
    boss = await world.as_(world.coordinator)
    draft = (await boss.post(f"{world.base}/match-drafts")).json()
    item = draft["items"][0]["id"]
    url = f"{world.base}/match-drafts/{draft['id']}{suffix.format(item=item)}"
    body = {
        "POST/items": {
            "carer_membership_id": str(world.carer.membership_id),
            "buddy_membership_id": str(world.buddy.membership_id),
        },
        "PATCH/items/{item}": {"note": "n"},
    }.get(f"{method}{suffix}")

    for person, expected in [(world.carer, 403), (world.buddy, 403), (outsider, 404), (None, 401)]:
        response = await (await world.as_(person)).request(method, url, json=body)
        assert response.status_code == expected, (person, response.text)
        assert "Priya" not in response.text
    response = await boss.request(method, url, json=body)
    assert response.status_code in (200, 201), response.text
    assert (
        await (await world.as_(outsider)).get(f"/api/v1/orgs/{other_org.id}/match-drafts/{draft['id']}")
    ).status_code == 404
    assert (await boss.post(f"{world.base}/match-drafts", json=None)).status_code == 201
    for person, expected in [(world.carer, 403), (outsider, 404), (None, 401)]:
        assert (await (await world.as_(person)).post(f"{world.base}/match-drafts")).status_code == expected
