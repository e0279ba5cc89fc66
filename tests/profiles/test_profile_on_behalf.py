"""Filling in a profile with the person (issue 16): a coordinator enters it, with spoken consent for needs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.organisations.consents import CURRENT
from carerlink.organisations.models import Consent, ConsentKind, ConsentMethod
from tests.notifications.support import inbox
from tests.profiles.factories import BUDDY_PROFILE, CARER_PROFILE, make_buddy, make_carer, make_coordinator
from tests.support import START, ApiClient, field_errors, make_org, problem

CARER_VERSION = CURRENT[ConsentKind.HEALTH_DATA][0]
BUDDY_VERSION = CURRENT[ConsentKind.BUDDY_HEALTH_DATA][0]
BUDDY_ENTRY = {k: v for k, v in BUDDY_PROFILE.items() if k not in ("confirmed_adult", "capacity")}


def url(org_id: Any, kind: str, membership_id: Any, what: str = "profile") -> str:
    return f"/api/v1/orgs/{org_id}/{kind}/{membership_id}/{what}"


async def actions(db: Database) -> list[tuple[str, Any, Any]]:
    async with db.session_scope() as session:
        entries = (await session.scalars(select(AuditEntry))).all()
    return [(e.action, e.actor_user_id, e.subject_user_id) for e in entries]


async def test_a_coordinator_fills_in_a_carers_profile_with_them_and_records_spoken_consent(
    db: Database, client: ApiClient, new_client: Any
) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    carer = await make_carer(db, org, name="Alex Turner", health_consent=False, with_profile=False)
    await client.login(coordinator.email)

    consent = (await client.get(url(org.id, "carers", carer.membership_id, "health-data-consent"))).json()
    assert consent["agreed"] is False
    assert consent["version"] == CARER_VERSION
    assert "health" in consent["text"]
    refused = await client.put(url(org.id, "carers", carer.membership_id), json=CARER_PROFILE)
    assert field_errors(refused) == {"health_consent.agreed"}
    assert "Read them the words" in problem(refused, 422)["detail"]
    assert (
        await client.get(url(org.id, "carers", carer.membership_id))
    ).status_code == 404  # nothing written

    saved = await client.put(
        url(org.id, "carers", carer.membership_id),
        json={**CARER_PROFILE, "health_consent": {"version": CARER_VERSION, "agreed": True}},
    )

    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["needs"] == ["mental_health"]
    assert body["entered_by_name"] == "Morgan Ellis"
    assert body["entered_at"] is not None
    async with db.session_scope() as session:
        given = await session.scalar(
            select(Consent).where(Consent.user_id == carer.user.id, Consent.kind == ConsentKind.HEALTH_DATA)
        )
    assert given is not None
    assert (given.method, given.recorded_by_user_id, given.version) == (
        ConsentMethod.VERBAL,
        coordinator.user.id,
        CARER_VERSION,
    )
    consent = (await client.get(url(org.id, "carers", carer.membership_id, "health-data-consent"))).json()
    assert (consent["agreed"], consent["method"], consent["recorded_by_name"]) == (
        True,
        "verbal",
        "Morgan Ellis",
    )
    logged = await actions(db)
    assert ("profiles.carer.entered_with_them", coordinator.user.id, carer.user.id) in logged
    assert ("profiles.health_consent.recorded_verbally", coordinator.user.id, carer.user.id) in logged
    assert ("profiles.health_consent.viewed", coordinator.user.id, carer.user.id) in logged

    # They are told kindly, with nothing of what they said.
    [told] = [n for n in await inbox(db, carer.user) if n.kind == "carer_profile_filled_in"]
    assert (told.title, told.body) == (
        "Your profile is filled in",
        "Morgan filled it in with you. Have a look and change anything you like.",
    )
    assert "dementia" not in told.body.lower() and "psychosis" not in told.body.lower()

    # The carer sees who filled it in with them, and changes it themselves later.
    carer_client = new_client()
    await carer_client.login(carer.email)
    mine = (await carer_client.get(f"/api/v1/orgs/{org.id}/me/carer-profile")).json()
    assert (mine["entered_by_name"], mine["needs"]) == ("Morgan Ellis", ["mental_health"])
    changed = await carer_client.put(
        f"/api/v1/orgs/{org.id}/me/carer-profile", json={**CARER_PROFILE, "years_caring": 3}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["years_caring"] == 3
    assert changed.json()["entered_by_name"] == "Morgan Ellis"  # still says it was first filled in with them


async def test_the_wording_read_out_must_be_the_current_one(db: Database, client: ApiClient) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    carer = await make_carer(db, org, health_consent=False, with_profile=False)
    await client.login(coordinator.email)

    old = await client.put(
        url(org.id, "carers", carer.membership_id),
        json={**CARER_PROFILE, "health_consent": {"version": "0-old", "agreed": True}},
    )
    said_no = await client.put(
        url(org.id, "carers", carer.membership_id),
        json={**CARER_PROFILE, "health_consent": {"version": CARER_VERSION, "agreed": False}},
    )
    without_needs = await client.put(
        url(org.id, "carers", carer.membership_id),
        json={**CARER_PROFILE, "needs": [], "mental_health_needs": []},
    )

    assert field_errors(old) == {"health_consent.version"}
    assert field_errors(said_no) == {"health_consent.agreed"}
    assert without_needs.status_code == 200, without_needs.text
    assert without_needs.json()["needs_shared"] is False
    async with db.session_scope() as session:
        assert (
            await session.scalar(
                select(Consent).where(
                    Consent.user_id == carer.user.id, Consent.kind == ConsentKind.HEALTH_DATA
                )
            )
            is None
        )


async def test_nobody_fills_in_the_profile_of_someone_who_has_left(db: Database, client: ApiClient) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    carer = await make_carer(db, org, with_profile=False)
    await client.login(coordinator.email)
    members = f"/api/v1/orgs/{org.id}/members"
    ended = await client.patch(f"{members}/{carer.membership_id}", json={"status": "ended"})
    assert ended.status_code == 200, ended.text

    refused = await client.put(url(org.id, "carers", carer.membership_id), json=CARER_PROFILE)

    assert "has left the centre" in problem(refused, 409)["detail"]
    assert (await client.get(url(org.id, "carers", carer.membership_id))).status_code == 404  # no profile


async def test_same_rules_as_the_persons_own_form(db: Database, client: ApiClient) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    carer = await make_carer(db, org, with_profile=False)
    await client.login(coordinator.email)

    young = await client.put(
        url(org.id, "carers", carer.membership_id), json={**CARER_PROFILE, "carer_category": "young"}
    )
    unknown = await client.put(
        url(org.id, "carers", carer.membership_id), json={**CARER_PROFILE, "years_caring": 99}
    )

    assert field_errors(young) == {"under_18"}
    assert field_errors(unknown) == {"years_caring"}


async def test_a_coordinator_fills_in_a_buddys_profile_but_not_their_age_or_capacity(
    db: Database, client: ApiClient, new_client: Any
) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    buddy = await make_buddy(db, org, health_consent=False, with_profile=False, screened=False)
    await client.login(coordinator.email)

    adult = await client.put(
        url(org.id, "buddies", buddy.membership_id), json={**BUDDY_ENTRY, "confirmed_adult": True}
    )
    assert field_errors(adult) == {"confirmed_adult"}  # not a field a coordinator can send
    saved = await client.put(
        url(org.id, "buddies", buddy.membership_id),
        json={**BUDDY_ENTRY, "health_consent": {"version": BUDDY_VERSION, "agreed": True}},
    )

    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert (body["confirmed_adult"], body["capacity"], body["needs"]) == (False, 2, ["mental_health"])
    assert body["entered_by_name"] == "Morgan Ellis"
    assert ("profiles.buddy.entered_with_them", coordinator.user.id, buddy.user.id) in await actions(db)
    buddy_client = new_client()
    await buddy_client.login(buddy.email)
    confirmed = await buddy_client.put(f"/api/v1/orgs/{org.id}/me/buddy-profile", json=BUDDY_PROFILE)
    assert confirmed.json()["confirmed_adult"] is True
    # a later change by the coordinator keeps the buddy's own answers
    again = await client.put(
        url(org.id, "buddies", buddy.membership_id), json={**BUDDY_ENTRY, "years_caring": 9}
    )
    assert (again.json()["confirmed_adult"], again.json()["years_caring"]) == (True, 9)


@pytest.mark.parametrize("kind", ["carers", "buddies"])
@pytest.mark.parametrize("what", ["profile", "health-data-consent"])
async def test_role_matrix(db: Database, new_client: Any, kind: str, what: str) -> None:
    org, other_org = await make_org(db), await make_org(db)
    coordinator = await make_coordinator(db, org)
    carer = await make_carer(db, org)
    other_carer = await make_carer(db, org, name="Sam Clarke")
    buddy = await make_buddy(db, org)
    other_buddy = await make_buddy(db, org, name="Tom Okafor")
    outsider = await make_coordinator(db, other_org, name="Jo Other")
    subject = carer if kind == "carers" else buddy
    stranger = other_carer if kind == "carers" else other_buddy
    other_role = buddy if kind == "carers" else carer
    body = CARER_PROFILE if kind == "carers" else BUDDY_ENTRY
    target = url(org.id, kind, subject.membership_id, what)

    async def status_as(email: str | None) -> int:
        browser = new_client()
        if email:
            await browser.login(email)
        response = await (browser.put(target, json=body) if what == "profile" else browser.get(target))
        assert "psychosis" not in response.text or email == coordinator.email
        return response.status_code

    for email, expected in [
        (subject.email, 403),  # the person keeps their own through /me
        (stranger.email, 403),
        (other_role.email, 403),
        (outsider.email, 404),
        (None, 401),
    ]:
        assert await status_as(email) == expected, email
    assert await status_as(coordinator.email) == 200
    browser = new_client()
    await browser.login(outsider.email)
    cross = url(other_org.id, kind, subject.membership_id, what)
    response = await (browser.put(cross, json=body) if what == "profile" else browser.get(cross))
    assert response.status_code == 404


async def test_the_demo_has_a_carer_whose_profile_morgan_filled_in_with_them(
    db: Database, client: ApiClient
) -> None:
    from carerlink import demo

    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    await client.login("carer5@example.org", demo.DEMO_PASSWORD)

    mine = (await client.get(f"/api/v1/orgs/{organisation.id}/me/carer-profile")).json()
    consent = (await client.get(f"/api/v1/orgs/{organisation.id}/me/health-data-consent")).json()

    assert mine["entered_by_name"] == "Morgan Ellis"
    assert mine["needs_shared"] is True
    assert consent["agreed"] is True
    async with db.session_scope() as session:
        given = await session.scalar(
            select(Consent).where(
                Consent.organisation_id == organisation.id,
                Consent.kind == ConsentKind.HEALTH_DATA,
                Consent.method == ConsentMethod.VERBAL,
            )
        )
    assert given is not None
    assert given.recorded_by_user_id is not None


async def test_a_copy_of_kwames_data_says_when_his_profile_was_filled_in_and_erasure_removes_it(
    db: Database, clock: FrozenClock, new_client: Any
) -> None:
    import io
    import json
    import zipfile

    from carerlink import demo
    from carerlink.privacy.export import service as exports
    from carerlink.profiles.models import CarerProfile

    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    kwame = new_client()
    await kwame.login("carer5@example.org", demo.DEMO_PASSWORD)
    asked = await kwame.post("/api/v1/me/export")
    assert asked.status_code == 202, asked.text
    assert await exports.build_due(db, now=clock.now()) >= 1
    [copy] = [c for c in (await kwame.get("/api/v1/me/exports")).json() if c["id"] == asked.json()["id"]]
    archive = zipfile.ZipFile(io.BytesIO((await kwame.get(copy["download_url"])).content))
    document = json.loads(archive.read("data.json"))
    [row] = document["sections"]["carer_profile"]["rows"]
    assert row["entered_at"].startswith((START - timedelta(days=21)).date().isoformat())
    assert row["needs"] == ["autism", "learning_disability"]  # kept with his spoken consent

    morgan = new_client()
    await morgan.login("coordinator@example.org", demo.DEMO_PASSWORD)
    request = (await kwame.post("/api/v1/me/erasure", json={})).json()
    confirmed = await morgan.post(f"/api/v1/orgs/{organisation.id}/erasure-requests/{request['id']}/confirm")
    assert confirmed.json()["state"] == "done", confirmed.text
    async with db.session_scope() as session:
        kept = await session.scalar(
            select(CarerProfile).where(
                CarerProfile.organisation_id == organisation.id, CarerProfile.entered_at.is_not(None)
            )
        )
    assert kept is None
