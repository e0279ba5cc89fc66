"""Every organisation route taking an id, as owner, stranger, other role, other organisation, anonymous."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from carerlink.actor import Role
from carerlink.db import Database
from carerlink.organisations.models import Invitation, Membership, Referral
from tests.support import ApiClient, make_org, make_user


@dataclass
class World:
    """Two organisations, each with a coordinator, a buddy and a carer, plus an invitation and a referral."""

    org_a: uuid.UUID
    org_b: uuid.UUID
    ids: dict[str, uuid.UUID]


async def _world(db: Database) -> World:
    from sqlalchemy import select

    a, b = await make_org(db, slug="org-a"), await make_org(db, slug="org-b")
    ids: dict[str, uuid.UUID] = {}
    for org, tag in ((a, "a"), (b, "b")):
        for role in (Role.COORDINATOR, Role.BUDDY, Role.CARER):
            user = await make_user(
                db, organisation=org, roles=(role,), email=f"{role.value}-{tag}@example.org"
            )
            ids[f"{role.value}-{tag}"] = user.id
    async with db.session_scope() as session:
        for tag, org in (("a", a), ("b", b)):
            membership = await session.scalar(
                select(Membership).where(Membership.organisation_id == org.id, Membership.role == Role.CARER)
            )
            assert membership is not None
            ids[f"membership-{tag}"] = membership.id
            invitation = Invitation(
                organisation_id=org.id,
                email=f"invited-{tag}@example.org",
                role=Role.CARER,
                token_digest=uuid.uuid4().bytes * 2,
                code_digest=uuid.uuid4().bytes * 2,
                expires_at=org.created_at.replace(year=2030),
            )
            referral = Referral(
                organisation_id=org.id, name="Referred", email=f"referred-{tag}@example.org", message=""
            )
            session.add_all([invitation, referral])
            await session.flush()
            ids[f"invitation-{tag}"], ids[f"referral-{tag}"] = invitation.id, referral.id
    return World(a.id, b.id, ids)


# (method, path, body, roles in org A that may do it)
ROUTES: list[tuple[str, str, dict[str, Any] | None, set[str]]] = [
    ("GET", "/api/v1/orgs/{org}", None, {"coordinator", "buddy", "carer"}),
    ("PATCH", "/api/v1/orgs/{org}", {"name": "Renamed Centre"}, {"coordinator"}),
    ("GET", "/api/v1/orgs/{org}/members", None, {"coordinator"}),
    ("GET", "/api/v1/orgs/{org}/mail-refusals", None, {"coordinator"}),
    ("PATCH", "/api/v1/orgs/{org}/members/{membership}", {"status": "suspended"}, {"coordinator"}),
    ("POST", "/api/v1/orgs/{org}/invitations", {"email": "x@example.org", "role": "buddy"}, {"coordinator"}),
    ("GET", "/api/v1/orgs/{org}/invitations", None, {"coordinator"}),
    ("DELETE", "/api/v1/orgs/{org}/invitations/{invitation}", None, {"coordinator"}),
    ("GET", "/api/v1/orgs/{org}/referrals", None, {"coordinator"}),
    ("POST", "/api/v1/orgs/{org}/referrals/{referral}/accept", None, {"coordinator"}),
    ("POST", "/api/v1/orgs/{org}/referrals/{referral}/decline", {"reason": "no"}, {"coordinator"}),
]
# The allowed caller goes last, so the refused ones are shown to have changed nothing it relies on.
CALLERS = ["buddy-a", "carer-a", "coordinator-b", "carer-b", "anonymous", "coordinator-a"]


def _path(template: str, world: World, tag: str = "a") -> str:
    return template.format(
        org=world.org_a,
        membership=world.ids[f"membership-{tag}"],
        invitation=world.ids[f"invitation-{tag}"],
        referral=world.ids[f"referral-{tag}"],
    )


@pytest.mark.parametrize(
    ("method", "template", "body", "allowed"), ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES]
)
async def test_route_obeys_the_role_matrix(
    db: Database,
    new_client,
    method: str,
    template: str,
    body: dict[str, Any] | None,
    allowed: set[str],  # type: ignore[no-untyped-def]
) -> None:
    world = await _world(db)
    for caller in CALLERS:
        client: ApiClient = new_client()
        if caller != "anonymous":
            await client.login(f"{caller}@example.org")
        response = await client.request(method, _path(template, world), json=body)
        role, _, tag = caller.partition("-")
        if tag == "a" and role in allowed:
            assert response.status_code < 300, f"{caller}: {response.status_code} {response.text}"
            continue
        expected = {401} if caller == "anonymous" else ({403} if tag == "a" else {404})
        assert response.status_code in expected, (
            f"{caller} {method} {template}: {response.status_code} {response.text}"
        )
        assert response.headers["content-type"].startswith("application/problem+json")
        leaked = response.text
        for private in ("referred-a@example.org", "invited-a@example.org", "carer-a@example.org", "Renamed"):
            assert private not in leaked


@pytest.mark.parametrize(
    "template",
    [
        "/api/v1/orgs/{org}/members/{membership}",
        "/api/v1/orgs/{org}/invitations/{invitation}",
        "/api/v1/orgs/{org}/referrals/{referral}/decline",
    ],
)
async def test_a_coordinator_cannot_reach_another_organisations_records_through_their_own(
    db: Database, client: ApiClient, template: str
) -> None:
    world = await _world(db)
    await client.login("coordinator-a@example.org")
    method = "DELETE" if "invitations" in template else ("PATCH" if "members" in template else "POST")
    body = {"status": "suspended"} if method == "PATCH" else ({"reason": "x"} if method == "POST" else None)
    response = await client.request(method, _path(template, world, tag="b"), json=body)
    assert response.status_code == 404, response.text


async def test_a_coordinator_cannot_suspend_themselves(db: Database, client: ApiClient) -> None:
    from sqlalchemy import select

    world = await _world(db)
    async with db.session_scope() as session:
        own = await session.scalar(
            select(Membership.id).where(Membership.user_id == world.ids["coordinator-a"])
        )
    await client.login("coordinator-a@example.org")
    response = await client.patch(f"/api/v1/orgs/{world.org_a}/members/{own}", json={"status": "suspended"})
    assert response.status_code == 403


async def test_a_suspended_member_loses_the_role_at_once(db: Database, client: ApiClient, new_client) -> None:  # type: ignore[no-untyped-def]
    world = await _world(db)
    carer = new_client()
    await carer.login("carer-a@example.org")
    assert (await carer.get(f"/api/v1/orgs/{world.org_a}")).status_code == 200
    await client.login("coordinator-a@example.org")
    await client.patch(
        f"/api/v1/orgs/{world.org_a}/members/{world.ids['membership-a']}", json={"status": "suspended"}
    )
    assert (await carer.get(f"/api/v1/orgs/{world.org_a}")).status_code == 404
    me = (await carer.get("/api/v1/me")).json()
    assert [m["status"] for m in me["memberships"]] == ["suspended"]
