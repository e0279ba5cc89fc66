"""The match lifecycle through the API: three consents, introductions first, pause, end, feedback."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from carerlink.actor import Actor
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.matching import service as matching
from carerlink.organisations.scope import open_scope
from carerlink.profiles import service as profiles
from carerlink.profiles.models import BuddyProfile, DecisionKind, TrainingCourse
from carerlink.profiles.schemas import SafeguardingCheckCreate
from carerlink.profiles.vocabulary import CheckType
from tests.profiles.factories import TODAY, Person, make_buddy, make_carer, make_coordinator
from tests.support import START, ApiClient, make_org, problem


class World:
    """An organisation with a coordinator, a carer and a buddy who suit each other, and browsers."""

    def __init__(self, db: Database, new_client: Any) -> None:
        self.db, self.new_client = db, new_client

    async def build(self, *, capacity: int = 2) -> World:
        self.org = await make_org(self.db)
        self.coordinator = await make_coordinator(self.db, self.org)
        self.carer = await make_carer(self.db, self.org)
        self.buddy = await make_buddy(self.db, self.org, profile={"capacity": capacity})
        self.base = f"/api/v1/orgs/{self.org.id}"
        return self

    async def as_(self, person: Person | None) -> ApiClient:
        browser: ApiClient = self.new_client()
        if person is not None:
            await browser.login(person.email)
        return browser

    async def propose(self, carer: Person | None = None, buddy: Person | None = None, note: str = "") -> Any:
        boss = await self.as_(self.coordinator)
        return await boss.post(
            f"{self.base}/matches",
            json={
                "carer_membership_id": str((carer or self.carer).membership_id),
                "buddy_membership_id": str((buddy or self.buddy).membership_id),
                "note": note,
            },
        )

    async def places_taken(self, buddy: Person | None = None) -> int:
        async with self.db.session_scope() as session:
            taken = await session.scalar(
                select(BuddyProfile.places_taken).where(
                    BuddyProfile.membership_id == (buddy or self.buddy).membership_id
                )
            )
        return int(taken or 0)


@pytest.fixture
async def world(db: Database, new_client: Any) -> World:
    return await World(db, new_client).build()


async def test_a_match_goes_live_only_when_both_have_read_the_introduction_and_said_yes(world: World) -> None:
    proposed = await world.propose(note="Both parents of a son with psychosis.")
    assert proposed.status_code == 201, proposed.text
    match = proposed.json()
    url = f"{world.base}/matches/{match['id']}"
    assert match["status"] == "proposed"
    assert match["note"] == "Both parents of a son with psychosis."
    assert await world.places_taken() == 1
    carer, buddy = await world.as_(world.carer), await world.as_(world.buddy)

    assert problem(await carer.post(f"{url}/accept"), 409)["detail"] == "Please read the introduction first."

    carer_view = (await carer.get(url)).json()
    assert carer_view["viewer"] == "carer"
    assert carer_view["introduction"]["display_name"] == "Priya Shah"
    assert "Cares for an adult son or daughter" in carer_view["introduction"]["lines"]
    assert carer_view["introduction"]["in_their_words"].startswith("My son")
    assert carer_view["explanation"]["reasons"][0]["text"].startswith("You both care for")
    assert carer_view["note"] is None  # the coordinator's note is for coordinators
    accepted = await carer.post(f"{url}/accept")
    assert accepted.json()["status"] == "proposed"
    assert accepted.json()["my_decision"] == "accepted"
    assert (await carer.post(f"{url}/accept")).status_code == 200  # a retry changes nothing
    # Lists say whether I have answered (so an introduction I said yes to stops asking me), and
    # never what the other person said.
    [mine] = (await carer.get(f"{world.base}/matches")).json()
    assert mine["my_decision"] == "accepted"
    [theirs] = (await buddy.get(f"{world.base}/matches")).json()
    assert theirs["my_decision"] is None

    buddy_view = (await buddy.get(url)).json()
    assert buddy_view["introduction"]["display_name"] == "Alex Turner"
    assert "The person they care for has psychosis or schizophrenia" in buddy_view["introduction"]["lines"]
    assert buddy_view["my_decision"] is None
    assert buddy_view["carer_decision"] is None  # nobody is pressed by the other's answer
    live = (await buddy.post(f"{url}/accept")).json()

    assert live["status"] == "active"
    assert live["activated_at"] is not None
    boss = await world.as_(world.coordinator)
    history = (await boss.get(url)).json()["events"]
    assert [(e["event"], e["to_status"]) for e in history] == [
        ("proposed", "proposed"),
        ("carer_introduced", "proposed"),
        ("carer_accepted", "proposed"),
        ("buddy_introduced", "proposed"),
        ("buddy_accepted", "proposed"),
        ("activated", "active"),
    ]
    assert history[0]["actor_user_id"] == str(world.coordinator.user.id)
    assert history[-1]["actor_user_id"] == str(world.buddy.user.id)


async def test_the_buddy_may_say_yes_first(world: World) -> None:
    match = (await world.propose()).json()
    url = f"{world.base}/matches/{match['id']}"
    buddy, carer = await world.as_(world.buddy), await world.as_(world.carer)
    await buddy.get(url)
    assert (await buddy.post(f"{url}/accept")).json()["status"] == "proposed"
    await carer.get(url)
    assert (await carer.post(f"{url}/accept")).json()["status"] == "active"


async def test_pause_resume_end_and_feedback(world: World) -> None:
    match = (await world.propose()).json()
    url = f"{world.base}/matches/{match['id']}"
    carer, buddy, boss = (
        await world.as_(world.carer),
        await world.as_(world.buddy),
        await world.as_(world.coordinator),
    )
    for person in (carer, buddy):
        await person.get(url)
        await person.post(f"{url}/accept")

    assert (await buddy.post(f"{url}/pause")).json()["status"] == "paused"
    assert (
        problem(await buddy.post(f"{url}/pause"), 409)["detail"]
        == "This match is paused, so it can't be paused."
    )
    assert (await carer.post(f"{url}/resume")).json()["status"] == "active"
    ended = await carer.post(
        f"{url}/end", json={"reason": "goals_met", "feedback": "Priya helped me find my feet. Thank you."}
    )
    assert ended.json()["status"] == "ended"
    assert ended.json()["my_feedback"] == "Priya helped me find my feet. Thank you."
    assert ended.json()["introduction"] is None  # no longer shown once a match has ended
    assert await world.places_taken() == 0
    assert (
        await buddy.post(f"{url}/feedback", json={"feedback": "Lovely to see Alex grow."})
    ).status_code == 200
    assert problem(await buddy.post(f"{url}/feedback", json={"feedback": "Again"}), 409)
    seen = (await boss.get(url)).json()
    assert seen["end_reason"] == "goals_met"
    assert seen["carer_feedback"].startswith("Priya helped")
    assert seen["buddy_feedback"] == "Lovely to see Alex grow."
    assert [e["event"] for e in seen["events"]][-3:] == ["paused", "resumed", "ended"]
    # "Goals met": Alex isn't put back on the waiting list unless they ask for another buddy
    # (issue 10 §3; tests/matching/test_endings_api.py covers the answer)
    assert (await boss.get(f"{world.base}/waiting-list")).json() == []


async def test_a_declined_pair_is_never_proposed_again(world: World) -> None:
    match = (await world.propose()).json()
    url = f"{world.base}/matches/{match['id']}"
    carer, buddy, boss = (
        await world.as_(world.carer),
        await world.as_(world.buddy),
        await world.as_(world.coordinator),
    )
    await carer.get(url)

    declined = await carer.post(f"{url}/decline", json={"reason": "I'd rather talk to a dad."})

    assert declined.json()["status"] == "declined"
    assert await world.places_taken() == 0
    buddy_view = (await buddy.get(url)).json()
    assert buddy_view["status"] == "declined"
    assert buddy_view["carer_decline_reason"] is None
    assert buddy_view["introduction"] is None
    assert (await boss.get(url)).json()["carer_decline_reason"] == "I'd rather talk to a dad."
    assert "declined" in problem(await world.propose(), 409)["detail"]
    suggestions = (await boss.get(f"{world.base}/carers/{world.carer.membership_id}/suggestions")).json()
    assert suggestions["suggestions"] == []
    waiting = (await boss.get(f"{world.base}/waiting-list")).json()
    assert waiting[0]["earlier_proposals"] == 1


async def test_a_withdrawn_proposal_frees_the_place_and_may_be_made_again(world: World) -> None:
    match = (await world.propose()).json()
    boss = await world.as_(world.coordinator)

    withdrawn = await boss.post(
        f"{world.base}/matches/{match['id']}/withdraw", json={"reason": "Wrong buddy"}
    )

    assert withdrawn.json()["status"] == "withdrawn"
    assert await world.places_taken() == 0
    assert (await world.propose()).status_code == 201


@pytest.mark.parametrize(
    ("steps", "action", "body", "detail"),
    [
        ([], "pause", None, "This match is waiting for both answers, so it can't be paused."),
        ([], "resume", None, "This match is waiting for both answers, so it can't be restarted."),
        ([], "end", {"reason": "other"}, "This match hasn't started: it can be declined, or withdrawn"),
        ([], "feedback", {"feedback": "hi"}, "This match is waiting for both answers"),
        (["live"], "accept", None, "This match is active, so it can't be accepted."),
        (["live"], "decline", {}, "This match is active, so it can't be declined."),
        (["live"], "withdraw", {}, "This match is active, so it can't be withdrawn."),
        (["live"], "resume", None, "This match is active, so it can't be restarted."),
        (["live", "end"], "pause", None, "This match is ended, so it can't be paused."),
        (["live", "end"], "end", {"reason": "other"}, "This match is ended, so it can't be ended."),
    ],
)
async def test_invalid_transitions_are_409_with_a_clear_message(
    world: World, steps: list[str], action: str, body: Any, detail: str
) -> None:
    match = (await world.propose()).json()
    url = f"{world.base}/matches/{match['id']}"
    carer, buddy = await world.as_(world.carer), await world.as_(world.buddy)
    for person in (carer, buddy):
        await person.get(url)
    if "live" in steps:
        await carer.post(f"{url}/accept")
        await buddy.post(f"{url}/accept")
    if "end" in steps:
        await carer.post(f"{url}/end", json={"reason": "caring_ended"})
    actor = await world.as_(world.coordinator) if action == "withdraw" else carer
    before = (await (await world.as_(world.coordinator)).get(url)).json()

    response = await actor.post(f"{url}/{action}", json=body)

    assert problem(response, 409)["detail"].startswith(detail)
    after = (await (await world.as_(world.coordinator)).get(url)).json()
    assert after["status"] == before["status"]
    assert len(after["events"]) == len(before["events"])


async def test_the_rules_are_checked_when_a_coordinator_proposes(db: Database, new_client: Any) -> None:
    world = await World(db, new_client).build(capacity=1)
    unapproved = await make_buddy(db, world.org, name="New Buddy", screened=False)
    man = await make_buddy(db, world.org, name="Dan Man", profile={"gender": "man"})
    picky = await make_carer(
        db,
        world.org,
        name="Aisha Rahman",
        profile={"preferences": {"gender": {"genders": ["woman"], "strength": "must"}}},
    )
    young = await make_carer(
        db, world.org, name="Leo Nowak", profile={"carer_category": "young", "under_18": True}
    )
    no_profile = await make_carer(db, world.org, name="Ruth Evans", with_profile=False)

    detail = problem(await world.propose(buddy=unapproved), 409)["detail"]
    assert detail.startswith("New Buddy can't be matched now:")
    assert "hasn't approved" in detail
    assert "another gender" in problem(await world.propose(carer=picky, buddy=man), 409)["detail"]
    assert "under 18" in problem(await world.propose(carer=young), 409)["detail"]
    assert "hasn't filled in their profile" in problem(await world.propose(carer=no_profile), 409)["detail"]
    assert (await world.propose()).status_code == 201
    assert "already has a proposed" in problem(await world.propose(buddy=man), 409)["detail"]
    assert "no free places" in problem(await world.propose(carer=picky), 409)["detail"]
    assert await world.places_taken() == 1


async def test_young_carers_are_matched_only_through_the_programme(db: Database, new_client: Any) -> None:
    world = await World(db, new_client).build()
    cleared = await make_buddy(
        db, world.org, name="Daniel Hughes", check_type=CheckType.DBS_ENHANCED_BOTH_BARRED, young_carers=True
    )
    young = await make_carer(
        db, world.org, name="Leo Nowak", profile={"carer_category": "young", "under_18": True}
    )
    boss = await world.as_(world.coordinator)
    suggestions_url = f"{world.base}/carers/{young.membership_id}/suggestions"

    held = (await boss.get(suggestions_url)).json()
    assert "young carers' programme" in held["on_hold"]
    await boss.patch(f"{world.base}", json={"settings": {"young_carers_programme": True}})
    offered = (await boss.get(suggestions_url)).json()
    assert [s["buddy"]["display_name"] for s in offered["suggestions"]] == ["Daniel Hughes"]
    assert "under 18" in problem(await world.propose(carer=young), 409)["detail"]
    assert (await world.propose(carer=young, buddy=cleared)).status_code == 201


async def test_match_routes_role_matrix(db: Database, new_client: Any) -> None:
    world = await World(db, new_client).build()
    other_carer = await make_carer(db, world.org, name="Sam Clarke")
    other_buddy = await make_buddy(db, world.org, name="Tom Okafor")
    other_org = await make_org(db)
    outsider = await make_coordinator(db, other_org, name="Jo Other")
    match = (await world.propose(note="private note")).json()
    url = f"{world.base}/matches/{match['id']}"

    async def get_as(person: Person | None) -> tuple[int, str]:
        response = await (await world.as_(person)).get(url)
        return response.status_code, response.text

    assert (await get_as(world.coordinator))[0] == 200
    assert (await get_as(world.carer))[0] == 200
    assert (await get_as(world.buddy))[0] == 200
    for person, expected in [(other_carer, 404), (other_buddy, 404), (outsider, 404), (None, 401)]:
        status, text = await get_as(person)
        assert status == expected, text
        assert "private note" not in text
        assert "Priya" not in text
    cross = await (await world.as_(outsider)).get(f"/api/v1/orgs/{other_org.id}/matches/{match['id']}")
    assert cross.status_code == 404
    # only the two people answer; only coordinators withdraw
    assert problem(await (await world.as_(world.coordinator)).post(f"{url}/accept"), 403)
    assert problem(await (await world.as_(other_carer)).post(f"{url}/accept"), 404)
    assert problem(await (await world.as_(None)).post(f"{url}/accept"), 401)
    assert problem(await (await world.as_(world.carer)).post(f"{url}/withdraw", json={}), 403)
    assert problem(await (await world.as_(other_buddy)).post(f"{url}/pause"), 404)
    # lists show each person their own
    assert [m["id"] for m in (await (await world.as_(world.carer)).get(f"{world.base}/matches")).json()] == [
        match["id"]
    ]
    assert (await (await world.as_(other_carer)).get(f"{world.base}/matches")).json() == []
    assert (await (await world.as_(outsider)).get(f"{world.base}/matches")).status_code == 404
    # proposing is for coordinators
    for person, expected in [(world.carer, 403), (world.buddy, 403), (outsider, 404), (None, 401)]:
        response = await (await world.as_(person)).post(
            f"{world.base}/matches",
            json={
                "carer_membership_id": str(other_carer.membership_id),
                "buddy_membership_id": str(other_buddy.membership_id),
            },
        )
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("action", "body", "ready"),
    [
        ("decline", {}, "proposed"),
        ("pause", None, "active"),
        ("resume", None, "paused"),
        ("end", {"reason": "other"}, "active"),
        ("feedback", {"feedback": "Thank you"}, "ended"),
    ],
)
async def test_each_match_action_role_matrix(
    db: Database, new_client: Any, action: str, body: Any, ready: str
) -> None:
    world = await World(db, new_client).build()
    other_carer = await make_carer(db, world.org, name="Sam Clarke")
    other_buddy = await make_buddy(db, world.org, name="Tom Okafor")
    outsider = await make_coordinator(db, await make_org(db), name="Jo Other")
    match = (await world.propose()).json()
    url = f"{world.base}/matches/{match['id']}"
    carer, buddy = await world.as_(world.carer), await world.as_(world.buddy)
    for person in (carer, buddy):
        await person.get(url)
    if ready in ("active", "paused", "ended"):
        await carer.post(f"{url}/accept")
        await buddy.post(f"{url}/accept")
    if ready == "paused":
        await carer.post(f"{url}/pause")
    if ready == "ended":
        await carer.post(f"{url}/end", json={"reason": "caring_ended"})
    refused = {"decline": 403, "feedback": 403}.get(action)  # only the two people answer and give feedback

    for person, expected in [(other_carer, 404), (other_buddy, 404), (outsider, 404), (None, 401)]:
        response = await (await world.as_(person)).post(f"{url}/{action}", json=body)
        assert response.status_code == expected, (action, response.text)
    if refused:
        assert (
            await (await world.as_(world.coordinator)).post(f"{url}/{action}", json=body)
        ).status_code == 403
    owner = await buddy.post(f"{url}/{action}", json=body)
    assert owner.status_code == 200, owner.text


async def test_both_are_told_of_a_proposal_and_of_the_live_match_but_never_of_one_yes(world: World) -> None:
    from carerlink.notifications.models import Notification

    async def kinds_for(person: Person) -> list[str]:
        async with world.db.session_scope() as session:
            rows = await session.scalars(
                select(Notification.kind)
                .where(Notification.user_id == person.user.id)
                .order_by(Notification.created_at)
            )
            return list(rows)

    match = (await world.propose()).json()
    url = f"{world.base}/matches/{match['id']}"
    assert await kinds_for(world.carer) == ["match_proposed"]
    assert await kinds_for(world.buddy) == ["match_proposed"]
    carer = await world.as_(world.carer)
    await carer.get(url)
    await carer.post(f"{url}/accept")
    assert await kinds_for(world.buddy) == ["match_proposed"]  # the carer's yes is not passed on
    buddy = await world.as_(world.buddy)
    await buddy.get(url)
    await buddy.post(f"{url}/accept")
    assert await kinds_for(world.carer) == ["match_proposed", "match_accepted"]
    assert await kinds_for(world.buddy) == ["match_proposed", "match_accepted"]


# --- what the carer and the buddy see of the explanation --------------------------------------------

# Never shown to the carer or the buddy: the buddy's load, the carer's wishes, faith and culture,
# gender, where they live, and any compromise.
NEVER_SHOWN_TO_THE_PAIR = (
    "supports",
    "places",
    "would have liked",
    "would like",
    "not a man",
    "faith",
    "cultural",
    "live close",
    "To bear in mind",
)


async def test_the_carer_and_the_buddy_see_only_what_they_have_in_common(
    db: Database, new_client: Any
) -> None:
    world = await World(db, new_client).build()
    farah = await make_buddy(db, world.org, name="Farah Ali", profile={"faith": "muslim", "capacity": 4})
    amina = await make_carer(
        db,
        world.org,
        name="Amina Khan",
        profile={
            "faith": "muslim",
            "preferences": {"gender": {"genders": ["man"], "strength": "nice"}, "shared_background": "nice"},
        },
    )
    sam = await make_carer(db, world.org, name="Sam Clarke")
    for other in (world.carer, sam):  # Farah already has two carers
        assert (await world.propose(carer=other, buddy=farah)).status_code == 201
    match = (await world.propose(carer=amina, buddy=farah)).json()
    url = f"{world.base}/matches/{match['id']}"

    coordinator_view = (await (await world.as_(world.coordinator)).get(url)).json()["explanation"]
    carer_view = (await (await world.as_(amina)).get(url)).json()["explanation"]
    buddy_view = (await (await world.as_(farah)).get(url)).json()["explanation"]

    everything = " ".join(
        [coordinator_view["summary"]]
        + [p["text"] for p in coordinator_view["reasons"] + coordinator_view["compromises"]]
    )
    assert "Farah already supports 3 carers (4 places)" in everything
    assert "Farah is not a man, as Amina would have liked" in everything
    assert "Amina and Farah share a cultural or faith background" in everything
    assert "Amina and Farah live close to each other" in everything
    assert coordinator_view["score"] is not None
    for seen in (carer_view, buddy_view):
        assert seen["score"] is None
        assert seen["compromises"] == []
        assert [p["factor"] for p in seen["reasons"]] == [
            "relationship",
            "needs",
            "journey",
            "language",
            "availability",
            "contact_modes",
        ]
        words = " ".join([seen["summary"]] + [p["text"] for p in seen["reasons"]])
        assert "You both care for an adult son or daughter" in words
        for forbidden in NEVER_SHOWN_TO_THE_PAIR:
            assert forbidden not in words, forbidden


async def test_without_consent_to_share_needs_the_buddy_is_not_told_them(
    db: Database, new_client: Any
) -> None:
    world = await World(db, new_client).build()
    private = await make_carer(db, world.org, name="Ruth Evans", health_consent=False)
    match = (await world.propose(carer=private)).json()
    url = f"{world.base}/matches/{match['id']}"

    seen = (await (await world.as_(world.buddy)).get(url)).json()["explanation"]

    assert "needs" not in [p["factor"] for p in seen["reasons"]]
    assert "psychosis" not in seen["summary"]


# --- the buddy is checked again when the match would start ------------------------------------------


async def _coordinator_notifications(world: World) -> list[str]:
    from carerlink.notifications.models import Notification

    async with world.db.session_scope() as session:
        rows = await session.scalars(
            select(Notification.kind).where(Notification.user_id == world.coordinator.user.id)
        )
        return list(rows)


async def _read_by_both(world: World, buddy: Person) -> str:
    match = (await world.propose(buddy=buddy)).json()
    url = f"{world.base}/matches/{match['id']}"
    await (await world.as_(world.carer)).get(url)
    await (await world.as_(buddy)).get(url)
    return url


async def _held_then_refused(world: World, buddy: Person, url: str) -> None:
    """The buddy says yes, then the carer's yes would start the match, but it is held."""
    assert (await (await world.as_(buddy)).post(f"{url}/accept")).json()["status"] == "proposed"

    held = await (await world.as_(world.carer)).post(f"{url}/accept")

    body = problem(held, 409)
    assert body["detail"] == matching.ON_HOLD_WORDS
    assert "check" not in body["detail"] and "training" not in body["detail"]
    seen = (await (await world.as_(world.coordinator)).get(url)).json()
    assert seen["status"] == "proposed"
    assert seen["carer_decision"] == "accepted"  # the carer's answer is kept
    assert [e["event"] for e in seen["events"]][-2:] == ["carer_accepted", "held"]
    assert await _coordinator_notifications(world) == ["coordinator_match_held"]
    # Both now see that they have both said yes and the centre is checking, not "waiting for you".
    for person in (world.carer, buddy):
        view = (await (await world.as_(person)).get(url)).json()
        assert (view["status"], view["my_decision"], view["on_hold"]) == ("proposed", "accepted", True)


async def test_a_match_does_not_start_when_the_buddys_check_has_lapsed(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    world = await World(db, new_client).build()
    tom = await make_buddy(db, world.org, name="Tom Okafor", recheck_due=TODAY + timedelta(days=10))
    url = await _read_by_both(world, tom)
    clock.advance(timedelta(days=11))  # the check is now past its recheck date

    await _held_then_refused(world, tom, url)

    async with db.session_scope() as session:  # the coordinator records the renewed check
        scope = await open_scope(session, actor=Actor.system(), now=clock.now(), organisation_id=world.org.id)
        await profiles.record_check(
            scope,
            membership_id=tom.membership_id,
            data=SafeguardingCheckCreate(
                check_type=CheckType.DBS_ENHANCED,
                reference="009876543210",
                issued_on=clock.now().date(),
                recheck_due=clock.now().date() + timedelta(days=900),
            ),
        )
    # Saying yes again now starts it.
    assert (await (await world.as_(world.carer)).post(f"{url}/accept")).json()["status"] == "active"


async def test_a_match_does_not_start_when_the_buddys_training_has_lapsed(
    db: Database, new_client: Any
) -> None:
    world = await World(db, new_client).build()
    url = await _read_by_both(world, world.buddy)
    async with db.session_scope() as session:  # the induction now lasts a month: done 30 days ago, lapsed
        await session.execute(
            update(TrainingCourse).values(valid_months=1),
            execution_options={"buddy_pool_owner": ("organisation", world.org.id)},
        )

    await _held_then_refused(world, world.buddy, url)


async def test_a_paused_buddy_can_still_start_a_match_already_proposed(world: World) -> None:
    url = await _read_by_both(world, world.buddy)
    buddy = await world.as_(world.buddy)
    assert (await buddy.post(f"{url}/accept")).status_code == 200
    async with world.db.session_scope() as session:
        await session.execute(
            update(BuddyProfile).values(paused=True),
            execution_options={"buddy_pool_owner": ("organisation", world.org.id)},
        )

    started = await (await world.as_(world.carer)).post(f"{url}/accept")

    assert started.json()["status"] == "active"
    assert await _coordinator_notifications(world) == []


async def test_a_young_carers_match_does_not_start_once_the_buddys_clearance_is_withdrawn(
    db: Database, new_client: Any
) -> None:
    world = await World(db, new_client).build()
    await (await world.as_(world.coordinator)).patch(
        world.base, json={"settings": {"young_carers_programme": True}}
    )
    cleared = await make_buddy(
        db, world.org, name="Daniel Hughes", check_type=CheckType.DBS_ENHANCED_BOTH_BARRED, young_carers=True
    )
    world.carer = await make_carer(
        db, world.org, name="Leo Nowak", profile={"carer_category": "young", "under_18": True}
    )
    url = await _read_by_both(world, cleared)
    async with db.session_scope() as session:
        scope = await open_scope(session, actor=Actor.system(), now=START, organisation_id=world.org.id)
        await profiles.decide(
            scope, membership_id=cleared.membership_id, kind=DecisionKind.YOUNG_CARERS, granted=False, note=""
        )

    await _held_then_refused(world, cleared, url)
