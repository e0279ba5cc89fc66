"""The crisis path end to end: "I need help now" → crisis lines at once, coordinators alerted by push and
e-mail and on the dashboard, the buddy told, escalation to the safeguarding lead, acknowledgement, audit."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from litestar import Litestar
from sqlalchemy import select

from carerlink.audit.models import AuditEntry
from carerlink.checkins.jobs import materialise, walk_ladder
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.mail.models import OutgoingMail
from carerlink.matching.models import Match, MatchStatus
from carerlink.safeguarding.jobs import escalate
from tests.checkins.factories import make_pair
from tests.profiles.factories import make_coordinator
from tests.support import ApiClient, notified_kinds, problem, signed_in


async def test_i_need_help_now_alerts_everyone_who_must_know_and_escalates_to_the_lead(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    lead = await make_coordinator(db, pair.org, name="Sarah Lead")
    boss = await signed_in(new_client, pair.coordinator.email)
    await boss.patch(
        f"/api/v1/orgs/{pair.org.id}", json={"settings": {"safeguarding_lead_user_id": str(lead.user.id)}}
    )
    lead_browser = await signed_in(new_client, lead.email)
    assert (await lead_browser.put(f"/api/v1/orgs/{pair.org.id}/duty", json={"on_duty": False})).json() == {
        "on_duty": False
    }
    carer = await signed_in(new_client, pair.carer.email)
    await carer.put(
        f"{pair.base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await materialise(app.state.runtime)
    await walk_ladder(app.state.runtime)
    [checkin] = (await carer.get("/api/v1/me/checkins?awaiting=true")).json()

    answered = await carer.post(
        f"/api/v1/checkins/{checkin['id']}/answer",
        json={"wellbeing": 1, "needs_help": True},
        headers={"Idempotency-Key": "help-now-0001"},
    )

    assert answered.status_code == 201, answered.text
    body = answered.json()
    assert body["help_is_coming"] is True
    contacts = {line["contact"] for line in body["crisis_lines"]}
    assert {"999", "116 123", "85258"} <= contacts
    # the on-duty coordinator at once; the lead is off duty
    assert await notified_kinds(db, pair.coordinator.user.id) == ["coordinator_crisis_alert"]
    assert await notified_kinds(db, lead.user.id) == []
    assert "buddy_carer_asked_for_help" in await notified_kinds(db, pair.buddy.user.id)
    async with db.session_scope() as session:
        mails = (
            await session.scalars(select(OutgoingMail).where(OutgoingMail.category.like("%crisis%")))
        ).all()
    assert [m.to_address for m in mails] == [pair.coordinator.email]
    assert "Alex" not in mails[0].subject and "Alex" not in mails[0].body  # no names in e-mail
    [alert] = (await boss.get(f"/api/v1/orgs/{pair.org.id}/alerts?status=open")).json()
    assert (alert["source"], alert["checkin_id"]) == ("checkin", checkin["id"])

    # a retry of the same answer raises nothing new
    again = await carer.post(
        f"/api/v1/checkins/{checkin['id']}/answer",
        json={"wellbeing": 1, "needs_help": True},
        headers={"Idempotency-Key": "help-now-0001"},
    )
    assert again.status_code == 200
    assert await notified_kinds(db, pair.coordinator.user.id) == ["coordinator_crisis_alert"]

    clock.advance(timedelta(minutes=14))
    await escalate(app.state.runtime)
    assert await notified_kinds(db, lead.user.id) == []
    clock.advance(timedelta(minutes=2))
    await escalate(app.state.runtime)
    await escalate(app.state.runtime)
    assert await notified_kinds(db, lead.user.id) == ["coordinator_crisis_unacknowledged"]  # once

    boss = await signed_in(new_client, pair.coordinator.email)
    acknowledged = await boss.post(
        f"/api/v1/orgs/{pair.org.id}/alerts/{alert['id']}/acknowledge",
        json={"action_taken": "Rang Alex, she is safe; GP tomorrow."},
    )
    assert acknowledged.json()["status"] == "acknowledged"
    problem(
        await (await signed_in(new_client, lead.email)).post(
            f"/api/v1/orgs/{pair.org.id}/alerts/{alert['id']}/acknowledge", json={"action_taken": "Also me"}
        ),
        409,
    )
    async with db.session_scope() as session:
        actions = set(
            await session.scalars(
                select(AuditEntry.action).where(AuditEntry.object_id == uuid.UUID(alert["id"]))
            )
        )
    assert {
        "safeguarding.alert.raised",
        "safeguarding.alert.escalated",
        "safeguarding.alert.acknowledged",
    } <= actions


async def test_when_nobody_is_on_duty_every_coordinator_is_alerted(
    app: Litestar, db: Database, new_client: Any
) -> None:
    pair = await make_pair(db)
    second = await make_coordinator(db, pair.org, name="Jo Second")
    for person in (pair.coordinator, second):
        await (await signed_in(new_client, person.email)).put(
            f"/api/v1/orgs/{pair.org.id}/duty", json={"on_duty": False}
        )
    carer = await signed_in(new_client, pair.carer.email)
    started = await carer.post(f"{pair.base}/checkins", json={"wellbeing": 2, "needs_help": True})
    assert started.status_code == 201
    assert await notified_kinds(db, pair.coordinator.user.id) == ["coordinator_crisis_alert"]
    assert await notified_kinds(db, second.user.id) == ["coordinator_crisis_alert"]


async def test_without_a_safeguarding_lead_escalation_goes_to_every_coordinator(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    off_duty = await make_coordinator(db, pair.org, name="Jo Off")
    await (await signed_in(new_client, off_duty.email)).put(
        f"/api/v1/orgs/{pair.org.id}/duty", json={"on_duty": False}
    )
    carer = await signed_in(new_client, pair.carer.email)
    await carer.post(f"{pair.base}/checkins", json={"wellbeing": 1, "needs_help": True})
    assert await notified_kinds(db, off_duty.user.id) == []
    clock.advance(timedelta(minutes=16))
    await escalate(app.state.runtime)
    assert await notified_kinds(db, off_duty.user.id) == ["coordinator_crisis_unacknowledged"]


async def test_the_safeguarding_lead_must_be_a_coordinator(db: Database, new_client: Any) -> None:
    pair = await make_pair(db)
    boss = await signed_in(new_client, pair.coordinator.email)
    refused = await boss.patch(
        f"/api/v1/orgs/{pair.org.id}",
        json={"settings": {"safeguarding_lead_user_id": str(pair.buddy.user.id)}},
    )
    assert problem(refused, 422)["errors"][0]["field"] == "settings.safeguarding_lead_user_id"


async def test_a_carer_still_waiting_for_a_buddy_can_ask_for_help_in_one_tap(
    app: Litestar, db: Database, new_client: Any
) -> None:
    from tests.profiles.factories import make_carer
    from tests.support import make_org

    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    waiting = await make_carer(db, org, name="Ruth Evans")
    carer = await signed_in(new_client, waiting.email)
    first = await carer.post(f"/api/v1/orgs/{org.id}/help", headers={"Idempotency-Key": "help-button-1"})
    again = await carer.post(f"/api/v1/orgs/{org.id}/help", headers={"Idempotency-Key": "help-button-1"})
    assert (first.status_code, again.status_code) == (201, 201)
    assert {"999", "116 123"} <= {line["contact"] for line in first.json()["crisis_lines"]}
    assert await notified_kinds(db, coordinator.user.id) == [
        "coordinator_crisis_alert"
    ]  # once, despite the retry
    buddyless = (
        await (await signed_in(new_client, coordinator.email)).get(f"/api/v1/orgs/{org.id}/alerts")
    ).json()
    assert [a["buddy_user_id"] for a in buddyless] == [None]
    assert [(a["source"], a["checkin_id"]) for a in buddyless] == [
        ("help_button", None)
    ]  # no check-in to link
    coordinator_browser = await signed_in(new_client, coordinator.email)
    problem(await coordinator_browser.post(f"/api/v1/orgs/{org.id}/help"), 403)  # the button is for carers
    problem(await new_client().post(f"/api/v1/orgs/{org.id}/help"), 401)


async def test_a_carer_whose_membership_is_suspended_can_still_ask_for_help_but_not_once_it_ended(
    app: Litestar, db: Database, new_client: Any
) -> None:
    from tests.profiles.factories import make_carer
    from tests.support import make_org

    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    ruth = await make_carer(db, org, name="Ruth Evans")
    boss = await signed_in(new_client, coordinator.email)
    carer = await signed_in(new_client, ruth.email)
    members = f"/api/v1/orgs/{org.id}/members/{ruth.membership_id}"
    assert (await boss.patch(members, json={"status": "suspended"})).status_code == 200

    asked = await carer.post(f"/api/v1/orgs/{org.id}/help")
    assert asked.status_code == 201, asked.text  # a call for help is never refused for want of anything else
    assert await notified_kinds(db, coordinator.user.id) == ["coordinator_crisis_alert"]

    assert (await boss.patch(members, json={"status": "ended"})).status_code == 200
    problem(await carer.post(f"/api/v1/orgs/{org.id}/help"), 404)  # not a carer of theirs any more


async def test_a_coordinator_reads_whether_they_are_on_duty_and_nobody_else_may(
    db: Database, new_client: Any
) -> None:
    pair = await make_pair(db)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    duty = f"/api/v1/orgs/{pair.org.id}/duty"
    assert (await coordinator.get(duty)).json() == {"on_duty": True}
    await coordinator.put(duty, json={"on_duty": False})
    assert (await coordinator.get(duty)).json() == {"on_duty": False}
    carer = await signed_in(new_client, pair.carer.email)
    assert (await carer.get(duty)).status_code == 403


async def _open_checkin(app: Litestar, carer: ApiClient, base: str) -> dict[str, Any]:
    await carer.put(
        f"{base}/checkin-plan", json={"frequency": "weekly", "weekdays": [0], "local_time": "09:00"}
    )
    await materialise(app.state.runtime)
    await walk_ladder(app.state.runtime)
    [checkin] = (await carer.get("/api/v1/me/checkins?awaiting=true")).json()
    return dict(checkin)


async def test_i_need_help_now_on_a_late_answer_is_refused_but_still_alerts_once(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    carer = await signed_in(new_client, pair.carer.email)
    checkin = await _open_checkin(app, carer, pair.base)
    clock.advance(timedelta(hours=120 + 48 + 1))  # missed, and past the grace period for a late answer
    await walk_ladder(app.state.runtime)
    carer = await signed_in(new_client, pair.carer.email)  # a week on: signed in again
    url, key = f"/api/v1/checkins/{checkin['id']}/answer", {"Idempotency-Key": "queued-offline-0007"}
    coordinator_had = await notified_kinds(db, pair.coordinator.user.id)

    refused = problem(await carer.post(url, json={"wellbeing": 1, "needs_help": True}, headers=key), 409)

    assert refused["centre_told"] is True
    assert "told the centre" in refused["detail"]
    assert {"999", "116 123", "85258"} <= {line["contact"] for line in refused["crisis_lines"]}
    boss = await signed_in(new_client, pair.coordinator.email)
    [alert] = (await boss.get(f"/api/v1/orgs/{pair.org.id}/alerts?status=open")).json()
    assert alert["carer_user_id"] == str(pair.carer.user.id)
    assert (alert["source"], alert["checkin_id"]) == ("checkin_refused", None)  # the answer was not stored
    assert await notified_kinds(db, pair.coordinator.user.id) == [
        *coordinator_had,
        "coordinator_crisis_alert",
    ]
    async with db.session_scope() as session:
        mails = (
            await session.scalars(select(OutgoingMail).where(OutgoingMail.category.like("%crisis%")))
        ).all()
    assert [m.to_address for m in mails] == [pair.coordinator.email]
    # the answer itself is not stored
    assert (await carer.get(f"/api/v1/checkins/{checkin['id']}")).json()["wellbeing"] is None

    # the offline queue sends it again with the same key: still refused, still one alert
    again = problem(await carer.post(url, json={"wellbeing": 1, "needs_help": True}, headers=key), 409)
    assert again["centre_told"] is True
    assert len((await boss.get(f"/api/v1/orgs/{pair.org.id}/alerts")).json()) == 1
    assert (await notified_kinds(db, pair.coordinator.user.id)).count("coordinator_crisis_alert") == 1

    # a late answer without "I need help now" is refused as before, and raises nothing
    plain = problem(
        await carer.post(url, json={"wellbeing": 3}, headers={"Idempotency-Key": "late-answer-99"}), 409
    )
    assert "centre_told" not in plain
    assert len((await boss.get(f"/api/v1/orgs/{pair.org.id}/alerts")).json()) == 1


async def test_i_need_help_now_on_a_second_answer_to_an_answered_checkin_still_alerts(
    app: Litestar, db: Database, new_client: Any
) -> None:
    pair = await make_pair(db)
    carer = await signed_in(new_client, pair.carer.email)
    checkin = await _open_checkin(app, carer, pair.base)
    url = f"/api/v1/checkins/{checkin['id']}/answer"
    first = await carer.post(url, json={"wellbeing": 4}, headers={"Idempotency-Key": "first-answer-01"})
    assert first.status_code == 201, first.text
    boss = await signed_in(new_client, pair.coordinator.email)
    assert (await boss.get(f"/api/v1/orgs/{pair.org.id}/alerts")).json() == []

    refused = problem(
        await carer.post(
            url, json={"wellbeing": 1, "needs_help": True}, headers={"Idempotency-Key": "second-answer-02"}
        ),
        409,
    )

    assert refused["centre_told"] is True
    assert refused["crisis_lines"]
    [alert] = (await boss.get(f"/api/v1/orgs/{pair.org.id}/alerts?status=open")).json()
    assert alert["buddy_user_id"] == str(pair.buddy.user.id)
    assert await notified_kinds(db, pair.coordinator.user.id) == ["coordinator_crisis_alert"]
    assert "buddy_carer_asked_for_help" in await notified_kinds(db, pair.buddy.user.id)
    # the first answer stands
    assert (await carer.get(f"/api/v1/checkins/{checkin['id']}")).json()["wellbeing"] == 4


async def test_i_need_help_now_sent_to_a_paused_match_still_alerts(
    app: Litestar, db: Database, new_client: Any
) -> None:
    pair = await make_pair(db)
    boss = await signed_in(new_client, pair.coordinator.email)
    carer = await signed_in(new_client, pair.carer.email)
    async with db.session_scope() as session:
        match = await session.get(Match, pair.match.id)
        assert match is not None
        match.status = MatchStatus.PAUSED

    refused = problem(
        await carer.post(f"{pair.base}/checkins", json={"wellbeing": 1, "needs_help": True}), 409
    )

    assert refused["centre_told"] is True
    [alert] = (await boss.get(f"/api/v1/orgs/{pair.org.id}/alerts?status=open")).json()
    assert alert["buddy_user_id"] is None
