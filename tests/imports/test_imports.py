"""Bringing carers in from a spreadsheet: a dry run first, then one confirmed import (issue 16)."""

from __future__ import annotations

import asyncio
from typing import Any
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
    coordinator = await make_user(
        db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org", name="Morgan Ellis"
    )
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

    confirmed = await client.post(
        f"/api/v1/orgs/{org.id}/imports/{body['summary']['id']}/confirm", headers={"Accept-Language": "cy"}
    )
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
        # Who took it (the file's name for them) is part of the consent, like the version read; the
        # language it was read in is not known: not the Welsh of the coordinator who confirmed.
        assert (consent.taken_by_name, consent.version, consent.locale) == (
            "Morgan Lee",
            "health-data-2026-11",
            None,
        )
    seen = (await client.get(f"/api/v1/orgs/{org.id}/carers/{membership.id}/health-data-consent")).json()
    assert (seen["agreed"], seen["method"], seen["taken_by_name"], seen["recorded_by_name"]) == (
        True,
        "imported",
        "Morgan Lee",
        "Morgan Ellis",
    )
    assert seen["given_at"].startswith("2025-05-20")

    again = await client.post(f"/api/v1/orgs/{org.id}/imports/{body['summary']['id']}/confirm")
    assert problem(again, 409)["detail"] == "This import has already been confirmed."
    new_file = await client.post(
        f"/api/v1/orgs/{org.id}/imports/{body['summary']['id']}/file",
        files={"file": ("more.csv", csv_bytes([carer_row(9)]), "text/csv")},
    )
    assert problem(new_file, 409)["detail"] == "This import has already been confirmed."
    # The in-person code was in the answer to confirming, once: reading the import never shows it again.
    shown = (await client.get(f"/api/v1/orgs/{org.id}/imports/{body['summary']['id']}")).json()
    assert [
        (r["row_number"], r["invite_by"], r["code"]) for r in shown["rows"] if r["outcome"] == "imported"
    ] == [
        (2, "email", None),
        (4, "code", None),
    ]
    assert result["rows"][2]["code"] not in repr(shown)  # nowhere, under any name
    assert await _people(db) == before + 2  # the file sent after confirming brought nobody in


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
    # How they were invited is said in the coordinator's language, as the sentence around it is.
    import_id = confirmed["summary"]["id"]
    in_welsh = await client.get(
        f"/api/v1/orgs/{org.id}/imports/{import_id}", headers={"Accept-Language": "cy"}
    )
    assert in_welsh.json()["rows"][0]["invited_how"] == "wyneb yn wyneb, gyda chod wedi'i argraffu"

    carers_file = await _upload(client, org.id, csv_bytes([carer_row(1)]), kind="buddy")
    assert "columns we don't know for buddies: referral_date" in problem(carers_file, 422)["detail"]


async def _give_phone(db: Database, user_id: UUID, phone: str) -> None:
    async with db.session_scope() as session:
        user = await session.get(User, user_id)
        assert user is not None
        user.phone = phone


async def test_duplicates_against_the_centre_and_the_file_are_flagged_and_a_shared_phone_still_comes_in(
    db: Database, client: ApiClient
) -> None:
    org, _ = await _coordinator(db, client)
    member = await make_user(db, organisation=org, roles=(Role.CARER,), email="already.here@example.org")
    await _give_phone(db, member.id, "+442079460111")
    elsewhere = await make_org(db, name="Hillside Carers")
    await make_user(db, organisation=elsewhere, roles=(Role.BUDDY,), email="hillside.buddy@example.org")
    rows = [
        carer_row(1, phone="020 7946 0222"),  # row 2
        carer_row(2, phone="020 7946 0222"),  # row 3: the same landline as row 2
        carer_row(3, phone="020 7946 0111"),  # row 4: the landline of someone already in the centre
        carer_row(4, email="Already.Here@example.org", phone=""),  # row 5
        carer_row(5, email="hillside.buddy@example.org", phone=""),  # row 6
        carer_row(6, email="carer1@example.org", phone=""),  # row 7: the same e-mail as row 2
    ]
    checked = await _upload(client, org.id, csv_bytes(rows))
    assert checked.status_code == 201, checked.text
    body = checked.json()
    found = {
        r["row_number"]: (
            [(p["column"], p["message"]) for p in r["problems"]],
            [(w["column"], w["message"]) for w in r["warnings"]],
            r["outcome"],
            r["duplicate"],
        )
        for r in body["rows"]
    }
    assert found[2] == ([], [], "ready", False)
    assert found[3] == (
        [],
        [("phone", "The same phone number as row 2: a shared landline? It will be kept for both.")],
        "ready",
        True,
    )
    assert found[4] == (
        [],
        [
            (
                "phone",
                "Someone already in your centre has this phone number: a shared landline? It will be kept "
                "for both.",
            )
        ],
        "ready",
        True,
    )
    assert found[5] == (
        [("email", "Someone with this e-mail address is already in your centre.")],
        [],
        "error",
        True,
    )
    assert found[6] == (
        [("email", "This e-mail address already has a carerlink account. Invite them from People instead.")],
        [],
        "error",
        True,
    )
    assert found[7] == ([("email", "The same e-mail address as row 2.")], [], "error", True)
    summary = body["summary"]
    assert (summary["rows_ready"], summary["rows_with_errors"], summary["duplicates"]) == (3, 3, 5)

    confirmed = (await client.post(f"/api/v1/orgs/{org.id}/imports/{summary['id']}/confirm")).json()
    assert confirmed["summary"]["rows_imported"] == 3
    async with db.session_scope() as session:
        shared = (
            await session.scalars(
                select(User.email).where(User.phone == "+442079460222").order_by(User.email)
            )
        ).all()
        assert shared == ["carer1@example.org", "carer2@example.org"]  # the number kept for both
        assert await session.scalar(select(User.phone).where(User.email == "carer3@example.org")) == (
            "+442079460111"
        )


async def test_two_confirms_at_the_same_moment_bring_everyone_in_once(db: Database, new_client: Any) -> None:
    org = await make_org(db)
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    first, second = new_client(), new_client()
    await first.login("coord@example.org")
    await second.login("coord@example.org")
    checked = (await _upload(first, org.id, csv_bytes([carer_row(i) for i in range(1, 41)]))).json()
    url = f"/api/v1/orgs/{org.id}/imports/{checked['summary']['id']}/confirm"

    answers = await asyncio.gather(first.post(url), second.post(url))

    assert sorted(a.status_code for a in answers) == [200, 409], [a.text for a in answers]
    [refused] = [a for a in answers if a.status_code == 409]
    assert problem(refused, 409)["detail"] == "This import has already been confirmed."
    async with db.session_scope() as session:
        carers = await session.scalar(
            select(func.count()).select_from(Membership).where(Membership.organisation_id == org.id)
        )
        assert carers == 41  # the coordinator and the forty, once
