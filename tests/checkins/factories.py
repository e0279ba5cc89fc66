"""A matched pair to check in with: an organisation, a coordinator, a carer and a buddy, live."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from carerlink.actor import Actor
from carerlink.db import Database
from carerlink.matching import service as matching
from carerlink.matching.models import Match
from carerlink.organisations import service as organisations
from carerlink.organisations.models import Organisation
from carerlink.organisations.scope import open_scope
from tests.profiles.factories import Person, make_buddy, make_carer, make_coordinator
from tests.support import START, make_org


@dataclass
class Pair:
    """A live match and its people."""

    org: Organisation
    coordinator: Person
    carer: Person
    buddy: Person
    match: Match

    @property
    def base(self) -> str:
        """The match's API path."""
        return f"/api/v1/orgs/{self.org.id}/matches/{self.match.id}"


async def actor_of(db: Database, person: Person) -> Actor:
    """The actor a person signs in as."""
    async with db.session_scope() as session:
        return await organisations.actor_for(session, user_id=person.user.id, session_id=None)


async def make_pair(
    db: Database,
    *,
    carer_zone: str = "Europe/London",
    org: Organisation | None = None,
    now: datetime = START,
    carer_name: str = "Alex Turner",
) -> Pair:
    """An organisation (or ``org``) with a coordinator, and a carer and buddy whose match is live."""
    org = org or await make_org(db, name="Riverside Carers Centre")
    coordinator = await make_coordinator(db, org)
    carer = await make_carer(db, org, name=carer_name)
    buddy = await make_buddy(db, org)
    if carer_zone != "Europe/London":
        async with db.session_scope() as session:
            user = await session.get(type(carer.user), carer.user.id)
            assert user is not None
            user.time_zone = carer_zone
    async with db.session_scope() as session:
        actor = await organisations.actor_for(session, user_id=coordinator.user.id, session_id=None)
        scope = await open_scope(session, actor=actor, now=now, organisation_id=org.id)
        match = await matching.propose(
            scope, carer_membership_id=carer.membership_id, buddy_membership_id=buddy.membership_id, note=""
        )
    for person in (carer, buddy):
        async with db.session_scope() as session:
            actor = await organisations.actor_for(session, user_id=person.user.id, session_id=None)
            scope = await open_scope(session, actor=actor, now=now, organisation_id=org.id)
            await matching.view(scope, match_id=match.id)
            match = await matching.accept(scope, match_id=match.id)
    return Pair(org=org, coordinator=coordinator, carer=carer, buddy=buddy, match=match)
