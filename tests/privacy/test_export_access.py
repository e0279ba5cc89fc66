"""Who may ask for, see, review and download copies of people's data: the role matrix of every route."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from sqlalchemy import select

from carerlink.actor import Role
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.notifications.models import Notification
from carerlink.organisations.models import Consent, ConsentKind, Membership
from carerlink.privacy.export import service
from carerlink.privacy.models import ExportReview
from carerlink.safeguarding.models import CrisisAlert
from tests.support import START, ApiClient, field_errors, make_org, make_user, problem, signed_in

NOTE = {"identity_checked": True, "identity_note": "Rang back on the number we hold"}


async def _membership(db: Database, user_id: Any) -> Any:
    async with db.session_scope() as session:
        return await session.scalar(select(Membership.id).where(Membership.user_id == user_id))


async def test_the_role_matrix_of_every_route(db: Database, clock: FrozenClock, new_client: Any) -> None:
    org = await make_org(db)
    other_org = await make_org(db)
    carer = await make_user(db, organisation=org, roles=(Role.CARER,), name="Ann Carer")
    other_carer = await make_user(db, organisation=org, roles=(Role.CARER,), name="Bea Carer")
    buddy = await make_user(db, organisation=org, roles=(Role.BUDDY,), name="Cal Buddy")
    coordinator = await make_user(db, organisation=org, roles=(Role.COORDINATOR,), name="Dee Coord")
    stranger = await make_user(db, organisation=other_org, roles=(Role.COORDINATOR,), name="Eve Elsewhere")
    outsider = await make_user(db, organisation=other_org, roles=(Role.CARER,), name="Fay Outside")
    ann = await signed_in(new_client, carer.email)
    bea = await signed_in(new_client, other_carer.email)
    cal = await signed_in(new_client, buddy.email)
    dee = await signed_in(new_client, coordinator.email)
    eve = await signed_in(new_client, stranger.email)
    anonymous: ApiClient = new_client()

    # Asking for my own copy, and listing mine.
    problem(await anonymous.post("/api/v1/me/export"), 401)
    problem(await anonymous.get("/api/v1/me/exports"), 401)
    own = (await ann.post("/api/v1/me/export")).json()
    assert (await bea.get("/api/v1/me/exports")).json() == []
    assert [c["id"] for c in (await ann.get("/api/v1/me/exports")).json()] == [own["id"]]

    # A coordinator asks for a member's copy.
    ann_membership = await _membership(db, carer.id)
    ask = f"/api/v1/orgs/{org.id}/members/{ann_membership}/export"
    problem(await anonymous.post(ask, json=NOTE), 401)
    problem(await ann.post(ask, json=NOTE), 403)
    problem(await cal.post(ask, json=NOTE), 403)
    problem(await eve.post(ask, json=NOTE), 404)
    problem(await eve.post(f"/api/v1/orgs/{other_org.id}/members/{ann_membership}/export", json=NOTE), 404)
    assert field_errors(await dee.post(ask, json={**NOTE, "identity_checked": False})) == {"identity_checked"}
    assert field_errors(await dee.post(ask, json={**NOTE, "identity_note": "x" * 301})) == {"identity_note"}
    assert field_errors(await dee.post(ask, json={"identity_checked": True})) == {"identity_note"}
    asked = await dee.post(ask, json=NOTE)
    assert asked.status_code == 202, asked.text
    centre = asked.json()
    assert centre["asked_by_centre"] and centre["identity_note"] == NOTE["identity_note"]
    assert (await dee.post(ask, json=NOTE)).json()["id"] == centre["id"]  # one at a time
    assert await service.build_due(db, now=clock.now()) == 2

    # The centre's list and one copy.
    listing = f"/api/v1/orgs/{org.id}/exports"
    problem(await anonymous.get(listing), 401)
    problem(await ann.get(listing), 403)
    problem(await cal.get(listing), 403)
    problem(await eve.get(listing), 404)
    assert [c["id"] for c in (await dee.get(listing)).json()] == [centre["id"]]  # Ann's own copy: hers
    one = f"{listing}/{centre['id']}"
    problem(await anonymous.get(one), 401)
    problem(await ann.get(one), 403)
    problem(await eve.get(one), 404)
    problem(await eve.get(f"/api/v1/orgs/{other_org.id}/exports/{centre['id']}"), 404)
    problem(await dee.get(f"{listing}/{own['id']}"), 404)
    assert (await dee.get(one)).json()["download_url"]

    # Downloading.
    own_url = f"/api/v1/exports/{own['id']}/download"
    centre_url = f"/api/v1/exports/{centre['id']}/download"
    problem(await anonymous.get(own_url), 401)
    for client in (bea, cal, dee, eve):
        problem(await client.get(own_url), 404)
    assert (await ann.get(own_url)).status_code == 200
    for client in (bea, cal, eve):
        problem(await client.get(centre_url), 404)
    assert (await dee.get(centre_url)).status_code == 200
    assert (await ann.get(centre_url)).status_code == 200
    problem(await ann.get("/api/v1/exports/00000000-0000-0000-0000-000000000001/download"), 404)

    # Published schema: public.
    assert (await anonymous.get("/api/v1/schemas/data-export.json")).status_code == 200
    assert outsider.id  # a carer of another centre has nothing here either
    fay = await signed_in(new_client, outsider.email)
    problem(await fay.get(one), 404)
    problem(await fay.get(own_url), 404)


async def test_reviews_are_decided_by_coordinators_of_the_records_centre_only(
    db: Database, clock: FrozenClock, new_client: Any
) -> None:
    org = await make_org(db)
    other_org = await make_org(db)
    carer = await make_user(db, organisation=org, roles=(Role.CARER,))
    buddy = await make_user(db, organisation=org, roles=(Role.BUDDY,))
    coordinator = await make_user(db, organisation=org, roles=(Role.COORDINATOR,))
    stranger = await make_user(db, organisation=other_org, roles=(Role.COORDINATOR,))
    ann = await signed_in(new_client, carer.email)
    help_asked = await ann.post(f"/api/v1/orgs/{org.id}/help", json={})
    assert help_asked.status_code in (200, 201), help_asked.text
    await ann.post("/api/v1/me/export")
    await service.build_due(db, now=clock.now())
    async with db.session_scope() as session:
        review = await session.scalar(select(ExportReview))
        alert = await session.scalar(select(CrisisAlert))
    assert review is not None and alert is not None and review.object_id == alert.id
    url = f"/api/v1/orgs/{org.id}/exports/{review.export_id}/reviews/{review.id}"
    body = {"decision": "released", "reason": None}
    anonymous: ApiClient = new_client()
    problem(await anonymous.post(url, json=body), 401)
    problem(await ann.post(url, json=body), 403)
    problem(await (await signed_in(new_client, buddy.email)).post(url, json=body), 403)
    eve = await signed_in(new_client, stranger.email)
    problem(await eve.post(url, json=body), 404)
    problem(await eve.post(url.replace(str(org.id), str(other_org.id)), json=body), 404)
    dee = await signed_in(new_client, coordinator.email)
    assert field_errors(await dee.post(url, json={"decision": "maybe"})) == {"decision"}
    assert field_errors(await dee.post(url, json={"decision": "withheld", "reason": "x" * 501})) == {"reason"}
    decided = await dee.post(url, json=body)
    assert decided.status_code == 200, decided.text
    assert decided.json()["reviews"][0]["decision"] == "released"
    assert clock.now() >= START


async def test_a_centres_copy_covers_that_centre_only_and_the_coordinator_who_asked_is_told(
    db: Database, clock: FrozenClock, new_client: Any
) -> None:
    here = await make_org(db, name="Riverside Carers Centre")
    elsewhere = await make_org(db, name="Hilltop Carers")
    carer = await make_user(db, organisation=here, roles=(Role.CARER,), name="Ann Carer")
    async with db.session_scope() as session:  # Ann is a carer at Hilltop too
        session.add(
            Membership(
                user_id=carer.id, organisation_id=elsewhere.id, role=Role.CARER, status_changed_at=START
            )
        )
        session.add(
            Consent(
                user_id=carer.id,
                organisation_id=elsewhere.id,
                kind=ConsentKind.TERMS,
                version="1",
                given_at=START,
            )
        )
    coordinator = await make_user(db, organisation=here, roles=(Role.COORDINATOR,), name="Dee Coord")
    dee = await signed_in(new_client, coordinator.email)
    async with db.session_scope() as session:
        membership = await session.scalar(
            select(Membership.id).where(Membership.user_id == carer.id, Membership.organisation_id == here.id)
        )
    copy = (await dee.post(f"/api/v1/orgs/{here.id}/members/{membership}/export", json=NOTE)).json()
    assert copy["state"] == "pending" and copy["member_name"] == "Ann Carer"
    assert await service.build_due(db, now=clock.now()) == 1

    response = await dee.get(f"/api/v1/exports/{copy['id']}/download")
    document = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    assert document["covers"] == "Riverside Carers Centre"
    assert {row["centre"] for row in document["sections"]["memberships"]["rows"]} == {
        "Riverside Carers Centre"
    }
    assert {row["centre"] for row in document["sections"]["consents"]["rows"]} == {"Riverside Carers Centre"}
    assert "Hilltop" not in json.dumps(document)
    async with db.session_scope() as session:
        told = {
            (n.user_id, n.kind)
            for n in await session.scalars(
                select(Notification).where(Notification.kind.like("%data_export%"))
            )
        }
    assert told == {(coordinator.id, "coordinator_data_export_ready")}  # the coordinator, not Ann

    # Ann's own copy covers both centres.
    ann = await signed_in(new_client, carer.email)
    own = (await ann.post("/api/v1/me/export")).json()
    await service.build_due(db, now=clock.now())
    mine = await ann.get(f"/api/v1/exports/{own['id']}/download")
    everything = json.loads(zipfile.ZipFile(io.BytesIO(mine.content)).read("data.json"))
    assert everything["covers"] == "Every centre you belong to"
    assert {row["centre"] for row in everything["sections"]["memberships"]["rows"]} == {
        "Riverside Carers Centre",
        "Hilltop Carers",
    }
