"""The demo shows outcome measures (issue 16): Grace has questions open now; the tick adds nothing to
the demo's stories at start-up; the figures hold the four carers who answered twice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from carerlink import demo
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.outcomes import reporting
from tests.outcomes.support import tick
from tests.support import START


async def test_grace_is_asked_now_and_nobody_else_is_told_anything(
    db: Database, new_client: Any, clock: FrozenClock
) -> None:
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    assert await tick(db, clock) == 0  # every carer whose support began has their start ask already
    base = f"/api/v1/orgs/{organisation.slug}/me/outcome-asks"
    grace = new_client()
    await grace.login("carer9@example.org", demo.DEMO_PASSWORD)
    [ask] = (await grace.get(base)).json()
    assert ask["point"] == "start" and len(ask["questions"]) == 6
    sam = new_client()
    await sam.login("carer3@example.org", demo.DEMO_PASSWORD)
    assert (await sam.get(base)).json() == []
    morgan = new_client()
    await morgan.login("coordinator@example.org", demo.DEMO_PASSWORD)
    measures = (await morgan.get(f"/api/v1/orgs/{organisation.slug}/outcome-measures")).json()
    assert measures["measures"][0]["built_in"] and measures["measures"][0]["in_use"]

    async with db.session_scope() as session:
        [figures] = await reporting.outcome_figures(
            session,
            organisation_id=organisation.id,
            start=START - timedelta(days=120),
            end=START + timedelta(days=1),
        )
        equality = await reporting.equality_figures(
            session,
            organisation_id=organisation.id,
            start=START - timedelta(days=120),
            end=START + timedelta(days=3650),
        )
    assert figures.answered == {"start": 5, "3_months": 4, "6_months": 0}
    assert (figures.compared, figures.better, figures.same, figures.worse) == (4, 2, 1, 1)
    assert equality.consented == 5
