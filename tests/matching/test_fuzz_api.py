"""Whatever a client sends to the profiles and matching routes, the answer is never a 500."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carerlink.db import Database
from tests.matching.test_lifecycle_api import World
from tests.profiles.factories import BUDDY_PROFILE, CARER_PROFILE

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=3),
    max_leaves=8,
)


def mutated(valid: dict[str, Any]) -> st.SearchStrategy[Any]:
    """A valid body with one field replaced, removed or added, or any JSON value at all."""
    keys = sorted(valid)
    replaced = st.tuples(st.sampled_from(keys), json_values).map(lambda kv: {**valid, kv[0]: kv[1]})
    removed = st.sampled_from(keys).map(lambda k: {key: v for key, v in valid.items() if key != k})
    added = st.tuples(st.text(max_size=8), json_values).map(lambda kv: {**valid, kv[0]: kv[1]})
    return st.one_of(replaced, removed, added, json_values)


def samples(strategy: st.SearchStrategy[Any], count: int) -> list[Any]:
    """``count`` values drawn by Hypothesis (collected up front: the app and sign-ins are shared)."""
    drawn: list[Any] = []

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: Any) -> None:
        drawn.append(value)

    collect()
    return drawn


async def test_no_body_makes_a_500(db: Database, new_client: Any) -> None:
    world = await World(db, new_client).build()
    carer, buddy, boss = (
        await world.as_(world.carer),
        await world.as_(world.buddy),
        await world.as_(world.coordinator),
    )
    wellbeing = {"paused": True, "capacity": 2, "earlier_quiet_hours": None}
    targets = [
        (carer, "PUT", f"{world.base}/me/carer-profile", mutated(CARER_PROFILE)),
        (buddy, "PUT", f"{world.base}/me/buddy-profile", mutated(BUDDY_PROFILE)),
        (buddy, "PATCH", f"{world.base}/me/buddy-profile/wellbeing", mutated(wellbeing)),
        (carer, "PUT", f"{world.base}/me/health-data-consent", json_values),
        (boss, "POST", f"{world.base}/matches", json_values),
        (boss, "PUT", f"{world.base}/matching/weights", json_values),
        (boss, "POST", f"{world.base}/training-courses", json_values),
        (boss, "POST", f"{world.base}/buddies/{world.buddy.membership_id}/checks", json_values),
        (boss, "POST", f"{world.base}/buddies/{world.buddy.membership_id}/training", json_values),
        (boss, "PUT", f"{world.base}/buddies/{world.buddy.membership_id}/approval", json_values),
    ]
    seen: dict[int, int] = {}
    for browser, method, url, strategy in targets:
        for body in samples(strategy, 40):
            response = await browser.request(method, url, json=body)
            assert response.status_code < 500, (method, url, body, response.text)
            seen[response.status_code] = seen.get(response.status_code, 0) + 1
    assert seen.get(200)  # some bodies were fine,
    assert seen.get(422)  # most were refused, naming the field
