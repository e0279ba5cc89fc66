"""Imported carers wait from their original date, are matchable only after joining by their invitation."""

from __future__ import annotations

from typing import Any

from carerlink.db import Database
from carerlink.mail.jobs import deliver_mail
from tests.imports.support import carer_row, csv_bytes
from tests.matching.test_lifecycle_api import World
from tests.support import Mailbox, problem


async def _import_one(world: World, boss: Any, **cells: str) -> dict[str, Any]:
    checked = await boss.post(
        f"{world.base}/imports/",
        data={"kind": "carer"},
        files={
            "file": ("carers.csv", csv_bytes([carer_row(7, referral_date="2024-09-01", **cells)]), "text/csv")
        },
    )
    assert checked.status_code == 201, checked.text
    confirmed = await boss.post(f"{world.base}/imports/{checked.json()['summary']['id']}/confirm")
    assert confirmed.status_code == 200, confirmed.text
    [row] = confirmed.json()["rows"]
    assert row["outcome"] == "imported"
    return dict(row)


async def test_an_imported_carer_waits_from_their_date_but_is_matched_only_after_joining(
    app: Any, db: Database, new_client: Any, mailbox: Mailbox
) -> None:
    world = await World(db, new_client).build()
    boss = await world.as_(world.coordinator)
    consent = {
        "needs": "dementia",
        "health_consent_recorded_by": "Morgan Lee",
        "health_consent_date": "2024-08-20",
        "health_consent_version": "health-data-2026-11",
    }
    row = await _import_one(world, boss, name="Imani Brooks", **consent)

    waiting = (await boss.get(f"{world.base}/waiting-list")).json()
    assert (waiting[0]["carer"]["display_name"], waiting[0]["joined"]) == ("Imani Brooks", False)
    assert waiting[0]["waiting_since"].startswith("2024-09-01")
    refused = await boss.post(
        f"{world.base}/matches",
        json={
            "carer_membership_id": row["membership_id"],
            "buddy_membership_id": str(world.buddy.membership_id),
        },
    )
    assert "hasn't joined yet" in problem(refused, 409)["detail"]
    draft = await boss.post(f"{world.base}/match-drafts/")
    assert draft.status_code == 201, draft.text
    assert draft.json()["carers_considered"] == 1  # Alex, who joined; not Imani

    # She joins through her invitation: the account made by the import becomes hers.
    await deliver_mail(app.state.runtime)
    [mail] = mailbox.to("carer7@example.org")
    person = new_client()
    accepted = await person.post(
        "/api/v1/invitations/accept",
        json={
            "token": mail.link_token(),
            "display_name": "Imani Brooks",
            "password": "walking the dog at six",
            "time_zone": "Europe/London",
            "consents": {"terms": True, "health_data": True},
        },
    )
    assert accepted.status_code == 200, accepted.text
    consents = (await person.get("/api/v1/me/consents")).json()
    # the consent brought in stands (given before carerlink), not a second one; she sees how it was given,
    # who took it and who brought it in (the language it was read in is not known)
    assert sorted(
        (c["kind"], c["given_at"][:10], c["method"], c["taken_by_name"], c["recorded_by_name"], c["locale"])
        for c in consents
    ) == [
        ("health_data", "2024-08-20", "imported", "Morgan Lee", "Morgan Ellis", None),
        ("terms", "2026-03-02", "in_app", None, None, "en-GB"),
    ]
    mine = (await person.get(f"{world.base}/me/health-data-consent")).json()
    assert (mine["agreed"], mine["method"], mine["taken_by_name"], mine["recorded_by_name"]) == (
        True,
        "imported",
        "Morgan Lee",
        "Morgan Ellis",
    )
    waiting = (await boss.get(f"{world.base}/waiting-list")).json()
    imani = next(w for w in waiting if w["carer"]["display_name"] == "Imani Brooks")
    assert imani["joined"] is True and imani["waiting_since"].startswith("2024-09-01")
    assert imani["carer"]["membership_id"] == row["membership_id"]  # the same place in the queue
    proposed = await boss.post(
        f"{world.base}/matches",
        json={
            "carer_membership_id": row["membership_id"],
            "buddy_membership_id": str(world.buddy.membership_id),
        },
    )
    assert proposed.status_code == 201, proposed.text
    result = (await boss.get(f"{world.base}/imports/{row['id']}")).status_code  # a row id is no import
    assert result == 404


async def test_an_imported_carer_who_chose_a_password_first_joins_signed_in_and_keeps_their_place(
    app: Any, db: Database, new_client: Any, mailbox: Mailbox
) -> None:
    world = await World(db, new_client).build()
    boss = await world.as_(world.coordinator)
    row = await _import_one(world, boss, name="Imani Brooks")
    await deliver_mail(app.state.runtime)
    [invitation] = mailbox.to("carer7@example.org")

    person = new_client()
    problem(
        await person.post("/api/v1/auth/login", json={"email": "carer7@example.org", "password": "x"}), 401
    )
    assert (
        await person.post("/api/v1/auth/password-reset", json={"email": "carer7@example.org"})
    ).status_code == 202
    await deliver_mail(app.state.runtime)
    reset = next(m for m in mailbox.to("carer7@example.org") if "reset" in m.subject.lower())
    done = await person.post(
        "/api/v1/auth/password-reset/confirm",
        json={"token": reset.link_token(), "new_password": "walking the dog at six"},
    )
    assert done.status_code == 200, done.text
    await person.login("carer7@example.org", "walking the dog at six")
    waiting = (await boss.get(f"{world.base}/waiting-list")).json()
    assert next(w for w in waiting if w["carer"]["display_name"] == "Imani Brooks")["joined"] is False

    accepted = await person.post(
        "/api/v1/invitations/accept",
        json={"token": invitation.link_token(), "consents": {"terms": True}},
    )
    assert accepted.status_code == 200, accepted.text
    waiting = (await boss.get(f"{world.base}/waiting-list")).json()
    imani = next(w for w in waiting if w["carer"]["display_name"] == "Imani Brooks")
    assert imani["joined"] is True and imani["carer"]["membership_id"] == row["membership_id"]
    assert imani["waiting_since"].startswith("2024-09-01")
