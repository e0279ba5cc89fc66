"""The organisation scope answers the same way for every service: who may act, where, and what is audited."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from carerlink.actor import Actor, Grant, Role
from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.errors import NotAllowed, NotAuthenticated, NotFound
from carerlink.organisations import policy
from carerlink.organisations.models import Organisation
from carerlink.organisations.scope import open_scope
from tests.support import START, make_org


def _member(organisation_id: uuid.UUID, role: Role) -> Actor:
    return Actor(user_id=uuid.uuid4(), grants=(Grant(organisation_id, role, uuid.uuid4()),))


async def test_require_answers_401_404_403_and_hands_back_the_organisation(db: Database) -> None:
    org = await make_org(db, slug="riverside-scope")
    other = await make_org(db)
    async with db.session_scope() as session:
        coordinator = _member(org.id, Role.COORDINATOR)
        carer = _member(org.id, Role.CARER)
        stranger = _member(other.id, Role.COORDINATOR)

        scope = await open_scope(session, actor=coordinator, now=START, ref="riverside-scope")
        assert scope.require(policy.can_manage_organisation, "Only coordinators can do that.").id == org.id

        scope = await open_scope(session, actor=carer, now=START, ref=str(org.id))
        with pytest.raises(NotAllowed, match="Only coordinators"):
            scope.require(policy.can_manage_organisation, "Only coordinators can do that.")

        scope = await open_scope(session, actor=stranger, now=START, ref="riverside-scope")
        with pytest.raises(NotFound):  # a stranger cannot learn the organisation exists
            scope.require(policy.can_view_organisation, "Members only.")

        scope = await open_scope(session, actor=Actor.anonymous(), now=START, ref="riverside-scope")
        with pytest.raises(NotAuthenticated):
            scope.require(policy.can_view_organisation, "Members only.")

        scope = await open_scope(session, actor=coordinator, now=START, ref="no-such-centre")
        assert scope.organisation is None and scope.organisation_id == uuid.UUID(int=0)
        with pytest.raises(NotFound):
            scope.require(True, "Members only.")


async def test_a_path_that_is_neither_slug_nor_id_never_reaches_the_database(db: Database) -> None:
    async with db.session_scope() as session:
        scope = await open_scope(session, actor=Actor.system(), now=START, ref="Robert'); DROP TABLE--")
        assert scope.organisation is None


async def test_settings_come_with_their_defaults_and_audit_entries_name_the_organisation(
    db: Database,
) -> None:
    org = await make_org(db)
    coordinator = _member(org.id, Role.COORDINATOR)
    async with db.session_scope() as session:
        stored = await session.get(Organisation, org.id)
        assert stored is not None
        stored.settings = {"checkins": {"nudge_after_hours": 6}}
    async with db.session_scope() as session:
        scope = await open_scope(session, actor=coordinator, now=START, organisation_id=org.id)
        assert (
            scope.settings.checkins.nudge_after_hours,
            scope.settings.checkins.tell_buddy_after_hours,
        ) == (6, 72)
        assert (await scope.within(org.id)) is scope
        elsewhere = await scope.within(uuid.uuid4())
        assert elsewhere.organisation is None and elsewhere.actor is coordinator
        await scope.audit("organisations.scope.tested", object_type="organisation", object_id=org.id)
    async with db.session_scope() as session:
        entry = (
            await session.scalars(select(AuditEntry).where(AuditEntry.action == "organisations.scope.tested"))
        ).one()
        assert (entry.organisation_id, entry.actor_user_id, entry.at) == (org.id, coordinator.user_id, START)
