"""Reported messages for coordinators (issue 18 audit): open until a coordinator marks one dealt with (who,
when, audited), open ones first and counted for Needs attention, read in a few queries however many there
are, and never shown to (nor told to) a coordinator who is the buddy or the carer of the pair."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from carerlink.actor import Role
from carerlink.audit.models import AuditEntry
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.notifications import kinds
from carerlink.notifications.models import Notification
from carerlink.organisations import service as organisations
from tests.checkins.factories import Pair, make_pair
from tests.checkins.test_answer_queries import statements_sent
from tests.support import START, ApiClient, problem, signed_in


@pytest.fixture
async def pair(db: Database) -> Pair:
    return await make_pair(db)


async def _report_one(
    pair: Pair, carer: ApiClient, buddy: ApiClient, text: str, reason: str = "not_ok"
) -> str:
    sent = await buddy.post(f"{pair.base}/messages", json={"text": text})
    assert sent.status_code == 201, sent.text
    report = await carer.post(
        f"{pair.base}/messages/{sent.json()['message']['id']}/report", json={"reason": reason}
    )
    assert report.status_code == 201, report.text
    return str(report.json()["id"])


async def _coordinator_notes(db: Database, user_id: Any) -> list[Notification]:
    async with db.session_scope() as session:
        rows = await session.scalars(
            select(Notification).where(
                Notification.user_id == user_id, Notification.kind == kinds.MessageReported.name
            )
        )
        return list(rows)


async def test_a_coordinator_marks_a_report_dealt_with_and_open_ones_come_first(
    db: Database, pair: Pair, new_client: Any, clock: FrozenClock
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    reports = f"/api/v1/orgs/{pair.org.id}/message-reports"
    older = await _report_one(pair, carer, buddy, "Answer me.")
    clock.advance(timedelta(minutes=10))
    newer = await _report_one(pair, carer, buddy, "Why do you never pick up?", reason="worried")
    assert (await coordinator.get(f"{reports}/open-count")).json() == {"open": 2}

    done = await coordinator.post(f"{reports}/{newer}/dealt-with")

    assert done.status_code == 200, done.text
    body = done.json()
    assert (body["status"], body["dealt_with_by_name"]) == ("dealt_with", "Morgan Ellis")
    assert body["dealt_with_at"] is not None
    listed = (await coordinator.get(reports)).json()
    assert [(r["id"], r["status"]) for r in listed] == [(older, "open"), (newer, "dealt_with")]
    assert (await coordinator.get(f"{reports}/open-count")).json() == {"open": 1}
    [note] = [n for n in await _coordinator_notes(db, pair.coordinator.user.id) if str(newer) in n.url]
    assert note.read_at is not None  # "A message needs a look" no longer waits in the inbox
    again = (await coordinator.post(f"{reports}/{newer}/dealt-with")).json()
    assert again["dealt_with_at"] == body["dealt_with_at"]
    async with db.session_scope() as session:
        actions = list(await session.scalars(select(AuditEntry.action)))
    assert actions.count("messaging.report.dealt_with") == 1


async def test_a_coordinator_who_is_the_pairs_buddy_never_sees_nor_hears_of_its_reports(
    db: Database, pair: Pair, new_client: Any
) -> None:
    async with db.session_scope() as session:
        await organisations.add_membership(
            session, user_id=pair.buddy.user.id, organisation_id=pair.org.id, role=Role.COORDINATOR, now=START
        )
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)  # also a coordinator now
    report = await _report_one(pair, carer, buddy, "Stop whining.")
    reports = f"/api/v1/orgs/{pair.org.id}/message-reports"

    assert await _coordinator_notes(db, pair.buddy.user.id) == []
    assert len(await _coordinator_notes(db, pair.coordinator.user.id)) == 1
    assert (await buddy.get(reports)).json() == []
    assert (await buddy.get(f"{reports}/open-count")).json() == {"open": 0}
    problem(await buddy.get(f"{reports}/{report}"), 404)
    problem(await buddy.post(f"{reports}/{report}/dealt-with"), 404)
    other = await signed_in(new_client, pair.coordinator.email)
    assert [r["id"] for r in (await other.get(reports)).json()] == [report]


async def test_the_list_reads_the_same_few_times_for_one_report_or_many(
    db: Database, pair: Pair, new_client: Any
) -> None:
    carer = await signed_in(new_client, pair.carer.email)
    buddy = await signed_in(new_client, pair.buddy.email)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    reports = f"/api/v1/orgs/{pair.org.id}/message-reports"
    await _report_one(pair, carer, buddy, "First.")
    with statements_sent(db) as one:
        assert len((await coordinator.get(reports)).json()) == 1
    for n in range(6):
        await _report_one(pair, carer, buddy, f"More {n}.")
    with statements_sent(db) as seven:
        assert len((await coordinator.get(reports)).json()) == 7

    assert len(seven) == len(one), "a query per report"
