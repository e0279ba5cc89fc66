"""Messages and people's data rights (issue 18): in the copy of each of the pair, cleared on erasure
like check-in notes (a buddy's erasure leaves the carer's own words), and gone with check-in notes'
retention once the match has ended long enough."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.messaging.models import Message
from carerlink.organisations.schemas import RetentionSettings
from carerlink.privacy.export import service as exports
from carerlink.privacy.retention import jobs as retention_jobs
from tests.checkins.factories import Pair, make_pair
from tests.support import ApiClient, signed_in

FROM_CARER = "The respite week is booked, finally."
FROM_BUDDY = "That's wonderful news, well done."


@pytest.fixture
async def pair(db: Database) -> Pair:
    return await make_pair(db)


async def _talk(pair: Pair, new_client: Any, clock: FrozenClock) -> tuple[ApiClient, ApiClient]:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    assert (await carer.post(f"{pair.base}/messages", json={"text": FROM_CARER})).status_code == 201
    clock.advance(timedelta(minutes=3))
    assert (await buddy.post(f"{pair.base}/messages", json={"text": FROM_BUDDY})).status_code == 201
    return carer, buddy


async def _texts(db: Database) -> dict[str, str | None]:
    async with db.session_scope() as session:
        return {m.sender: m.text for m in await session.scalars(select(Message))}


@pytest.mark.parametrize("who", ["carer", "buddy"])
async def test_each_of_the_pair_gets_their_own_and_the_others_messages_in_their_copy(
    db: Database, pair: Pair, new_client: Any, clock: FrozenClock, who: str
) -> None:
    clients = dict(zip(("carer", "buddy"), await _talk(pair, new_client, clock), strict=True))
    client = clients[who]
    asked = await client.post("/api/v1/me/export")
    assert asked.status_code == 202, asked.text
    assert await exports.build_due(db, now=clock.now()) == 1
    [copy] = (await client.get("/api/v1/me/exports")).json()
    archive_response = await client.get(copy["download_url"])

    document = json.loads(zipfile.ZipFile(io.BytesIO(archive_response.content)).read("data.json"))
    rows = document["sections"]["messages"]["rows"]
    assert sorted(row["text"] for row in rows) == sorted([FROM_CARER, FROM_BUDDY])


async def test_erasing_the_buddy_clears_their_words_and_leaves_the_carers_own(
    db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    _, buddy = await _talk(pair, new_client, clock)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    erasure = (await buddy.post("/api/v1/me/erasure", json={})).json()["id"]
    done = await coordinator.post(f"/api/v1/orgs/{pair.org.id}/erasure-requests/{erasure}/confirm")
    assert done.json()["state"] == "done", done.text

    assert await _texts(db) == {"carer": FROM_CARER, "buddy": None}


async def test_erasing_the_carer_clears_the_whole_thread_like_their_check_ins(
    db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer, _ = await _talk(pair, new_client, clock)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    erasure = (await carer.post("/api/v1/me/erasure", json={"organisation_id": str(pair.org.id)})).json()[
        "id"
    ]
    done = await coordinator.post(f"/api/v1/orgs/{pair.org.id}/erasure-requests/{erasure}/confirm")
    assert done.json()["state"] == "done", done.text

    assert await _texts(db) == {"carer": None, "buddy": None}
    async with db.session_scope() as session:
        assert len(list(await session.scalars(select(Message)))) == 2  # the rows stay for the figures


async def test_retention_removes_the_words_with_the_check_in_notes_once_the_match_ended_long_ago(
    db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer, _ = await _talk(pair, new_client, clock)
    assert (await carer.post(f"{pair.base}/end", json={"reason": "caring_ended"})).status_code == 200
    clock.advance(timedelta(days=300))
    await retention_jobs.run_schedule(
        db, organisation_id=pair.org.id, settings=RetentionSettings(), clock=clock
    )
    assert await _texts(db) == {"carer": FROM_CARER, "buddy": FROM_BUDDY}  # not yet 12 months

    clock.advance(timedelta(days=70))
    removed = await retention_jobs.run_schedule(
        db, organisation_id=pair.org.id, settings=RetentionSettings(), clock=clock
    )

    assert removed["checkin_notes"] >= 2
    assert await _texts(db) == {"carer": None, "buddy": None}


async def _copy_rows(client: ApiClient, clock: FrozenClock, db: Database) -> list[dict[str, Any]]:
    asked = await client.post("/api/v1/me/export")
    assert asked.status_code == 202, asked.text
    await exports.build_due(db, now=clock.now())
    copy = next(c for c in (await client.get("/api/v1/me/exports")).json() if c["id"] == asked.json()["id"])
    archive = await client.get(copy["download_url"])
    document = json.loads(zipfile.ZipFile(io.BytesIO(archive.content)).read("data.json"))
    rows: list[dict[str, Any]] = document["sections"]["messages"]["rows"]
    return rows


async def test_a_former_buddys_copy_has_their_own_words_and_none_of_the_carers(
    db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer, buddy = await _talk(pair, new_client, clock)
    assert (await carer.post(f"{pair.base}/end", json={"reason": "caring_ended"})).status_code == 200
    clock.advance(timedelta(minutes=5))

    rows = await _copy_rows(buddy, clock, db)

    assert FROM_CARER not in json.dumps(rows)
    # (the sender column names who wrote it by first name)
    assert sorted((row["sender"], row["text"] or "") for row in rows) == [("Alex", ""), ("Priya", FROM_BUDDY)]
    kept = await _copy_rows(carer, clock, db)  # the carer's own copy keeps the whole thread
    assert sorted(row["text"] for row in kept) == sorted([FROM_CARER, FROM_BUDDY])


async def test_a_copy_a_coordinator_asks_for_says_plainly_it_holds_the_words_of_messages(
    db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    """The one audited exception to "coordinators read a thread only through a report": the person's right
    to their data (README, "Messages within a pair")."""
    carer, _ = await _talk(pair, new_client, clock)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    org = f"/api/v1/orgs/{pair.org.id}"
    note = {"identity_checked": True, "identity_note": "Rang back on the number we hold"}
    asked = await coordinator.post(f"{org}/members/{pair.carer.membership_id}/export", json=note)
    assert asked.status_code in (200, 201, 202), asked.text
    await exports.build_due(db, now=clock.now())

    screen = (await coordinator.get(f"{org}/exports/{asked.json()['id']}")).json()
    assert screen["message_words"] == 2
    downloaded = await coordinator.get(f"/api/v1/exports/{asked.json()['id']}/download")
    assert downloaded.status_code == 200

    log = (await carer.get("/api/v1/me/access-log")).json()["entries"]
    assert any(
        e["what"] == "downloaded a copy of your data, which includes the words of your messages" for e in log
    )
    async with db.session_scope() as session:
        actions = list(await session.scalars(select(AuditEntry.action)))
    assert "privacy.export.downloaded_with_messages" in actions
