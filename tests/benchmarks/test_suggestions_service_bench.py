"""Suggestions end to end (HTTP, database, screening, engine, explanations, audit) for growing pools.

``test_matching_bench`` measures the engine with the buddy pool already encoded; this measures the
whole request, which also loads and screens every buddy of the organisation from the database.
"""

from __future__ import annotations

import os
import random
import time
import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import insert, update

from carerlink.accounts.models import User
from carerlink.actor import Role
from carerlink.db import Database
from carerlink.organisations.consents import CURRENT
from carerlink.organisations.models import Consent, ConsentKind, Membership, Organisation, new_pool_stamp
from carerlink.profiles.models import (
    BuddyDecision,
    BuddyProfile,
    DecisionKind,
    SafeguardingCheck,
    TrainingCourse,
    TrainingRecord,
)
from carerlink.profiles.vocabulary import CheckType, slot_index
from tests.benchmarks.figures import Figures
from tests.matching.synthetic import make_buddy
from tests.profiles.factories import make_carer, make_coordinator
from tests.support import START, ApiClient, make_org, password_hash


async def _bulk_buddies(db: Database, organisation_id: uuid.UUID, count: int) -> None:
    rng = random.Random(11)
    today = START.date()
    users, memberships, profiles, records, checks, decisions = [], [], [], [], [], []
    consents: list[dict[str, Any]] = []
    course_id = uuid.uuid4()
    for index in range(count):
        facts = make_buddy(rng, index)
        user_id, membership_id = uuid.uuid4(), uuid.uuid4()
        users.append(
            {
                "id": user_id,
                "email": f"bench-buddy-{index}@example.org",
                "display_name": facts.name,
                "time_zone": "Europe/London",
                "locale": "en-GB",
                "password_hash": password_hash(),
                "password_changed_at": START,
                "is_active": True,
                "created_at": START,
            }
        )
        memberships.append(
            {
                "id": membership_id,
                "user_id": user_id,
                "organisation_id": organisation_id,
                "role": Role.BUDDY,
                "status": "active",
                "status_changed_at": START,
                "created_at": START,
            }
        )
        profiles.append(
            {
                "id": uuid.uuid4(),
                "membership_id": membership_id,
                "user_id": user_id,
                "organisation_id": organisation_id,
                "relationships": sorted(facts.relationships),
                "needs": sorted(facts.needs),
                "mental_health_needs": sorted(facts.mental_health),
                "caring_status": "former" if facts.stage == "ended" else "current",
                "journey_stage": facts.stage,
                "years_caring": facts.years_caring,
                "languages": sorted(facts.languages),
                "postcode_district": facts.postcode_district,
                "region": facts.region,
                "contact_modes": sorted(facts.contact_modes),
                "availability": facts.availability,
                "gender": facts.gender,
                "cultures": sorted(facts.cultures),
                "faith": facts.faith,
                "about_me": "",
                "confirmed_adult": True,
                "capacity": facts.capacity,
                "places_taken": 0,
                "paused": False,
                "updated_at": START,
                "created_at": START,
            }
        )
        consents.append(
            {
                "id": uuid.uuid4(),
                "user_id": user_id,
                "organisation_id": organisation_id,
                "kind": ConsentKind.BUDDY_HEALTH_DATA,
                "version": CURRENT[ConsentKind.BUDDY_HEALTH_DATA][0],
                "given_at": START,
            }
        )
        records.append(
            {
                "id": uuid.uuid4(),
                "membership_id": membership_id,
                "course_id": course_id,
                "completed_on": today - timedelta(days=10),
                "recorded_at": START,
            }
        )
        checks.append(
            {
                "id": uuid.uuid4(),
                "membership_id": membership_id,
                "check_type": CheckType.DBS_ENHANCED,
                "reference": f"R{index}",
                "issued_on": today - timedelta(days=10),
                "recheck_due": today + timedelta(days=1000),
                "recorded_at": START,
            }
        )
        decisions.append(
            {
                "id": uuid.uuid4(),
                "membership_id": membership_id,
                "kind": DecisionKind.APPROVAL,
                "sequence": 1,
                "granted": True,
                "note": "",
                "decided_at": START,
            }
        )
    async with db.session_scope() as session:
        await session.execute(
            insert(TrainingCourse),
            [
                {
                    "id": course_id,
                    "organisation_id": organisation_id,
                    "name": "Buddy induction",
                    "description": "",
                    "required": True,
                    "created_at": START,
                }
            ],
        )
        for model, rows in [
            (User, users),
            (Membership, memberships),
            (BuddyProfile, profiles),
            (Consent, consents),
            (TrainingRecord, records),
            (SafeguardingCheck, checks),
            (BuddyDecision, decisions),
        ]:
            for start in range(0, len(rows), 2000):
                await session.execute(insert(model), rows[start : start + 2000])


async def _timed(browser: ApiClient, url: str) -> float:
    started = time.perf_counter()
    response = await browser.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.text
    assert len(response.json()["suggestions"]) == 5
    return elapsed


def _percentile(timings: list[float], fraction: float) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


@pytest.mark.parametrize("buddies", [200, 2_000, 20_000])
async def test_suggestions_through_the_api(
    db: Database, new_client: Any, buddies: int, figures: Figures
) -> None:
    """Kept pool (nothing changed since the last request) against a pool read afresh (the baseline).

    The baseline is what every request cost before pools were kept, and what the first request after
    any change to the organisation's buddies still costs.
    """
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    carer = await make_carer(
        db,
        org,
        profile={"languages": ["en"], "preferred_language": "en"},
    )
    await _bulk_buddies(db, org.id, buddies)
    browser: ApiClient = new_client()
    await browser.login(coordinator.email)
    url = f"/api/v1/orgs/{org.id}/carers/{carer.membership_id}/suggestions?limit=5"

    fresh = []
    for _ in range(10 if buddies < 20_000 else 4):
        async with db.session_scope() as session:  # a change to the pool, as any edit would make
            await session.execute(
                update(Organisation)
                .where(Organisation.id == org.id)
                .values(buddy_pool_revision=new_pool_stamp())
            )
        fresh.append(await _timed(browser, url))
    kept = [await _timed(browser, url) for _ in range(60)]

    backend = "SQLite" if db.is_sqlite else "PostgreSQL"
    one, five, _ = os.getloadavg()
    figures.record(
        f"suggestions through the API, {buddies:,} buddies, {backend}",
        f"kept pool p50 {1000 * _percentile(kept, 0.5):.1f} ms, p95 {1000 * _percentile(kept, 0.95):.1f} ms; "
        f"pool read afresh (baseline, and the first request after a change) p50 "
        f"{1000 * _percentile(fresh, 0.5):.0f} ms; {_percentile(fresh, 0.5) / _percentile(kept, 0.5):.0f}x "
        f"(load average {one:.2f} {five:.2f})",
    )
    assert slot_index  # (imported for the synthetic availability bits)
