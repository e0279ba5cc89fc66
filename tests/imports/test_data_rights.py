"""Someone brought in from a spreadsheet finds it in their copy, and erasure removes it (issue 15 and 16)."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from litestar import Litestar

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.mail.jobs import deliver_mail
from carerlink.privacy.export import service as exports
from tests.imports.test_joining import _import_one
from tests.matching.test_lifecycle_api import World
from tests.privacy.erasure_support import survivors
from tests.support import Mailbox


async def test_an_imported_carers_copy_holds_their_row_and_erasure_removes_it(
    app: Litestar, db: Database, new_client: Any, mailbox: Mailbox, clock: FrozenClock
) -> None:
    world = await World(db, new_client).build()
    boss = await world.as_(world.coordinator)
    await _import_one(
        world,
        boss,
        name="Philippa Zanzibarova",
        email="philippa@example.org",
        needs="dementia",
        health_consent_recorded_by="Jo Bloggs",
        health_consent_date="2024-08-20",
        health_consent_version="health-data-2026-11",
    )
    await deliver_mail(app.state.runtime)
    [mail] = mailbox.to("philippa@example.org")
    person = new_client()
    accepted = await person.post(
        "/api/v1/invitations/accept",
        json={
            "token": mail.link_token(),
            "display_name": "Philippa Zanzibarova",
            "password": "walking the dog at six",
            "consents": {"terms": True},
        },
    )
    assert accepted.status_code == 200, accepted.text

    asked = await person.post("/api/v1/me/export")
    assert asked.status_code == 202, asked.text
    await exports.build_due(db, now=clock.now())
    [copy] = (await person.get("/api/v1/me/exports")).json()
    archive = zipfile.ZipFile(io.BytesIO((await person.get(copy["download_url"])).content))
    document = json.loads(archive.read("data.json"))
    text = json.dumps(document)
    assert "imported_records" in text and "philippa@example.org" in text
    # Her consent given before carerlink: how, and who took it, as the centre recorded it.
    health = [r for r in document["sections"]["consents"]["rows"] if r["kind"] == "health_data"]
    assert [(r["method"], r["taken_by_name"], r["given_at"][:10]) for r in health] == [
        ("imported", "Jo Bloggs", "2024-08-20")
    ]

    erasure = await person.post("/api/v1/me/erasure", json={})
    assert erasure.status_code == 201, erasure.text
    confirmed = await boss.post(f"{world.base}/erasure-requests/{erasure.json()['id']}/confirm")
    assert confirmed.status_code == 200, confirmed.text
    found = await survivors(
        db, needles=["philippa@example.org", "Zanzibarova"], first_name="Philippa", kept=set()
    )
    assert [t for t, _, _ in found if t.startswith("import")] == []
