"""Endings that are handled, not just recorded (issue 10 §3).

The carer decides whether they want another buddy and the waiting list follows (waiting counted from
when they first joined); both people are told, with a reason only when it is neutral; a pair that ended
as not a good fit or for safeguarding is never proposed again; asks for a break or a different buddy
reach the coordinators' attention list.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from tests.matching.test_lifecycle_api import World
from tests.matching.test_waiting_and_drafts_api import waited
from tests.profiles.factories import make_buddy, make_carer, make_coordinator
from tests.support import START, ApiClient, field_errors, make_org, problem

JOINED_DAYS_BEFORE_START = 20


@pytest.fixture
async def world(db: Database, new_client: Any) -> World:
    built = await World(db, new_client).build()
    await waited(db, built.carer, JOINED_DAYS_BEFORE_START)  # Alex joined 20 days before the match
    return built


async def _live_match(world: World) -> str:
    """Propose Alex and Priya, both read the introduction and say yes; the match's URL."""
    proposed = await world.propose()
    assert proposed.status_code == 201, proposed.text
    url = f"{world.base}/matches/{proposed.json()['id']}"
    for person in (world.carer, world.buddy):
        browser = await world.as_(person)
        await browser.get(url)
        assert (await browser.post(f"{url}/accept")).status_code == 200
    return url


async def _waiting_names(world: World) -> list[str]:
    boss = await world.as_(world.coordinator)
    response = await boss.get(f"{world.base}/waiting-list")
    assert response.status_code == 200, response.text
    return [w["carer"]["display_name"] for w in response.json()]


async def _ended_notices(browser: ApiClient) -> list[dict[str, Any]]:
    inbox = await browser.get("/api/v1/notifications")
    assert inbox.status_code == 200, inbox.text
    return [n for n in inbox.json()["items"] if n["kind"] == "match_ended"]


@pytest.mark.parametrize("reason", ["caring_ended", "goals_met", "carer_request"])
async def test_an_ending_that_means_no_more_buddies_keeps_the_carer_off_the_list_until_they_say_yes(
    world: World, clock: FrozenClock, reason: str
) -> None:
    url = await _live_match(world)
    clock.advance(timedelta(days=40))
    boss, carer = await world.as_(world.coordinator), await world.as_(world.carer)

    ended = await boss.post(f"{url}/end", json={"reason": reason})

    assert ended.status_code == 200, ended.text
    assert await _waiting_names(world) == []  # was: straight back on the list (issue 10 §3: 7 → 8)
    mine = (await carer.get(f"{world.base}/me/waiting")).json()
    assert mine["state"] == "ended"
    assert mine["on_waiting_list"] is False
    assert mine["last_ending"]["wants_rematch"] is None  # asked on their home
    assert mine["last_ending"]["buddy_name"] == "Priya"
    assert mine["last_ending"]["feedback_given"] is False

    said_yes = await carer.post(f"{url}/rematch", json={"wants_rematch": True})

    assert said_yes.status_code == 200, said_yes.text
    assert said_yes.json()["wants_rematch"] is True
    waiting = (await boss.get(f"{world.base}/waiting-list")).json()
    assert [w["carer"]["display_name"] for w in waiting] == ["Alex Turner"]
    # waiting from when Alex first joined, not from the ending 40 days later
    joined = START - timedelta(days=JOINED_DAYS_BEFORE_START)
    assert waiting[0]["waiting_since"].startswith(joined.date().isoformat())
    assert waiting[0]["waiting_days"] == 60
    mine = (await carer.get(f"{world.base}/me/waiting")).json()
    assert (mine["state"], mine["waiting_days"], mine["last_ending"]["wants_rematch"]) == (
        "waiting",
        60,
        True,
    )

    # a change of mind takes Alex off again
    assert (await carer.post(f"{url}/rematch", json={"wants_rematch": False})).status_code == 200
    assert await _waiting_names(world) == []


@pytest.mark.parametrize("reason", ["buddy_stepping_down", "moved_away", "not_a_good_fit", "lost_contact"])
async def test_other_endings_count_as_yes_until_the_carer_answers(
    world: World, clock: FrozenClock, reason: str
) -> None:
    url = await _live_match(world)
    clock.advance(timedelta(days=12))
    buddy, carer = await world.as_(world.buddy), await world.as_(world.carer)

    assert (await buddy.post(f"{url}/end", json={"reason": reason})).status_code == 200

    boss = await world.as_(world.coordinator)
    waiting = (await boss.get(f"{world.base}/waiting-list")).json()
    assert [w["carer"]["display_name"] for w in waiting] == ["Alex Turner"]
    assert waiting[0]["waiting_days"] == 32  # from first joining, not 0 from the ending
    mine = (await carer.get(f"{world.base}/me/waiting")).json()
    assert mine["state"] == "waiting"
    assert mine["last_ending"]["wants_rematch"] is None  # still asked on their home
    assert (await carer.post(f"{url}/rematch", json={"wants_rematch": False})).status_code == 200
    assert await _waiting_names(world) == []


async def test_the_carer_ending_it_answers_at_once_and_only_the_carer_can(world: World) -> None:
    url = await _live_match(world)
    buddy, carer = await world.as_(world.buddy), await world.as_(world.carer)

    refused = await buddy.post(f"{url}/end", json={"reason": "buddy_request", "wants_rematch": False})
    assert refused.status_code == 422
    assert field_errors(refused) == {"wants_rematch"}
    assert (await carer.get(url)).json()["status"] == "active"  # nothing changed

    ended = await carer.post(f"{url}/end", json={"reason": "caring_ended", "wants_rematch": True})

    assert ended.status_code == 200, ended.text
    assert ended.json()["wants_rematch"] is True
    assert await _waiting_names(world) == ["Alex Turner"]
    # the buddy is never told whether the carer wants someone new
    assert (await buddy.get(url)).json()["wants_rematch"] is None


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("caring_ended", "The caring has come to an end."),
        ("goals_met", "It has done what it set out to do."),
        ("moved_away", "It ended because of a move."),
        ("not_a_good_fit", "The match has ended."),
        ("safeguarding", "The match has ended."),
        ("buddy_stepping_down", "The match has ended."),
    ],
)
async def test_both_people_are_told_and_only_a_neutral_reason_is_said(
    world: World, reason: str, words: str
) -> None:
    url = await _live_match(world)
    carer, buddy = await world.as_(world.carer), await world.as_(world.buddy)

    ended = await buddy.post(f"{url}/end", json={"reason": reason, "note": "Private to coordinators"})
    assert ended.status_code == 200, ended.text

    [to_carer] = await _ended_notices(carer)
    [to_buddy] = await _ended_notices(buddy)
    assert to_carer["title"] == "Your match with Priya has ended"
    assert to_buddy["title"] == "Your match with Alex has ended"
    for notice in (to_carer, to_buddy):
        assert notice["body"].startswith(words)
        assert "Tell us how it went" in notice["body"]
        assert notice["url"] == f"/matches/{ended.json()['id']}/ended"
        assert "fit" not in notice["body"] and "safeguard" not in notice["body"].lower()
        assert "Private" not in notice["body"]
    # the app shows the same words on the ended match, and the feedback it already takes
    seen = (await carer.get(url)).json()
    assert seen["ending_words"] == words
    assert seen["end_reason"] is None  # the reason itself is for coordinators
    assert (await carer.post(f"{url}/feedback", json={"feedback": "Thank you, Priya."})).status_code == 200
    mine = (await carer.get(f"{world.base}/me/waiting")).json()
    assert mine["last_ending"]["feedback_given"] is True
    [listed] = (await buddy.get(f"{world.base}/matches")).json()
    assert listed["my_feedback_given"] is False


@pytest.mark.parametrize("reason", ["not_a_good_fit", "safeguarding"])
async def test_a_pair_ended_as_not_a_good_fit_or_for_safeguarding_is_never_proposed_again(
    world: World, reason: str
) -> None:
    url = await _live_match(world)
    boss = await world.as_(world.coordinator)
    assert (await boss.post(f"{url}/end", json={"reason": reason})).status_code == 200
    assert await _waiting_names(world) == ["Alex Turner"]  # Alex still wants a buddy

    suggestions = (await boss.get(f"{world.base}/carers/{world.carer.membership_id}/suggestions")).json()
    assert suggestions["on_hold"] is None
    assert suggestions["suggestions"] == []
    [kept] = suggestions["kept_apart"]
    assert kept["buddy"]["display_name"] == "Priya Shah"
    assert "not a good fit or for safeguarding" in kept["reason"]

    refused = problem(await world.propose(), 409)
    assert "Priya Shah" in refused["detail"]
    assert "ended as not a good fit or for safeguarding" in refused["detail"]

    draft = await boss.post(f"{world.base}/match-drafts")
    assert draft.status_code == 201, draft.text
    assert draft.json()["items"] == []
    assert [p["display_name"] for p in draft.json()["unplaced"]] == ["Alex Turner"]
    by_hand = await boss.post(
        f"{world.base}/match-drafts/{draft.json()['id']}/items",
        json={
            "carer_membership_id": str(world.carer.membership_id),
            "buddy_membership_id": str(world.buddy.membership_id),
        },
    )
    assert "not a good fit" in problem(by_hand, 409)["detail"]


async def test_a_pair_that_ended_well_may_be_matched_again(world: World) -> None:
    url = await _live_match(world)
    carer = await world.as_(world.carer)
    assert (
        await carer.post(f"{url}/end", json={"reason": "goals_met", "wants_rematch": True})
    ).status_code == 200
    boss = await world.as_(world.coordinator)

    suggestions = (await boss.get(f"{world.base}/carers/{world.carer.membership_id}/suggestions")).json()

    assert [s["buddy"]["display_name"] for s in suggestions["suggestions"]] == ["Priya Shah"]
    assert suggestions["kept_apart"] == []
    draft = (await boss.post(f"{world.base}/match-drafts")).json()
    assert [(i["carer"]["display_name"], i["buddy"]["display_name"]) for i in draft["items"]] == [
        ("Alex Turner", "Priya Shah")
    ]


async def test_asks_for_a_break_or_a_different_buddy_reach_the_attention_list_until_dealt_with(
    world: World, clock: FrozenClock
) -> None:
    url = await _live_match(world)
    clock.advance(timedelta(hours=1))
    carer, buddy, boss = (
        await world.as_(world.carer),
        await world.as_(world.buddy),
        await world.as_(world.coordinator),
    )
    assert (await boss.get(f"{world.base}/attention")).json() == []

    asked = await carer.post(f"{url}/requests", json={"kind": "break"})
    assert asked.status_code == 200, asked.text
    again = await carer.post(f"{url}/requests", json={"kind": "break"})
    assert again.json()["id"] == asked.json()["id"]  # asking twice is one ask
    clock.advance(timedelta(minutes=5))
    assert (await buddy.post(f"{url}/requests", json={"kind": "different_buddy"})).status_code == 200
    assert (await carer.get(url)).json()["my_requests"] == ["break"]
    assert (await buddy.get(url)).json()["my_requests"] == ["different_buddy"]
    assert (await carer.get(url)).json()["status"] == "active"  # nothing changes until it is arranged

    items = (await boss.get(f"{world.base}/attention")).json()

    assert [(i["reason"], i["asked_by"], i["carer_name"], i["buddy_name"]) for i in items] == [
        ("asked_for_break", "carer", "Alex Turner", "Priya Shah"),
        ("asked_for_different_buddy", "buddy", "Alex Turner", "Priya Shah"),
    ]
    assert items[0]["at"].startswith((START + timedelta(hours=1)).isoformat()[:16])
    assert items[0]["checkin_id"] is None
    assert items[0]["match_id"] == url.rsplit("/", 1)[1]

    resolved = await boss.post(
        f"{world.base}/attention/{items[0]['id']}/resolve", json={"note": "Agreed a month's break"}
    )
    assert resolved.status_code == 200, resolved.text
    assert problem(await boss.post(f"{world.base}/attention/{items[0]['id']}/resolve", json={}), 409)
    assert [i["reason"] for i in (await boss.get(f"{world.base}/attention")).json()] == [
        "asked_for_different_buddy"
    ]
    assert (await carer.get(url)).json()["my_requests"] == []

    # ending the match deals with what was still asked
    assert (await boss.post(f"{url}/end", json={"reason": "buddy_request"})).status_code == 200
    assert (await boss.get(f"{world.base}/attention")).json() == []
    assert problem(await carer.post(f"{url}/requests", json={"kind": "break"}), 409)


async def test_bad_answers_are_refused_naming_the_field(world: World) -> None:
    url = await _live_match(world)
    carer = await world.as_(world.carer)

    assert field_errors(await carer.post(f"{url}/requests", json={"kind": "holiday"})) == {"kind"}
    assert field_errors(await carer.post(f"{url}/rematch", json={"wants_rematch": "maybe"})) == {
        "wants_rematch"
    }
    # the match is still live: there is nothing to answer yet
    assert problem(await carer.post(f"{url}/rematch", json={"wants_rematch": True}), 409)


async def test_role_matrix_for_the_new_routes(db: Database, world: World) -> None:
    url = await _live_match(world)
    other_carer = await make_carer(db, world.org, name="Sam Clarke")
    other_buddy = await make_buddy(db, world.org, name="Tom Okafor")
    other_org = await make_org(db)
    outsider = await make_coordinator(db, other_org, name="Jo Other")

    # asking for a break or a change: the carer and the buddy of this match only
    for person, expected in [
        (other_carer, 404),
        (other_buddy, 404),
        (world.coordinator, 403),
        (outsider, 404),
        (None, 401),
    ]:
        response = await (await world.as_(person)).post(f"{url}/requests", json={"kind": "break"})
        assert response.status_code == expected, (person, response.text)
    for person in (world.carer, world.buddy):
        assert (
            await (await world.as_(person)).post(f"{url}/requests", json={"kind": "break"})
        ).status_code == 200

    boss = await world.as_(world.coordinator)
    items = (await boss.get(f"{world.base}/attention")).json()
    assert len(items) == 2
    resolve = f"{world.base}/attention/{items[0]['id']}/resolve"
    for person, expected in [
        (world.carer, 403),
        (world.buddy, 403),
        (other_carer, 403),
        (outsider, 404),
        (None, 401),
    ]:
        browser = await world.as_(person)
        assert (await browser.get(f"{world.base}/attention")).status_code == expected
        response = await browser.post(resolve, json={})
        assert response.status_code == expected, (person, response.text)
        assert "Alex" not in response.text
    # a coordinator of another organisation can't reach it through their own organisation either
    cross = await (await world.as_(outsider)).post(
        f"/api/v1/orgs/{other_org.id}/attention/{items[0]['id']}/resolve", json={}
    )
    assert cross.status_code == 404
    assert (await boss.post(resolve, json={})).status_code == 200

    # "another buddy?": the carer of the ended match only
    assert (await boss.post(f"{url}/end", json={"reason": "caring_ended"})).status_code == 200
    for person, expected in [
        (world.buddy, 403),
        (world.coordinator, 403),
        (other_carer, 404),
        (other_buddy, 404),
        (outsider, 404),
        (None, 401),
    ]:
        response = await (await world.as_(person)).post(f"{url}/rematch", json={"wants_rematch": True})
        assert response.status_code == expected, (person, response.text)
    assert "Alex Turner" not in await _waiting_names(world)  # none of them changed the carer's answer
    assert (
        await (await world.as_(world.carer)).post(f"{url}/rematch", json={"wants_rematch": True})
    ).status_code == 200
    assert "Alex Turner" in await _waiting_names(world)
