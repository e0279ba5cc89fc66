"""A report of a message stays hidden from the person it is about (issue 18 audit), as a concern does: their
access log and their copy say nothing of it, whichever of the pair asked. The person who asked sees the
coordinator read and deal with it in their own access log."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.privacy.export import service as exports
from tests.checkins.factories import Pair, make_pair
from tests.support import ApiClient, signed_in


@pytest.fixture
async def pair(db: Database) -> Pair:
    return await make_pair(db)


async def _log(client: ApiClient) -> list[str]:
    body = (await client.get("/api/v1/me/access-log", params={"limit": 100})).json()
    return [f"{e['who']}: {e['what']}" for e in body["entries"]]


async def _copy(client: ApiClient, db: Database, clock: FrozenClock) -> str:
    asked = (await client.post("/api/v1/me/export")).json()
    await exports.build_due(db, now=clock.now())
    copy = next(c for c in (await client.get("/api/v1/me/exports")).json() if c["id"] == asked["id"])
    archive = await client.get(copy["download_url"])
    return zipfile.ZipFile(io.BytesIO(archive.content)).read("data.json").decode()


@pytest.mark.parametrize("reporter", ["buddy", "carer"])
async def test_a_report_is_hidden_from_the_person_it_is_about_and_shown_to_who_asked(
    db: Database, pair: Pair, new_client: Any, clock: FrozenClock, reporter: str
) -> None:
    people = {
        "carer": await signed_in(new_client, pair.carer.email),
        "buddy": await signed_in(new_client, pair.buddy.email),
    }
    about = "carer" if reporter == "buddy" else "buddy"
    sent = await people[about].post(f"{pair.base}/messages", json={"text": "I can't do Thursday after all."})
    message_id = sent.json()["message"]["id"]
    report = await people[reporter].post(
        f"{pair.base}/messages/{message_id}/report", json={"reason": "worried"}
    )
    assert report.status_code == 201, report.text
    coordinator = await signed_in(new_client, pair.coordinator.email)
    reports = f"/api/v1/orgs/{pair.org.id}/message-reports"
    assert (await coordinator.get(f"{reports}/{report.json()['id']}")).status_code == 200
    assert (await coordinator.post(f"{reports}/{report.json()['id']}/dealt-with")).status_code == 200

    hidden = await _log(people[about])
    assert not [line for line in hidden if "report" in line.lower()], hidden
    copy = json.loads(await _copy(people[about], db, clock))
    actions = {row["action"] for row in copy["sections"].get("access_log", {"rows": []})["rows"]}
    assert not {a for a in actions if a.startswith("messaging.")}, actions

    shown = await _log(people[reporter])
    assert "Morgan, coordinator: read a reported message in your messages" in shown
    assert "Morgan, coordinator: marked as dealt with a message reported in your messages" in shown
