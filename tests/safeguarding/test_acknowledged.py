"""Issue 13, a crisis path a coordinator can act on: the e-mails link to the alert, the alert says when
and to whom it escalates, and what was true before acknowledgement stops being shown after it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Litestar
from sqlalchemy import select

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.mail.models import OutgoingMail
from carerlink.notifications.models import DeliveryState, Notification, PushDelivery
from carerlink.safeguarding.jobs import escalate
from tests.checkins.factories import Pair, make_pair
from tests.profiles.factories import Person, make_coordinator
from tests.support import ApiClient, signed_in

BASE_URL = "http://testserver.local"  # the test settings' base_url


async def _help(new_client: Any, pair: Pair, key: str = "help-0001") -> str:
    carer = await signed_in(new_client, pair.carer.email)
    asked = await carer.post(f"/api/v1/orgs/{pair.org.id}/help", headers={"Idempotency-Key": key})
    assert asked.status_code == 201, asked.text
    return str(asked.json()["alert_id"])


async def _set_lead(new_client: Any, pair: Pair, lead: Person | None) -> None:
    boss = await signed_in(new_client, pair.coordinator.email)
    settings = {"safeguarding_lead_user_id": str(lead.user.id) if lead else None}
    answer = await boss.patch(f"/api/v1/orgs/{pair.org.id}", json={"settings": settings})
    assert answer.status_code == 200, answer.text


async def _entries(db: Database, person: Person) -> list[Notification]:
    async with db.session_scope() as session:
        return list(
            await session.scalars(
                select(Notification)
                .where(Notification.user_id == person.user.id)
                .order_by(Notification.created_at)
            )
        )


async def _inbox(client: ApiClient) -> dict[str, Any]:
    answer = await client.get("/api/v1/notifications")
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


async def test_crisis_emails_link_to_the_alert_and_still_name_nobody(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    alert_id = await _help(new_client, pair)
    clock.advance(timedelta(minutes=16))
    await escalate(app.state.runtime)

    async with db.session_scope() as session:
        mails = list(
            await session.scalars(
                select(OutgoingMail)
                .where(OutgoingMail.category.like("%crisis%"))
                .order_by(OutgoingMail.send_after)
            )
        )
    assert [m.category for m in mails] == ["coordinator_crisis_alert", "coordinator_crisis_unacknowledged"]
    for mail in mails:
        assert f"{BASE_URL}/coordinator/alerts/{alert_id}" in mail.body
        carer_first = pair.carer.user.display_name.split()[0]
        assert carer_first not in mail.subject + mail.body
        assert pair.buddy.user.display_name.split()[0] not in mail.body


async def test_the_alert_says_it_goes_to_the_lead_by_name_then_that_it_went_and_nothing_once_acknowledged(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    lead = await make_coordinator(db, pair.org, name="Priya Shah")
    await _set_lead(new_client, pair, lead)
    alert_id = await _help(new_client, pair)
    boss = await signed_in(new_client, pair.coordinator.email)
    url = f"/api/v1/orgs/{pair.org.id}/alerts/{alert_id}"

    before = (await boss.get(url)).json()
    assert (before["escalates_to"], before["safeguarding_lead_name"], before["escalated_at"]) == (
        "safeguarding_lead",
        "Priya Shah",
        None,
    )
    assert before["time_zone"] == "Europe/London"
    [listed] = (await boss.get(f"/api/v1/orgs/{pair.org.id}/alerts?status=open")).json()
    assert listed["escalates_to"] == "safeguarding_lead"

    clock.advance(timedelta(minutes=16))
    await escalate(app.state.runtime)
    await _set_lead(new_client, pair, None)  # a lead changed later does not rewrite where it went
    went = (await boss.get(url)).json()
    assert went["escalated_at"] is not None
    assert (went["escalates_to"], went["status"]) == ("safeguarding_lead", "open")

    done = (await boss.post(f"{url}/acknowledge", json={"action_taken": "Rang them; safe."})).json()
    assert done["status"] == "acknowledged"
    assert done["acknowledged_by_name"] == pair.coordinator.user.display_name


async def test_without_a_lead_it_goes_to_every_coordinator_and_one_acknowledged_in_time_escalates_nowhere(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    alert_id = await _help(new_client, pair)
    boss = await signed_in(new_client, pair.coordinator.email)
    url = f"/api/v1/orgs/{pair.org.id}/alerts/{alert_id}"
    before = (await boss.get(url)).json()
    assert (before["escalates_to"], before["safeguarding_lead_name"]) == ("all_coordinators", None)

    done = (await boss.post(f"{url}/acknowledge", json={"action_taken": "Rang them; safe."})).json()
    assert (done["escalates_to"], done["safeguarding_lead_name"]) == (None, None)
    clock.advance(timedelta(minutes=16))
    await escalate(app.state.runtime)
    assert (await boss.get(url)).json()["escalated_at"] is None

    # escalated with no lead: it says it went to every coordinator
    second = await _help(new_client, pair, key="help-0002")
    clock.advance(timedelta(minutes=16))
    await escalate(app.state.runtime)
    went = (await boss.get(f"/api/v1/orgs/{pair.org.id}/alerts/{second}")).json()
    assert (went["escalates_to"], went["safeguarding_lead_name"]) == ("all_coordinators", None)
    assert went["escalated_at"] is not None


async def test_acknowledging_marks_read_every_notification_about_the_alert_for_those_told_and_says_who_has_it(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    other = await make_coordinator(db, pair.org, name="Jo Second")
    off_duty = await make_coordinator(db, pair.org, name="Kim Away")
    await (await signed_in(new_client, off_duty.email)).put(
        f"/api/v1/orgs/{pair.org.id}/duty", json={"on_duty": False}
    )
    elsewhere = await make_pair(db)  # another organisation's alert is left alone
    other_alert = await _help(new_client, elsewhere)
    alert_id = await _help(new_client, pair)
    assert [n.read_at for n in await _entries(db, other)] == [None]
    assert await _entries(db, off_duty) == []  # never told: nothing to mark
    jo = await signed_in(new_client, other.email)
    assert (await _inbox(jo))["unread"] == 1

    clock.advance(timedelta(minutes=3))
    morgan = await signed_in(new_client, pair.coordinator.email)
    acknowledged = await morgan.post(
        f"/api/v1/orgs/{pair.org.id}/alerts/{alert_id}/acknowledge", json={"action_taken": "Rang them; safe."}
    )
    assert acknowledged.status_code == 200, acknowledged.text

    inbox = await _inbox(jo)
    assert inbox["unread"] == 0
    [entry] = inbox["items"]
    assert entry["read_at"] is not None
    carer_first = pair.carer.user.display_name.split()[0]
    assert entry["title"] == f"{carer_first} asked for help"
    assert entry["body"] == "Acknowledged by Morgan."
    assert entry["url"] == f"/coordinator/alerts/{alert_id}"
    buddy_inbox = await _inbox(await signed_in(new_client, pair.buddy.email))
    [help_entry] = [n for n in buddy_inbox["items"] if n["kind"] == "buddy_carer_asked_for_help"]
    assert help_entry["read_at"] is not None
    assert help_entry["data"]["acknowledged_by"] == "Morgan"
    assert "is dealing with it" in help_entry["body"]
    assert carer_first in help_entry["title"]
    assert await _entries(db, off_duty) == []
    # the carer is told nothing of this
    assert [n.kind for n in await _entries(db, pair.carer) if not n.kind.startswith("match_")] == []
    # Jo's and the buddy's phones get a silent push with the alert's tag (it replaces the urgent one
    # shown); Morgan, who acknowledged, gets none; none of it is a new inbox entry
    assert [n.kind for n in await _entries(db, other)] == [
        "coordinator_crisis_alert",
        "coordinator_crisis_acknowledged",
    ]
    [quiet] = [n for n in await _entries(db, other) if n.kind == "coordinator_crisis_acknowledged"]
    assert (quiet.tag, quiet.read_at is not None) == (f"alert-{alert_id}", True)
    assert "coordinator_crisis_acknowledged" not in [n.kind for n in await _entries(db, pair.coordinator)]
    assert [n.kind for n in await _entries(db, pair.buddy) if "help" in n.kind] == [
        "buddy_carer_asked_for_help",
        "buddy_carer_help_handled",
    ]
    assert len(inbox["items"]) == 1
    assert "buddy_carer_help_handled" not in [n["kind"] for n in buddy_inbox["items"]]
    # the other organisation's coordinator still has theirs unread
    [theirs] = await _entries(db, elsewhere.coordinator)
    assert (theirs.read_at, str(theirs.data["alert_id"])) == (None, other_alert)
    assert "acknowledged_by" not in theirs.data


async def test_opening_an_alert_reads_only_my_own_notifications_about_it_and_withdraws_pushes_still_waiting(
    app: Litestar, db: Database, new_client: Any
) -> None:
    pair = await make_pair(db)
    other = await make_coordinator(db, pair.org, name="Jo Second")
    alert_id = await _help(new_client, pair)
    async with db.session_scope() as session:  # a push still waiting for Jo's phone
        [jo_entry] = await session.scalars(select(Notification).where(Notification.user_id == other.user.id))
        session.add(
            PushDelivery(
                notification_id=jo_entry.id,
                subscription_id=None,
                user_id=other.user.id,
                organisation_id=pair.org.id,
                membership_id=jo_entry.membership_id,
                kind=jo_entry.kind,
                origin="https://push.example",
                state=DeliveryState.PENDING,
                not_before=jo_entry.created_at,
                expires_at=jo_entry.created_at + timedelta(hours=1),
                attempts=0,
                created_at=jo_entry.created_at,
            )
        )

    morgan = await signed_in(new_client, pair.coordinator.email)
    assert (await morgan.get(f"/api/v1/orgs/{pair.org.id}/alerts/{alert_id}")).status_code == 200
    assert [n.read_at is not None for n in await _entries(db, pair.coordinator)] == [True]
    assert [n.read_at for n in await _entries(db, other)] == [None]  # Jo has not seen it yet
    async with db.session_scope() as session:
        assert (await session.scalar(select(PushDelivery.state))) == DeliveryState.PENDING

    jo = await signed_in(new_client, other.email)
    assert (await jo.get(f"/api/v1/orgs/{pair.org.id}/alerts/{alert_id}")).status_code == 200
    assert [n.read_at is not None for n in await _entries(db, other)] == [True]
    async with db.session_scope() as session:
        assert (await session.scalar(select(PushDelivery.state))) == DeliveryState.WITHDRAWN
    # a buddy or a carer asking for the alert is refused and marks nothing
    buddy = await signed_in(new_client, pair.buddy.email)
    assert (await buddy.get(f"/api/v1/orgs/{pair.org.id}/alerts/{alert_id}")).status_code == 403
    [buddy_entry] = [n for n in await _entries(db, pair.buddy) if n.kind == "buddy_carer_asked_for_help"]
    assert buddy_entry.read_at is None


async def test_the_buddy_reads_on_the_check_in_whether_a_coordinator_has_the_call_for_help(
    app: Litestar, db: Database, new_client: Any
) -> None:
    pair = await make_pair(db)
    carer = await signed_in(new_client, pair.carer.email)
    answered = (await carer.post(f"{pair.base}/checkins", json={"wellbeing": 1, "needs_help": True})).json()
    checkin_id = answered["checkin"]["id"]
    buddy = await signed_in(new_client, pair.buddy.email)
    assert (await buddy.get(f"/api/v1/checkins/{checkin_id}")).json()["help_acknowledged"] is False

    morgan = await signed_in(new_client, pair.coordinator.email)
    [alert] = (await morgan.get(f"/api/v1/orgs/{pair.org.id}/alerts")).json()
    await morgan.post(
        f"/api/v1/orgs/{pair.org.id}/alerts/{alert['id']}/acknowledge", json={"action_taken": "Rang them."}
    )
    assert (await buddy.get(f"/api/v1/checkins/{checkin_id}")).json()["help_acknowledged"] is True
