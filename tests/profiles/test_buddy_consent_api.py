"""A buddy's own health-data consent: the cared-for person's needs kept only with it, deleted without."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from carerlink.actor import Role
from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.profiles.models import BuddyProfile, CarerProfile
from tests.profiles.factories import BUDDY_PROFILE, CARER_PROFILE, make_buddy, make_carer, make_coordinator
from tests.support import ApiClient, make_org, make_user, problem

CONSENT = "buddy-profile/health-data-consent"


def me(org_id: Any, what: str) -> str:
    return f"/api/v1/orgs/{org_id}/me/{what}"


async def stored_needs(db: Database, user_id: Any) -> tuple[list[Any], list[Any]]:
    async with db.session_scope() as session:
        profile = await session.scalar(select(BuddyProfile).where(BuddyProfile.user_id == user_id))
        assert profile is not None
        return list(profile.needs), list(profile.mental_health_needs)


async def test_a_buddy_without_consent_cannot_send_needs_and_the_rest_is_kept(
    db: Database, client: ApiClient
) -> None:
    org = await make_org(db)
    buddy = await make_user(db, organisation=org, roles=(Role.BUDDY,), health_consent=False)
    await client.login(buddy.email)

    refused = await client.put(me(org.id, "buddy-profile"), json=BUDDY_PROFILE)

    body = problem(refused, 422)
    assert body["errors"][0]["field"] == "needs"
    assert "agree" in body["detail"]
    assert (await client.get(me(org.id, "buddy-profile"))).status_code == 404  # nothing written
    only_mental = {**BUDDY_PROFILE, "needs": [], "mental_health_needs": ["psychosis"]}
    assert (
        problem(await client.put(me(org.id, "buddy-profile"), json=only_mental), 422)["errors"][0]["field"]
        == "mental_health_needs"
    )
    without = {**BUDDY_PROFILE, "needs": [], "mental_health_needs": []}
    assert (await client.put(me(org.id, "buddy-profile"), json=without)).status_code == 200
    saved = (await client.get(me(org.id, "buddy-profile"))).json()
    assert saved["needs_shared"] is False
    assert saved["needs"] == []
    assert saved["about_me"].startswith("My son")


async def test_a_buddy_gives_consent_then_withdrawing_deletes_the_needs_at_once(
    db: Database, client: ApiClient
) -> None:
    org = await make_org(db)
    buddy = await make_user(db, organisation=org, roles=(Role.BUDDY,), health_consent=False)
    await client.login(buddy.email)

    consent = (await client.get(me(org.id, CONSENT))).json()
    assert consent["agreed"] is False
    assert consent["version"].startswith("buddy-health-data")
    assert "carers" in consent["text"]  # what a buddy agrees to: shown to carers they're introduced to
    given = (await client.put(me(org.id, CONSENT), json={"agree": True})).json()
    assert given["agreed"] is True
    assert given["given_at"] is not None
    assert (await client.put(me(org.id, "buddy-profile"), json=BUDDY_PROFILE)).status_code == 200
    body = (await client.get(me(org.id, "buddy-profile"))).json()
    assert (body["needs"], body["mental_health_needs"], body["needs_shared"]) == (
        ["mental_health"],
        ["psychosis"],
        True,
    )

    withdrawn = await client.put(me(org.id, CONSENT), json={"agree": False})

    assert withdrawn.json()["agreed"] is False
    assert (await client.get(me(org.id, CONSENT))).json()["agreed"] is False
    body = (await client.get(me(org.id, "buddy-profile"))).json()
    assert (body["needs"], body["mental_health_needs"], body["needs_shared"]) == ([], [], False)
    assert await stored_needs(db, buddy.id) == ([], [])  # deleted, not just hidden
    async with db.session_scope() as session:
        actions = set(
            (
                await session.scalars(select(AuditEntry.action).where(AuditEntry.subject_user_id == buddy.id))
            ).all()
        )
    assert {"profiles.buddy_health_consent.given", "profiles.buddy_health_consent.withdrawn"} <= actions


async def test_a_carer_who_is_also_a_buddy_gives_each_consent_separately(
    db: Database, client: ApiClient
) -> None:
    org = await make_org(db)
    person = await make_user(db, organisation=org, roles=(Role.CARER, Role.BUDDY), health_consent=True)
    await client.login(person.email)
    assert (await client.put(me(org.id, "carer-profile"), json=CARER_PROFILE)).status_code == 200
    assert (await client.put(me(org.id, "buddy-profile"), json=BUDDY_PROFILE)).status_code == 200

    await client.put(me(org.id, CONSENT), json={"agree": False})

    assert (await client.get(me(org.id, "health-data-consent"))).json()["agreed"] is True
    assert (await client.get(me(org.id, "carer-profile"))).json()["needs"] == ["mental_health"]
    assert (await client.get(me(org.id, "buddy-profile"))).json()["needs"] == []
    await client.put(me(org.id, CONSENT), json={"agree": True})
    await client.put(me(org.id, "health-data-consent"), json={"agree": False})
    assert (await client.get(me(org.id, CONSENT))).json()["agreed"] is True
    async with db.session_scope() as session:
        carer_needs = await session.scalar(
            select(CarerProfile.needs).where(CarerProfile.user_id == person.id)
        )
    assert carer_needs == []


async def test_coordinators_do_not_see_needs_of_a_buddy_without_consent(
    db: Database, client: ApiClient, new_client: Any
) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    buddy = await make_buddy(db, org)
    buddy_client = new_client()
    await buddy_client.login(buddy.email)
    await client.login(coordinator.email)
    url = f"/api/v1/orgs/{org.id}/buddies/{buddy.membership_id}/profile"
    assert (await client.get(url)).json()["mental_health_needs"] == ["psychosis"]

    await buddy_client.put(me(org.id, CONSENT), json={"agree": False})

    body = (await client.get(url)).json()
    assert (body["needs"], body["needs_shared"]) == ([], False)


@pytest.mark.parametrize("method", ["GET", "PUT"])
async def test_buddy_consent_route_role_matrix(db: Database, new_client: Any, method: str) -> None:
    """A /me route with no id: each buddy reaches only their own; other roles and outsiders nothing."""
    org, other_org = await make_org(db), await make_org(db)
    owner = await make_buddy(db, org)
    other_buddy = await make_buddy(db, org, name="Tom Okafor")
    carer = await make_carer(db, org)
    coordinator = await make_coordinator(db, org)
    outsider = await make_buddy(db, other_org, name="Jo Other")

    async def call(email: str | None) -> Any:
        browser = new_client()
        if email:
            await browser.login(email)
        if method == "GET":
            return await browser.get(me(org.id, CONSENT))
        return await browser.put(me(org.id, CONSENT), json={"agree": False})

    # the same-role stranger reaches only their own choice
    assert (await call(other_buddy.email)).status_code == 200
    for email, expected in [(carer.email, 403), (coordinator.email, 403), (outsider.email, 404), (None, 401)]:
        response = await call(email)
        assert response.status_code == expected, (email, response.text)
        assert "agreed" not in response.text
    # nobody but the owner changed the owner's consent or needs
    assert await stored_needs(db, owner.user.id) == (["mental_health"], ["psychosis"])
    owner_client = new_client()
    await owner_client.login(owner.email)
    assert (await owner_client.get(me(org.id, CONSENT))).json()["agreed"] is True
    assert (await call(owner.email)).status_code == 200
    assert (await owner_client.get(me(org.id, CONSENT))).json()["agreed"] is (method == "GET")
