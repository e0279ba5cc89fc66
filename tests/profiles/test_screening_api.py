"""Buddy screening: courses, training, checks, approval; "matchable" is derived with the reasons why not."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.profiles import service as profiles
from carerlink.profiles.vocabulary import CheckType
from tests.notifications.support import inbox
from tests.profiles.factories import BUDDY_PROFILE, TODAY, make_buddy, make_carer, make_coordinator
from tests.support import START, ApiClient, field_errors, make_org, problem


def codes(screening: dict[str, Any]) -> list[str]:
    return [r["code"] for r in screening["reasons"]]


async def test_a_buddy_becomes_matchable_step_by_step_and_always_hears_why_not(
    db: Database, client: ApiClient, new_client: Any
) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    buddy = await make_buddy(db, org, screened=False)
    base = f"/api/v1/orgs/{org.id}"
    buddy_url = f"{base}/buddies/{buddy.membership_id}"
    await client.login(coordinator.email)
    course = (
        await client.post(f"{base}/training-courses", json={"name": "Buddy induction", "required": True})
    ).json()
    await client.post(
        f"{base}/training-courses",
        json={"name": "Mental health awareness", "required": False, "valid_months": 24},
    )

    first = (await client.get(f"{buddy_url}/screening")).json()
    assert first["matchable"] is False
    assert codes(first) == ["not_approved", "training_missing", "check_missing"]
    assert "Buddy induction" in first["reasons"][1]["message"]

    await client.post(
        f"{buddy_url}/training",
        json={"course_id": course["id"], "completed_on": str(TODAY - timedelta(days=3))},
    )
    await client.post(
        f"{buddy_url}/checks",
        json={
            "check_type": "dbs_enhanced",
            "reference": "001234567890",
            "issued_on": str(TODAY - timedelta(days=10)),
            "recheck_due": str(TODAY + timedelta(days=1085)),
        },
    )
    approved = (
        await client.put(f"{buddy_url}/approval", json={"granted": True, "note": "References fine"})
    ).json()

    assert approved["matchable"] is True
    assert approved["reasons"] == []
    assert approved["check"]["state"] == "ok"
    assert [(c["name"], c["state"]) for c in approved["courses"]] == [
        ("Buddy induction", "complete"),
        ("Mental health awareness", "missing"),  # optional: does not stand in the way
    ]
    # the buddy sees the same, about themself
    own = new_client()
    await own.login(buddy.email)
    mine = (await own.get(f"{base}/me/screening")).json()
    assert mine["matchable"] is True
    # pausing is the buddy's own, and shows
    await own.patch(f"{base}/me/buddy-profile/wellbeing", json={"paused": True})
    listed = (await client.get(f"{base}/buddies")).json()
    assert [(b["display_name"], b["matchable"], codes(b)) for b in listed] == [
        ("Priya Shah", False, ["paused"])
    ]
    async with db.session_scope() as session:
        actions = (
            await session.scalars(
                select(AuditEntry.action).where(AuditEntry.actor_user_id == coordinator.user.id)
            )
        ).all()
    assert "profiles.approval.granted" in actions
    assert "profiles.screening.viewed" in actions


async def test_expired_training_an_overdue_check_and_the_wrong_kind_of_check_stop_matching(
    db: Database, client: ApiClient, clock: FrozenClock
) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    buddy = await make_buddy(db, org, recheck_due=TODAY + timedelta(days=40))
    base = f"/api/v1/orgs/{org.id}"
    await client.login(coordinator.email)
    courses = (await client.get(f"{base}/training-courses")).json()
    await client.patch(f"{base}/training-courses/{courses[0]['id']}", json={"valid_months": 2})

    screening = (await client.get(f"{base}/buddies/{buddy.membership_id}/screening")).json()
    assert codes(screening) == []  # completed 31 January, valid two months: in date until 31 March
    assert screening["courses"][0]["expires_on"] == "2026-03-31"

    clock.advance(timedelta(days=30))  # 1 April
    await client.login(coordinator.email)  # (the sign-in has timed out meanwhile)
    assert codes((await client.get(f"{base}/buddies/{buddy.membership_id}/screening")).json()) == [
        "training_expired"
    ]

    await client.patch(f"{base}/training-courses/{courses[0]['id']}", json={"valid_months": None})
    assert codes((await client.get(f"{base}/buddies/{buddy.membership_id}/screening")).json()) == []
    clock.advance(timedelta(days=10))  # the recheck was due on 11 April: still fine that day
    await client.login(coordinator.email)
    assert codes((await client.get(f"{base}/buddies/{buddy.membership_id}/screening")).json()) == []
    clock.advance(timedelta(days=1))
    await client.login(coordinator.email)
    overdue = (await client.get(f"{base}/buddies/{buddy.membership_id}/screening")).json()
    assert codes(overdue) == ["check_overdue"]
    assert overdue["check"]["state"] == "overdue"

    await client.post(
        f"{base}/buddies/{buddy.membership_id}/checks",
        json={
            "check_type": "dbs_basic",
            "reference": "B-77",
            "issued_on": str(TODAY + timedelta(days=40)),
            "recheck_due": str(TODAY + timedelta(days=800)),
        },
    )
    assert codes((await client.get(f"{base}/buddies/{buddy.membership_id}/screening")).json()) == [
        "check_not_accepted"
    ]


async def test_rechecks_due_within_30_days_are_listed_soonest_first(
    db: Database, client: ApiClient, clock: FrozenClock
) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    await make_buddy(db, org, name="Later Buddy", recheck_due=TODAY + timedelta(days=45))
    await make_buddy(db, org, name="Soon Buddy", recheck_due=TODAY + timedelta(days=12))
    await make_buddy(db, org, name="Overdue Buddy", recheck_due=TODAY - timedelta(days=3))
    await client.login(coordinator.email)

    due = (await client.get(f"/api/v1/orgs/{org.id}/rechecks-due")).json()

    assert [(d["display_name"], d["days_left"]) for d in due] == [("Overdue Buddy", -3), ("Soon Buddy", 12)]
    wider = (await client.get(f"/api/v1/orgs/{org.id}/rechecks-due?within_days=60")).json()
    assert [d["display_name"] for d in wider] == ["Overdue Buddy", "Soon Buddy", "Later Buddy"]
    assert field_errors(await client.get(f"/api/v1/orgs/{org.id}/rechecks-due?within_days=-1")) == {
        "within_days"
    }


async def test_a_check_running_out_is_announced_once_to_the_coordinators_and_the_buddy(db: Database) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    soon = await make_buddy(db, org, name="Soon Buddy", recheck_due=TODAY + timedelta(days=12))
    later = await make_buddy(db, org, name="Later Buddy", recheck_due=TODAY + timedelta(days=45))

    async with db.session_scope() as session:
        assert await profiles.remind_renewals(session, now=START) == 1
    async with db.session_scope() as session:  # the next hour's tick: nobody is told twice
        assert await profiles.remind_renewals(session, now=START + timedelta(hours=1)) == 0

    for person in (coordinator, soon):
        [note] = await inbox(db, person.user)
        assert note.kind == "recheck_due"
        assert note.title == "A renewal is due"
        assert note.body == "Soon Buddy's safeguarding check is due for renewal."
        assert note.url == f"/buddies/{soon.membership_id}/checks"
    assert await inbox(db, later.user) == []
    # Fifteen days on, the later buddy's check is within 30 days too: now they hear, once.
    async with db.session_scope() as session:
        assert await profiles.remind_renewals(session, now=START + timedelta(days=15)) == 1
    later_notes = [n.body for n in await inbox(db, later.user)]
    assert later_notes == ["Later Buddy's safeguarding check is due for renewal."]
    assert len(await inbox(db, coordinator.user)) == 2


async def test_young_carers_clearance_needs_a_check_covering_children(
    db: Database, client: ApiClient
) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    adults_only = await make_buddy(db, org, name="Adult Check")
    children = await make_buddy(db, org, name="Child Check", check_type=CheckType.DBS_ENHANCED_BOTH_BARRED)
    await client.login(coordinator.email)
    base = f"/api/v1/orgs/{org.id}/buddies"

    refused = await client.put(
        f"{base}/{adults_only.membership_id}/young-carers-clearance", json={"granted": True}
    )
    cleared = await client.put(
        f"{base}/{children.membership_id}/young-carers-clearance", json={"granted": True}
    )

    assert "children" in problem(refused, 409)["detail"]
    assert cleared.json()["young_carers_cleared"] is True
    withdrawn = await client.put(
        f"{base}/{children.membership_id}/young-carers-clearance", json={"granted": False}
    )
    assert withdrawn.json()["young_carers_cleared"] is False


async def test_screening_records_are_checked(db: Database, client: ApiClient) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    buddy = await make_buddy(db, org, screened=False)
    await client.login(coordinator.email)
    base = f"/api/v1/orgs/{org.id}"
    course = (
        await client.post(f"{base}/training-courses", json={"name": "Induction", "required": True})
    ).json()
    url = f"{base}/buddies/{buddy.membership_id}"

    assert problem(
        await client.post(f"{base}/training-courses", json={"name": "Induction", "required": False}), 409
    )
    future = {"course_id": course["id"], "completed_on": str(TODAY + timedelta(days=1))}
    assert field_errors(await client.post(f"{url}/training", json=future)) == {"completed_on"}
    unknown = {"course_id": "00000000-0000-4000-8000-000000000000", "completed_on": str(TODAY)}
    assert field_errors(await client.post(f"{url}/training", json=unknown)) == {"course_id"}
    check = {
        "check_type": "dbs_enhanced",
        "reference": "X1",
        "issued_on": str(TODAY),
        "recheck_due": str(TODAY),
    }
    assert field_errors(await client.post(f"{url}/checks", json=check)) == {"recheck_due"}
    assert field_errors(await client.post(f"{url}/checks", json={**check, "check_type": "dbs_super"})) == {
        "check_type"
    }
    assert field_errors(await client.post(f"{url}/checks", json={**check, "reference": "<script>"})) == {
        "reference"
    }
    assert field_errors(
        await client.post(
            f"{base}/training-courses", json={"name": "X y", "required": True, "valid_months": 0}
        )
    ) == {"valid_months"}
    recorded = await client.post(
        f"{url}/training", json={"course_id": course["id"], "completed_on": str(TODAY - timedelta(days=1))}
    )
    record_id = recorded.json()["courses"][0]["record_id"]
    removed = await client.delete(f"{url}/training/{record_id}")
    assert removed.json()["courses"][0]["state"] == "missing"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "screening", None),
        ("POST", "training", "training"),
        ("POST", "checks", "check"),
        ("PUT", "approval", {"granted": True}),
        ("PUT", "young-carers-clearance", {"granted": False}),
        ("GET", "profile", None),
    ],
)
async def test_screening_role_matrix(
    db: Database, new_client: Any, method: str, path: str, body: Any
) -> None:
    org, other_org = await make_org(db), await make_org(db)
    coordinator = await make_coordinator(db, org)
    buddy = await make_buddy(db, org)
    other_buddy = await make_buddy(db, org, name="Tom Okafor")
    carer = await make_carer(db, org)
    outsider = await make_coordinator(db, other_org, name="Jo Other")
    boss = new_client()
    await boss.login(coordinator.email)
    course_id = (await boss.get(f"/api/v1/orgs/{org.id}/training-courses")).json()[0]["id"]
    payload = (
        {
            "training": {"course_id": course_id, "completed_on": str(TODAY)},
            "check": {
                "check_type": "dbs_enhanced",
                "reference": "R1",
                "issued_on": str(TODAY),
                "recheck_due": "2030-01-01",
            },
        }.get(body, body)
        if isinstance(body, str)
        else body
    )
    url = f"/api/v1/orgs/{org.id}/buddies/{buddy.membership_id}/{path}"

    async def call(email: str | None) -> tuple[int, str]:
        browser = new_client()
        if email:
            await browser.login(email)
        response = await browser.request(method, url, json=payload)
        return response.status_code, response.text

    assert (await call(coordinator.email))[0] in (200, 201)
    for email, expected in [
        (buddy.email, 403),
        (other_buddy.email, 403),
        (carer.email, 403),
        (outsider.email, 404),
        (None, 401),
    ]:
        status, text = await call(email)
        assert status == expected, (email, text)
        assert "001234567890" not in text
    unknown = f"/api/v1/orgs/{org.id}/buddies/{carer.membership_id}/{path}"  # a carer is not a buddy
    assert (await boss.request(method, unknown, json=payload)).status_code == 404


async def test_course_and_training_record_routes_role_matrix(db: Database, new_client: Any) -> None:
    org, other_org = await make_org(db), await make_org(db)
    coordinator = await make_coordinator(db, org)
    buddy = await make_buddy(db, org)
    carer = await make_carer(db, org)
    outsider = await make_coordinator(db, other_org, name="Jo Other")
    boss = new_client()
    await boss.login(coordinator.email)
    screening = (await boss.get(f"/api/v1/orgs/{org.id}/buddies/{buddy.membership_id}/screening")).json()
    course_id, record_id = screening["courses"][0]["course_id"], screening["courses"][0]["record_id"]
    course_url = f"/api/v1/orgs/{org.id}/training-courses/{course_id}"
    record_url = f"/api/v1/orgs/{org.id}/buddies/{buddy.membership_id}/training/{record_id}"

    for email, expected in [(buddy.email, 403), (carer.email, 403), (outsider.email, 404), (None, 401)]:
        browser = new_client()
        if email:
            await browser.login(email)
        assert (await browser.patch(course_url, json={"required": False})).status_code == expected
        assert (await browser.delete(record_url)).status_code == expected
        assert (await browser.get(f"/api/v1/orgs/{org.id}/training-courses")).status_code == expected
    wrong_buddy = f"/api/v1/orgs/{org.id}/buddies/{carer.membership_id}/training/{record_id}"
    assert (await boss.delete(wrong_buddy)).status_code == 404
    assert (await boss.patch(course_url, json={"required": False})).json()["required"] is False
    assert (await boss.delete(record_url)).status_code == 200


async def test_a_buddy_who_has_not_confirmed_they_are_an_adult_is_not_matchable(
    db: Database, client: ApiClient, new_client: Any
) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    minor = await make_buddy(db, org, name="Not Confirmed", profile={"confirmed_adult": False})
    # Young-carers clearance is for adults working with children; it does not let a buddy skip being 18+.
    cleared = await make_buddy(
        db,
        org,
        name="Cleared Unconfirmed",
        profile={"confirmed_adult": False},
        check_type=CheckType.DBS_ENHANCED_BOTH_BARRED,
        young_carers=True,
    )
    adult = await make_buddy(db, org, name="Confirmed Adult")
    await client.login(coordinator.email)
    base = f"/api/v1/orgs/{org.id}"

    listed = {b["display_name"]: b for b in (await client.get(f"{base}/buddies")).json()}
    screening = (await client.get(f"{base}/buddies/{minor.membership_id}/screening")).json()
    cleared_screening = (await client.get(f"{base}/buddies/{cleared.membership_id}/screening")).json()

    assert codes(listed["Not Confirmed"]) == ["not_adult"]
    assert listed["Not Confirmed"]["matchable"] is False
    assert (
        listed["Not Confirmed"]["reasons"][0]["message"] == "The buddy hasn't confirmed they are 18 or over."
    )
    assert (screening["matchable"], codes(screening)) == (False, ["not_adult"])
    assert codes(cleared_screening) == ["not_adult"]
    assert cleared_screening["young_carers_cleared"] is False
    assert listed["Confirmed Adult"]["matchable"] is True
    assert codes(listed["Confirmed Adult"]) == []
    assert adult.membership_id != minor.membership_id

    own = new_client()
    await own.login(minor.email)
    profile = (await own.get(f"{base}/me/buddy-profile")).json()
    assert profile["confirmed_adult"] is False
    body = {k: v for k, v in profile.items() if k in BUDDY_PROFILE}
    assert (
        await own.put(f"{base}/me/buddy-profile", json={**body, "confirmed_adult": True})
    ).status_code == 200

    confirmed = (await client.get(f"{base}/buddies/{minor.membership_id}/screening")).json()
    assert (confirmed["matchable"], codes(confirmed)) == (True, [])
    assert field_errors(
        await own.put(f"{base}/me/buddy-profile", json={**body, "confirmed_adult": None})
    ) == {"confirmed_adult"}
    no_answer = {k: v for k, v in body.items() if k != "confirmed_adult"}
    assert field_errors(await own.put(f"{base}/me/buddy-profile", json=no_answer)) == {"confirmed_adult"}
