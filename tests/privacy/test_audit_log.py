"""Who looked (issue 15): the centre's audit log for its coordinators (filters, pages, audited reads) and
a person's own access log (others' reads of their record only, never a concern about them); the role
matrix of both routes; every recorded action has plain words."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from litestar import Litestar

from carerlink.accounts.models import User
from carerlink.actor import Actor
from carerlink.audit import service as audit
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.privacy.audit_log.words import ACTION_WORDS
from tests.checkins.factories import make_pair
from tests.profiles.factories import make_buddy, make_carer, make_coordinator
from tests.support import START, field_errors, make_org, problem, signed_in

SRC = Path(__file__).parents[2] / "src" / "carerlink"


def test_every_recorded_action_has_plain_words() -> None:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        source = path.read_text()
        for match in re.finditer(r"(?:audit\(|action=)\s*(f?)\"([a-z_]+\.[a-z_.{}' ]+)\"", source):
            found.add(match.group(2))
    assert found, "no audited actions found"
    # An action built from a value (f"profiles.{kind.value}.granted") needs words for at least one value.
    patterns = {a: re.compile(re.sub(r"\\\{[^}]*\\\}", "[a-z_]+", re.escape(a)) + "$") for a in found}
    missing = sorted(
        a for a, pattern in patterns.items() if not any(pattern.match(key) for key in ACTION_WORDS)
    )
    assert missing == []


async def test_a_coordinator_reads_and_filters_the_audit_log_page_by_page(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    other = await make_pair(db)  # another centre: none of its entries show
    base = f"/api/v1/orgs/{pair.org.id}/audit"
    clock.set(START + timedelta(days=1))
    boss = await signed_in(new_client, pair.coordinator.email)
    profile = f"/api/v1/orgs/{pair.org.id}/carers/{pair.carer.membership_id}/profile"
    for _ in range(3):
        clock.advance(timedelta(minutes=1))
        assert (await boss.get(profile)).status_code == 200

    response = await boss.get(base, params={"limit": 100})
    assert response.status_code == 200, response.text
    everything = response.json()
    ats = [e["at"] for e in everything["entries"]]
    assert ats == sorted(ats, reverse=True)
    assert {g["prefix"] for g in everything["action_groups"]} >= {"profiles.", "concerns."}
    viewed = [e for e in everything["entries"] if e["action"] == "profiles.carer.viewed"]
    assert len(viewed) == 3
    assert viewed[0]["actor_name"] == "Morgan Ellis" and viewed[0]["actor_role"] == "coordinator"
    assert viewed[0]["subject_name"] == "Alex Turner"
    assert viewed[0]["action_words"] == "looked at Alex Turner's profile"
    other_ids = {str(other.carer.user.id), str(other.coordinator.user.id)}
    assert not any(
        e["subject_user_id"] in other_ids or e["actor_user_id"] in other_ids for e in everything["entries"]
    )

    # by person, by actor, by action prefix, by period
    about = (await boss.get(base, params={"person": str(pair.carer.user.id), "limit": 100})).json()["entries"]
    assert about and all(e["subject_user_id"] == str(pair.carer.user.id) for e in about)
    by_actor = (await boss.get(base, params={"actor": str(pair.buddy.user.id)})).json()["entries"]
    assert by_actor and all(e["actor_user_id"] == str(pair.buddy.user.id) for e in by_actor)
    profiles = (await boss.get(base, params={"action": "profiles."})).json()["entries"]
    assert profiles and all(e["action"].startswith("profiles.") for e in profiles)
    exact = (await boss.get(base, params={"action": "profiles.carer.viewed"})).json()["entries"]
    assert len(exact) == 3
    today = (await boss.get(base, params={"from": "2026-03-03", "to": "2026-03-03"})).json()["entries"]
    assert {e["action"] for e in today} >= {"profiles.carer.viewed"}
    assert all(e["at"] >= "2026-03-03" for e in today)
    assert (await boss.get(base, params={"to": "2026-03-01"})).json()["entries"] == []
    # the other centre's person: nothing of theirs
    assert (await boss.get(base, params={"person": str(other.carer.user.id)})).json()["entries"] == []

    # pages: newest first, no entry twice, none lost
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2, "action": "profiles.carer.viewed"}
        if cursor:
            params["before"] = cursor
        page = (await boss.get(base, params=params)).json()
        seen += [e["id"] for e in page["entries"]]
        cursor = page["next_before"]
        if not cursor:
            break
    assert seen == [e["id"] for e in exact]

    # bad input: problems naming the field
    for params, field in (
        ({"before": "bm90LWEtY3Vyc29y"}, "before"),
        ({"from": "2026-13-45"}, "from"),
        ({"from": "not a date"}, "from"),
        ({"limit": 101}, "limit"),
        ({"action": "DROP TABLE"}, "action"),
        ({"person": "someone"}, "person"),
    ):
        assert field_errors(await boss.get(base, params=params)) == {field}, params

    # every read of the log is itself recorded, once per request
    async with db.session_scope() as s:
        reads = await audit.list_entries(
            s, organisation_id=pair.org.id, action="privacy.audit.viewed", limit=500
        )
    assert len(reads) >= 10
    assert any(r.subject_user_id == pair.carer.user.id for r in reads)


async def test_the_role_matrix_of_the_audit_log(app: Litestar, db: Database, new_client: Any) -> None:
    pair = await make_pair(db)
    other = await make_org(db)
    outsider = await make_coordinator(db, other, name="Sky Other")
    base = f"/api/v1/orgs/{pair.org.id}/audit"
    assert (await (await signed_in(new_client, pair.coordinator.email)).get(base)).status_code == 200
    for email, status in ((pair.buddy.email, 403), (pair.carer.email, 403), (outsider.email, 404)):
        problem(await (await signed_in(new_client, email)).get(base), status)
    problem(await new_client().get(base), 401)
    problem(await new_client().get("/api/v1/me/access-log"), 401)


async def test_my_access_log_shows_others_reads_of_my_record_and_never_a_concern(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    neighbour = await make_carer(db, pair.org, name="Nia Next")
    org = f"/api/v1/orgs/{pair.org.id}"
    boss = await signed_in(new_client, pair.coordinator.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    carer = await signed_in(new_client, pair.carer.email)

    clock.advance(timedelta(minutes=5))
    assert (await boss.get(f"{org}/carers/{pair.carer.membership_id}/profile")).status_code == 200
    clock.advance(timedelta(minutes=5))
    assert (await boss.get(f"{org}/carers/{neighbour.membership_id}/profile")).status_code == 200
    # a concern about the carer: raised by the buddy, read and handled by the coordinator
    clock.advance(timedelta(minutes=5))
    raised = await buddy.post(
        f"{org}/concerns",
        json={
            "carer_user_id": str(pair.carer.user.id),
            "category": "carers_health",
            "at_risk_now": False,
            "what_happened": "Zebra worry",
        },
    )
    assert raised.status_code == 201, raised.text
    concern_id = raised.json()["concern_id"]
    clock.advance(timedelta(minutes=5))
    assert (await boss.get(f"{org}/concerns/{concern_id}")).status_code == 200
    assert (await boss.post(f"{org}/concerns/{concern_id}/acknowledge")).status_code == 200
    assert (await boss.get(f"{org}/concerns")).status_code == 200
    # the coordinator looks up who looked at the carer's record, filtered to concerns
    assert (
        await boss.get(f"{org}/audit", params={"person": str(pair.carer.user.id), "action": "concerns."})
    ).status_code == 200
    # the carer's own doings are not in it
    assert (await carer.get("/api/v1/me")).status_code == 200

    body = (await carer.get("/api/v1/me/access-log")).json()
    words = [(e["who"], e["what"]) for e in body["entries"]]
    assert ("Morgan, coordinator", "looked at your profile") in words
    text = str(body).lower()
    assert "concern" not in text and "zebra" not in text and concern_id not in text
    async with db.session_scope() as s:
        about_carer = await audit.list_entries(s, subject_user_id=pair.carer.user.id, limit=500)
    [looked_up] = [e for e in about_carer if e.action == "privacy.audit.viewed"]
    assert "action" not in looked_up.details  # what was looked for never lands in an entry about them
    concern_entries = {
        str(e.id) for e in about_carer if e.object_type == "concern" or e.action.startswith("concerns.")
    }
    assert concern_entries  # they exist: the coordinators see them
    assert not concern_entries & {e["id"] for e in body["entries"]}
    assert all(
        not e.action.startswith("concerns.")
        for e in about_carer
        if str(e.id) in {x["id"] for x in body["entries"]}
    )
    # the person's own actions and other people's records never show
    own = {str(e.id) for e in about_carer if e.actor_user_id == pair.carer.user.id}
    assert not own & {e["id"] for e in body["entries"]}
    neighbour_log = (await (await signed_in(new_client, neighbour.email)).get("/api/v1/me/access-log")).json()
    assert [e["what"] for e in neighbour_log["entries"]] == ["looked at your profile"]

    # pages
    first = (await carer.get("/api/v1/me/access-log", params={"limit": 1})).json()
    assert len(first["entries"]) == 1 and first["next_before"]
    rest = (
        await carer.get("/api/v1/me/access-log", params={"before": first["next_before"], "limit": 100})
    ).json()
    assert [e["id"] for e in first["entries"] + rest["entries"]] == [e["id"] for e in body["entries"]]


async def test_a_buddy_sees_supervision_reads(app: Litestar, db: Database, new_client: Any) -> None:
    org = await make_org(db)
    await make_coordinator(db, org)
    buddy = await make_buddy(db, org)
    async with db.session_scope() as s:
        await audit.record(
            s,
            actor=Actor.system(),
            action="profiles.supervision.viewed",
            now=START,
            organisation_id=org.id,
            subject_user_id=buddy.user.id,
        )
    # an entry of no person (the system) is not someone at the centre looking
    body = (await (await signed_in(new_client, buddy.email)).get("/api/v1/me/access-log")).json()
    assert body == {"entries": [], "next_before": None}


async def test_an_erased_coordinators_reads_name_them_as_a_former_coordinator(
    app: Litestar, db: Database, new_client: Any
) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    carer = await make_carer(db, org)
    async with db.session_scope() as s:
        await audit.record(
            s,
            actor=Actor(user_id=coordinator.user.id),
            action="profiles.carer.viewed",
            now=START,
            organisation_id=org.id,
            subject_user_id=carer.user.id,
        )
        gone = await s.get(User, coordinator.user.id)
        assert gone is not None
        gone.display_name, gone.erased_at = "Former coordinator", START
    body = (await (await signed_in(new_client, carer.email)).get("/api/v1/me/access-log")).json()
    assert [e["who"] for e in body["entries"]] == ["Former coordinator, coordinator"]
