"""Proposing one pair through the API, in organisations of 200 and 2,000 buddies (issue 12).

Proposing checks every rule for its one pair and screens only that pair's buddy, so its time should
not grow with the pool: compare the two sizes' figures, printed in the same run. Each proposal is
withdrawn before the next, so the same carer can be proposed again. The baseline printed beside each
is what every proposal used to pay on top: screening the organisation's whole buddy pool. Timings
are printed, not asserted (the machine is shared).
"""

from __future__ import annotations

import os
import statistics
import time
from typing import Any

import pytest

from carerlink.actor import Actor
from carerlink.db import Database
from carerlink.matching.service import facts
from carerlink.organisations.scope import open_scope
from tests.benchmarks.figures import Figures
from tests.benchmarks.test_suggestions_service_bench import _bulk_buddies
from tests.profiles.factories import make_carer, make_coordinator
from tests.support import START, ApiClient, make_org

POOLS = (200, 2_000)
PROPOSALS = 12


async def _propose_times(db: Database, new_client: Any, buddies: int) -> tuple[list[float], float]:
    """Proposal times, and the time screening the whole pool takes (what proposing used to add)."""
    org = await make_org(db)
    coordinator = await make_coordinator(db, org)
    carer = await make_carer(db, org, profile={"languages": ["en"], "preferred_language": "en"})
    await _bulk_buddies(db, org.id, buddies)
    browser: ApiClient = new_client()
    await browser.login(coordinator.email)
    found = await browser.get(f"/api/v1/orgs/{org.id}/carers/{carer.membership_id}/suggestions?limit=5")
    candidates = [s["buddy"]["membership_id"] for s in found.json()["suggestions"]]
    assert len(candidates) == 5
    timings = []
    for index in range(PROPOSALS):
        body = {"carer_membership_id": str(carer.membership_id), "buddy_membership_id": candidates[index % 5]}
        started = time.perf_counter()
        response = await browser.post(f"/api/v1/orgs/{org.id}/matches", json=body)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 201, response.text
        withdrawn = await browser.post(
            f"/api/v1/orgs/{org.id}/matches/{response.json()['id']}/withdraw", json={"reason": ""}
        )
        assert withdrawn.status_code == 200, withdrawn.text
    async with db.session_scope() as session:
        scope = await open_scope(session, actor=Actor.system(), now=START, organisation_id=org.id)
        started = time.perf_counter()
        screened = await facts.buddy_pool(scope)
        whole_pool = time.perf_counter() - started
        assert len(screened) == buddies
    return timings, whole_pool


@pytest.mark.parametrize("buddies", POOLS)
async def test_proposing_one_pair_does_not_grow_with_the_pool(
    db: Database, new_client: Any, buddies: int, figures: Figures
) -> None:
    timings, whole_pool = await _propose_times(db, new_client, buddies)
    backend = "SQLite" if db.is_sqlite else "PostgreSQL"
    one, five, _ = os.getloadavg()
    figures.record(
        f"proposing one pair through the API, {buddies:,} buddies, {backend}",
        f"median {1000 * statistics.median(timings):.0f} ms, best {1000 * min(timings):.0f} ms over "
        f"{len(timings)} | baseline, screening the whole pool (what each proposal paid before): "
        f"{1000 * whole_pool:.0f} ms (load average {one:.2f} {five:.2f})",
    )
