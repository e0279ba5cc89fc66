"""Concerns raised by buddies and coordinators (issue 13): the crisis path when someone is at risk now,
the coordinators' queue and handling, escalation to the safeguarding lead once, the role matrix, and a
carer who never sees a concern about them anywhere."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import select

from carerlink.audit import service as audit
from carerlink.checkins.jobs import materialise
from carerlink.concerns.jobs import escalate
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.mail.models import OutgoingMail
from carerlink.notifications.models import Notification
from tests.checkins.factories import make_pair
from tests.profiles.factories import make_buddy, make_coordinator
from tests.support import ApiClient, field_errors, make_org, notified_kinds, problem, signed_in

WORRY = {"category": "carers_health", "at_risk_now": False, "what_happened": "Alex sounded exhausted."}


def concern(pair: Any, **change: Any) -> dict[str, Any]:
    return {**WORRY, "carer_user_id": str(pair.carer.user.id), **change}


async def test_an_at_risk_concern_follows_the_crisis_path_and_the_buddy_hears_it_is_handled(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    base = f"/api/v1/orgs/{pair.org.id}/concerns"
    buddy = await signed_in(new_client, pair.buddy.email)

    raised = await buddy.post(
        base,
        json=concern(
            pair, at_risk_now=True, category="risk_to_carer", what_happened="Talked about ending it."
        ),
        headers={"Idempotency-Key": "worry-0001"},
    )

    assert raised.status_code == 201, raised.text
    body = raised.json()
    assert body["at_risk_now"] is True
    assert "999" in body["call_999"]
    assert {"999", "116 123"} <= {line["contact"] for line in body["crisis_lines"]}
    assert await notified_kinds(db, pair.coordinator.user.id) == ["coordinator_concern_at_risk"]
    async with db.session_scope() as session:
        [mail] = (
            await session.scalars(select(OutgoingMail).where(OutgoingMail.category.like("%concern%")))
        ).all()
        [push] = (
            await session.scalars(select(Notification).where(Notification.kind.like("%concern%")))
        ).all()
    assert mail.to_address == pair.coordinator.email
    assert "Alex" not in mail.subject + mail.body and "ending" not in mail.body
    assert f"http://testserver.local/coordinator/concerns/{body['concern_id']}" in mail.body
    assert "ending" not in push.title + push.body and "health" not in push.title + push.body

    # a retry makes no second concern and tells nobody again
    again = await buddy.post(
        base,
        json=concern(
            pair, at_risk_now=True, category="risk_to_carer", what_happened="Talked about ending it."
        ),
        headers={"Idempotency-Key": "worry-0001"},
    )
    assert again.json()["concern_id"] == body["concern_id"]
    boss = await signed_in(new_client, pair.coordinator.email)
    queue = (await boss.get(base)).json()["queue"]
    assert [c["id"] for c in queue] == [body["concern_id"]]
    assert queue[0]["what_happened"] is None  # only on its own, audited page
    assert queue[0]["minutes_to_target"] == 15 and queue[0]["past_target"] is False
    assert await notified_kinds(db, pair.coordinator.user.id) == ["coordinator_concern_at_risk"]

    mine = (await buddy.get(base)).json()
    assert mine["queue"] == []
    assert [(c["status_words"], c["carer_name"]) for c in mine["raised_by_me"]] == [
        ("Sent to the coordinators", "Alex")
    ]

    page = (await boss.get(f"{base}/{body['concern_id']}")).json()
    assert page["what_happened"] == "Talked about ending it."
    async with db.session_scope() as session:
        reads = await audit.list_entries(
            session, subject_user_id=pair.carer.user.id, action="concerns.viewed"
        )
        listed = await audit.list_entries(session, organisation_id=pair.org.id, action="concerns.listed")
    assert [(e.actor_user_id, e.object_type) for e in reads] == [(pair.coordinator.user.id, "concern")]
    assert listed  # the queue's read too
    assert (await boss.post(f"{base}/{body['concern_id']}/acknowledge")).json()["status"] == "acknowledged"
    assert problem(await boss.post(f"{base}/{body['concern_id']}/acknowledge"), 409)
    acted = await boss.post(f"{base}/{body['concern_id']}/actions", json={"text": "Rang Alex; GP tomorrow."})
    assert acted.status_code == 201, acted.text
    assert [a["text"] for a in acted.json()["actions"]] == ["Rang Alex; GP tomorrow."]
    closed = await boss.post(
        f"{base}/{body['concern_id']}/close", json={"outcome": "referral_gp", "note": "GP informed."}
    )
    assert closed.json()["outcome_words"] == "Referral made to the GP"
    assert problem(await boss.post(f"{base}/{body['concern_id']}/close", json={"outcome": "other"}), 409)

    mine = (await buddy.get(base)).text
    assert "Handled" in mine and "referral" not in mine.lower() and "GP" not in mine
    assert (await notified_kinds(db, pair.buddy.user.id))[-2:] == [
        "buddy_concern_update",
        "buddy_concern_update",
    ]
    async with db.session_scope() as session:
        texts = [n.title + n.body for n in await session.scalars(select(Notification))]
    assert not any("GP" in text or "referral" in text.lower() for text in texts)

    # escalation never comes for a handled concern
    clock.advance(timedelta(hours=2))
    assert await escalate(app.state.runtime) == 0


async def test_the_carer_sees_nothing_of_a_concern_about_them(
    app: Litestar, db: Database, new_client: Any
) -> None:
    pair = await make_pair(db)
    base = f"/api/v1/orgs/{pair.org.id}/concerns"
    buddy = await signed_in(new_client, pair.buddy.email)
    raised = (await buddy.post(base, json=concern(pair, what_happened="Zebra-secret words"))).json()
    carer = await signed_in(new_client, pair.carer.email)

    for path in (
        base,
        f"{base}/{raised['concern_id']}",
        "/api/v1/notifications?limit=50",
        "/api/v1/me",
        "/api/v1/me/checkins",
        f"{pair.base}",
        f"{pair.base}/checkins",
    ):
        response = await carer.get(path)
        assert raised["concern_id"] not in response.text, path
        assert "Zebra" not in response.text, path
        if "/concerns" not in path:
            assert "concern" not in response.text.lower(), path
        else:
            assert response.status_code == 403, path
    assert await notified_kinds(db, pair.carer.user.id, about_matches=False) == []
    async with db.session_scope() as session:
        entries = await audit.list_entries(session, subject_user_id=pair.carer.user.id, for_subject=True)
        every = await audit.list_entries(session, subject_user_id=pair.carer.user.id)
    assert not [e for e in entries if e.action.startswith("concerns.")]
    assert [e for e in every if e.action == "concerns.raised"]  # recorded, withheld from the carer


async def test_a_concern_nobody_acknowledges_reaches_the_lead_exactly_once(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    lead = await make_coordinator(db, pair.org, name="Sarah Lead")
    boss = await signed_in(new_client, pair.coordinator.email)
    settings = {"safeguarding_lead_user_id": str(lead.user.id), "concern_response_hours": 4}
    assert (await boss.patch(f"/api/v1/orgs/{pair.org.id}", json={"settings": settings})).status_code == 200
    buddy = await signed_in(new_client, pair.buddy.email)
    raised = await buddy.post(f"/api/v1/orgs/{pair.org.id}/concerns", json=concern(pair))
    assert raised.status_code == 201
    assert "coordinator_concern_raised" in await notified_kinds(db, lead.user.id)

    clock.advance(timedelta(hours=3, minutes=59))
    assert await escalate(app.state.runtime) == 0
    clock.advance(timedelta(minutes=1))
    assert await escalate(app.state.runtime) == 1
    clock.advance(timedelta(hours=1))
    assert await escalate(app.state.runtime) == 0

    assert (await notified_kinds(db, lead.user.id)).count("coordinator_concern_past_target") == 1
    assert "coordinator_concern_past_target" not in await notified_kinds(db, pair.coordinator.user.id)
    boss = await signed_in(new_client, pair.coordinator.email)  # hours later: a new session
    [item] = (await boss.get(f"/api/v1/orgs/{pair.org.id}/concerns?status=open")).json()["queue"]
    assert item["past_target"] is True and item["minutes_to_target"] == -60 and item["escalated_at"]


async def test_without_a_lead_every_coordinator_is_told(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    other = await make_coordinator(db, pair.org, name="Jo Other")
    buddy = await signed_in(new_client, pair.buddy.email)
    await buddy.post(f"/api/v1/orgs/{pair.org.id}/concerns", json=concern(pair))
    clock.advance(timedelta(hours=24))
    assert await escalate(app.state.runtime) == 1
    for person in (pair.coordinator, other):
        assert "coordinator_concern_past_target" in await notified_kinds(db, person.user.id)


async def test_a_concern_names_what_is_wrong_with_it(app: Litestar, db: Database, new_client: Any) -> None:
    pair = await make_pair(db)
    base = f"/api/v1/orgs/{pair.org.id}/concerns"
    buddy = await signed_in(new_client, pair.buddy.email)

    assert field_errors(await buddy.post(base, json=concern(pair, what_happened="x" * 4001))) == {
        "what_happened"
    }
    assert field_errors(await buddy.post(base, json=concern(pair, what_happened="  "))) == {"what_happened"}
    assert field_errors(await buddy.post(base, json=concern(pair, category="gossip"))) == {"category"}
    body = concern(pair)
    del body["at_risk_now"]
    assert field_errors(await buddy.post(base, json=body)) == {"at_risk_now"}
    missing = await buddy.post(base, json=concern(pair, checkin_id="00000000-0000-4000-8000-000000000001"))
    assert problem(missing, 404)
    boss = await signed_in(new_client, pair.coordinator.email)
    assert field_errors(await boss.post(base, json=concern(pair, carer_user_id=str(pair.buddy.user.id)))) == {
        "carer_user_id"
    }
    created = (await boss.post(base, json=concern(pair))).json()
    assert field_errors(await boss.post(f"{base}/{created['concern_id']}/actions", json={"text": ""})) == {
        "text"
    }
    assert field_errors(
        await boss.post(f"{base}/{created['concern_id']}/close", json={"outcome": "sorted"})
    ) == {"outcome"}


async def test_a_checkin_of_another_pair_is_refused(app: Litestar, db: Database, new_client: Any) -> None:
    pair = await make_pair(db)
    other = await make_pair(db, org=pair.org)
    carer = await signed_in(new_client, other.carer.email)
    await carer.put(
        f"{other.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await materialise(app.state.runtime)
    [theirs] = (await carer.get(f"{other.base}/checkins")).json()[:1]
    buddy = await signed_in(new_client, pair.buddy.email)
    refused = await buddy.post(
        f"/api/v1/orgs/{pair.org.id}/concerns", json=concern(pair, checkin_id=theirs["id"])
    )
    assert field_errors(refused) == {"checkin_id"}


# --- the role matrix ------------------------------------------------------------------------------

CALLERS = [
    "anonymous",
    "carer",
    "stranger-buddy",
    "ex-buddy",
    "suspended-buddy",
    "other-org-coordinator",
    "other-org-buddy",
    "buddy",
    "coordinator",
]


async def _world(db: Database, new_client: Any) -> tuple[Any, dict[str, Any], str]:
    pair = await make_pair(db)
    other_org = await make_org(db, slug="elsewhere")
    ex = await make_pair(db, org=pair.org)  # another pair of the organisation, whose match then ends
    suspended = await make_pair(db, org=pair.org)
    people = {
        "carer": pair.carer,
        "buddy": pair.buddy,
        "coordinator": pair.coordinator,
        "stranger-buddy": await make_buddy(db, pair.org, name="Tom Stranger"),
        "ex-buddy": ex.buddy,
        "suspended-buddy": suspended.buddy,
        "other-org-coordinator": await make_coordinator(db, other_org, name="Olu Other"),
        "other-org-buddy": await make_buddy(db, other_org, name="Ola Other"),
    }
    boss = await signed_in(new_client, pair.coordinator.email)
    # the ex-buddy's and the suspended buddy's concerns are about carers they supported
    for who, about in (("ex-buddy", ex), ("suspended-buddy", suspended)):
        client = await signed_in(new_client, people[who].email)
        await client.post(f"/api/v1/orgs/{pair.org.id}/concerns", json=concern(about))
    assert (await boss.post(f"{ex.base}/end", json={"reason": "not_a_good_fit"})).status_code == 200
    suspend = await boss.patch(
        f"/api/v1/orgs/{pair.org.id}/members/{suspended.buddy.membership_id}", json={"status": "suspended"}
    )
    assert suspend.status_code == 200, suspend.text
    buddy = await signed_in(new_client, pair.buddy.email)
    created = (await buddy.post(f"/api/v1/orgs/{pair.org.id}/concerns", json=concern(pair))).json()
    # every caller tries to raise one about the carer they supported (the pair's carer for the others)
    people["_about"] = {"ex-buddy": ex.carer, "suspended-buddy": suspended.carer}
    return pair, people, created["concern_id"]


ROUTES: list[tuple[str, str, dict[str, Any] | None, set[str]]] = [
    ("POST", "", None, {"buddy", "coordinator"}),
    ("GET", "", None, {"buddy", "coordinator", "stranger-buddy", "ex-buddy"}),
    ("GET", "/{id}", None, {"coordinator"}),
    ("POST", "/{id}/actions", {"text": "Rang them"}, {"coordinator"}),
    ("POST", "/{id}/acknowledge", None, {"coordinator"}),
    ("POST", "/{id}/close", {"outcome": "support_offered"}, {"coordinator"}),
]


@pytest.mark.parametrize(
    ("method", "template", "body", "allowed"), ROUTES, ids=[f"{m} {t}" for m, t, _, _ in ROUTES]
)
async def test_every_concern_route_obeys_the_role_matrix(
    app: Litestar,
    db: Database,
    new_client: Any,
    method: str,
    template: str,
    body: dict[str, Any] | None,
    allowed: set[str],
) -> None:
    pair, people, concern_id = await _world(db, new_client)
    path = f"/api/v1/orgs/{pair.org.id}/concerns" + template.format(id=concern_id)
    members = {"carer", "buddy", "coordinator", "stranger-buddy", "ex-buddy"}
    for caller in CALLERS:
        client: ApiClient = new_client()
        if caller != "anonymous":
            await client.login(people[caller].email)
        payload = body
        if method == "POST" and template == "":
            about = people["_about"].get(caller, pair.carer)
            payload = concern(pair, carer_user_id=str(about.user.id), what_happened="Zebra worry")
        response = await client.request(method, path, json=payload)
        if caller in allowed:
            assert response.status_code < 300, (
                f"{caller} {method} {path}: {response.status_code} {response.text}"
            )
            if method == "GET" and template == "" and caller != "coordinator":
                listed = response.json()
                assert listed["queue"] == []
                own = [c["id"] for c in listed["raised_by_me"]]
                assert own == ([concern_id] if caller == "buddy" else []), caller
            continue
        expected = {401} if caller == "anonymous" else ({403} if caller in members else {404})
        assert response.status_code in expected, (
            f"{caller} {method} {path}: {response.status_code} {response.text}"
        )
        assert "Zebra" not in response.text and "exhausted" not in response.text


async def test_what_a_coordinator_has_read_or_taken_stops_waiting_unread(
    app: Litestar, db: Database, new_client: Any
) -> None:
    pair = await make_pair(db)
    other = await make_coordinator(db, pair.org, name="Jo Other")
    base = f"/api/v1/orgs/{pair.org.id}/concerns"
    buddy = await signed_in(new_client, pair.buddy.email)
    morgan = await signed_in(new_client, pair.coordinator.email)
    jo = await signed_in(new_client, other.email)
    concern_id = (await buddy.post(base, json=concern(pair))).json()["concern_id"]

    async def unread(client: ApiClient) -> int:
        items = (await client.get("/api/v1/notifications")).json()["items"]
        return sum(1 for i in items if concern_id in i["url"] and i["read_at"] is None)

    assert (await unread(morgan), await unread(jo)) == (1, 1)
    assert (await morgan.get(f"{base}/{concern_id}")).status_code == 200
    assert (await unread(morgan), await unread(jo)) == (0, 1)  # reading it is Morgan's alone
    assert (await morgan.post(f"{base}/{concern_id}/acknowledge")).status_code == 200
    assert await unread(jo) == 0  # someone has it: Jo's "a concern has been raised" is no longer waiting

    assert (
        await morgan.post(f"{base}/{concern_id}/close", json={"outcome": "support_offered", "note": ""})
    ).status_code == 200
    told = (await buddy.get("/api/v1/notifications")).json()["items"]
    unread_by_state = {
        i["data"]["state"]: i["read_at"] is None for i in told if i["kind"] == "buddy_concern_update"
    }
    assert unread_by_state == {"acknowledged": False, "closed": True}  # "being handled" gave way to "handled"


async def test_a_concerns_page_gives_the_coordinator_whom_to_ring_and_the_queue_does_not(
    app: Litestar, db: Database, new_client: Any
) -> None:
    pair = await make_pair(db)
    base = f"/api/v1/orgs/{pair.org.id}/concerns"
    carer = await signed_in(new_client, pair.carer.email)
    contact = {"name": "Chris Clarke", "relationship": "Brother", "phone": "07700 900301"}
    await carer.patch("/api/v1/me", json={"phone": "07700 900123", "emergency_contact": contact})
    buddy = await signed_in(new_client, pair.buddy.email)
    await buddy.patch("/api/v1/me", json={"phone": "01632 960103"})
    concern_id = (await buddy.post(base, json=concern(pair))).json()["concern_id"]
    coordinator = await signed_in(new_client, pair.coordinator.email)

    page = (await coordinator.get(f"{base}/{concern_id}")).json()

    assert page["carer_phone"]["number"] == "+447700900123"
    assert page["emergency_contact"]["phone"]["number"] == "+447700900301"
    helen = page["raised_by_phone"]
    assert (helen["number"], helen["kind"]) == ("+441632960103", "landline")
    [queued] = (await coordinator.get(base)).json()["queue"]
    assert [queued[k] for k in ("carer_phone", "emergency_contact", "raised_by_phone")] == [None] * 3
    mine = (await buddy.get(base)).json()["raised_by_me"]
    assert "carer_phone" not in mine[0] and "07700" not in str(mine)
