"""What each viewer reads of a match is decided in the service, so every caller (not only the API) gets it."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from carerlink.db import Database
from carerlink.matching import service as matching
from carerlink.organisations import service as organisations
from carerlink.organisations.scope import open_scope
from tests.matching.test_lifecycle_api import World
from tests.profiles.factories import Person
from tests.support import START


@pytest.fixture
async def world(db: Database, new_client: Any) -> World:
    return await World(db, new_client).build()


async def _view(world: World, person: Person, match_id: uuid.UUID) -> matching.MatchView:
    async with world.db.session_scope() as session:
        actor = await organisations.actor_for(session, user_id=person.user.id, session_id=None)
        scope = await open_scope(session, actor=actor, now=START, organisation_id=world.org.id)
        return await matching.view(scope, match_id=match_id)


async def test_the_carer_the_buddy_and_a_coordinator_each_read_only_their_part(world: World) -> None:
    proposed = await world.propose(note="Both parents of a son with psychosis.")
    match_id = uuid.UUID(proposed.json()["id"])

    coordinator = await _view(world, world.coordinator, match_id)
    carer = await _view(world, world.carer, match_id)
    buddy = await _view(world, world.buddy, match_id)

    assert coordinator.viewer == "coordinator"
    assert coordinator.own is None and coordinator.introduction is None
    assert coordinator.details is not None
    assert coordinator.details.note == "Both parents of a son with psychosis."
    assert [e.event for e in coordinator.details.events] == ["proposed"]
    for person, view in (("carer", carer), ("buddy", buddy)):
        assert view.viewer == person
        assert view.details is None  # no score, note, decline reasons, feedback or history
        assert view.own is not None and view.own.decision is None and view.own.requests == []
        assert view.introduction is not None
        assert view.explanation is not None and not hasattr(view.explanation, "score")
    # Each reads an introduction of the other person.
    assert carer.introduction is not None and carer.introduction.display_name == buddy.buddy.display_name
    assert buddy.introduction is not None and buddy.introduction.display_name == carer.carer.display_name
    assert not coordinator.on_hold
