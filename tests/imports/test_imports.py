"""Bringing carers in from a spreadsheet: a dry run first, then one confirmed import (issue 16)."""

from __future__ import annotations

from uuid import UUID

from litestar import Litestar
from sqlalchemy import func, select

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.db import Database
from carerlink.mail.jobs import deliver_mail
from carerlink.organisations.models import Consent, ConsentKind, ConsentMethod, Membership
from carerlink.profiles.models import CarerProfile
from tests.imports.support import carer_row, csv_bytes
from tests.support import ApiClient, Mailbox, make_org, make_user, problem

CONSENT = {
    "needs": "dementia",
    "health_consent_recorded_by": "Morgan Lee",
    "health_consent_date": "2025-05-20",
    "health_consent_version": "health-data-2026-11",
}


async def _coordinator(db: Database, client: ApiClient):  # type: ignore[no-untyped-def]
    org = await make_org(db)
    coordinator = await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    await client.login("coord@example.org")
    return org, coordinator


async def _upload(
    client: ApiClient, org_id: object, content: bytes, *, kind: str = "carer", name: str = "people.csv"
):  # type: ignore[no-untyped-def]
    return await client.post(
        f"/api/v1/orgs/{org_id}/imports/", data={"kind": kind}, files={"file": (name, content, "text/csv")}
    )


async def _people(db: Database) -> int:
    async with db.session_scope() as session:
        return int(await session.scalar(select(func.count()).select_from(User)) or 0)


async def test_a_dry_run_writes_nobody_and_confirming_brings_them_in(
    app: Litestar, db: Database, client: ApiClient, mailbox: Mailbox
) -> None:
    org, coordinator = await _coordinator(db, client)
    rows = [
        carer_row(1, **CONSENT),
        carer_row(2, email="not an address"),
        carer_row(3, invite_by="in person"),
    ]
    before = await _people(db)
    checked = await _upload(client, org.id, csv_bytes(rows, bom=True))
    assert checked.status_code == 201, checked.text
    body = checked.json()
    assert (body["summary"]["rows_total"], body["summary"]["rows_with_errors"]) == (3, 1)
    [bad] = [r for r in body["rows"] if r["problems"]]
    assert bad["row_number"] == 3
    assert [p["column"] for p in bad["problems"]] == ["email"]
    assert "isn't an e-mail address" in bad["problems"][0]["message"]
    await deliver_mail(app.state.runtime)
    assert await _people(db) == before and mailbox.sent == []  # nothing written, nobody contacted

    confirmed = await client.post(f"/api/v1/orgs/{org.id}/imports/{body['summary']['id']}/confirm")
    assert confirmed.status_code == 200, confirmed.text
    result = confirmed.json()
    assert result["summary"]["status"] == "imported" and result["summary"]["rows_imported"] == 2
    outcome = {r["row_number"]: (r["outcome"], r["joined"], r["code"] is not None) for r in result["rows"]}
    assert outcome == {
        2: ("imported", False, False),
        3: ("skipped", None, False),
        4: ("imported", False, True),
    }
    await deliver_mail(app.state.runtime)
    assert [m.to for m in mailbox.sent] == ["carer1@example.org"]
    async with db.session_scope() as session:
        user = await session.scalar(select(User).where(User.email == "carer1@example.org"))
        assert user is not None
        membership = await session.scalar(select(Membership).where(Membership.user_id == user.id))
        assert membership is not None and membership.waiting_since is not None
        assert membership.waiting_since.date().isoformat() == "2025-06-01"
        profile = await session.scalar(select(CarerProfile).where(CarerProfile.user_id == user.id))
        assert profile is not None and profile.needs == ["dementia"]
        [consent] = (await session.scalars(select(Consent).where(Consent.user_id == user.id))).all()
        assert (consent.kind, consent.method, consent.recorded_by_user_id) == (
            ConsentKind.HEALTH_DATA,
            ConsentMethod.IMPORTED,
            coordinator.id,
        )
        assert consent.given_at.date().isoformat() == "2025-05-20"

    again = await client.post(f"/api/v1/orgs/{org.id}/imports/{body['summary']['id']}/confirm")
    problem(again, 409)


async def test_a_corrected_file_replaces_the_first_and_no_health_word_is_kept_after_confirming(
    db: Database, client: ApiClient
) -> None:
    org, _ = await _coordinator(db, client)
    first = [carer_row(1, needs="alzheimers", **{k: v for k, v in CONSENT.items() if k != "needs"})]
    checked = (await _upload(client, org.id, csv_bytes(first))).json()
    [row] = checked["rows"]
    assert [p["column"] for p in row["problems"]] == ["needs"]
    assert "alzheimers" not in row["problems"][0]["message"]  # the column is named, not the health word
    import_id = checked["summary"]["id"]

    fixed = [carer_row(1, **CONSENT), carer_row(2, invite_by="text", phone="07700 900222")]
    again = await client.post(
        f"/api/v1/orgs/{org.id}/imports/{import_id}/file",
        files={"file": ("fixed.csv", csv_bytes(fixed), "text/csv")},
    )
    assert again.status_code == 200, again.text
    body = again.json()
    assert body["summary"]["id"] == import_id and body["summary"]["file_name"] == "fixed.csv"
    problems = {(r["row_number"], p["column"]) for r in body["rows"] for p in r["problems"]}
    assert problems == {(3, "invite_by")}  # this centre doesn't send texts
    assert "doesn't send texts" in body["rows"][1]["problems"][0]["message"]

    confirmed = (await client.post(f"/api/v1/orgs/{org.id}/imports/{import_id}/confirm")).json()
    assert confirmed["summary"]["rows_imported"] == 1
    async with db.session_scope() as session:
        from carerlink.imports.models import Import, ImportRow

        record = await session.get(Import, UUID(import_id))
        assert record is not None and record.content is None  # the file (with needs) is forgotten
        kept = (await session.scalars(select(ImportRow).where(ImportRow.import_id == record.id))).all()
        assert "dementia" not in repr([(r.name, r.problems, r.consent_taken_by) for r in kept])
        assert [r.consent_taken_by for r in kept if r.outcome.value == "imported"] == ["Morgan Lee"]
    listed = (await client.get(f"/api/v1/orgs/{org.id}/imports/")).json()
    assert [(i["id"], i["status"]) for i in listed] == [(import_id, "imported")]
    shown = (await client.get(f"/api/v1/orgs/{org.id}/imports/{import_id}")).json()
    assert [r["joined"] for r in shown["rows"] if r["outcome"] == "imported"] == [False]
    members = (await client.get(f"/api/v1/orgs/{org.id}/members")).json()
    assert {m["display_name"]: m["joined"] for m in members}["Carer 1"] is False


async def test_what_an_import_no_longer_needs_is_forgotten(db: Database, client: ApiClient) -> None:
    from datetime import timedelta

    from carerlink.imports import service
    from carerlink.imports.models import Import, ImportRow
    from tests.support import START

    org, _ = await _coordinator(db, client)
    unconfirmed = (await _upload(client, org.id, csv_bytes([carer_row(1, **CONSENT)]))).json()
    confirmed = (await _upload(client, org.id, csv_bytes([carer_row(2), carer_row(3, email="x")]))).json()
    await client.post(f"/api/v1/orgs/{org.id}/imports/{confirmed['summary']['id']}/confirm")

    async with db.session_scope() as session:
        assert await service.expire_checks(session, now=START + timedelta(days=6)) == 0
    async with db.session_scope() as session:
        assert await service.expire_checks(session, now=START + timedelta(days=8)) == 1
    async with db.session_scope() as session:
        record = await session.get(Import, UUID(unconfirmed["summary"]["id"]))
        assert record is not None and record.status.value == "expired" and record.content is None
        rows = (
            await session.scalars(select(ImportRow.outcome).where(ImportRow.import_id == record.id))
        ).all()
        assert rows == []
    expired = await client.post(f"/api/v1/orgs/{org.id}/imports/{unconfirmed['summary']['id']}/confirm")
    assert "upload the file again" in problem(expired, 409)["detail"]

    async with db.session_scope() as session:
        assert await service.expire_checks(session, now=START + timedelta(days=31)) == 1
    async with db.session_scope() as session:
        kept = (
            await session.scalars(
                select(ImportRow.outcome).where(ImportRow.import_id == UUID(confirmed["summary"]["id"]))
            )
        ).all()
        assert [o.value for o in kept] == ["imported"]  # the skipped row (someone never brought in) is gone


async def test_buddies_come_in_with_their_own_columns(db: Database, client: ApiClient) -> None:
    org, _ = await _coordinator(db, client)
    buddies = b"name,email,phone,invite_by\r\nHelen Ward,helen.ward@example.org,07700 900333,in person\r\n"
    checked = await _upload(client, org.id, buddies, kind="buddy")
    assert checked.status_code == 201, checked.text
    confirmed = (
        await client.post(f"/api/v1/orgs/{org.id}/imports/{checked.json()['summary']['id']}/confirm")
    ).json()
    [row] = confirmed["rows"]
    assert (
        row["outcome"] == "imported"
        and row["code"]
        and row["invited_how"] == "in person, with a printed code"
    )
    members = (await client.get(f"/api/v1/orgs/{org.id}/members?role=buddy")).json()
    assert [(m["display_name"], m["joined"]) for m in members] == [("Helen Ward", False)]

    carers_file = await _upload(client, org.id, csv_bytes([carer_row(1)]), kind="buddy")
    assert "columns we don't know for buddies: referral_date" in problem(carers_file, 422)["detail"]
