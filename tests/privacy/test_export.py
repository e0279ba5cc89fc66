"""A copy of someone's data (issue 15): everything about them, nothing of anyone else, built off the
request path, reviewed where it is safeguarding, downloadable for 7 days with every download audited."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from datetime import timedelta
from typing import Any

import jsonschema
from sqlalchemy import select

from carerlink import demo
from carerlink.accounts.models import User
from carerlink.audit.models import AuditEntry
from carerlink.concerns.models import Concern
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.notifications.models import Notification
from carerlink.privacy import catalogue
from carerlink.privacy import rows as privacy_rows
from carerlink.privacy.export import builder, service
from carerlink.privacy.export.schemas import Column, DataDocument, Section, Subject
from carerlink.privacy.models import DataExport, ExportReview, ExportState, ReviewDecision
from carerlink.profiles import vocabulary
from carerlink.profiles.models import BuddyProfile, DebriefRequest
from carerlink.safeguarding.models import CrisisAlert
from tests.support import START, ApiClient, problem

SAM = "carer3@example.org"


async def _user(db: Database, email: str) -> User:
    async with db.session_scope() as session:
        user = await session.scalar(select(User).where(User.email == email))
        assert user is not None
        return user


async def _in(new_client: Any, email: str) -> ApiClient:
    client: ApiClient = new_client()
    await client.login(email, demo.DEMO_PASSWORD)
    return client


async def _build(db: Database, clock: FrozenClock) -> int:
    return await service.build_due(db, now=clock.now())


async def _zip(client: ApiClient, url: str) -> zipfile.ZipFile:
    response = await client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-disposition"].startswith('attachment; filename="carerlink-data-20')
    return zipfile.ZipFile(io.BytesIO(response.content))


async def test_a_demo_carers_copy_holds_every_row_about_him_and_nothing_of_anyone_else(
    db: Database, clock: FrozenClock, new_client: Any
) -> None:
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    sam = await _in(new_client, SAM)

    asked = await sam.post("/api/v1/me/export")
    assert asked.status_code == 202, asked.text
    assert asked.json()["state"] == "pending"
    again = await sam.post("/api/v1/me/export")
    assert again.json()["id"] == asked.json()["id"]  # one at a time

    # Every row about Sam as the catalogue reads it, before the copy is made.
    sam_user = await _user(db, SAM)
    async with db.session_scope() as session:
        person = await privacy_rows.person_of(session, sam_user.id)
        about_sam = [
            (
                rule,
                about,
                (await session.execute(privacy_rows.select_about(rule, about, person))).mappings().all(),
            )
            for rule, about in privacy_rows.ways_about()
        ]

    assert await _build(db, clock) == 1
    [copy] = [c for c in (await sam.get("/api/v1/me/exports")).json() if c["id"] == asked.json()["id"]]
    assert copy["state"] == "ready"
    assert copy["expires_at"].startswith((START + timedelta(days=7)).date().isoformat())
    archive = await _zip(sam, copy["download_url"])
    assert sorted(archive.namelist()) == ["README.txt", "data.html", "data.json", "schema.json"]
    raw = archive.read("data.json").decode()
    document = json.loads(raw)

    published = (await sam.get("/api/v1/schemas/data-export.json")).json()
    jsonschema.validate(document, published)
    assert json.loads(archive.read("schema.json")) == published
    assert document["subject"]["name"] == "Sam Clarke"

    # Every row about Sam is in the copy or held back for review.
    given = {key: {row["id"] for row in section["rows"]} for key, section in document["sections"].items()}
    async with db.session_scope() as session:
        reviews = {
            (r.object_type, r.object_id)
            for r in await session.scalars(
                select(ExportReview).where(ExportReview.organisation_id == organisation.id)
            )
        }
        checked = 0
        for rule, about, found in about_sam:
            for row in found:
                if about.review and rule.table in builder.REVIEWED:
                    held = (builder.REVIEWED[rule.table], row["id"])
                    assert held in reviews or (rule.table == "supervision_sessions" and not row["notes"])
                if about.review and not about.export:
                    continue  # the concern's actions are reviewed with it
                if (about.withheld and not about.review) or not about.export:
                    continue
                if rule.table == "audit_entries" and (
                    row["object_type"] == "concern" or row["action"].startswith("concerns.")
                ):
                    assert str(row["id"]) not in given.get(rule.section, set())
                    continue
                assert str(row["id"]) in given[rule.section], (rule.table, about.column)
                checked += 1
        assert checked > 20
        # Nothing of the concern about him, or of anyone's notes or profile.
        concern = await session.scalar(select(Concern).where(Concern.carer_user_id == sam_user.id))
        assert concern is not None
        alert = await session.scalar(select(CrisisAlert).where(CrisisAlert.carer_user_id == sam_user.id))
        assert alert is not None
        assert {("concern", concern.id), ("crisis_alert", alert.id)} <= reviews
        private = [concern.what_happened]
        private += [p.about_me for p in await session.scalars(select(BuddyProfile)) if p.about_me]
        private += [d.note for d in await session.scalars(select(DebriefRequest)) if d.note]
        checkins = privacy_rows.table_of(catalogue.rule("checkin_occurrences"))
        notes_of_others = await session.execute(
            select(checkins.c.note).where(checkins.c.carer_user_id != sam_user.id)
        )
        private += [n for (n,) in notes_of_others if n]
    assert private
    for text in private:
        assert text[:40] not in raw, text
    assert "concern" not in raw.lower()
    assert "Helen Wright" not in raw and "Helen" in raw  # his buddy, by first name only
    page = archive.read("data.html").decode()
    assert "<script" not in page.lower() and "prefers-color-scheme: dark" in page
    assert "Sam Clarke" in page and "Check-ins" in page
    # The page reads in words (the app's), data.json keeps the codes.
    [profile] = document["sections"]["carer_profile"]["rows"]
    for code in profile["relationships"]:
        assert vocabulary.RELATIONSHIP_LABEL[vocabulary.Relationship(code)] in page
        assert code in raw and f">{code}<" not in page
    # One centre column, by name.
    assert document["sections"]["memberships"]["rows"][0]["centre"] == "Riverside Carers Centre"
    assert "organisation_id" not in raw
    assert "<td></td>" not in page and ": None" not in page  # nothing left blank or in Python's words

    async with db.session_scope() as session:
        told = await session.scalar(
            select(Notification).where(
                Notification.user_id == sam_user.id, Notification.kind == "data_export_ready"
            )
        )
        assert told is not None and told.url == "/my-data"
        downloads = list(
            await session.scalars(select(AuditEntry).where(AuditEntry.action == "privacy.export.downloaded"))
        )
        export = await session.get(DataExport, uuid.UUID(copy["id"]))
        assert export is not None
    assert [(d.actor_user_id, d.subject_user_id) for d in downloads] == [(sam_user.id, sam_user.id)]
    assert export.downloads == 1 and export.last_downloaded_at == START
    # The list never says anything is held back.
    listed = (await sam.get("/api/v1/me/exports")).text
    assert "review" not in listed and "concern" not in listed


async def test_the_link_runs_out_after_7_days(db: Database, clock: FrozenClock, new_client: Any) -> None:
    async with db.session_scope() as session:
        await demo.seed(session, now=START)
    fatima = await _in(new_client, "carer2@example.org")
    [copy] = (await fatima.get("/api/v1/me/exports")).json()  # the demo's: ready since yesterday
    assert (await fatima.get(copy["download_url"])).status_code == 200
    clock.advance(timedelta(days=6, minutes=1))  # 7 days after it was ready
    fatima = await _in(new_client, "carer2@example.org")  # signed in again a week later
    body = problem(await fatima.get(copy["download_url"]), 410)
    assert "7 days" in body["detail"]
    assert (await fatima.get("/api/v1/me/exports")).json()[0]["state"] == "expired"
    await _build(db, clock)  # the tick wipes it
    async with db.session_scope() as session:
        export = await session.get(DataExport, uuid.UUID(copy["id"]))
        assert export is not None and export.state == ExportState.EXPIRED and export.archive is None
    # A new one may be asked for.
    assert (await fatima.post("/api/v1/me/export")).json()["id"] != copy["id"]


async def test_a_killed_workers_lease_runs_out_and_another_builds_it(
    db: Database, clock: FrozenClock, new_client: Any
) -> None:
    async with db.session_scope() as session:
        await demo.seed(session, now=START)
    fatima = await _in(new_client, "carer2@example.org")
    asked = (await fatima.post("/api/v1/me/export")).json()
    # A worker claims it and dies before finishing.
    async with db.session_scope() as session:
        table = DataExport.__table__
        from carerlink.db.leases import claim

        _, claimed = await claim(
            session,
            table,
            due=table.c.state == ExportState.PENDING,
            order_by=[table.c.requested_at],
            limit=1,
            lease_until=clock.now() + service.LEASE,
            now=clock.now(),
            extra_values={"attempts": table.c.attempts + 1},
        )
    assert len(claimed) == 1
    assert await _build(db, clock) == 0  # held by the dead worker
    assert (await fatima.get("/api/v1/me/exports")).json()[0] == {**asked, "state": "pending"}
    clock.advance(service.LEASE)
    assert await _build(db, clock) == 1
    latest = (await fatima.get("/api/v1/me/exports")).json()[0]
    assert latest["id"] == asked["id"] and latest["state"] == "ready"


async def test_a_copy_that_cannot_be_built_fails_after_three_tries_and_coordinators_are_told(
    db: Database, clock: FrozenClock, new_client: Any, monkeypatch: Any
) -> None:
    async with db.session_scope() as session:
        await demo.seed(session, now=START)
    fatima = await _in(new_client, "carer2@example.org")
    await fatima.post("/api/v1/me/export")

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk full")

    monkeypatch.setattr(builder, "build", broken)
    for _ in range(service.MAX_ATTEMPTS):
        assert await _build(db, clock) == 0
        clock.advance(timedelta(minutes=5))
    assert (await fatima.get("/api/v1/me/exports")).json()[0]["state"] == "failed"
    morgan = await _user(db, "coordinator@example.org")
    async with db.session_scope() as session:
        kinds = list(
            await session.scalars(select(Notification.kind).where(Notification.user_id == morgan.id))
        )
    assert "coordinator_data_export_failed" in kinds


async def test_concerns_stay_out_until_released_and_withheld_records_never_appear(
    db: Database, clock: FrozenClock, new_client: Any
) -> None:
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    sam = await _in(new_client, SAM)
    morgan = await _in(new_client, "coordinator@example.org")
    assert await _build(db, clock) == 0  # the demo's copies are built

    base = f"/api/v1/orgs/{organisation.id}/exports"
    [listed] = (await morgan.get(base)).json()  # Morgan asked for Sam's copy (Fatima's is hers alone)
    assert listed["member_name"] == "Sam Clarke" and listed["reviews_pending"] == 2
    assert listed["identity_note"].startswith("Sam rang") and listed["download_url"]
    [before] = (await sam.get("/api/v1/me/exports")).json()
    document = json.loads((await _zip(sam, before["download_url"])).read("data.json"))
    assert document["released"] == [] and "concern" not in json.dumps(document).lower()
    detail = (await morgan.get(f"{base}/{listed['id']}")).json()
    by_type = {r["object_type"]: r for r in detail["reviews"]}
    assert by_type["concern"]["what"].startswith("Concern: ") and by_type["concern"]["link"]
    concern_review, alert_review = by_type["concern"]["id"], by_type["crisis_alert"]["id"]
    clock.advance(timedelta(minutes=1))

    no_reason = await morgan.post(
        f"{base}/{listed['id']}/reviews/{alert_review}", json={"decision": "withheld"}
    )
    assert problem(no_reason, 422)["errors"][0]["field"] == "reason"
    withheld = await morgan.post(
        f"{base}/{listed['id']}/reviews/{alert_review}",
        json={"decision": "withheld", "reason": "Telling would put someone at risk."},
    )
    assert withheld.status_code == 200, withheld.text
    async with db.session_scope() as session:
        assert await session.scalar(select(DataExport).where(DataExport.includes_released.is_(True))) is None
    released = await morgan.post(
        f"{base}/{listed['id']}/reviews/{concern_review}", json={"decision": "released", "reason": None}
    )
    assert released.status_code == 200 and released.json()["reviews_pending"] == 0
    again = await morgan.post(
        f"{base}/{listed['id']}/reviews/{concern_review}", json={"decision": "withheld", "reason": "x"}
    )
    problem(again, 409)

    assert await _build(db, clock) == 1
    copies = (await sam.get("/api/v1/me/exports")).json()
    assert [c["state"] for c in copies] == ["ready", "ready"]
    document = json.loads((await _zip(sam, copies[0]["download_url"])).read("data.json"))
    [record] = document["released"]
    assert record["kind"] == "concern" and record["title"] == "A concern raised by your buddy"
    details = {d["key"]: d["label"] for d in record["details"]}
    assert details["What it was about"] and "hasn't slept" in details["What happened"]
    raw = json.dumps(document)
    assert "Helen Wright" not in raw
    async with db.session_scope() as session:
        alert = await session.scalar(
            select(CrisisAlert).where(CrisisAlert.organisation_id == organisation.id)
        )
        decided = list(await session.scalars(select(ExportReview.decision)))
    assert alert is not None
    assert sorted(decided) == sorted([ReviewDecision.RELEASED, ReviewDecision.WITHHELD])
    assert "How the centre responded" not in raw
    # Sam's access log never shows the review of the concern.
    async with db.session_scope() as session:
        sam_user = await session.scalar(select(User).where(User.email == SAM))
        assert sam_user is not None
        reviewed = list(
            await session.scalars(
                select(AuditEntry).where(
                    AuditEntry.action == "privacy.export.reviewed", AuditEntry.object_type == "concern"
                )
            )
        )
    assert len(reviewed) == 1 and reviewed[0].subject_user_id == sam_user.id


def test_the_readable_page_escapes_what_people_wrote() -> None:
    document = DataDocument(
        format="carerlink.data-export",
        version=1,
        generated_at=START,
        covers="Every centre you belong to",
        subject=Subject(name="<b>Jo</b>", email="jo@example.org", time_zone="Europe/London"),
        centres=["Riverside"],
        sections={
            "checkins": Section(
                title="Check-ins",
                explain="Each check-in.",
                columns=[Column("id", "Record"), Column("note", "What you wrote")],
                rows=[{"id": "1", "note": "<script>alert(1)</script>"}],
            )
        },
        released=[],
    )
    page = builder.render_html(document)
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;Jo" in page
    assert "2 March 2026 at 9:00am" in page  # when it was made, in her time zone
