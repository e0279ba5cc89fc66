"""Erasure's rules (issue 15): paused while something is open, cancelled requests do nothing, confirming
twice is once, the role matrix of every route, no partial writes, figures unchanged, retention."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import func, select

from carerlink.accounts.models import AuthSession, User
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.organisations.models import Consent, ConsentKind, Membership, MembershipStatus
from carerlink.privacy.erasure import anonymise as anonymise_module
from carerlink.privacy.erasure.retention import anonymise_expired_memberships
from carerlink.privacy.models import ErasureRequest, ErasureState
from tests.privacy.erasure_support import CARER_NAME, rich_pair, survivors
from tests.profiles.factories import make_buddy, make_carer, make_coordinator
from tests.support import field_errors, make_org, problem, signed_in


async def _ask(rich: Any) -> str:
    asked = await rich.carer.post("/api/v1/me/erasure", json={"organisation_id": str(rich.pair.org.id)})
    assert asked.status_code == 201, asked.text
    return str(asked.json()["id"])


async def test_an_open_crisis_alert_pauses_it_and_once_acknowledged_it_erases_keeping_the_alert(
    app: Litestar, db: Database, new_client: Any
) -> None:
    rich = await rich_pair(db, new_client)
    org = rich.pair.org.id
    helped = await rich.carer.post(f"/api/v1/orgs/{org}/help", headers={"Idempotency-Key": "help-00001"})
    assert helped.status_code == 201, helped.text
    alert_id = helped.json()["alert_id"]
    erasure = await _ask(rich)
    base = f"/api/v1/orgs/{org}/erasure-requests/{erasure}"

    paused = await rich.coordinator.post(f"{base}/confirm")
    assert paused.status_code == 200, paused.text
    body = paused.json()
    assert body["state"] == "paused"
    assert [(r["code"], r["link"]) for r in body["paused_reasons"]] == [
        ("open_crisis_alert", f"/coordinator/alerts/{alert_id}")
    ]
    assert body["person_name"] == CARER_NAME  # nothing erased
    mine = (await rich.carer.get("/api/v1/me/erasure-requests")).json()
    assert (
        mine[0]["state"] == "paused"
        and mine[0]["words"] == "A coordinator will be in touch with you about this."
    )
    assert "alert" not in str(mine) and "concern" not in str(mine)

    acked = await rich.coordinator.post(
        f"/api/v1/orgs/{org}/alerts/{alert_id}/acknowledge", json={"action_taken": "Rang her; safe now."}
    )
    assert acked.status_code == 200, acked.text
    done = (await rich.coordinator.post(f"{base}/confirm")).json()
    assert done["state"] == "done" and done["paused_reasons"] == []
    assert {(k["table"], str(k["id"])) for k in done["kept"]} == {("crisis_alerts", alert_id)}
    kept = {(k["table"], str(k["id"])) for k in done["kept"]}
    assert await survivors(db, needles=rich.needles, first_name="Wilhelmina", kept=kept) == []
    alert = (await rich.coordinator.get(f"/api/v1/orgs/{org}/alerts/{alert_id}")).json()
    assert alert["carer_kept_name"].startswith(f"{CARER_NAME} (erased on ")
    assert alert["carer_kept_name"].endswith("; kept for safeguarding)")

    # confirming again changes nothing
    again = await rich.coordinator.post(f"{base}/confirm")
    assert again.status_code == 200 and again.json()["completed_at"] == done["completed_at"]
    assert problem(await rich.coordinator.post(f"{base}/cancel"), 409)


async def test_an_open_concern_pauses_it_and_the_kept_concern_shows_the_retained_name(
    app: Litestar, db: Database, new_client: Any
) -> None:
    rich = await rich_pair(db, new_client)
    org = rich.pair.org.id
    raised = await rich.buddy.post(
        f"/api/v1/orgs/{org}/concerns",
        json={
            "carer_user_id": str(rich.pair.carer.user.id),
            "category": "carers_health",
            "at_risk_now": False,
            "what_happened": "She sounded exhausted.",
        },
        headers={"Idempotency-Key": "concern-0001"},
    )
    concern_id = raised.json()["concern_id"]
    erasure = await _ask(rich)
    base = f"/api/v1/orgs/{org}/erasure-requests/{erasure}"
    paused = (await rich.coordinator.post(f"{base}/confirm")).json()
    assert [r["code"] for r in paused["paused_reasons"]] == ["open_concern"]
    assert paused["kept"][0]["kept_until"] is None  # still open
    closed = await rich.coordinator.post(
        f"/api/v1/orgs/{org}/concerns/{concern_id}/close",
        json={"outcome": "support_offered", "note": "Fine."},
    )
    assert closed.status_code == 200, closed.text
    page = (await rich.coordinator.get(base)).json()
    assert page["kept"][0]["kept_until"] is not None
    done = (await rich.coordinator.post(f"{base}/confirm")).json()
    assert done["state"] == "done"
    concern = (await rich.coordinator.get(f"/api/v1/orgs/{org}/concerns/{concern_id}")).json()
    assert concern["carer_name"].startswith(f"{CARER_NAME} (erased on ")


async def test_a_cancelled_request_erases_nothing(app: Litestar, db: Database, new_client: Any) -> None:
    rich = await rich_pair(db, new_client)
    erasure = await _ask(rich)
    cancelled = await rich.carer.post(f"/api/v1/me/erasure-requests/{erasure}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    base = f"/api/v1/orgs/{rich.pair.org.id}/erasure-requests/{erasure}"
    assert problem(await rich.coordinator.post(f"{base}/confirm"), 409)
    async with db.session_scope() as session:
        user = await session.get(User, rich.pair.carer.user.id)
        assert user is not None and user.display_name == CARER_NAME and user.erased_at is None
    # a coordinator records a request for a member; cancelling it with them does nothing either
    made = await rich.coordinator.post(
        f"/api/v1/orgs/{rich.pair.org.id}/members/{rich.pair.carer.membership_id}/erasure"
    )
    assert made.status_code == 201 and made.json()["requested_by_self"] is False
    again = await rich.coordinator.post(
        f"/api/v1/orgs/{rich.pair.org.id}/erasure-requests/{made.json()['id']}/cancel"
    )
    assert again.json()["state"] == "cancelled"


async def test_erasure_leaves_the_figures_and_the_buddys_history_and_ends_sign_in(
    app: Litestar, db: Database, new_client: Any
) -> None:
    rich = await rich_pair(db, new_client)
    org = rich.pair.org.id
    async with db.session_scope() as session:
        withdrawn = Consent(
            user_id=rich.pair.carer.user.id,
            organisation_id=org,
            kind=ConsentKind.HEALTH_DATA,
            version="0",
            given_at=rich.pair.match.proposed_at - timedelta(days=1),
            withdrawn_at=rich.pair.match.proposed_at,
        )
        session.add(withdrawn)
    boss = rich.coordinator

    async def figures() -> dict[str, Any]:
        """Every figure the coordinators read that this pair touches."""
        matches = (await boss.get(f"/api/v1/orgs/{org}/matches")).json()
        listed = await boss.get(f"{rich.pair.base}/checkins")
        assert listed.status_code == 200, listed.text
        checkins = listed.json()
        summary = await boss.get(f"/api/v1/orgs/{org}/notifications/delivery-summary")
        assert summary.status_code == 200, summary.text
        waiting = await boss.get(f"/api/v1/orgs/{org}/waiting-list")
        async with db.session_scope() as session:
            consents = await session.scalar(
                select(func.count()).select_from(Consent).where(Consent.organisation_id == org)
            )
        return {
            "matches": sorted((m["id"], m["status"] in ("active", "paused", "proposed")) for m in matches),
            "checkins": [
                (c["id"], c["due_at"], c["state"], c.get("wellbeing"), c.get("replied_at")) for c in checkins
            ],
            # The erasure ends the match, which tells the buddy (a new "match_ended"): every other kind stays.
            "summary": [k for k in summary.json()["by_kind"] if k["kind"] != "match_ended"],
            "waiting": len(waiting.json()) if waiting.status_code == 200 else waiting.status_code,
            "consents": consents,
        }

    erasure = await _ask(rich)
    before = await figures()
    done = (await boss.post(f"/api/v1/orgs/{org}/erasure-requests/{erasure}/confirm")).json()
    assert done["state"] == "done"
    after = await figures()
    # The match ended with the carer's membership ("the carer left"): counted still, no longer open.
    assert [m for m, _ in after["matches"]] == [m for m, _ in before["matches"]]
    assert [open_ for _, open_ in after["matches"]] == [False]
    for figure in ("checkins", "summary", "waiting", "consents"):
        assert after[figure] == before[figure], figure

    # the buddy's history still reads: the check-in, with its date and state, from "Former carer"
    history = await rich.buddy.get("/api/v1/me/checkins?role=buddy")
    assert history.status_code == 200, history.text
    assert [(c["id"], c["state"]) for c in history.json()] == [(rich.checkin_id, "answered")] or any(
        c["id"] == rich.checkin_id and c["due_at"] for c in history.json()
    )
    inbox = await rich.buddy.get("/api/v1/notifications")
    assert inbox.status_code == 200 and CARER_NAME not in inbox.text and "Wilhelmina" not in inbox.text
    assert "Former carer" in inbox.text
    pairs = await boss.get(f"/api/v1/orgs/{org}/matches")
    assert pairs.status_code == 200 and CARER_NAME not in pairs.text and "Former carer" in pairs.text
    async with db.session_scope() as session:
        kept = await session.get(Consent, withdrawn.id)
        assert kept is not None and kept.withdrawn_at is not None  # the withdrawal stays as proof
        assert (
            await session.scalar(
                select(func.count())
                .select_from(AuthSession)
                .where(AuthSession.user_id == rich.pair.carer.user.id)
            )
            == 0
        )
    fresh = new_client()
    gone = await fresh.post(
        "/api/v1/auth/login",
        json={"email": rich.pair.carer.email, "password": "correct horse battery staple"},
    )
    assert gone.status_code in (401, 422)


async def test_an_error_half_way_leaves_everything_as_it_was(
    app: Litestar, db: Database, new_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    rich = await rich_pair(db, new_client)
    erasure = await _ask(rich)

    async def broken(*args: Any, **kwargs: Any) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(anonymise_module, "_scrub_others", broken)
    failed = await rich.coordinator.post(
        f"/api/v1/orgs/{rich.pair.org.id}/erasure-requests/{erasure}/confirm"
    )
    assert failed.status_code == 500
    async with db.session_scope() as session:
        user = await session.get(User, rich.pair.carer.user.id)
        assert user is not None and user.display_name == CARER_NAME
        membership = await session.get(Membership, rich.pair.carer.membership_id)
        assert membership is not None and membership.status == MembershipStatus.ACTIVE
        request = await session.get(ErasureRequest, __import__("uuid").UUID(erasure))
        assert request is not None and request.state == ErasureState.REQUESTED


async def test_the_role_matrix_of_every_route(app: Litestar, db: Database, new_client: Any) -> None:
    rich = await rich_pair(db, new_client)
    org = rich.pair.org.id
    erasure = await _ask(rich)
    other_org = await make_org(db, name="Elsewhere")
    stranger_coordinator = await signed_in(
        new_client, (await make_coordinator(db, other_org, name="Sol Stranger")).email
    )
    other_carer = await signed_in(new_client, (await make_carer(db, rich.pair.org, name="Ola Other")).email)
    buddy = rich.buddy
    anonymous = new_client()
    base = f"/api/v1/orgs/{org}/erasure-requests"
    member = f"/api/v1/orgs/{org}/members/{rich.pair.carer.membership_id}/erasure"

    for method, url in [
        ("GET", base),
        ("GET", f"{base}/{erasure}"),
        ("POST", f"{base}/{erasure}/confirm"),
        ("POST", f"{base}/{erasure}/cancel"),
        ("POST", member),
    ]:
        assert (await anonymous.request(method, url)).status_code == 401, url
        assert (await stranger_coordinator.request(method, url)).status_code == 404, url
        assert (await buddy.request(method, url)).status_code == 403, url
        assert (await other_carer.request(method, url)).status_code == 403, url
    # a coordinator never confirms their own erasure
    own = await rich.coordinator.post("/api/v1/me/erasure", json={})
    assert own.status_code == 201
    assert problem(await rich.coordinator.post(f"{base}/{own.json()['id']}/confirm"), 403)
    # the person's own routes
    assert (await anonymous.get("/api/v1/me/erasure-requests")).status_code == 401
    assert (await anonymous.post("/api/v1/me/erasure", json={})).status_code == 401
    assert (await other_carer.post(f"/api/v1/me/erasure-requests/{erasure}/cancel")).status_code == 404
    assert (
        await stranger_coordinator.post(f"/api/v1/me/erasure-requests/{erasure}/cancel")
    ).status_code == 404
    assert (await anonymous.post(f"/api/v1/me/erasure-requests/{erasure}/cancel")).status_code == 401
    assert (await other_carer.get("/api/v1/me/erasure-requests")).json() == []
    assert (
        await stranger_coordinator.post("/api/v1/me/erasure", json={"organisation_id": str(org)})
    ).status_code == 404
    refused = await rich.carer.post("/api/v1/me/erasure", json={"organisation_id": "nope"})
    assert "organisation_id" in field_errors(refused)


async def test_retention_anonymises_people_whose_memberships_ended_long_ago_once(
    app: Litestar, db: Database, clock: FrozenClock
) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    gone = await make_carer(db, org, name="Olwen Gone")
    held = await make_carer(db, org, name="Hana Held")
    recent = await make_carer(db, org, name="Rhys Recent")
    staying = await make_buddy(db, org, name="Bea Staying")
    two_years = timedelta(days=730)

    async def end(person: Any) -> None:
        async with db.session_scope() as session:
            membership = await session.get(Membership, person.membership_id)
            assert membership is not None
            membership.status = MembershipStatus.ENDED
            membership.status_changed_at = clock.now()

    async def tick() -> int:
        async with db.session_scope() as session:
            return await anonymise_expired_memberships(
                session,
                organisation_id=org.id,
                ended_before=clock.now() - two_years,
                now=clock.now(),
                limit=10,
            )

    await end(gone)
    await end(held)
    async with db.session_scope() as session:  # Hana's request to be deleted waits for a coordinator
        session.add(
            ErasureRequest(
                user_id=held.user.id,
                organisation_id=org.id,
                requested_at=clock.now(),
                state=ErasureState.REQUESTED,
                paused_reasons=[],
                result={},
            )
        )
    clock.advance(timedelta(days=700))
    await end(recent)
    assert await tick() == 0  # not two years yet
    clock.advance(timedelta(days=31))
    assert await tick() == 1
    assert await tick() == 0  # twice removes nothing more
    async with db.session_scope() as session:
        names = {u.id: u.display_name for u in await session.scalars(select(User))}
        proofs = (
            await session.scalars(select(ErasureRequest).where(ErasureRequest.state == ErasureState.DONE))
        ).all()
    assert names[gone.user.id] == "Former carer"
    assert names[held.user.id] == "Hana Held"
    assert names[recent.user.id] == "Rhys Recent" and names[staying.user.id] == "Bea Staying"
    assert names[coordinator.user.id] == "Morgan Ellis"
    assert [(p.user_id, p.result["reason"]) for p in proofs] == [(gone.user.id, "retention")]


async def test_a_buddy_is_paused_by_an_ask_to_talk_and_then_erased_leaving_the_carers_own_notes(
    app: Litestar, db: Database, new_client: Any
) -> None:
    rich = await rich_pair(db, new_client)
    org = rich.pair.org.id
    asked = await rich.buddy.post(
        f"/api/v1/orgs/{org}/debriefs",
        json={"urgency": "this_week", "note": "The last call with Wilhelmina shook me a bit."},
        headers={"Idempotency-Key": "debrief-0001"},
    )
    assert asked.status_code == 201, asked.text
    debrief_id = asked.json()["id"]
    erasure = (await rich.buddy.post("/api/v1/me/erasure", json={})).json()["id"]
    base = f"/api/v1/orgs/{org}/erasure-requests/{erasure}"
    paused = (await rich.coordinator.post(f"{base}/confirm")).json()
    assert [r["code"] for r in paused["paused_reasons"]] == ["open_debrief"]
    taken = await rich.coordinator.post(f"/api/v1/orgs/{org}/debriefs/{debrief_id}/take-up", json={})
    assert taken.status_code == 200, taken.text
    done = (await rich.coordinator.post(f"{base}/confirm")).json()
    assert done["state"] == "done" and done["person_name"] == "Former buddy"

    buddy_name = rich.pair.buddy.user.display_name
    found = await survivors(
        db,
        needles=[buddy_name, rich.pair.buddy.email, "shook me"],
        first_name=buddy_name.split()[0],
        kept=set(),
    )
    assert found == []
    # The carer's own note stays on her check-in (``others_text``): it is her record, not the buddy's.
    mine = (await rich.carer.get(f"/api/v1/checkins/{rich.checkin_id}")).json()
    assert "zebrafinch" in mine["note"] and mine["reply_message"] is None
