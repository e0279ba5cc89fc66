"""Shared by the outcomes tests: a live pair whose centre asks carerlink's own questions, and the tick."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.outcomes import service
from tests.checkins.factories import Pair, make_pair
from tests.support import ApiClient, signed_in


@dataclass
class Asked:
    """A pair, the people signed in, and the organisation's API base."""

    pair: Pair
    coordinator: ApiClient
    carer: ApiClient
    buddy: ApiClient

    @property
    def base(self) -> str:
        """``/api/v1/orgs/{org}``."""
        return f"/api/v1/orgs/{self.pair.org.id}"


async def tick(db: Database, clock: FrozenClock) -> int:
    """Run the outcomes tick once at the clock's time."""
    async with db.session_scope() as session:
        return await service.open_due_asks(session, now=clock.now())


async def asking_pair(db: Database, new_client: Any, *, carer_name: str = "Alex Turner") -> Asked:
    """A live pair whose coordinator chose the built-in questions when the match went live."""
    pair = await make_pair(db, carer_name=carer_name)
    asked = Asked(
        pair,
        await signed_in(new_client, pair.coordinator.email),
        await signed_in(new_client, pair.carer.email),
        await signed_in(new_client, pair.buddy.email),
    )
    measures = (await asked.coordinator.get(f"{asked.base}/outcome-measures")).json()
    [built_in] = [m for m in measures["measures"] if m["built_in"]]
    chosen = await asked.coordinator.put(
        f"{asked.base}/outcome-measures/in-use", json={"measure_id": built_in["id"]}
    )
    assert chosen.status_code == 200, chosen.text
    return asked


def all_answers(ask: dict[str, Any], score: int) -> dict[str, int]:
    """The same score for every question of an ask."""
    return {str(q["position"]): score for q in ask["questions"]}
