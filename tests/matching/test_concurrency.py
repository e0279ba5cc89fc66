"""Capacity and answers hold under concurrency: two transactions at the same moment, exactly one wins.

The PostgreSQL runs hold both transactions open at once (a barrier lines them up just before the
contested write) and check that the loser waited for the winner's commit on the row lock. On SQLite
writers are serialised by ``BEGIN IMMEDIATE``, so the same races are run without the barrier.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from carerlink.db import Database
from carerlink.errors import Conflict
from carerlink.matching import service as matching
from carerlink.matching.models import Match, MatchStatus
from carerlink.matching.service import lifecycle
from carerlink.organisations import service as organisations
from carerlink.organisations.scope import open_scope
from carerlink.profiles import service as profiles
from carerlink.profiles.models import BuddyProfile
from tests.matching.test_lifecycle_api import World
from tests.profiles.factories import Person, make_buddy, make_carer
from tests.support import START


def lined_up(
    db: Database, monkeypatch: pytest.MonkeyPatch, target: Any, name: str, parties: int = 2
) -> dict[str, float]:
    """Make the first ``parties`` calls of ``target.name`` wait for each other (PostgreSQL only).

    Returns, per task name, when its call came back.
    """
    returned: dict[str, float] = {}
    if db.is_sqlite:
        return returned
    barrier = asyncio.Barrier(parties)
    real: Callable[..., Awaitable[Any]] = getattr(target, name)
    calls = 0

    async def waiting(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls <= parties:  # only the racing calls wait for each other
            await barrier.wait()
        result = await real(*args, **kwargs)
        task = asyncio.current_task()
        assert task is not None
        returned[task.get_name()] = asyncio.get_running_loop().time()
        return result

    monkeypatch.setattr(target, name, waiting)
    return returned


async def propose_in_own_transaction(
    db: Database, world: World, carer: Person, buddy: Person, committed: dict[str, float]
) -> str:
    task = asyncio.current_task()
    assert task is not None
    try:
        async with db.session_scope() as session:
            actor = await organisations.actor_for(session, user_id=world.coordinator.user.id, session_id=None)
            scope = await open_scope(session, actor=actor, now=START, organisation_id=world.org.id)
            await matching.propose(
                scope,
                carer_membership_id=carer.membership_id,
                buddy_membership_id=buddy.membership_id,
                note="",
            )
            await asyncio.sleep(0.2)  # hold the transaction open: the other one must wait, not slip past
            committed[task.get_name()] = asyncio.get_running_loop().time()  # committing now
    except Conflict as conflict:
        committed.pop(task.get_name(), None)
        return conflict.detail
    return "proposed"


async def test_two_coordinators_filling_a_buddys_last_place_at_once_exactly_one_succeeds(
    db: Database, new_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await World(db, new_client).build(capacity=1)
    sam = await make_carer(db, world.org, name="Sam Clarke")
    returned = lined_up(db, monkeypatch, profiles, "take_place")
    committed: dict[str, float] = {}

    results = await asyncio.gather(
        asyncio.create_task(
            propose_in_own_transaction(db, world, world.carer, world.buddy, committed), name="a"
        ),
        asyncio.create_task(propose_in_own_transaction(db, world, sam, world.buddy, committed), name="b"),
    )

    assert results.count("proposed") == 1
    (refusal,) = [r for r in results if r != "proposed"]
    # PostgreSQL: the guarded UPDATE refuses; SQLite: the second writer already sees the place taken
    assert refusal in (
        "Priya Shah has no free places left.",
        "Priya Shah can't be matched now: The buddy has no free places.",
    )
    async with db.session_scope() as session:
        taken = await session.scalar(
            select(BuddyProfile.places_taken).where(BuddyProfile.membership_id == world.buddy.membership_id)
        )
        open_matches = await session.scalar(
            select(func.count()).where(
                Match.buddy_membership_id == world.buddy.membership_id, Match.status == MatchStatus.PROPOSED
            )
        )
    assert taken == open_matches == 1
    if not db.is_sqlite:
        (winner,) = committed
        loser = "b" if winner == "a" else "a"
        # the loser's guarded UPDATE came back only once the winner committed: it waited on the row lock
        assert returned[loser] >= committed[winner]


async def test_one_carer_proposed_to_two_buddies_at_once_gets_one_match(
    db: Database, new_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await World(db, new_client).build()
    tom = await make_buddy(db, world.org, name="Tom Okafor")
    lined_up(db, monkeypatch, profiles, "take_place")
    committed: dict[str, float] = {}

    results = await asyncio.gather(
        asyncio.create_task(
            propose_in_own_transaction(db, world, world.carer, world.buddy, committed), name="a"
        ),
        asyncio.create_task(propose_in_own_transaction(db, world, world.carer, tom, committed), name="b"),
    )

    assert sorted(results) == ["Alex Turner already has a proposed, active or paused match.", "proposed"]
    async with db.session_scope() as session:
        places = (await session.scalars(select(BuddyProfile.places_taken))).all()
        matches = await session.scalar(select(func.count()).select_from(Match))
    assert sorted(places) == [0, 1]  # the loser's place was given back with its rollback
    assert matches == 1


async def test_carer_and_buddy_saying_yes_at_the_same_moment_make_the_match_live(
    db: Database, new_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await World(db, new_client).build()
    match = (await world.propose()).json()
    for person in (world.carer, world.buddy):
        await (await world.as_(person)).get(f"{world.base}/matches/{match['id']}")
    lined_up(db, monkeypatch, lifecycle, "locked")  # both reach the match before either locks it

    async def accept(person: Person) -> None:
        async with db.session_scope() as session:
            actor = await organisations.actor_for(session, user_id=person.user.id, session_id=None)
            scope = await open_scope(session, actor=actor, now=START, organisation_id=world.org.id)
            await matching.accept(scope, match_id=uuid.UUID(match["id"]))
            await asyncio.sleep(0.1)

    await asyncio.gather(accept(world.carer), accept(world.buddy))

    boss = await world.as_(world.coordinator)
    seen = (await boss.get(f"{world.base}/matches/{match['id']}")).json()
    assert seen["status"] == "active"
    assert seen["carer_decision"] == seen["buddy_decision"] == "accepted"
    assert [e["event"] for e in seen["events"]][-1] == "activated"


async def test_two_requests_for_the_last_place_through_the_api(db: Database, new_client: Any) -> None:
    world = await World(db, new_client).build(capacity=1)
    sam = await make_carer(db, world.org, name="Sam Clarke")
    first, second = await world.as_(world.coordinator), await world.as_(world.coordinator)

    responses = await asyncio.gather(
        first.post(
            f"{world.base}/matches",
            json={
                "carer_membership_id": str(world.carer.membership_id),
                "buddy_membership_id": str(world.buddy.membership_id),
            },
        ),
        second.post(
            f"{world.base}/matches",
            json={
                "carer_membership_id": str(sam.membership_id),
                "buddy_membership_id": str(world.buddy.membership_id),
            },
        ),
    )

    assert sorted(r.status_code for r in responses) == [201, 409]
    assert await world.places_taken() == 1
