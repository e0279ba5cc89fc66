"""Scoring a block of pairs at once equals asking them one by one; suggestions are the best pairs."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
from hypothesis import given, settings

from carerlink.matching.assignment import suggest
from carerlink.matching.scoring import BuddyFacts, CarerFacts, Context, Weights, exclusion, explain, score
from carerlink.matching.vectors import CarerArrays, Scorer, pool, rules_for
from carerlink.profiles.vocabulary import ContactMode
from tests.matching.strategies import carers, populations, weights
from tests.matching.synthetic import make_buddy, make_carer


def _check_block(
    carer_list: list[CarerFacts], buddy_list: list[BuddyFacts], weighting: Weights, context: Context
) -> None:
    buddies = pool(buddy_list, extra_languages=[code for c in carer_list for code in c.languages])
    arrays = CarerArrays.build(carer_list, vocabulary=buddies.vocabulary)
    scorer = Scorer(arrays, buddies, weighting, context)
    base = scorer.base(0, len(carer_list))
    for i, carer in enumerate(carer_list):
        for j, buddy in enumerate(buddy_list):
            allowed = exclusion(carer, buddy, context) is None
            assert np.isfinite(base[i, j]) == allowed, (i, j, exclusion(carer, buddy, context))
            if allowed:
                for k in range(buddy.free_places):
                    load = 1 - (buddy.load + k) / buddy.capacity
                    vectorised = float(base[i, j]) + float(scorer.load_points[i]) * load
                    assert abs(vectorised - score(carer, buddy, weighting, slot=k)) < 1e-3


@settings(max_examples=150, deadline=None)
@given(population=populations(max_carers=6, max_buddies=5), weighting=weights)
def test_vectorised_scores_and_hard_rules_equal_the_per_pair_rules(
    population: tuple[list[CarerFacts], list[BuddyFacts], Context], weighting: Weights
) -> None:
    carer_list, buddy_list, context = population
    _check_block(carer_list, buddy_list, weighting, context)


def test_vectorised_scores_on_a_realistic_population() -> None:
    rng = random.Random(7)
    carer_list = [make_carer(rng, i, young_share=0.2) for i in range(150)]
    buddy_list = [make_buddy(rng, j) for j in range(60)]
    _check_block(carer_list, buddy_list, Weights(), Context(young_carers_programme=True))
    _check_block(carer_list, buddy_list, Weights(relationship=0, area=7, nice_to_have=5), Context())


@settings(max_examples=150, deadline=None)
@given(population=populations(max_carers=1, max_buddies=8), carer=carers(), weighting=weights)
def test_suggestions_are_the_best_allowed_buddies_best_first(
    population: tuple[list[CarerFacts], list[BuddyFacts], Context], carer: CarerFacts, weighting: Weights
) -> None:
    _, buddy_list, context = population
    found = suggest(carer, pool(buddy_list), weighting, context, limit=3)

    allowed = [b for b in buddy_list if exclusion(carer, b, context) is None]
    expected = sorted((score(carer, b, weighting) for b in allowed), reverse=True)[:3]
    assert [round(s.explanation.score, 3) for s in found] == [round(s, 3) for s in expected]
    assert all(exclusion(carer, s.buddy, context) is None for s in found)


def test_carers_grouped_by_their_answers_keep_their_own_area_score() -> None:
    # Regression (found by the assignment property test): a carer who meets in person, in the pool's
    # first district and with no region, was grouped with carers who don't meet in person.
    rng = random.Random(3)
    buddy = make_buddy(rng, 0)
    buddy = dataclasses.replace(
        buddy, postcode_district="SE1", region=None, contact_modes=frozenset(ContactMode)
    )
    base = make_carer(rng, 0)
    meets = dataclasses.replace(
        base,
        key="meets",
        person="meets",
        postcode_district="SE1",
        region=None,
        contact_modes=frozenset(ContactMode),
    )
    stays = dataclasses.replace(
        base,
        key="stays",
        person="stays",
        postcode_district=None,
        region=None,
        contact_modes=frozenset({ContactMode.PHONE}),
    )
    only_area = Weights(
        relationship=0,
        needs=0,
        journey=0,
        language=0,
        area=1,
        availability=0,
        contact_modes=0,
        nice_to_have=0,
        load=0,
    )
    _check_block([stays, meets], [buddy], only_area, Context())
    _check_block([meets, stays], [buddy], only_area, Context())


def test_one_pair_explanations_word_the_values_a_whole_batch_gives() -> None:
    # One source for each rule (issue 12): a single pair's explanation is a one-row call of the same
    # vectorised rules that score a whole pool, so its values and score are the batch's.
    rng = random.Random(11)
    carer_list = [make_carer(rng, i, young_share=0.2) for i in range(40)]
    buddy_list = [make_buddy(rng, j) for j in range(30)]
    weighting, context = Weights(nice_to_have=3, area=2), Context(young_carers_programme=True)
    buddies = pool(buddy_list, extra_languages=[code for c in carer_list for code in c.languages])
    arrays = CarerArrays.build(carer_list, vocabulary=buddies.vocabulary)
    scores = Scorer(arrays, buddies, weighting, context).base(0, len(carer_list), load=buddies.load_value())
    compared = 0
    for i, carer in enumerate(carer_list):
        batch = rules_for(arrays, [i] * len(buddy_list), buddies, range(len(buddy_list)), context)
        for j, buddy in enumerate(buddy_list):
            explanation = explain(carer, buddy, weighting)
            worded = {p.factor: p.value for p in explanation.reasons + explanation.compromises}
            assert worded == {f: v for f, v in batch[j].values.items() if weighting.of(f) > 0}
            assert batch[j].exclusion == exclusion(carer, buddy, context)
            if np.isfinite(scores[i, j]):
                assert abs(explanation.score - float(scores[i, j])) < 1e-3
                compared += 1
    assert compared > 100  # plenty of allowed pairs were compared, not only excluded ones
