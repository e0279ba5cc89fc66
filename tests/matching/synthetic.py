"""Realistic random carers and buddies for the engine's property tests and benchmarks (fictional)."""

from __future__ import annotations

import random
from collections.abc import Sequence

from carerlink.matching.scoring import BuddyFacts, CarerFacts, Preferences
from carerlink.profiles.vocabulary import (
    ContactMode,
    Culture,
    Faith,
    Gender,
    JourneyStage,
    MentalHealthNeed,
    Need,
    Region,
    Relationship,
    Strength,
)

DISTRICTS = [f"{area}{n}" for area in ("SE", "SW", "CR", "BR", "DA") for n in range(1, 9)]
OTHER_LANGUAGES = ["ur", "pa", "bn", "pl", "gu", "so", "ro", "ar", "ta", "tr", "pt", "yue"]
FIRST_NAMES = ["Priya", "Tom", "Helen", "Daniel", "Alex", "Fatima", "Sam", "Janet", "Kwame", "Ruth", "Leo"]

RELATIONSHIP_WEIGHTS = {
    Relationship.PARTNER: 30,
    Relationship.PARENT_OF_CHILD: 12,
    Relationship.PARENT_OF_ADULT_CHILD: 18,
    Relationship.SON_OR_DAUGHTER: 25,
    Relationship.SIBLING: 5,
    Relationship.GRANDPARENT_OR_KINSHIP: 3,
    Relationship.FRIEND_OR_NEIGHBOUR: 4,
    Relationship.OTHER: 3,
}
NEED_WEIGHTS = {
    Need.MENTAL_HEALTH: 35,
    Need.DEMENTIA: 20,
    Need.LEARNING_DISABILITY: 8,
    Need.AUTISM: 8,
    Need.PHYSICAL_DISABILITY: 10,
    Need.LONG_TERM_ILLNESS: 8,
    Need.FRAILTY: 8,
    Need.SUBSTANCE_MISUSE: 4,
    Need.TERMINAL_ILLNESS: 3,
    Need.OTHER: 2,
}


def _some(rng: random.Random, weights: dict, low: int, high: int) -> frozenset:  # type: ignore[type-arg]
    count = rng.randint(low, high)
    population, w = list(weights), list(weights.values())
    return frozenset(rng.choices(population, weights=w, k=count))


def _availability(rng: random.Random) -> int:
    mask = 0
    for _ in range(rng.randint(2, 8)):
        mask |= 1 << rng.randrange(21)
    return mask


def _languages(rng: random.Random) -> frozenset[str]:
    languages = {"en"} if rng.random() < 0.93 else set()
    if rng.random() < 0.22 or not languages:
        languages.add(rng.choice(OTHER_LANGUAGES))
    return frozenset(languages)


def _mental_health(rng: random.Random, needs: frozenset[Need]) -> frozenset[MentalHealthNeed]:
    if Need.MENTAL_HEALTH not in needs or rng.random() < 0.2:
        return frozenset()
    return frozenset(rng.sample(list(MentalHealthNeed), rng.randint(1, 2)))


def _contact(rng: random.Random) -> frozenset[ContactMode]:
    modes = [m for m in ContactMode if rng.random() < 0.55]
    return frozenset(modes or [ContactMode.PHONE])


def _strength(rng: random.Random, chance: float) -> Strength | None:
    if rng.random() >= chance:
        return None
    return Strength.MUST if rng.random() < 0.4 else Strength.NICE


def make_carer(rng: random.Random, index: int, *, young_share: float = 0.02) -> CarerFacts:
    """One fictional carer."""
    needs = _some(rng, NEED_WEIGHTS, 1, 2)
    shared = rng.random() < 0.85
    languages = _languages(rng)
    gender = _strength(rng, 0.2)
    return CarerFacts(
        key=("carer", index),
        person=("person-c", index),
        name=f"{rng.choice(FIRST_NAMES)} C{index}",
        relationships=_some(rng, RELATIONSHIP_WEIGHTS, 1, 2),
        needs=needs if shared else None,
        mental_health=_mental_health(rng, needs) if shared else frozenset(),
        stage=rng.choice(list(JourneyStage)[:5]),
        years_caring=rng.randint(0, 15),
        under_18=rng.random() < young_share,
        languages=languages,
        preferred_language=rng.choice(sorted(languages)),
        interpreter_needed=rng.random() < 0.03,
        postcode_district=rng.choice(DISTRICTS) if rng.random() < 0.8 else None,
        region=Region.LONDON if rng.random() < 0.9 else Region.SOUTH_EAST,
        contact_modes=_contact(rng),
        availability=_availability(rng) if rng.random() < 0.9 else 0,
        cultures=frozenset(rng.sample(list(Culture), 1)) if rng.random() < 0.5 else frozenset(),
        faith=rng.choice(list(Faith)) if rng.random() < 0.5 else None,
        preferences=Preferences(
            genders=frozenset(rng.sample(list(Gender), rng.randint(1, 2))) if gender else frozenset(),
            gender=gender,
            shared_background=_strength(rng, 0.08),
            same_language=_strength(rng, 0.1),
        ),
    )


def make_buddy(rng: random.Random, index: int, *, max_capacity: int = 5) -> BuddyFacts:
    """One fictional buddy."""
    needs = _some(rng, NEED_WEIGHTS, 1, 2)
    former = rng.random() < 0.3
    capacity = rng.randint(1, max_capacity)
    return BuddyFacts(
        key=("buddy", index),
        person=("person-b", index),
        name=f"{rng.choice(FIRST_NAMES)} B{index}",
        relationships=_some(rng, RELATIONSHIP_WEIGHTS, 1, 2),
        needs=needs,
        mental_health=_mental_health(rng, needs),
        stage=JourneyStage.ENDED if former else rng.choice(list(JourneyStage)[2:5]),
        years_caring=rng.randint(2, 25),
        languages=_languages(rng),
        postcode_district=rng.choice(DISTRICTS) if rng.random() < 0.85 else None,
        region=Region.LONDON if rng.random() < 0.9 else Region.SOUTH_EAST,
        contact_modes=_contact(rng),
        availability=_availability(rng),
        capacity=capacity,
        load=rng.randint(0, capacity - 1) if rng.random() < 0.3 else 0,
        matchable=rng.random() < 0.95,
        young_carers_cleared=rng.random() < 0.1,
        gender=rng.choice([*Gender, None]),
        cultures=frozenset(rng.sample(list(Culture), 1)) if rng.random() < 0.5 else frozenset(),
        faith=rng.choice(list(Faith)) if rng.random() < 0.5 else None,
    )


def population(
    seed: int, carers: int, buddies: int, *, max_capacity: int = 5
) -> tuple[Sequence[CarerFacts], Sequence[BuddyFacts]]:
    """``carers`` carers and ``buddies`` buddies from one seed."""
    rng = random.Random(seed)
    return (
        [make_carer(rng, i) for i in range(carers)],
        [make_buddy(rng, j, max_capacity=max_capacity) for j in range(buddies)],
    )
