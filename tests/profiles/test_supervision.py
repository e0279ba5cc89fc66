"""Debriefs and supervision (issue 13): a buddy asks to talk something through and sees it taken up;
coordinators record sessions whose notes only they read; overdue supervision on the buddies and
attention lists, by the organisation's interval and the injectable clock."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.mail.models import OutgoingMail
from carerlink.notifications.models import Notification
from carerlink.organisations.models import Organisation
from carerlink.profiles.service import supervision
from tests.profiles.factories import TODAY, Person, make_buddy, make_carer, make_coordinator
from tests.support import START, ApiClient, field_errors, make_org, notified_kinds, problem, signed_in

NOTE = "Sam's call on Tuesday shook me; I keep thinking about it."
PRIVATE = "Helen is carrying a lot; talked about boundaries. Check in again in two weeks."


@dataclass
class World:
    org: Organisation
    base: str
    coordinator: Person
    buddy: Person
    people: dict[str, Person]


async def _world(db: Database) -> World:
    org = await make_org(db)
    other = await make_org(db, slug="elsewhere")
    coordinator = await make_coordinator(db, org, name="Morgan Ellis")
    buddy = await make_buddy(db, org, name="Helen Wright")
    people = {
        "buddy": buddy,
        "coordinator": coordinator,
        "stranger-buddy": await make_buddy(db, org, name="Tom Stranger"),
        "carer": await make_carer(db, org, name="Sam Clarke"),
        "other-org-coordinator": await make_coordinator(db, other, name="Olu Other"),
        "other-org-buddy": await make_buddy(db, other, name="Ola Other"),
    }
    return World(org, f"/api/v1/orgs/{org.id}", coordinator, buddy, people)


def test_supervision_is_due_every_interval_from_approval_or_the_last_session() -> None:
    never = supervision.status_of(approved_on=None, last_supervised_on=None, every_weeks=8, today=TODAY)
    assert (never.due_on, never.overdue) == (None, False)
    approved = TODAY - timedelta(weeks=8)
    on_the_day = supervision.status_of(
        approved_on=approved, last_supervised_on=None, every_weeks=8, today=TODAY
    )
    assert (on_the_day.due_on, on_the_day.overdue) == (TODAY, False)
    late = supervision.status_of(
        approved_on=approved, last_supervised_on=None, every_weeks=8, today=TODAY + timedelta(days=1)
    )
    assert late.overdue
    seen = supervision.status_of(
        approved_on=approved, last_supervised_on=TODAY - timedelta(days=3), every_weeks=8, today=TODAY
    )
    assert (seen.due_on, seen.overdue) == (TODAY + timedelta(weeks=8, days=-3), False)
    # A session from before a fresh approval does not count: the interval starts again at approval.
    again = supervision.status_of(
        approved_on=TODAY, last_supervised_on=TODAY - timedelta(weeks=20), every_weeks=4, today=TODAY
    )
    assert again.due_on == TODAY + timedelta(weeks=4)


async def test_a_buddy_asks_to_talk_and_sees_who_took_it_up_and_when(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    world = await _world(db)
    helen = await signed_in(new_client, world.buddy.email)
    morgan = await signed_in(new_client, world.coordinator.email)
    key = {"Idempotency-Key": "debrief-0001-retry"}

    asked = await helen.post(f"{world.base}/debriefs", json={"urgency": "today", "note": NOTE}, headers=key)
    assert asked.status_code == 201, asked.text
    request = asked.json()
    assert request["urgency"] == "today"
    assert request["note"] == NOTE
    assert request["taken_up_at"] is None
    again = await helen.post(f"{world.base}/debriefs", json={"urgency": "today", "note": NOTE}, headers=key)
    assert again.json()["id"] == request["id"]  # a retry is the same request
    assert [r["id"] for r in (await helen.get(f"{world.base}/debriefs")).json()] == [request["id"]]

    # Coordinators are told, by push and e-mail, with no word of the note.
    assert await notified_kinds(db, world.coordinator.user.id) == ["coordinator_debrief_requested"]
    async with db.session_scope() as session:
        [told] = (
            await session.scalars(
                select(Notification).where(Notification.user_id == world.coordinator.user.id)
            )
        ).all()
        mails = (await session.execute(select(OutgoingMail.subject, OutgoingMail.body))).all()
    assert len(mails) == 1
    text = json.dumps([told.title, told.body, told.data, [list(m) for m in mails]])
    assert "Helen" in told.title
    assert "shook" not in text and "Tuesday" not in text

    items = (await morgan.get(f"{world.base}/attention")).json()
    [item] = [i for i in items if i["reason"] == "debrief_requested"]
    assert item["id"] == request["id"]
    assert item["urgency"] == "today"
    assert item["buddy_name"] == "Helen Wright"
    assert item["buddy_membership_id"] == str(world.buddy.membership_id)
    assert item["match_id"] is None

    clock.advance(timedelta(hours=5))
    morgan = await signed_in(new_client, world.coordinator.email)
    helen = await signed_in(new_client, world.buddy.email)
    taken = await morgan.post(
        f"{world.base}/attention/{request['id']}/resolve", json={"note": "Ringing at 4"}
    )
    assert taken.status_code == 200, taken.text
    assert not [
        i for i in (await morgan.get(f"{world.base}/attention")).json() if i["reason"] == "debrief_requested"
    ]
    again = await morgan.post(f"{world.base}/debriefs/{request['id']}/take-up", json={})
    problem(again, 409)

    async with db.session_scope() as session:
        told = await session.scalar(
            select(Notification).where(
                Notification.user_id == world.coordinator.user.id,
                Notification.kind == "coordinator_debrief_requested",
            )
        )
    assert told is not None
    assert told.read_at is not None  # taken up: it no longer waits in the coordinators' inbox
    mine = (await helen.get(f"{world.base}/debriefs/{request['id']}")).json()
    assert mine["taken_up_by_name"] == "Morgan Ellis"
    assert mine["taken_up_at"].startswith((START + timedelta(hours=5)).isoformat()[:16])
    assert mine["taken_up_note"] is None  # the coordinators' record is theirs
    assert "buddy_debrief_taken_up" in await notified_kinds(db, world.buddy.user.id)
    seen = (await morgan.get(f"{world.base}/debriefs/{request['id']}")).json()
    assert seen["taken_up_note"] == "Ringing at 4"


async def test_taking_up_can_record_the_debrief_and_a_session_takes_up_earlier_asks(
    db: Database, new_client: Any
) -> None:
    world = await _world(db)
    helen = await signed_in(new_client, world.buddy.email)
    morgan = await signed_in(new_client, world.coordinator.email)
    first = (await helen.post(f"{world.base}/debriefs", json={"urgency": "this_week"})).json()
    second = (await helen.post(f"{world.base}/debriefs", json={"urgency": "whenever"})).json()
    # The coordinators were told once: the second ask is no sooner than the first, still open.
    assert await notified_kinds(db, world.coordinator.user.id) == ["coordinator_debrief_requested"]
    await helen.post(f"{world.base}/debriefs", json={"urgency": "today"})
    assert len(await notified_kinds(db, world.coordinator.user.id)) == 2  # sooner: told again

    taken = await morgan.post(
        f"{world.base}/debriefs/{first['id']}/take-up",
        json={"session": {"held_on": str(TODAY), "duration_minutes": 30, "notes": PRIVATE}},
    )
    assert taken.status_code == 200, taken.text
    assert taken.json()["session_held_on"] == str(TODAY)

    recorded = await morgan.post(
        f"{world.base}/buddies/{world.buddy.membership_id}/supervision",
        json={"kind": "supervision", "held_on": str(TODAY), "duration_minutes": 60, "notes": PRIVATE},
    )
    assert recorded.status_code == 201, recorded.text
    body = recorded.json()
    assert sorted(s["kind"] for s in body["sessions"]) == ["debrief", "supervision"]  # same day, same instant
    assert body["open_debriefs"] == []  # the session took up the other ask too
    assert body["last_supervised_on"] == str(TODAY)
    assert {s["notes"] for s in body["sessions"]} == {PRIVATE}
    assert {s["recorded_by_name"] for s in body["sessions"]} == {"Morgan Ellis"}
    mine = {r["id"]: r for r in (await helen.get(f"{world.base}/debriefs")).json()}
    assert mine[second["id"]]["taken_up_by_name"] == "Morgan Ellis"


async def test_the_notes_never_reach_the_buddy(db: Database, new_client: Any) -> None:
    world = await _world(db)
    helen = await signed_in(new_client, world.buddy.email)
    morgan = await signed_in(new_client, world.coordinator.email)
    url = f"{world.base}/buddies/{world.buddy.membership_id}/supervision"
    await morgan.post(
        url,
        json={"kind": "group_supervision", "held_on": str(TODAY), "duration_minutes": 90, "notes": PRIVATE},
    )
    asked = (await helen.post(f"{world.base}/debriefs", json={"urgency": "whenever"})).json()
    await morgan.post(f"{world.base}/debriefs/{asked['id']}/take-up", json={"note": PRIVATE})

    mine = await helen.get(f"{world.base}/me/supervision")
    assert mine.status_code == 200
    assert mine.json() == {
        "last_supervised_on": str(TODAY),
        "sessions": [{"kind": "group_supervision", "held_on": str(TODAY), "duration_minutes": 90}],
    }
    for path in (
        f"{world.base}/debriefs",
        f"{world.base}/debriefs/{asked['id']}",
        f"{world.base}/me/supervision",
    ):
        assert "boundaries" not in (await helen.get(path)).text
    problem(await helen.get(url), 403)
    async with db.session_scope() as session:
        texts = (await session.scalars(select(Notification.body))).all()
        details = (await session.scalars(select(AuditEntry.details))).all()
    assert "boundaries" not in json.dumps([texts, details], default=str)


async def test_coordinators_reads_of_supervision_are_audited(db: Database, new_client: Any) -> None:
    world = await _world(db)
    morgan = await signed_in(new_client, world.coordinator.email)
    await morgan.get(f"{world.base}/buddies/{world.buddy.membership_id}/supervision")
    async with db.session_scope() as session:
        actions = (
            await session.scalars(
                select(AuditEntry.action).where(AuditEntry.subject_user_id == world.buddy.user.id)
            )
        ).all()
    assert "profiles.supervision.viewed" in actions


async def test_overdue_supervision_shows_until_a_session_is_recorded(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    world = await _world(db)
    unapproved = await make_buddy(db, world.org, name="Una Approved", screened=False)
    buddies_url = f"{world.base}/buddies"

    def overdue_names(items: list[dict[str, Any]]) -> list[str]:
        return sorted(i["buddy_name"] for i in items if i["reason"] == "supervision_overdue")

    # Approved at START; eight weeks later it is due that day, not yet overdue.
    clock.advance(timedelta(weeks=8))
    morgan = await signed_in(new_client, world.coordinator.email)
    listed = {b["display_name"]: b for b in (await morgan.get(buddies_url)).json()}
    helen = listed["Helen Wright"]
    assert helen["supervision_due_on"] == str(TODAY + timedelta(weeks=8))
    assert helen["supervision_overdue"] is False
    assert helen["last_supervised_on"] is None
    assert listed["Una Approved"]["supervision_due_on"] is None
    assert overdue_names((await morgan.get(f"{world.base}/attention")).json()) == []

    clock.advance(timedelta(days=1))
    morgan = await signed_in(new_client, world.coordinator.email)
    listed = {b["display_name"]: b for b in (await morgan.get(buddies_url)).json()}
    assert listed["Helen Wright"]["supervision_overdue"] is True
    assert listed["Una Approved"]["supervision_overdue"] is False
    items = (await morgan.get(f"{world.base}/attention")).json()
    assert overdue_names(items) == ["Helen Wright", "Tom Stranger"]
    [item] = [i for i in items if i["reason"] == "supervision_overdue" and i["buddy_name"] == "Helen Wright"]
    assert item["supervision_due_on"] == str(TODAY + timedelta(weeks=8))
    # Resolving does not clear it: a session does.
    problem(await morgan.post(f"{world.base}/attention/{item['id']}/resolve", json={}), 409)

    # A debrief does not stand in for supervision; a supervision session does.
    url = f"{buddies_url}/{world.buddy.membership_id}/supervision"
    today = TODAY + timedelta(weeks=8, days=1)
    await morgan.post(url, json={"kind": "debrief", "held_on": str(today), "duration_minutes": 20})
    assert "Helen Wright" in overdue_names((await morgan.get(f"{world.base}/attention")).json())
    await morgan.post(url, json={"kind": "supervision", "held_on": str(today), "duration_minutes": 60})
    assert overdue_names((await morgan.get(f"{world.base}/attention")).json()) == ["Tom Stranger"]
    listed = {b["display_name"]: b for b in (await morgan.get(buddies_url)).json()}
    assert listed["Helen Wright"]["supervision_overdue"] is False
    assert listed["Helen Wright"]["last_supervised_on"] == str(today)
    assert listed["Helen Wright"]["supervision_due_on"] == str(today + timedelta(weeks=8))
    assert unapproved.membership_id  # never due while not approved


async def test_the_interval_is_the_organisations_setting(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    world = await _world(db)
    morgan = await signed_in(new_client, world.coordinator.email)
    assert (await morgan.get(world.base)).json()["settings"]["supervision_every_weeks"] == 8
    changed = await morgan.patch(world.base, json={"settings": {"supervision_every_weeks": 2}})
    assert changed.status_code == 200, changed.text
    for wrong in (0, 53, "8"):
        refused = await morgan.patch(world.base, json={"settings": {"supervision_every_weeks": wrong}})
        assert field_errors(refused) == {"settings.supervision_every_weeks"}
    clock.advance(timedelta(weeks=2, days=1))
    morgan = await signed_in(new_client, world.coordinator.email)
    listed = {b["display_name"]: b for b in (await morgan.get(f"{world.base}/buddies")).json()}
    assert listed["Helen Wright"]["supervision_due_on"] == str(TODAY + timedelta(weeks=2))
    assert listed["Helen Wright"]["supervision_overdue"] is True


async def test_what_a_client_sends_is_checked_and_named(db: Database, new_client: Any) -> None:
    world = await _world(db)
    helen = await signed_in(new_client, world.buddy.email)
    morgan = await signed_in(new_client, world.coordinator.email)
    debriefs = f"{world.base}/debriefs"
    assert field_errors(await helen.post(debriefs, json={"urgency": "yesterday"})) == {"urgency"}
    assert field_errors(await helen.post(debriefs, json={})) == {"urgency"}
    assert field_errors(await helen.post(debriefs, json={"urgency": "today", "note": "x" * 2001})) == {"note"}
    url = f"{world.base}/buddies/{world.buddy.membership_id}/supervision"
    good = {"kind": "supervision", "held_on": str(TODAY), "duration_minutes": 60}
    assert field_errors(await morgan.post(url, json={**good, "kind": "chat"})) == {"kind"}
    assert field_errors(await morgan.post(url, json={**good, "duration_minutes": 0})) == {"duration_minutes"}
    assert field_errors(await morgan.post(url, json={**good, "notes": "x" * 4001})) == {"notes"}
    future = str(TODAY + timedelta(days=1))
    assert field_errors(await morgan.post(url, json={**good, "held_on": future})) == {"held_on"}
    asked = (await helen.post(debriefs, json={"urgency": "today"})).json()
    refused = await morgan.post(
        f"{debriefs}/{asked['id']}/take-up", json={"session": {"held_on": future, "duration_minutes": 30}}
    )
    assert field_errors(refused) == {"session.held_on"}
    assert (await helen.get(f"{debriefs}/{asked['id']}")).json()["taken_up_at"] is None  # no partial write
    assert len((await morgan.get(url)).json()["sessions"]) == 0


async def test_a_suspended_buddy_can_no_longer_ask_or_read(db: Database, new_client: Any) -> None:
    world = await _world(db)
    helen = await signed_in(new_client, world.buddy.email)
    morgan = await signed_in(new_client, world.coordinator.email)
    asked = (await helen.post(f"{world.base}/debriefs", json={"urgency": "whenever"})).json()
    suspended = await morgan.patch(
        f"{world.base}/members/{world.buddy.membership_id}", json={"status": "suspended"}
    )
    assert suspended.status_code == 200, suspended.text
    helen = await signed_in(new_client, world.buddy.email)
    for response in (
        await helen.post(f"{world.base}/debriefs", json={"urgency": "today"}),
        await helen.get(f"{world.base}/debriefs"),
        await helen.get(f"{world.base}/debriefs/{asked['id']}"),
        await helen.get(f"{world.base}/me/supervision"),
    ):
        assert response.status_code in (403, 404), response.text
    # The coordinators still see what she asked: it stays true that she wanted to talk.
    assert asked["id"] in [i["id"] for i in (await morgan.get(f"{world.base}/attention")).json()]


# (method, path, body, who may)
ROUTES: list[tuple[str, str, dict[str, Any] | None, set[str]]] = [
    ("POST", "{org}/debriefs", {"urgency": "today"}, {"buddy", "stranger-buddy"}),
    ("GET", "{org}/debriefs", None, {"buddy", "stranger-buddy", "coordinator"}),
    ("GET", "{org}/debriefs/{debrief}", None, {"buddy", "coordinator"}),
    ("POST", "{org}/debriefs/{debrief}/take-up", {}, {"coordinator"}),
    ("GET", "{org}/buddies/{membership}/supervision", None, {"coordinator"}),
    (
        "POST",
        "{org}/buddies/{membership}/supervision",
        {"kind": "supervision", "held_on": str(TODAY), "duration_minutes": 45},
        {"coordinator"},
    ),
    ("GET", "{org}/me/supervision", None, {"buddy", "stranger-buddy"}),
]
CALLERS = [
    "anonymous",
    "stranger-buddy",
    "carer",
    "other-org-coordinator",
    "other-org-buddy",
    "buddy",
    "coordinator",
]
MEMBERS = {"buddy", "stranger-buddy", "carer", "coordinator"}


@pytest.mark.parametrize(
    ("method", "template", "body", "allowed"), ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES]
)
async def test_route_obeys_the_role_matrix(
    db: Database,
    new_client: Any,
    method: str,
    template: str,
    body: dict[str, Any] | None,
    allowed: set[str],
) -> None:
    world = await _world(db)
    helen = await signed_in(new_client, world.buddy.email)
    asked = (await helen.post(f"{world.base}/debriefs", json={"urgency": "today", "note": NOTE})).json()
    path = template.format(org=world.base, debrief=asked["id"], membership=world.buddy.membership_id)
    succeeded = False
    for caller in CALLERS:
        client: ApiClient = new_client()
        if caller != "anonymous":
            await client.login(world.people[caller].email)
        response = await client.request(method, path, json=body)
        if caller in allowed:
            if not succeeded:
                assert response.status_code < 300, (
                    f"{caller} {method} {path}: {response.status_code} {response.text}"
                )
                succeeded = path.endswith("/take-up")
            if method == "GET" and caller != "coordinator":
                # What a buddy reads is their own: never another buddy's words.
                assert NOTE not in response.text or caller == "buddy"
            continue
        expected = 401 if caller == "anonymous" else 403 if caller in MEMBERS else 404
        assert response.status_code == expected, f"{caller} {method} {path}: {response.status_code}"
        assert NOTE not in response.text
    if template == "{org}/debriefs" and method == "GET":
        tom = await signed_in(new_client, world.people["stranger-buddy"].email)
        assert (await tom.get(path)).json() == []  # another buddy's asks are not in Tom's list
