"""Whole-waiting-list proposals: feasible, exactly optimal (checked independently), never below greedy."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from scipy.optimize import linear_sum_assignment

from carerlink.matching import assignment
from carerlink.matching.assignment import Assignment, greedy_assignment, optimal_assignment
from carerlink.matching.scoring import BuddyFacts, CarerFacts, Context, Weights, exclusion, score
from carerlink.matching.vectors import CarerArrays, pool
from tests.matching.strategies import populations, weights
from tests.matching.synthetic import population

Population = tuple[list[CarerFacts], list[BuddyFacts], Context]


def solve(
    carer_list: list[CarerFacts], buddy_list: list[BuddyFacts], weighting: Weights, context: Context
) -> Assignment:
    buddies = pool(buddy_list, extra_languages=[code for c in carer_list for code in c.languages])
    carers = CarerArrays.build(carer_list, vocabulary=buddies.vocabulary)
    return optimal_assignment(carers, buddies, weighting, context)


def dense_optimum(
    carer_list: list[CarerFacts], buddy_list: list[BuddyFacts], weighting: Weights, context: Context
) -> float:
    """An independent exact answer: per-pair rules, every place a column, scipy's dense solver."""
    places = [(j, k) for j, b in enumerate(buddy_list) if b.matchable for k in range(b.free_places)]
    n = len(carer_list)
    forbidden = -1e6
    matrix = np.full((n, len(places) + n), forbidden)
    for i, carer in enumerate(carer_list):
        matrix[i, len(places) + i] = 0.0  # stay on the waiting list
        for column, (j, k) in enumerate(places):
            if exclusion(carer, buddy_list[j], context) is None:
                matrix[i, column] = score(carer, buddy_list[j], weighting, slot=k)
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    return float(sum(matrix[r, c] for r, c in zip(rows, cols, strict=True) if matrix[r, c] > forbidden / 2))


def brute_force_optimum(
    carer_list: list[CarerFacts], buddy_list: list[BuddyFacts], weighting: Weights, context: Context
) -> float:
    """Every way of giving each carer a buddy or none, within free places; places taken in best order."""
    best = 0.0
    options = [
        [None] + [j for j, b in enumerate(buddy_list) if exclusion(c, b, context) is None] for c in carer_list
    ]
    for choice in itertools.product(*options):
        counts = Counter(j for j in choice if j is not None)
        if any(count > buddy_list[j].free_places for j, count in counts.items()):
            continue
        total = 0.0
        for j in counts:
            group = [i for i, chosen in enumerate(choice) if chosen == j]
            total += max(
                sum(score(carer_list[i], buddy_list[j], weighting, slot=k) for k, i in enumerate(order))
                for order in itertools.permutations(group)
            )
        best = max(best, total)
    return best


def best_pair_greedy(
    carer_list: list[CarerFacts], buddy_list: list[BuddyFacts], weighting: Weights, context: Context
) -> float:
    """The other greedy: the highest-scoring remaining pair first."""
    pairs = sorted(
        (
            (score(c, b, weighting), i, j)
            for i, c in enumerate(carer_list)
            for j, b in enumerate(buddy_list)
            if exclusion(c, b, context) is None
        ),
        reverse=True,
    )
    placed: set[int] = set()
    taken: Counter[int] = Counter()
    total = 0.0
    for _, i, j in pairs:
        if i in placed or taken[j] >= buddy_list[j].free_places:
            continue
        total += score(carer_list[i], buddy_list[j], weighting, slot=taken[j])
        placed.add(i)
        taken[j] += 1
    return total


def assert_feasible(
    result: Assignment,
    carer_list: list[CarerFacts],
    buddy_list: list[BuddyFacts],
    weighting: Weights,
    context: Context,
) -> None:
    carers_placed = [p.carer for p in result.placements]
    assert len(carers_placed) == len(set(carers_placed)), "a carer was given two buddies"
    per_buddy = Counter(p.buddy for p in result.placements)
    for j, count in per_buddy.items():
        assert count <= buddy_list[j].free_places, "a buddy was given more carers than free places"
    slots = [(p.buddy, p.slot) for p in result.placements]
    assert len(slots) == len(set(slots))
    for p in result.placements:
        carer, buddy = carer_list[p.carer], buddy_list[p.buddy]
        assert exclusion(carer, buddy, context) is None, "a hard rule was broken"
        assert p.slot < buddy.free_places
        assert abs(p.score - score(carer, buddy, weighting, slot=p.slot)) < 1e-3
    assert abs(result.total - sum(p.score for p in result.placements)) < 1e-6
    assert result.stats["certified"] == 1.0


@pytest.fixture(params=["default", "tight"])
def pruning(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run each check with the normal first graph, and with one so small that the duality rounds must work."""
    if request.param == "tight":
        monkeypatch.setattr(assignment, "KEEP", 1)
        monkeypatch.setattr(assignment, "PER_PLACE", 0)
        monkeypatch.setattr(assignment, "PER_BUDDY_EXTRA", 1)
        monkeypatch.setattr(assignment, "MARGIN", 0.0)
        monkeypatch.setattr(assignment, "ROUGH_MARGIN", 0.0)
    return str(request.param)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=populations(max_carers=8, max_buddies=4, max_capacity=3), weighting=weights)
def test_proposals_are_feasible_and_exactly_optimal(
    pruning: str, case: Population, weighting: Weights
) -> None:
    carer_list, buddy_list, context = case
    result = solve(carer_list, buddy_list, weighting, context)

    assert_feasible(result, carer_list, buddy_list, weighting, context)
    assert abs(result.total - dense_optimum(carer_list, buddy_list, weighting, context)) < 1e-3
    assert result.total >= best_pair_greedy(carer_list, buddy_list, weighting, context) - 1e-3


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=populations(max_carers=5, max_buddies=3, max_capacity=2), weighting=weights)
def test_proposals_equal_a_brute_force_search(pruning: str, case: Population, weighting: Weights) -> None:
    carer_list, buddy_list, context = case
    result = solve(carer_list, buddy_list, weighting, context)
    assert abs(result.total - brute_force_optimum(carer_list, buddy_list, weighting, context)) < 1e-3


@pytest.mark.parametrize(("seed", "carers", "buddies"), [(3, 300, 60), (4, 120, 200), (5, 250, 100)])
def test_realistic_waiting_lists_are_solved_exactly_and_beat_greedy(
    pruning: str, seed: int, carers: int, buddies: int
) -> None:
    carer_list, buddy_list = population(seed, carers, buddies)
    context = Context(young_carers_programme=True)
    weighting = Weights()
    result = solve(list(carer_list), list(buddy_list), weighting, context)
    assert_feasible(result, list(carer_list), list(buddy_list), weighting, context)
    assert abs(result.total - dense_optimum(list(carer_list), list(buddy_list), weighting, context)) < 1e-2

    pool_ = pool(buddy_list, extra_languages=[code for c in carer_list for code in c.languages])
    greedy = greedy_assignment(
        CarerArrays.build(carer_list, vocabulary=pool_.vocabulary), pool_, weighting, context
    )
    assert result.total >= greedy.total - 1e-3


def test_an_empty_waiting_list_or_no_places_proposes_nothing() -> None:
    carer_list, buddy_list = population(1, 3, 2)
    assert solve([], list(buddy_list), Weights(), Context()).placements == ()
    full = [
        b.__class__(**{**{f: getattr(b, f) for f in b.__dataclass_fields__}, "load": b.capacity})
        for b in buddy_list
    ]
    assert solve(list(carer_list), full, Weights(), Context()).placements == ()
