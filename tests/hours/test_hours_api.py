"""Volunteer hours (issue 16): a buddy logs time and sees it with counted check-ins in "My hours" and on a
certificate; coordinators see hours per buddy (audited) and a buddy's notes; nobody else sees any of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from carerlink.audit.models import AuditEntry
from carerlink.checkins.ladder import State
from carerlink.checkins.models import CheckinOccurrence, OccurrenceKind
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.organisations.models import Organisation
from tests.checkins.factories import make_pair
from tests.profiles.factories import TODAY, Person, make_buddy, make_coordinator
from tests.support import START, field_errors, make_org, problem, signed_in

NOTE = "Walked with Sam to the pharmacy; she talked about her dad's new care plan."


@dataclass
class World:
    org: Organisation
    base: str
    people: dict[str, Person]
    match_id: Any


async def _world(db: Database) -> World:
    pair = await make_pair(db)
    org = pair.org
    other = await make_org(db, slug="elsewhere")
    people = {
        "buddy": pair.buddy,
        "coordinator": pair.coordinator,
        "carer": pair.carer,
        "other-buddy": await make_buddy(db, org, name="Tom Baker"),
        "other-org-coordinator": await make_coordinator(db, other, name="Olu Other"),
        "other-org-buddy": await make_buddy(db, other, name="Ola Other"),
    }
    return World(org, f"/api/v1/orgs/{org.id}", people, pair.match.id)


async def _set_minutes_per_reply(db: Database, org: Organisation, minutes: int) -> None:
    async with db.session_scope() as session:
        found = await session.get(Organisation, org.id)
        assert found is not None
        found.settings = {**found.settings, "volunteer_minutes_per_reply": minutes}


async def test_a_buddy_logs_time_and_sees_it_with_counted_checkins_by_month_and_on_a_certificate(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    world = await _world(db)
    buddy = world.people["buddy"]
    priya = await signed_in(new_client, buddy.email)
    base = f"{world.base}/me/hours"

    logged = await priya.post(
        base, json={"given_on": TODAY.isoformat(), "minutes": 45, "kind": "visit", "note": NOTE}
    )
    assert logged.status_code == 201, logged.text
    assert logged.json()["note"] == NOTE and logged.json()["kind"] == "visit"
    last_month = (TODAY.replace(day=1) - timedelta(days=3)).isoformat()
    assert (await priya.post(base, json={"given_on": last_month, "minutes": 90})).status_code == 201

    # Two check-ins the carer answered this month, one with Priya's reply: 3 counted at 10 minutes.
    await _set_minutes_per_reply(db, world.org, 10)
    async with db.session_scope() as session:
        for hours, replied in ((1, True), (2, False)):
            session.add(
                _occurrence(world, world.match_id, at=START - timedelta(hours=hours), replied=replied)
            )

    summary = (await priya.get(f"{base}/summary")).json()
    assert summary["logged_minutes"] == 135
    assert summary["counted_minutes"] == 30
    assert summary["total_minutes"] == 165
    assert [
        (m["month"], m["logged_minutes"], m["counted_minutes"], m["checkins_counted"])
        for m in summary["months"]
    ] == [
        ("2026-03", 45, 30, 3),
        ("2026-02", 90, 0, 0),
    ]
    assert [e["minutes"] for e in summary["entries"]] == [45, 90]

    certificate = (await priya.get(f"{base}/certificate")).json()
    assert certificate == {
        "centre_name": "Riverside Carers Centre",
        "buddy_name": buddy.user.display_name,
        "from_date": last_month,
        "to_date": TODAY.isoformat(),
        "total_minutes": 165,
        "issued_on": TODAY.isoformat(),
    }
    this_month = await priya.get(f"{base}/certificate", params={"from": TODAY.replace(day=1).isoformat()})
    assert this_month.json()["total_minutes"] == 75
    assert NOTE not in this_month.text and "Alex" not in this_month.text  # no notes, no carers

    # Deleting an entry takes it out of every total.
    gone = await priya.delete(f"{base}/{logged.json()['id']}")
    assert gone.status_code == 204
    assert (await priya.get(f"{base}/summary")).json()["logged_minutes"] == 90


def _occurrence(world: World, match_id: Any, *, at: Any, replied: bool) -> CheckinOccurrence:
    buddy, carer = world.people["buddy"], world.people["carer"]
    return CheckinOccurrence(
        match_id=match_id,
        organisation_id=world.org.id,
        carer_user_id=carer.user.id,
        buddy_user_id=buddy.user.id,
        kind=OccurrenceKind.UNSCHEDULED,
        time_zone="Europe/London",
        due_at=at,
        state=State.REPLIED if replied else State.ANSWERED,
        answered_at=at,
        wellbeing=3,
        replied_at=at + timedelta(minutes=20) if replied else None,
        replied_by_user_id=buddy.user.id if replied else None,
    )


async def test_coordinators_see_hours_per_buddy_and_a_buddys_notes_and_each_read_is_audited(
    db: Database, new_client: Any
) -> None:
    world = await _world(db)
    priya = await signed_in(new_client, world.people["buddy"].email)
    morgan = await signed_in(new_client, world.people["coordinator"].email)
    await priya.post(
        f"{world.base}/me/hours", json={"given_on": TODAY.isoformat(), "minutes": 50, "note": NOTE}
    )

    listed = await morgan.get(f"{world.base}/hours", params={"from": TODAY.replace(day=1).isoformat()})
    assert listed.status_code == 200, listed.text
    body = listed.json()
    rows = {
        b["display_name"]: (b["logged_minutes"], b["total_minutes"], b["entries"]) for b in body["buddies"]
    }
    assert rows == {"Priya Shah": (50, 50, 1), "Tom Baker": (0, 0, 0)}
    assert (body["total_minutes"], body["buddies_giving_time"]) == (50, 1)
    assert NOTE not in listed.text  # the list has no notes

    membership = world.people["buddy"].membership_id
    one = (await morgan.get(f"{world.base}/hours/buddies/{membership}")).json()
    assert [e["note"] for e in one["entries"]] == [NOTE]

    async with db.session_scope() as session:
        actions = [
            (a.action, a.subject_user_id)
            for a in await session.scalars(
                select(AuditEntry).where(AuditEntry.action.like("hours.%")).order_by(AuditEntry.at)
            )
        ]
    assert ("hours.buddies.viewed", None) in actions
    assert ("hours.buddy.viewed", world.people["buddy"].user.id) in actions


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"given_on": TODAY.isoformat(), "minutes": 0}, "minutes"),
        ({"given_on": TODAY.isoformat(), "minutes": 721}, "minutes"),
        ({"given_on": (TODAY + timedelta(days=1)).isoformat(), "minutes": 30}, "given_on"),
        ({"given_on": TODAY.isoformat(), "minutes": 30, "note": "x" * 1001}, "note"),
        ({"given_on": TODAY.isoformat(), "minutes": 30, "kind": "party"}, "kind"),
        ({"given_on": "yesterday", "minutes": 30}, "given_on"),
    ],
)
async def test_bad_time_is_refused_naming_the_field_and_nothing_is_logged(
    db: Database, new_client: Any, body: dict[str, Any], field: str
) -> None:
    world = await _world(db)
    priya = await signed_in(new_client, world.people["buddy"].email)
    refused = await priya.post(f"{world.base}/me/hours", json=body)
    assert field_errors(refused) == {field}
    assert (await priya.get(f"{world.base}/me/hours")).json() == []


async def test_a_period_that_ends_before_it_starts_names_from(db: Database, new_client: Any) -> None:
    world = await _world(db)
    morgan = await signed_in(new_client, world.people["coordinator"].email)
    refused = await morgan.get(f"{world.base}/hours", params={"from": "2026-03-02", "to": "2026-02-01"})
    assert field_errors(refused) == {"from"}


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ({"from": "2026-02-30"}, "from", "That date does not exist. Please check the day and month."),
        ({"to": "2026-02-30"}, "to", "That date does not exist. Please check the day and month."),
        ({"from": "last week"}, "from", "Please give a date as year-month-day, like 2026-04-01."),
        ({"to": "2026-3-1"}, "to", "Please give a date as year-month-day, like 2026-04-01."),
    ],
)
async def test_a_bad_date_names_from_or_to_in_the_words_the_reports_use(
    db: Database, new_client: Any, query: dict[str, str], field: str, words: str
) -> None:
    world = await _world(db)
    morgan = await signed_in(new_client, world.people["coordinator"].email)
    priya = await signed_in(new_client, world.people["buddy"].email)
    membership = world.people["buddy"].membership_id
    for client, url in (
        (morgan, f"{world.base}/hours"),
        (morgan, f"{world.base}/hours/buddies/{membership}"),
        (priya, f"{world.base}/me/hours/certificate"),
        (morgan, f"{world.base}/reports/summary"),  # the same words as the reports
    ):
        refused = await client.get(url, params=query)
        assert field_errors(refused) == {field}, (url, refused.text)
        assert refused.json()["errors"][0]["message"] == words, url
    # Someone who may not see the hours is told so, whatever the dates (the access check comes first).
    carer = await signed_in(new_client, world.people["carer"].email)
    problem(await carer.get(f"{world.base}/hours", params=query), 403)


ROUTES = [
    ("POST", "{org}/me/hours", {"given_on": TODAY.isoformat(), "minutes": 30}, {"buddy", "other-buddy"}),
    ("GET", "{org}/me/hours", None, {"buddy", "other-buddy"}),
    ("GET", "{org}/me/hours/summary", None, {"buddy", "other-buddy"}),
    ("GET", "{org}/me/hours/certificate", None, {"buddy", "other-buddy"}),
    ("DELETE", "{org}/me/hours/{entry}", None, {"buddy"}),
    ("GET", "{org}/hours", None, {"coordinator"}),
    ("GET", "{org}/hours/buddies/{membership}", None, {"coordinator"}),
]
CALLERS = [
    "anonymous",
    "buddy",
    "other-buddy",
    "carer",
    "coordinator",
    "other-org-coordinator",
    "other-org-buddy",
]
MEMBERS = {"buddy", "other-buddy", "carer", "coordinator"}


@pytest.mark.parametrize(("method", "path", "body", "allowed"), ROUTES)
async def test_the_role_matrix_of_every_hours_route(
    db: Database, new_client: Any, method: str, path: str, body: Any, allowed: set[str]
) -> None:
    world = await _world(db)
    owner = await signed_in(new_client, world.people["buddy"].email)
    entry = (
        await owner.post(f"{world.base}/me/hours", json={"given_on": TODAY.isoformat(), "minutes": 20})
    ).json()["id"]
    url = path.format(org=world.base, entry=entry, membership=world.people["buddy"].membership_id)
    for caller in CALLERS:
        client = (
            new_client() if caller == "anonymous" else await signed_in(new_client, world.people[caller].email)
        )
        response = await client.request(method, url, json=body) if body else await client.request(method, url)
        if caller in allowed:
            assert response.status_code < 300, (caller, response.text)
        elif caller == "other-buddy" and method == "DELETE":
            problem(response, 404)  # another buddy's entry does not exist for them
        else:
            expected = 401 if caller == "anonymous" else 403 if caller in MEMBERS else 404
            problem(response, expected)
    # Nobody but the owner removed the entry (the owner's DELETE ran last among those allowed).
    if method != "DELETE":
        assert entry in [e["id"] for e in (await owner.get(f"{world.base}/me/hours")).json()]


async def test_another_buddy_sees_only_their_own_time_never_the_first_buddys_entries_or_notes(
    db: Database, new_client: Any
) -> None:
    world = await _world(db)
    priya = await signed_in(new_client, world.people["buddy"].email)
    mine = await priya.post(
        f"{world.base}/me/hours", json={"given_on": TODAY.isoformat(), "minutes": 95, "note": NOTE}
    )
    assert mine.status_code == 201, mine.text
    tom = await signed_in(new_client, world.people["other-buddy"].email)
    his = await tom.post(
        f"{world.base}/me/hours", json={"given_on": TODAY.isoformat(), "minutes": 30, "note": "Rang Jo."}
    )
    assert his.status_code == 201, his.text

    listed = await tom.get(f"{world.base}/me/hours")
    assert [(e["id"], e["minutes"], e["note"]) for e in listed.json()] == [(his.json()["id"], 30, "Rang Jo.")]
    assert NOTE not in listed.text and mine.json()["id"] not in listed.text
    summary = await tom.get(f"{world.base}/me/hours/summary")
    assert (summary.json()["logged_minutes"], len(summary.json()["entries"])) == (30, 1)
    assert NOTE not in summary.text and mine.json()["id"] not in summary.text
    assert (await tom.get(f"{world.base}/me/hours/certificate")).json()["total_minutes"] == 30
    # Priya's own list still holds her entry and note.
    assert [e["note"] for e in (await priya.get(f"{world.base}/me/hours")).json()] == [NOTE]


async def test_a_carer_in_the_same_centre_never_sees_a_buddys_note(db: Database, new_client: Any) -> None:
    world = await _world(db)
    priya = await signed_in(new_client, world.people["buddy"].email)
    await priya.post(
        f"{world.base}/me/hours", json={"given_on": TODAY.isoformat(), "minutes": 20, "note": NOTE}
    )
    carer = await signed_in(new_client, world.people["carer"].email)
    for url in ("/me/hours", "/me/hours/summary", "/hours"):
        assert NOTE not in (await carer.get(f"{world.base}{url}")).text
