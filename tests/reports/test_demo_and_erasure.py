"""On the demo centre (a handful of people) small numbers are withheld; erasing someone changes no total."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from litestar import Litestar

from carerlink import demo
from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.reports import service
from carerlink.reports.period import period_of
from tests.privacy.erasure_support import rich_pair
from tests.support import START, ApiClient, signed_in


async def test_the_demo_centres_small_numbers_are_withheld(db: Database, client: ApiClient) -> None:
    async with db.session_scope() as session:
        organisation = await demo.seed(session, now=START)
    await client.login("coordinator@example.org", demo.DEMO_PASSWORD)
    body = (await client.get(f"/api/v1/orgs/{organisation.id}/reports/summary")).json()
    figures = {(s["key"], f["key"]): f for s in body["sections"] for f in s["figures"]}
    withheld = [f for f in figures.values() if f["suppressed"]]
    assert withheld, "the demo has fewer than 5 of something"
    for f in figures.values():
        if f["value"] is not None and f["unit"] == "people":
            assert f["value"] == 0 or f["value"] >= 5, f
        if f["suppressed"]:
            assert f["value"] is None and f["words"] == "fewer than 5"
    assert figures["matches", "active"]["words"] == "fewer than 5"  # Sam and Helen, and a few more
    text = (await client.get(f"/api/v1/orgs/{organisation.id}/reports/summary.csv")).text
    assert "fewer than 5" in text
    for name in ("Sam", "Helen", "Alex", "Morgan"):
        assert name not in text


async def test_erasing_a_person_leaves_the_totals_unchanged(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    rich = await rich_pair(db, new_client)
    org = rich.pair.org.id
    period = {"from": "2026-01-01", "to": (START.date()).isoformat()}
    url = f"/api/v1/orgs/{org}/reports/summary"
    before = (await rich.coordinator.get(url, params=period)).json()
    raw_before = await raw(db, org)
    assert raw_before["matches", "made"] == 1 and raw_before["checkins", "started"] == 1
    clock.advance(timedelta(days=2))  # the erasure is after the period (it ends the carer's membership)
    carer = await signed_in(new_client, rich.pair.carer.email)
    coordinator = await signed_in(new_client, rich.pair.coordinator.email)
    asked = await carer.post("/api/v1/me/erasure", json={})
    assert asked.status_code == 201, asked.text
    confirmed = await coordinator.post(f"/api/v1/orgs/{org}/erasure-requests/{asked.json()['id']}/confirm")
    assert confirmed.json()["state"] == "done", confirmed.text
    after = (await coordinator.get(url, params=period)).json()
    assert after["sections"] == before["sections"]
    assert after["charts"] == before["charts"]
    assert await raw(db, org) == raw_before  # before suppression too


async def raw(db: Database, org: uuid.UUID) -> dict[tuple[str, str], Any]:
    """The figures of the period before suppression."""
    period = period_of("2026-01-01", START.date().isoformat(), now=START, zone="Europe/London")
    async with db.session_scope() as session:
        sections, _ = await service.figures(
            session, organisation_id=org, period=period, now=START + timedelta(days=3)
        )
    return {(s.key, f.key): f.value for s in sections for f in s.figures}
