"""My own number and (carers) emergency contact on /api/v1/me, and the join form's number carried over."""

from __future__ import annotations

from typing import Any

from litestar import Litestar

from carerlink.actor import Role
from carerlink.db import Database
from carerlink.mail.jobs import deliver_mail
from tests.profiles.factories import make_buddy, make_carer
from tests.support import ApiClient, Mailbox, field_errors, make_org, make_user, problem

SISTER = {"name": "Chris Clarke", "relationship": "My brother", "phone": "07700 900301"}


async def test_a_carer_adds_changes_and_removes_their_number_and_emergency_contact(
    db: Database, client: ApiClient
) -> None:
    org = await make_org(db)
    carer = await make_carer(db, org)
    await client.login(carer.email)
    saved = await client.patch("/api/v1/me", json={"phone": "07700 900123", "emergency_contact": SISTER})
    assert saved.status_code == 200, saved.text
    me = saved.json()
    assert me["phone"] == {"number": "+447700900123", "display": "07700 900123", "kind": "mobile"}
    assert me["emergency_contact"] == {
        "name": "Chris Clarke",
        "relationship": "My brother",
        "phone": {"number": "+447700900301", "display": "07700 900301", "kind": "mobile"},
    }
    # The session probe (what the app reads at start) says the same.
    assert (await client.get("/api/v1/session")).json()["me"]["phone"]["number"] == "+447700900123"
    # Another country, with its code.
    abroad = (await client.patch("/api/v1/me", json={"phone": "+33 6 12 34 56 78"})).json()
    assert abroad["phone"]["display"] == "+33 6 12 34 56 78"
    assert abroad["emergency_contact"]["name"] == "Chris Clarke"  # left out: unchanged
    neighbour = {"name": "Pat Green", "relationship": "Neighbour", "phone": "+353 85 123 4567"}
    changed = (await client.patch("/api/v1/me", json={"emergency_contact": neighbour})).json()
    assert changed["emergency_contact"]["name"] == "Pat Green"
    assert changed["emergency_contact"]["phone"]["number"] == "+353851234567"
    assert (await client.get("/api/v1/me")).json()["emergency_contact"]["relationship"] == "Neighbour"
    removed = (await client.patch("/api/v1/me", json={"phone": None, "emergency_contact": None})).json()
    assert removed["phone"] is None and removed["emergency_contact"] is None
    assert (await client.patch("/api/v1/me", json={"phone": ""})).json()["phone"] is None


async def test_a_wrong_number_is_a_422_naming_the_field_and_nothing_changes(
    db: Database, client: ApiClient
) -> None:
    org = await make_org(db)
    carer = await make_carer(db, org)
    await client.login(carer.email)
    await client.patch("/api/v1/me", json={"phone": "07700 900123"})
    refused = await client.patch(
        "/api/v1/me",
        json={
            "display_name": "Someone Else",
            "phone": "07911 123456",
            "emergency_contact": {**SISTER, "phone": "12"},
        },
    )
    assert field_errors(refused) == {"emergency_contact.phone"}
    assert "complete phone number" in refused.text
    assert field_errors(await client.patch("/api/v1/me", json={"phone": "call me"})) == {"phone"}
    assert field_errors(await client.patch("/api/v1/me", json={"phone": "0" * 41})) == {"phone"}
    me = (await client.get("/api/v1/me")).json()
    assert me["display_name"] != "Someone Else"
    assert me["phone"]["number"] == "+447700900123"  # no partial write
    assert me["emergency_contact"] is None


async def test_only_carers_keep_an_emergency_contact_but_anyone_has_a_number(
    db: Database, client: ApiClient, new_client: Any
) -> None:
    org = await make_org(db)
    buddy = await make_buddy(db, org)
    await client.login(buddy.email)
    problem(await client.patch("/api/v1/me", json={"emergency_contact": SISTER}), 403)
    me = (await client.patch("/api/v1/me", json={"phone": "01632 960123"})).json()
    assert me["phone"]["kind"] == "landline"
    assert me["emergency_contact"] is None
    problem(await new_client().patch("/api/v1/me", json={"phone": "07700 900123"}), 401)


async def test_the_join_forms_number_becomes_the_carers_own_when_they_join(
    app: Litestar, db: Database, client: ApiClient, new_client: Any, mailbox: Mailbox
) -> None:
    org = await make_org(db, slug="riverside")
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    assert field_errors(
        await client.post(
            "/api/v1/orgs/riverside/referrals",
            json={"name": "Janet Morris", "email": "janet@example.org", "phone": "0770090"},
        )
    ) == {"phone"}
    sent = await client.post(
        "/api/v1/orgs/riverside/referrals",
        json={"name": "Janet Morris", "email": "janet@example.org", "phone": "07700 900 456"},
    )
    assert sent.status_code == 202
    coordinator = new_client()
    await coordinator.login("coord@example.org")
    [referral] = (await coordinator.get(f"/api/v1/orgs/{org.id}/referrals")).json()
    assert referral["phone"] == "+447700900456"
    assert referral["phone_number"]["display"] == "07700 900456"
    await coordinator.post(f"/api/v1/orgs/{org.id}/referrals/{referral['id']}/accept")
    await deliver_mail(app.state.runtime)
    [invitation] = mailbox.to("janet@example.org")
    janet = new_client()
    joined = await janet.post(
        "/api/v1/invitations/accept",
        json={
            "token": invitation.link_token(),
            "consents": {"terms": True},
            "display_name": "Janet Morris",
            "password": "a long enough password 1",
        },
    )
    assert joined.status_code == 200, joined.text
    assert joined.json()["phone"]["display"] == "07700 900456"
    members = (await coordinator.get(f"/api/v1/orgs/{org.id}/members?role=carer")).json()
    assert members[0]["phone"]["number"] == "+447700900456"
