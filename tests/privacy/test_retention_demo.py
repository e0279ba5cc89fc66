"""The demo shows retention and "who looked" (issue 15): the worker's first retention run removes the
referral declined seven months ago, the Retention page shows that run, and Alex sees Morgan looked."""

from __future__ import annotations

from litestar import Litestar
from sqlalchemy import select

from carerlink import demo
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.organisations.models import Referral
from carerlink.privacy.retention import jobs
from tests.support import START, ApiClient


async def test_the_first_run_of_the_demo_removes_the_old_declined_referral(
    app: Litestar, db: Database, client: ApiClient, clock: FrozenClock
) -> None:
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
        assert len(list(await session.scalars(select(Referral.id)))) == 1
    clock.set(START)
    assert await jobs.enforce(app.state.runtime) == 1
    async with db.session_scope() as session:
        assert list(await session.scalars(select(Referral.id))) == []

    await client.login("coordinator@example.org", demo.DEMO_PASSWORD)
    schedule = (await client.get(f"/api/v1/orgs/{organisation.id}/retention")).json()
    assert schedule["last_run"]["removed"]["declined_referrals"] == 1
    audit = (await client.get(f"/api/v1/orgs/{organisation.id}/audit", params={"action": "profiles."})).json()
    assert {e["subject_name"] for e in audit["entries"]} >= {"Alex Turner", "Fatima Begum"}

    await client.login("carer1@example.org", demo.DEMO_PASSWORD)
    log = (await client.get("/api/v1/me/access-log")).json()["entries"]
    assert [e["who"] for e in log[:2]] == ["Morgan, coordinator", "Morgan, coordinator"]
    assert log[0]["what"] == "looked at your profile"
