"""Self-referral: a carer asks to join; coordinators accept (an invitation goes) or decline."""

from __future__ import annotations

from litestar import Litestar

from carerlink.actor import Role
from carerlink.db import Database
from carerlink.mail.jobs import deliver_mail
from tests.support import ApiClient, Mailbox, field_errors, make_org, make_user, problem


async def test_a_carer_refers_themselves_and_a_coordinator_sends_an_invitation(
    app: Litestar,
    db: Database,
    client: ApiClient,
    new_client,
    mailbox: Mailbox,  # type: ignore[no-untyped-def]
) -> None:
    org = await make_org(db, slug="riverside", name="Riverside Carers Centre")
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")

    sent = await client.post(
        "/api/v1/orgs/riverside/referrals",
        json={
            "name": "Janet Morris",
            "email": "Janet@example.org",
            "message": "I look after my mum, she has dementia.",
        },
    )
    assert sent.status_code == 202
    assert "in touch" in sent.json()["message"]

    coordinator = new_client()
    await coordinator.login("coord@example.org")
    [referral] = (await coordinator.get(f"/api/v1/orgs/{org.id}/referrals?status=new")).json()
    assert (referral["name"], referral["email"], referral["already_member"]) == (
        "Janet Morris",
        "janet@example.org",
        False,
    )
    accepted = await coordinator.post(f"/api/v1/orgs/{org.id}/referrals/{referral['id']}/accept")
    assert accepted.json()["status"] == "accepted"
    await deliver_mail(app.state.runtime)
    assert len(mailbox.to("janet@example.org")) == 1
    problem(await coordinator.post(f"/api/v1/orgs/{org.id}/referrals/{referral['id']}/decline", json={}), 409)


async def test_the_answer_never_reveals_whether_the_email_is_known(db: Database, client: ApiClient) -> None:
    org = await make_org(db, slug="riverside")
    await make_user(db, organisation=org, roles=(Role.CARER,), email="known@example.org")
    known = await client.post(
        "/api/v1/orgs/riverside/referrals", json={"name": "A", "email": "known@example.org"}
    )
    unknown = await client.post(
        "/api/v1/orgs/riverside/referrals", json={"name": "B", "email": "new@example.org"}
    )
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())


async def test_coordinators_see_when_a_referral_comes_from_a_member_and_can_decline(
    db: Database,
    client: ApiClient,
    new_client,  # type: ignore[no-untyped-def]
) -> None:
    org = await make_org(db, slug="riverside")
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    await make_user(db, organisation=org, roles=(Role.CARER,), email="known@example.org")
    await client.post("/api/v1/orgs/riverside/referrals", json={"name": "A", "email": "KNOWN@example.org"})
    coordinator = new_client()
    await coordinator.login("coord@example.org")
    [referral] = (await coordinator.get(f"/api/v1/orgs/{org.id}/referrals")).json()
    assert referral["already_member"] is True
    declined = await coordinator.post(
        f"/api/v1/orgs/{org.id}/referrals/{referral['id']}/decline", json={"reason": "Already with us"}
    )
    assert (declined.json()["status"], declined.json()["decline_reason"]) == ("declined", "Already with us")


async def test_referrals_are_rate_limited_per_ip(db: Database, client: ApiClient) -> None:
    await make_org(db, slug="riverside")
    for i in range(5):
        assert (
            await client.post(
                "/api/v1/orgs/riverside/referrals", json={"name": "A", "email": f"a{i}@example.org"}
            )
        ).status_code == 202
    problem(
        await client.post("/api/v1/orgs/riverside/referrals", json={"name": "A", "email": "z@example.org"}),
        429,
    )


async def test_the_same_person_referred_again_and_again_is_limited_not_everyone_else(
    db: Database, client: ApiClient
) -> None:
    await make_org(db, slug="riverside")
    url = "/api/v1/orgs/riverside/referrals"
    for email in ("sam@example.org", "Sam@Example.org", "sam@example.org"):
        assert (await client.post(url, json={"name": "Sam", "email": email})).status_code == 202
    problem(await client.post(url, json={"name": "Sam", "email": "SAM@example.org"}), 429)
    assert (await client.post(url, json={"name": "Ruth", "email": "ruth@example.org"})).status_code == 202


async def test_referral_input_is_validated(db: Database, client: ApiClient) -> None:
    await make_org(db, slug="riverside")
    assert field_errors(
        await client.post(
            "/api/v1/orgs/riverside/referrals",
            json={"name": "A", "email": "a@example.org", "phone": "call me"},
        )
    ) == {"phone"}
    assert field_errors(
        await client.post(
            "/api/v1/orgs/riverside/referrals",
            json={"name": "A", "email": "a@example.org", "message": "x" * 1001},
        )
    ) == {"message"}
    problem(
        await client.post("/api/v1/orgs/nowhere/referrals", json={"name": "A", "email": "a@example.org"}), 404
    )


async def test_public_crisis_lines_need_no_sign_in(db: Database, client: ApiClient) -> None:
    await make_org(db, slug="riverside")
    lines = (await client.get("/api/v1/orgs/riverside/public")).json()["crisis_lines"]
    assert ("Samaritans", "116 123") in [(line["name"], line["contact"]) for line in lines]
    assert any(line["contact"] == "999" for line in lines)


async def test_a_coordinator_edits_the_crisis_lines_everyone_sees_and_bad_lines_are_refused(
    db: Database, client: ApiClient
) -> None:
    org = await make_org(db, slug="riverside")
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    await client.login("coord@example.org")
    ours = [
        {"name": "Emergency", "contact": "999", "how": "call", "description": "If a life is at risk."},
        {"name": "Riverside out-of-hours", "contact": "020 7946 0000", "how": "call"},
        {"name": "Shout", "contact": "85258", "how": "text", "message": "SHOUT"},
    ]
    saved = await client.patch("/api/v1/orgs/riverside", json={"crisis_lines": ours})
    assert saved.status_code == 200, saved.text

    anyone = (await client.get("/api/v1/orgs/riverside/public")).json()["crisis_lines"]
    assert [(line["name"], line["contact"], line["message"]) for line in anyone] == [
        ("Emergency", "999", ""),
        ("Riverside out-of-hours", "020 7946 0000", ""),
        ("Shout", "85258", "SHOUT"),
    ]
    for bad, field in (
        ([], "crisis_lines"),  # never none at all
        ([{**ours[0], "contact": "<script>"}], "crisis_lines[0].contact"),
        ([{**ours[2], "message": "SHOUT; rm"}], "crisis_lines[0].message"),
    ):
        refused = await client.patch("/api/v1/orgs/riverside", json={"crisis_lines": bad})
        assert field in field_errors(refused), refused.text
    assert (await client.get("/api/v1/orgs/riverside/public")).json()["crisis_lines"] == anyone  # unchanged
