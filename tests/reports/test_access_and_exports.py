"""Who may read the reports (coordinators of the centre only), every read and export audited; row-level
CSVs carry names but never notes or health details, and are safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import timedelta
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import select

from carerlink.accounts.models import User
from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.mail.jobs import deliver_mail
from carerlink.matching.models import EndReason, Match, MatchStatus
from carerlink.organisations.models import Membership
from tests.checkins.factories import make_pair
from tests.imports.support import carer_row, csv_bytes
from tests.profiles.factories import make_coordinator
from tests.support import START, Mailbox, make_org, problem, signed_in

ROUTES = ["summary", "summary.csv", "carers.csv", "buddies.csv", "matches.csv", "checkins.csv"]


def parsed(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.mark.parametrize("route", ROUTES)
async def test_only_the_centres_coordinators_read_reports(
    app: Litestar, db: Database, new_client: Any, route: str
) -> None:
    pair = await make_pair(db)
    url = f"/api/v1/orgs/{pair.org.id}/reports/{route}"
    coordinator = await signed_in(new_client, pair.coordinator.email)
    assert (await coordinator.get(url)).status_code == 200
    for person in (pair.carer, pair.buddy):
        member = await signed_in(new_client, person.email)
        problem(await member.get(url), 403)
    stranger = await make_coordinator(db, await make_org(db), name="Jo Stranger")
    problem(await (await signed_in(new_client, stranger.email)).get(url), 404)
    problem(await new_client().get(url), 401)

    async with db.session_scope() as session:
        actions = list(
            (
                await session.scalars(
                    select(AuditEntry.action).where(
                        AuditEntry.organisation_id == pair.org.id, AuditEntry.action.like("reports.%")
                    )
                )
            ).all()
        )
    verb = "viewed" if route == "summary" else "exported"
    assert actions == [f"reports.{route.removesuffix('.csv')}.{verb}"]


async def test_row_level_exports_name_people_safely_and_leave_out_notes(
    app: Litestar, db: Database, new_client: Any
) -> None:
    pair = await make_pair(db, carer_name='=HYPERLINK("x")')
    async with db.session_scope() as session:
        buddy = await session.get(User, pair.buddy.user.id)
        assert buddy is not None
        buddy.display_name = "+44 7700 900123"
        match = await session.get(Match, pair.match.id)
        assert match is not None
        match.note = "secret match note"
        match.status = MatchStatus.ENDED
        match.closed_at = START
        match.end_reason = EndReason.GOALS_MET
        match.close_note = "private closing words"
        match.carer_feedback = "private feedback"
    coordinator = await signed_in(new_client, pair.coordinator.email)
    base = f"/api/v1/orgs/{pair.org.id}/reports"

    carers = await coordinator.get(f"{base}/carers.csv")
    assert carers.headers["content-disposition"].startswith(f'attachment; filename="{pair.org.slug}-carers-')
    rows = parsed(carers.content.decode())
    assert rows[0][:3] == ["name", "email", "phone"]
    assert rows[1][0] == '\'=HYPERLINK("x")'  # neutralised: a spreadsheet shows it as text
    assert rows[1][1] == pair.carer.email

    matches = parsed((await coordinator.get(f"{base}/matches.csv")).content.decode())
    assert matches[1][:3] == ['\'=HYPERLINK("x")', "'+44 7700 900123", "ended"]
    assert matches[1][-1] == "Goals met"
    buddies = parsed((await coordinator.get(f"{base}/buddies.csv")).content.decode())
    assert buddies[1][0] == "'+44 7700 900123"
    checkins = await coordinator.get(
        f"{base}/checkins.csv", params={"from": "2026-01-01", "to": "2026-03-31"}
    )
    assert checkins.headers["content-disposition"] == (
        f'attachment; filename="{pair.org.slug}-checkins-2026-01-01-to-2026-03-31.csv"'
    )
    everything = "".join(
        [
            (await coordinator.get(f"{base}/{kind}.csv")).text
            for kind in ("carers", "buddies", "matches", "checkins")
        ]
    )
    for secret in ("secret match note", "private closing words", "private feedback", "psychosis", "dementia"):
        assert secret not in everything


def _by_name(rows: list[list[str]]) -> dict[str, dict[str, str]]:
    return {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


async def test_phone_numbers_read_as_the_centre_writes_them_and_nobody_brought_in_looks_active(
    app: Litestar, db: Database, new_client: Any, mailbox: Mailbox, clock: FrozenClock
) -> None:
    pair = await make_pair(db)
    async with db.session_scope() as session:
        for user_id, phone in ((pair.carer.user.id, "+447700900123"), (pair.buddy.user.id, "+33612345678")):
            person = await session.get(User, user_id)
            assert person is not None
            person.phone = phone
    coordinator = await signed_in(new_client, pair.coordinator.email)
    org = f"/api/v1/orgs/{pair.org.id}"
    # Imani is brought in from a spreadsheet, referred in 2024: invited, she has not joined yet.
    row = carer_row(7, name="Imani Brooks", phone="07700 900555", referral_date="2024-09-01")
    checked = await coordinator.post(
        f"{org}/imports/",
        data={"kind": "carer"},
        files={"file": ("carers.csv", csv_bytes([row]), "text/csv")},
    )
    assert checked.status_code == 201, checked.text
    confirmed = await coordinator.post(f"{org}/imports/{checked.json()['summary']['id']}/confirm")
    assert confirmed.status_code == 200, confirmed.text

    carers = parsed((await coordinator.get(f"{org}/reports/carers.csv")).content.decode())
    assert carers[0][:6] == ["name", "email", "phone", "joined carerlink", "status", "joined"]
    people = _by_name(carers)
    alex, imani = people["Alex Turner"], people["Imani Brooks"]
    # A UK number as written in the UK: it opens in a spreadsheet as it is, with no apostrophe.
    assert alex["phone"] == "07700 900123"
    assert (alex["joined carerlink"], alex["status"]) == ("yes", "active") and alex["joined"]
    assert imani["phone"] == "07700 900555"
    assert (imani["joined carerlink"], imani["status"], imani["joined"]) == (
        "no",
        "invited, not yet joined",
        "",
    )
    assert imani["waiting since"] == "2024-09-01"
    buddies = _by_name(parsed((await coordinator.get(f"{org}/reports/buddies.csv")).content.decode()))
    # A number from abroad is international, and begins "+": still neutralised, never a formula.
    assert buddies[pair.buddy.user.display_name]["phone"] == "'+33 6 12 34 56 78"
    assert buddies[pair.buddy.user.display_name]["joined carerlink"] == "yes"

    # Three days later Imani accepts her invitation: she joined that day.
    await deliver_mail(app.state.runtime)
    clock.advance(timedelta(days=3))
    [mail] = mailbox.to("carer7@example.org")
    accepted = await new_client().post(
        "/api/v1/invitations/accept",
        json={
            "token": mail.link_token(),
            "display_name": "Imani Brooks",
            "password": "walking the dog at six",
            "time_zone": "Europe/London",
            "consents": {"terms": True},
        },
    )
    assert accepted.status_code == 200, accepted.text
    coordinator = await signed_in(new_client, pair.coordinator.email)  # a new day, a new sign-in
    imani = _by_name(parsed((await coordinator.get(f"{org}/reports/carers.csv")).content.decode()))[
        "Imani Brooks"
    ]
    assert (imani["joined carerlink"], imani["status"], imani["joined"]) == ("yes", "active", "2026-03-05")
    assert imani["waiting since"] == "2024-09-01"


async def test_check_in_counts_per_match_add_up(app: Litestar, db: Database, new_client: Any) -> None:
    pair = await make_pair(db)
    carer = await signed_in(new_client, pair.carer.email)
    started = await carer.post(
        f"{pair.base}/checkins",
        json={"wellbeing": 4, "note": "tired but fine", "wants_call": False, "needs_help": False},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert started.status_code == 201, started.text
    coordinator = await signed_in(new_client, pair.coordinator.email)
    text = (await coordinator.get(f"/api/v1/orgs/{pair.org.id}/reports/checkins.csv")).content.decode()
    rows = parsed(text)
    assert rows[0] == [
        "carer",
        "buddy",
        "match",
        "due",
        "answered",
        "missed",
        "carer started",
        "buddy replied",
    ]
    assert rows[1][6] == "1"
    assert "tired but fine" not in text
    async with db.session_scope() as session:
        assert (await session.get(Membership, pair.carer.membership_id)) is not None
