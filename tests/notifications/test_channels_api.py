"""Choosing channels (issue 14): my settings, a coordinator setting a carer's, who nobody can reach."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.mail.models import OutgoingMail
from tests.checkins.factories import make_pair
from tests.notifications.channels_support import choose, org_texts, texts_on, verify_phone
from tests.profiles.factories import make_buddy, make_carer, make_coordinator
from tests.support import START, ApiClient, field_errors, make_org, problem, signed_in

PREFS = "/api/v1/me/notification-preferences"


async def test_my_channels_default_and_reach(db: Database, new_client: Callable[[], ApiClient]) -> None:
    org = await make_org(db)
    carer = await make_carer(db, org)
    client = await signed_in(new_client, carer.user.email)

    read = (await client.get(PREFS)).json()

    assert (read["channels"], read["channels_chosen"], read["channels_set_by"]) == (
        ["push", "email"],
        False,
        None,
    )
    assert read["reach"] == {
        "push_devices": 0,
        "email": carer.user.email,
        "email_refused": False,
        "sms": {
            "available": False,
            "reason": "Text messages aren't set up on this service.",
            "phone": None,
            "verified": False,
            "stopped": False,
        },
    }


async def test_i_order_my_channels_and_texts_need_a_verified_number(
    db: Database, new_client: Callable[[], ApiClient]
) -> None:
    org = await make_org(db)
    carer = await make_carer(db, org)
    client = await signed_in(new_client, carer.user.email)

    changed = await client.patch(PREFS, json={"channels": ["email", "push"]})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["channels"], changed.json()["channels_chosen"]) == (["email", "push"], True)
    assert field_errors(await client.patch(PREFS, json={"channels": ["email", "email"]})) == {"channels"}
    assert field_errors(await client.patch(PREFS, json={"channels": ["pigeon"]})) == {"channels[0]"}
    refused = problem(await client.patch(PREFS, json={"channels": ["sms"]}), 422)
    assert "set up on this service" in str(refused)
    texts_on(db)
    refused = problem(await client.patch(PREFS, json={"channels": ["sms"]}), 422)
    assert "This centre doesn't send text messages." in str(refused)
    await org_texts(db, org)
    refused = problem(await client.patch(PREFS, json={"channels": ["sms"]}), 422)
    assert "verified" in str(refused)
    await verify_phone(db, carer.user)
    texted = await client.patch(PREFS, json={"channels": ["sms", "email"]})
    assert texted.status_code == 200, texted.text
    assert texted.json()["reach"]["sms"] == {
        "available": True,
        "reason": None,
        "phone": "07700 900123",
        "verified": True,
        "stopped": False,
    }
    app_only = await client.patch(PREFS, json={"channels": []})
    assert app_only.json()["channels"] == []


async def test_a_refused_email_shows_on_my_settings(
    db: Database, new_client: Callable[[], ApiClient]
) -> None:
    org = await make_org(db)
    carer = await make_carer(db, org)
    async with db.session_scope() as session:
        session.add(
            OutgoingMail(
                to_address=carer.user.email,
                subject="x",
                body="",
                category="checkin_due",
                send_after=START,
                user_id=carer.user.id,
                failed_at=START,
                last_error="refused:550 mailbox unavailable",
            )
        )
    client = await signed_in(new_client, carer.user.email)

    assert (await client.get(PREFS)).json()["reach"]["email_refused"] is True


async def test_a_coordinator_sets_a_carers_channels_recorded_as_theirs(
    db: Database, new_client: Callable[[], ApiClient]
) -> None:
    org = await make_org(db)
    coordinator = await make_coordinator(db, org, name="Morgan Lee")
    carer = await make_carer(db, org)
    staff = await signed_in(new_client, coordinator.user.email)
    url = f"/api/v1/orgs/{org.id}/carers/{carer.membership_id}/channels"

    set_ = await staff.put(url, json={"channels": ["email"]})

    assert set_.status_code == 200, set_.text
    body = set_.json()
    assert (body["channels"], body["working"], body["unreachable"]) == (["email"], ["email"], False)
    assert body["channels_set_by"]["name"] == "Morgan Lee"
    mine = await signed_in(new_client, carer.user.email)
    read = (await mine.get(PREFS)).json()
    assert read["channels"] == ["email"]
    assert read["channels_set_by"]["name"] == "Morgan Lee"
    async with db.session_scope() as session:
        actions = (await session.scalars(select(AuditEntry.action))).all()
    assert "organisations.carer.channels_set" in actions
    # The carer changing it themselves makes it theirs again.
    again = (await mine.patch(PREFS, json={"channels": ["push", "email"]})).json()
    assert again["channels_set_by"] is None
    # Nothing but the app: the coordinator's page says so.
    app_only = (await staff.put(url, json={"channels": []})).json()
    assert app_only["unreachable"] is True
    assert "They chose to get reminders only in the app." in app_only["problems"]


async def test_who_may_set_a_carers_channels(db: Database, new_client: Callable[[], ApiClient]) -> None:
    org, other_org = await make_org(db), await make_org(db)
    coordinator = await make_coordinator(db, org)
    stranger = await make_coordinator(db, other_org)
    buddy = await make_buddy(db, org)
    carer = await make_carer(db, org)
    elsewhere = await make_carer(db, other_org)
    url = f"/api/v1/orgs/{org.id}/carers/{carer.membership_id}/channels"
    body = {"json": {"channels": ["email"]}}

    owner = await signed_in(new_client, coordinator.user.email)
    assert (await owner.put(url, **body)).status_code == 200
    assert (await owner.get(url)).status_code == 200
    problem(await (await signed_in(new_client, stranger.user.email)).put(url, **body), 404)
    problem(await (await signed_in(new_client, buddy.user.email)).put(url, **body), 403)
    problem(await (await signed_in(new_client, carer.user.email)).put(url, **body), 403)
    problem(await new_client().put(url, **body), 401)
    # A carer of another organisation, or a member who is not a carer, is not found here.
    problem(await owner.put(f"/api/v1/orgs/{org.id}/carers/{elsewhere.membership_id}/channels", **body), 404)
    problem(await owner.put(f"/api/v1/orgs/{org.id}/carers/{buddy.membership_id}/channels", **body), 404)
    problem(await owner.get(f"/api/v1/orgs/{org.id}/carers/{buddy.membership_id}/channels"), 404)


async def test_the_attention_list_shows_a_carer_nobody_can_reach(
    db: Database, new_client: Callable[[], ApiClient]
) -> None:
    pair = await make_pair(db)
    staff = await signed_in(new_client, pair.coordinator.user.email)
    attention = f"/api/v1/orgs/{pair.org.id}/attention"
    assert [i for i in (await staff.get(attention)).json() if i["reason"] == "unreachable"] == []

    await choose(db, pair.carer.user, ["push"])  # and no device

    [item] = [i for i in (await staff.get(attention)).json() if i["reason"] == "unreachable"]
    assert item["carer_membership_id"] == str(pair.carer.membership_id)
    assert item["carer_name"] == pair.carer.user.display_name
    assert item["problems"] == ["No phone or computer has reminders turned on."]
    problem(await (await signed_in(new_client, pair.buddy.user.email)).get(attention), 403)
