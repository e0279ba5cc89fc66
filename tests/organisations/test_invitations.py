"""Invitations: a coordinator invites, the person accepts by link or in-person code, consents recorded."""

from __future__ import annotations

from datetime import timedelta

from litestar import Litestar
from sqlalchemy import select

from carerlink.actor import Role
from carerlink.app import create_app
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.mail.jobs import deliver_mail
from carerlink.organisations.models import Consent, ConsentKind
from carerlink.settings import Settings
from tests.support import ApiClient, Mailbox, field_errors, make_org, make_user, problem


async def _invite(
    app: Litestar,
    db: Database,
    client: ApiClient,
    mailbox: Mailbox,
    role: str = "carer",
    email: str = "new@example.org",
):  # type: ignore[no-untyped-def]
    org = await make_org(db, name="Riverside Carers Centre")
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    await client.login("coord@example.org")
    created = await client.post(f"/api/v1/orgs/{org.id}/invitations", json={"email": email, "role": role})
    assert created.status_code == 201, created.text
    await client.post("/api/v1/auth/logout")
    await deliver_mail(app.state.runtime)
    [mail] = mailbox.to(email)
    return org, created.json(), mail


async def test_a_new_carer_accepts_by_link_with_separate_health_consent(
    app: Litestar, db: Database, client: ApiClient, mailbox: Mailbox
) -> None:
    org, _, mail = await _invite(app, db, client, mailbox)
    assert "Riverside Carers Centre" in mail.subject
    token = mail.link_token()

    preview = (await client.post("/api/v1/invitations/preview", json={"token": token})).json()
    assert preview["organisation_name"] == "Riverside Carers Centre"
    assert preview["role"] == "carer"
    assert [(c["kind"], c["required"]) for c in preview["consents"]] == [
        ("terms", True),
        ("health_data", False),
    ]

    accepted = await client.post(
        "/api/v1/invitations/accept",
        json={
            "token": token,
            "display_name": "Alex Turner",
            "password": "walking the dog at six",
            "time_zone": "Europe/London",
            "consents": {"terms": True, "health_data": True},
        },
    )
    assert accepted.status_code == 200, accepted.text
    me = (await client.get("/api/v1/me")).json()  # signed in straight away
    assert [(m["organisation_id"], m["role"]) for m in me["memberships"]] == [(str(org.id), "carer")]
    async with db.session_scope() as session:
        consents = (await session.scalars(select(Consent))).all()
    mine = {c.kind: c.version for c in consents if str(c.user_id) == me["id"]}
    assert mine == {ConsentKind.TERMS: "terms-2026-11", ConsentKind.HEALTH_DATA: "health-data-2026-11"}
    # single use
    again = await client.post("/api/v1/invitations/preview", json={"token": token})
    assert field_errors(again) == {"token"}


async def test_health_consent_is_optional_and_not_recorded_when_declined(
    app: Litestar, db: Database, client: ApiClient, mailbox: Mailbox
) -> None:
    _, _, mail = await _invite(app, db, client, mailbox)
    accepted = await client.post(
        "/api/v1/invitations/accept",
        json={
            "token": mail.link_token(),
            "display_name": "Alex",
            "password": "walking the dog at six",
            "consents": {"terms": True},
        },
    )
    assert accepted.status_code == 200
    consents = (await client.get("/api/v1/me/consents")).json()
    assert [c["kind"] for c in consents] == ["terms"]


async def test_terms_must_be_agreed(app: Litestar, db: Database, client: ApiClient, mailbox: Mailbox) -> None:
    _, _, mail = await _invite(app, db, client, mailbox)
    refused = await client.post(
        "/api/v1/invitations/accept",
        json={
            "token": mail.link_token(),
            "display_name": "Alex",
            "password": "walking the dog at six",
            "consents": {"terms": False},
        },
    )
    assert field_errors(refused) == {"consents.terms"}


async def test_the_in_person_code_works_and_is_case_and_dash_insensitive(
    app: Litestar, db: Database, client: ApiClient, mailbox: Mailbox
) -> None:
    _, created, mail = await _invite(app, db, client, mailbox, role="buddy")
    assert created["code"] == mail.code()
    typed = created["code"].lower().replace("-", " ")
    accepted = await client.post(
        "/api/v1/invitations/accept",
        json={
            "code": typed,
            "display_name": "Priya",
            "password": "been there myself",
            "consents": {"terms": True},
        },
    )
    assert accepted.status_code == 200, accepted.text
    assert [m["role"] for m in accepted.json()["memberships"]] == ["buddy"]


async def test_an_invitation_expires_after_7_days(
    app: Litestar, db: Database, client: ApiClient, mailbox: Mailbox, clock: FrozenClock
) -> None:
    _, _, mail = await _invite(app, db, client, mailbox)
    clock.advance(timedelta(days=7, minutes=1))
    assert field_errors(
        await client.post("/api/v1/invitations/preview", json={"token": mail.link_token()})
    ) == {"token"}


async def test_a_revoked_invitation_stops_working(
    app: Litestar, db: Database, client: ApiClient, mailbox: Mailbox
) -> None:
    org, created, mail = await _invite(app, db, client, mailbox)
    await client.login("coord@example.org")
    assert (
        await client.delete(f"/api/v1/orgs/{org.id}/invitations/{created['invitation']['id']}")
    ).status_code == 204
    states = [i["state"] for i in (await client.get(f"/api/v1/orgs/{org.id}/invitations")).json()]
    assert states == ["revoked"]
    await client.post("/api/v1/auth/logout")
    assert field_errors(
        await client.post("/api/v1/invitations/preview", json={"token": mail.link_token()})
    ) == {"token"}


async def test_an_existing_person_signs_in_first_and_gains_the_role_with_a_new_session(
    app: Litestar, db: Database, client: ApiClient, mailbox: Mailbox
) -> None:
    org, _, mail = await _invite(app, db, client, mailbox, role="buddy", email="former.carer@example.org")
    await make_user(db, organisation=org, roles=(Role.CARER,), email="former.carer@example.org")
    body = {"token": mail.link_token(), "consents": {"terms": True}}

    problem(await client.post("/api/v1/invitations/accept", json=body), 409)  # not signed in: sign in first
    old = (await client.login("former.carer@example.org")).cookies["carerlink_session"]
    accepted = await client.post("/api/v1/invitations/accept", json=body)

    assert accepted.status_code == 200, accepted.text
    assert sorted(m["role"] for m in accepted.json()["memberships"]) == ["buddy", "carer"]
    assert accepted.cookies["carerlink_session"] != old  # privilege change → new token
    client.cookies.set("carerlink_session", old, domain="testserver.local")
    problem(await client.get("/api/v1/me"), 401)


async def test_invitation_guessing_is_rate_limited_per_ip(client: ApiClient) -> None:
    for i in range(20):
        response = await client.post("/api/v1/invitations/preview", json={"code": f"AAAA-{i:04d}"})
        assert response.status_code == 422
    problem(await client.post("/api/v1/invitations/preview", json={"code": "AAAA-BBBB"}), 429)


async def test_codes_guessed_from_many_addresses_at_once_are_stopped_but_the_email_link_still_works(
    db: Database, settings: Settings, clock: FrozenClock, mailbox: Mailbox
) -> None:
    # Behind the centre's reverse proxy, each guess comes from a different address.
    app = create_app(settings.replace(trusted_proxies=("127.0.0.1/32",)), clock=clock, mail_transport=mailbox)
    try:
        org = await make_org(db)
        coordinator = await make_user(db, organisation=org, roles=(Role.COORDINATOR,))
        boss = ApiClient(app)
        await boss.login(coordinator.email)
        made = await boss.post(
            f"/api/v1/orgs/{org.id}/invitations", json={"email": "new.carer@example.org", "role": "carer"}
        )
        assert made.status_code == 201, made.text
        await deliver_mail(app.state.runtime)
        [mail] = mailbox.to("new.carer@example.org")
        token = mail.link_token()

        crowd = ApiClient(app)
        statuses = []
        for n in range(301):
            guess = await crowd.post(
                "/api/v1/invitations/preview",
                json={"code": f"Z{n:07d}"},
                headers={"X-Forwarded-For": f"203.0.{n // 250}.{n % 250 + 1}"},
            )
            statuses.append(guess.status_code)
        assert set(statuses[:300]) == {422} and statuses[300] == 429  # no address made more than 2 tries

        # The carer's link from the e-mail is not a guess: it still opens the invitation.
        preview = await crowd.post("/api/v1/invitations/preview", json={"token": token})
        assert preview.status_code == 200, preview.text
    finally:
        await app.state.runtime.close()


async def test_give_the_link_or_the_code(client: ApiClient) -> None:
    assert field_errors(await client.post("/api/v1/invitations/preview", json={})) == {"token"}


async def test_changing_one_setting_leaves_the_others_as_they_were(db: Database, client: ApiClient) -> None:
    org = await make_org(db)
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    await client.login("coord@example.org")
    url = f"/api/v1/orgs/{org.id}"
    first = await client.patch(url, json={"settings": {"checkins": {"nudge_after_hours": 12}}})
    assert first.status_code == 200, first.text
    second = await client.patch(url, json={"settings": {"young_carers_programme": True}})
    settings = second.json()["settings"]
    assert settings["young_carers_programme"] is True
    assert settings["checkins"]["nudge_after_hours"] == 12  # not reset by the second change
    too_soon = await client.patch(url, json={"settings": {"checkins": {"crisis_ack_minutes": 0}}})
    assert field_errors(too_soon) == {"settings.checkins.crisis_ack_minutes"}
