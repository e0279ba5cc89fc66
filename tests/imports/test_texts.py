"""Where the centre has texts on, an imported carer can be invited by text, sent only after confirming."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import func, select

from carerlink.actor import Role
from carerlink.db import Database
from carerlink.imports import jobs as imports_jobs
from carerlink.notifications.texts.jobs import deliver_texts
from carerlink.notifications.texts.models import OutgoingText
from carerlink.settings import Settings
from tests.conftest import DatabaseTarget
from tests.imports.support import carer_row, csv_bytes
from tests.notifications.texts.support import enable_texts, texts_settings
from tests.notifications.texts.twilio_fake import FakeTwilio
from tests.support import START, ApiClient, make_org, make_user


@pytest.fixture
async def twilio() -> AsyncIterator[FakeTwilio]:
    """Twilio's Messages API on 127.0.0.1."""
    fake = await FakeTwilio().start()
    yield fake
    await fake.stop()


@pytest.fixture
def settings(database_target: DatabaseTarget, tmp_path: Path, twilio: FakeTwilio) -> Settings:
    """Texts on."""
    return texts_settings(database_target, tmp_path, twilio)


async def test_an_invitation_by_text_goes_only_after_confirming(
    app: Litestar, db: Database, client: ApiClient, twilio: FakeTwilio
) -> None:
    org = await make_org(db, name="Riverside Carers Centre")
    await enable_texts(db, org)
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    await client.login("coord@example.org")
    rows = [
        carer_row(1, invite_by="text", phone="07700 900111"),
        carer_row(2, invite_by="text", phone="020 7946 0000"),
    ]
    checked = await client.post(
        f"/api/v1/orgs/{org.id}/imports/",
        data={"kind": "carer"},
        files={"file": ("c.csv", csv_bytes(rows), "text/csv")},
    )
    body = checked.json()
    assert [[p["column"] for p in r["problems"]] for r in body["rows"]] == [[], ["phone"]]  # a landline
    await deliver_texts(app.state.runtime)
    assert twilio.sent == []

    confirmed = await client.post(f"/api/v1/orgs/{org.id}/imports/{body['summary']['id']}/confirm")
    assert confirmed.json()["rows"][0]["invited_how"] == "by text message"
    await deliver_texts(app.state.runtime)
    [sent] = twilio.sent
    assert sent.to == "+447700900111"
    assert "Riverside Carers Centre" in sent.body and "/invitation#token=" in sent.body


async def _coordinators_of(db: Database, org: Any) -> None:
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="coord@example.org")
    await make_user(db, organisation=org, roles=(Role.COORDINATOR,), email="colleague@example.org")


async def _sent_this_month(db: Database, org: Any, segments: int) -> None:
    """Texts of ``segments`` the centre already sent this month (a reminder, say)."""
    someone = await make_user(db, organisation=org, roles=(Role.CARER,))
    async with db.session_scope() as session:
        sent = OutgoingText(
            user_id=someone.id,
            organisation_id=org.id,
            to_number="+447700900999",
            body="",
            category="checkin_due",
            segments=segments,
            state="delivered",
            send_after=START,
            expires_at=START + timedelta(days=1),
            sent_at=START,
            finished_at=START,
        )
        sent.created_at = START
        session.add(sent)


async def test_invitations_by_text_past_the_months_budget_are_refused_in_the_dry_run(
    app: Litestar, db: Database, client: ApiClient, twilio: FakeTwilio
) -> None:
    org = await make_org(db, name="Riverside Carers Centre")
    # Each invitation text is 2 segments (a link is long); 7 of the budget's 9 are left: room for 3.
    await enable_texts(db, org, budget=9)
    await _sent_this_month(db, org, 2)
    await _coordinators_of(db, org)
    await client.login("coord@example.org")
    rows = [
        carer_row(1, invite_by="text", phone="07700 900111"),  # row 2
        carer_row(2, invite_by="text", phone="020 7946 0000"),  # row 3: a landline, no text, no budget used
        carer_row(3, invite_by="email"),  # row 4
        carer_row(4, invite_by="text", phone="07700 900444"),  # row 5
        carer_row(5, invite_by="text", phone="07700 900555"),  # row 6
        carer_row(6, invite_by="text", phone="07700 900666"),  # row 7: past what is left
        carer_row(7, invite_by="in person"),  # row 8
        carer_row(8, invite_by="text", phone="07700 900888"),  # row 9: past it too
    ]
    body = (
        await client.post(
            f"/api/v1/orgs/{org.id}/imports/",
            data={"kind": "carer"},
            files={"file": ("c.csv", csv_bytes(rows), "text/csv")},
        )
    ).json()
    problems = {r["row_number"]: [(p["column"], p["message"]) for p in r["problems"]] for r in body["rows"]}
    over = [
        (
            "invite_by",
            "Your centre's text messages for this month run out before this row: there is room for 3 "
            "invitations by text. Invite them by email or in person instead.",
        )
    ]
    assert problems == {2: [], 3: [problems[3][0]], 4: [], 5: [], 6: [], 7: over, 8: [], 9: over}
    assert problems[3][0][0] == "phone"  # the landline

    confirmed = await client.post(f"/api/v1/orgs/{org.id}/imports/{body['summary']['id']}/confirm")
    assert confirmed.json()["summary"]["rows_imported"] == 5
    await deliver_texts(app.state.runtime)
    assert sorted(t.to for t in twilio.sent) == ["+447700900111", "+447700900444", "+447700900555"]
    async with db.session_scope() as session:
        refused = await session.scalar(
            select(func.count()).select_from(OutgoingText).where(OutgoingText.state == "refused")
        )
        assert refused == 0  # what the dry run let through, the budget let through


async def test_coordinators_are_told_once_of_invitation_texts_that_could_not_be_sent(
    app: Litestar, db: Database, new_client: Any, twilio: FakeTwilio
) -> None:
    org = await make_org(db, name="Riverside Carers Centre")
    await enable_texts(db, org)
    await _coordinators_of(db, org)
    boss, colleague = new_client(), new_client()
    await boss.login("coord@example.org")
    await colleague.login("colleague@example.org")
    rows = [
        carer_row(1, name="Tegan Price", invite_by="text", phone="07700 900111"),
        carer_row(2, name="Omar Haddad", invite_by="email"),
    ]
    checked = (
        await boss.post(
            f"/api/v1/orgs/{org.id}/imports/",
            data={"kind": "carer"},
            files={"file": ("c.csv", csv_bytes(rows), "text/csv")},
        )
    ).json()
    import_id = checked["summary"]["id"]
    assert (await boss.post(f"/api/v1/orgs/{org.id}/imports/{import_id}/confirm")).status_code == 200
    await enable_texts(db, org, budget=0)  # the budget is cut before the text goes
    await deliver_texts(app.state.runtime)
    assert twilio.sent == []

    runtime = app.state.runtime
    assert await imports_jobs.tell_of_unsent_invitation_texts(runtime) == 1
    assert await imports_jobs.tell_of_unsent_invitation_texts(runtime) == 0  # told once
    for coordinator in (boss, colleague):
        inbox = (await coordinator.get("/api/v1/notifications")).json()["items"]
        told = [n for n in inbox if n["kind"] == "coordinator_invitation_text_failed"]
        assert [(n["title"], n["url"]) for n in told] == [
            ("Invitation texts could not be sent", f"/coordinator/imports/{import_id}")
        ]
        assert "Tegan" not in told[0]["body"]
    shown = (await boss.get(f"/api/v1/orgs/{org.id}/imports/{import_id}")).json()
    assert {r["name"]: r["text_not_sent"] for r in shown["rows"]} == {
        "Tegan Price": True,
        "Omar Haddad": False,
    }
