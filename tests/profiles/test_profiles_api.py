"""Carers and buddies keep their own profiles; coordinators read them (audited); health data needs consent."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from carerlink.actor import Role
from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.profiles.models import CarerProfile
from tests.profiles.factories import BUDDY_PROFILE, CARER_PROFILE, make_buddy, make_carer, make_coordinator
from tests.support import ApiClient, field_errors, make_org, make_user, problem


def me(org_id: Any, what: str) -> str:
    return f"/api/v1/orgs/{org_id}/me/{what}"


async def test_a_carer_fills_in_and_reads_back_their_profile(db: Database, client: ApiClient) -> None:
    org = await make_org(db)
    carer = await make_user(db, organisation=org, roles=(Role.CARER,), name="Alex Turner")
    await client.login(carer.email)

    assert problem(await client.get(me(org.id, "carer-profile")), 404)["detail"] == (
        "You haven't filled in your profile yet."
    )
    saved = await client.put(me(org.id, "carer-profile"), json=CARER_PROFILE)

    assert saved.status_code == 200, saved.text
    body = (await client.get(me(org.id, "carer-profile"))).json()
    assert body["display_name"] == "Alex Turner"
    assert body["needs"] == ["mental_health"]
    assert body["mental_health_needs"] == ["psychosis"]
    assert body["needs_shared"] is True
    assert body["postcode_district"] == "SE5"  # stored in capitals
    assert body["availability"][0] == {"day": "mon", "part": "evening"}
    assert len(body["availability"]) == 5
    assert saved.headers["cache-control"] == "no-store"


async def test_needs_are_refused_without_health_consent_and_the_rest_is_kept(
    db: Database, client: ApiClient
) -> None:
    org = await make_org(db)
    carer = await make_user(db, organisation=org, roles=(Role.CARER,), health_consent=False)
    await client.login(carer.email)

    refused = await client.put(me(org.id, "carer-profile"), json=CARER_PROFILE)

    body = problem(refused, 422)
    assert body["errors"][0]["field"] == "needs"
    assert "agree" in body["detail"]
    # nothing was written
    assert (await client.get(me(org.id, "carer-profile"))).status_code == 404
    without = {**CARER_PROFILE, "needs": [], "mental_health_needs": []}
    assert (await client.put(me(org.id, "carer-profile"), json=without)).status_code == 200
    assert (await client.get(me(org.id, "carer-profile"))).json()["needs_shared"] is False


async def test_giving_consent_later_allows_needs_and_withdrawing_deletes_them(
    db: Database, client: ApiClient
) -> None:
    org = await make_org(db)
    carer = await make_user(db, organisation=org, roles=(Role.CARER,), health_consent=False)
    await client.login(carer.email)

    consent = (await client.get(me(org.id, "health-data-consent"))).json()
    assert consent["agreed"] is False
    assert "health" in consent["text"]
    assert (await client.put(me(org.id, "health-data-consent"), json={"agree": True})).json()[
        "agreed"
    ] is True
    assert (await client.put(me(org.id, "carer-profile"), json=CARER_PROFILE)).status_code == 200
    assert (await client.get(me(org.id, "carer-profile"))).json()["needs"] == ["mental_health"]

    withdrawn = await client.put(me(org.id, "health-data-consent"), json={"agree": False})

    assert withdrawn.json()["agreed"] is False
    body = (await client.get(me(org.id, "carer-profile"))).json()
    assert body["needs"] == []
    assert body["mental_health_needs"] == []
    async with db.session_scope() as session:
        stored = await session.scalar(select(CarerProfile).where(CarerProfile.user_id == carer.id))
        assert stored is not None
        assert stored.needs == []  # deleted, not just hidden
        assert stored.mental_health_needs == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"relationships": ["cousin"]}, "relationships[0]"),
        ({"hours_band": "40"}, "hours_band"),
        ({"journey_stage": "done"}, "journey_stage"),
        ({"needs": ["mental_health", "grief"]}, "needs[1]"),
        ({"mental_health_needs": ["ocd"]}, "mental_health_needs[0]"),
        ({"contact_modes": ["carrier pigeon"]}, "contact_modes[0]"),
        ({"availability": [{"day": "mon", "part": "night"}]}, "availability[0].part"),
        ({"languages": ["en", "xx"]}, "languages[1]"),
        ({"languages": ["english"]}, "languages[0]"),
        ({"preferred_language": "pl"}, "preferred_language"),
        ({"postcode_district": "SE5 9RS"}, "postcode_district"),
        ({"years_caring": -1}, "years_caring"),
        ({"years_caring": "2"}, "years_caring"),
        ({"help_note": "x" * 501}, "help_note"),
        ({"carer_category": "young"}, "under_18"),
        ({"under_18": True}, "under_18"),
        ({"needs": [], "mental_health_needs": ["psychosis"]}, "mental_health_needs"),
        ({"preferences": {"shared_background": "must"}}, "preferences.shared_background"),
        (
            {"preferences": {"gender": {"genders": ["woman"], "strength": "maybe"}}},
            "preferences.gender.strength",
        ),
        ({"favourite_colour": "blue"}, "favourite_colour"),
    ],
)
async def test_every_field_is_checked_and_the_error_names_it(
    db: Database, client: ApiClient, change: dict[str, Any], field: str
) -> None:
    org = await make_org(db)
    carer = await make_user(db, organisation=org, roles=(Role.CARER,))
    await client.login(carer.email)

    response = await client.put(me(org.id, "carer-profile"), json={**CARER_PROFILE, **change})

    assert field_errors(response) == {field}
    assert (await client.get(me(org.id, "carer-profile"))).status_code == 404


async def test_a_buddy_keeps_their_profile_and_their_own_pause_and_capacity(
    db: Database, client: ApiClient
) -> None:
    org = await make_org(db)
    buddy = await make_user(db, organisation=org, roles=(Role.BUDDY,), name="Tom Okafor")
    await client.login(buddy.email)
    former = {**BUDDY_PROFILE, "caring_status": "former", "journey_stage": None, "capacity": 3}

    saved = await client.put(me(org.id, "buddy-profile"), json=former)

    assert saved.status_code == 200, saved.text
    assert saved.json()["journey_stage"] == "ended"
    assert saved.json()["capacity"] == 3
    assert saved.json()["earlier_quiet_hours"] is None
    changed = await client.patch(me(org.id, "buddy-profile/wellbeing"), json={"paused": True, "capacity": 1})
    assert changed.status_code == 200, changed.text
    assert changed.json()["paused"] is True
    assert changed.json()["capacity"] == 1
    # fields left out stay as they are
    again = await client.patch(me(org.id, "buddy-profile/wellbeing"), json={"paused": False})
    assert again.json()["capacity"] == 1
    assert field_errors(await client.patch(me(org.id, "buddy-profile/wellbeing"), json={"capacity": 6})) == {
        "capacity"
    }
    # Quiet hours are a notification preference now: the profile no longer takes them.
    refused = await client.patch(
        me(org.id, "buddy-profile/wellbeing"), json={"quiet_hours": {"start": "21:00", "end": "08:00"}}
    )
    assert refused.status_code == 422
    # Saving the whole profile again replaces the capacity too.
    resaved = await client.put(me(org.id, "buddy-profile"), json={**former, "capacity": 2})
    assert resaved.json()["capacity"] == 2
    current_but_ended = {**BUDDY_PROFILE, "journey_stage": "ended"}
    assert field_errors(await client.put(me(org.id, "buddy-profile"), json=current_but_ended)) == {
        "journey_stage"
    }


async def test_only_carers_have_carer_profiles_and_only_buddies_buddy_profiles(
    db: Database, client: ApiClient
) -> None:
    org = await make_org(db)
    buddy = await make_user(db, organisation=org, roles=(Role.BUDDY,))
    await client.login(buddy.email)
    assert problem(await client.put(me(org.id, "carer-profile"), json=CARER_PROFILE), 403)
    assert problem(await client.get(me(org.id, "carer-profile")), 403)
    assert problem(await client.put(me(org.id, "health-data-consent"), json={"agree": True}), 403)


async def test_coordinator_reads_of_profiles_go_into_the_audit_log(db: Database, client: ApiClient) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    carer = await make_carer(db, org)
    buddy = await make_buddy(db, org)
    await client.login(coordinator.email)

    carer_read = await client.get(f"/api/v1/orgs/{org.id}/carers/{carer.membership_id}/profile")
    buddy_read = await client.get(f"/api/v1/orgs/{org.id}/buddies/{buddy.membership_id}/profile")

    assert carer_read.status_code == 200
    assert carer_read.json()["relationships"] == ["parent_of_adult_child"]
    assert buddy_read.json()["about_me"].startswith("My son")
    async with db.session_scope() as session:
        entries = (
            await session.scalars(
                select(AuditEntry).where(
                    AuditEntry.action.in_(["profiles.carer.viewed", "profiles.buddy.viewed"])
                )
            )
        ).all()
    assert {(e.action, e.actor_user_id, e.subject_user_id) for e in entries} == {
        ("profiles.carer.viewed", coordinator.user.id, carer.user.id),
        ("profiles.buddy.viewed", coordinator.user.id, buddy.user.id),
    }


async def test_coordinators_do_not_see_needs_of_a_carer_who_withdrew_consent(
    db: Database, client: ApiClient, new_client: Any
) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    carer = await make_carer(db, org)
    carer_client = new_client()
    await carer_client.login(carer.email)
    await carer_client.put(me(org.id, "health-data-consent"), json={"agree": False})
    await client.login(coordinator.email)

    body = (await client.get(f"/api/v1/orgs/{org.id}/carers/{carer.membership_id}/profile")).json()

    assert body["needs"] == []
    assert body["needs_shared"] is False


@pytest.mark.parametrize("kind", ["carers", "buddies"])
async def test_profile_reads_role_matrix(db: Database, new_client: Any, kind: str) -> None:
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
    url = f"/api/v1/orgs/{org.id}/{kind}/{subject.membership_id}/profile"

    async def status_as(email: str | None) -> tuple[int, str]:
        browser = new_client()
        if email:
            await browser.login(email)
        response = await browser.get(url)
        return response.status_code, response.text

    assert (await status_as(coordinator.email))[0] == 200
    for email, expected in [
        (subject.email, 403),  # owners edit through /me; this route is for coordinators
        (stranger.email, 403),
        (other_role.email, 403),
        (outsider.email, 404),
        (None, 401),
    ]:
        status, text = await status_as(email)
        assert status == expected, (email, text)
        assert "about_me" not in text
        assert "psychosis" not in text
    # the coordinator of the other organisation cannot reach it through their own organisation either
    browser = new_client()
    await browser.login(outsider.email)
    cross = await browser.get(f"/api/v1/orgs/{other_org.id}/{kind}/{subject.membership_id}/profile")
    assert cross.status_code == 404
