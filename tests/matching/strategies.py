"""Hypothesis strategies for carers, buddies and weights (small vocabularies, so pairs often share things)."""

from __future__ import annotations

from hypothesis import strategies as st

from carerlink.matching.scoring import BuddyFacts, CarerFacts, Context, Factor, Preferences, Weights
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

LANGUAGES = ["en", "ur", "pl", "cy"]
DISTRICTS = ["SE1", "SE5", "SW9", "CR0", "M1"]


def _subset(values: list, min_size: int = 0, max_size: int = 3) -> st.SearchStrategy:  # type: ignore[type-arg]
    return st.frozensets(st.sampled_from(values), min_size=min_size, max_size=max_size)


strengths = st.one_of(st.none(), st.sampled_from(list(Strength)))
availability = st.integers(min_value=0, max_value=(1 << 21) - 1)


@st.composite
def carers(draw: st.DrawFn, index: int | None = None) -> CarerFacts:
    """A carer; ``index`` fixes the key (else drawn)."""
    languages = draw(_subset(LANGUAGES, 1, 2))
    gender = draw(strengths)
    key = index if index is not None else draw(st.integers(0, 10_000))
    return CarerFacts(
        key=("carer", key),
        person=("person", draw(st.integers(0, 3)) if draw(st.booleans()) else ("carer", key)),
        name=draw(st.sampled_from(["Alex Turner", "Fatima Begum", "Sam"])),
        relationships=draw(_subset(list(Relationship), 1, 2)),
        needs=draw(st.one_of(st.none(), _subset(list(Need), 0, 3))),
        mental_health=draw(_subset(list(MentalHealthNeed), 0, 2)),
        stage=draw(st.sampled_from(list(JourneyStage))),
        years_caring=draw(st.integers(0, 30)),
        under_18=draw(st.booleans()),
        languages=languages,
        preferred_language=draw(st.sampled_from(sorted(languages))),
        interpreter_needed=draw(st.booleans()),
        postcode_district=draw(st.one_of(st.none(), st.sampled_from(DISTRICTS))),
        region=draw(st.one_of(st.none(), st.sampled_from([Region.LONDON, Region.NORTH_WEST]))),
        contact_modes=draw(_subset(list(ContactMode), 0, 4)),
        availability=draw(availability),
        cultures=draw(_subset([Culture.ASIAN_PAKISTANI, Culture.WHITE_BRITISH, Culture.WHITE_OTHER], 0, 2)),
        faith=draw(st.one_of(st.none(), st.sampled_from([Faith.MUSLIM, Faith.CHRISTIAN, Faith.OTHER]))),
        preferences=Preferences(
            genders=draw(_subset(list(Gender), 1, 2)) if gender else frozenset(),
            gender=gender,
            shared_background=draw(strengths),
            same_language=draw(strengths),
        ),
    )


@st.composite
def buddies(draw: st.DrawFn, index: int | None = None, max_capacity: int = 5) -> BuddyFacts:
    """A buddy; ``index`` fixes the key (else drawn)."""
    capacity = draw(st.integers(1, max_capacity))
    key = index if index is not None else draw(st.integers(0, 10_000))
    return BuddyFacts(
        key=("buddy", key),
        person=("person", draw(st.integers(0, 3))) if draw(st.booleans()) else ("buddy", key),
        name=draw(st.sampled_from(["Priya Shah", "Tom Okafor", "Helen"])),
        relationships=draw(_subset(list(Relationship), 1, 2)),
        needs=draw(_subset(list(Need), 0, 3)),
        mental_health=draw(_subset(list(MentalHealthNeed), 0, 2)),
        stage=draw(st.sampled_from(list(JourneyStage))),
        years_caring=draw(st.integers(0, 30)),
        languages=draw(_subset(LANGUAGES, 1, 2)),
        postcode_district=draw(st.one_of(st.none(), st.sampled_from(DISTRICTS))),
        region=draw(st.one_of(st.none(), st.sampled_from([Region.LONDON, Region.NORTH_WEST]))),
        contact_modes=draw(_subset(list(ContactMode), 0, 4)),
        availability=draw(availability),
        capacity=capacity,
        load=draw(st.integers(0, capacity)),
        matchable=draw(st.booleans()),
        young_carers_cleared=draw(st.booleans()),
        gender=draw(st.one_of(st.none(), st.sampled_from(list(Gender)))),
        cultures=draw(_subset([Culture.ASIAN_PAKISTANI, Culture.WHITE_BRITISH, Culture.WHITE_OTHER], 0, 2)),
        faith=draw(st.one_of(st.none(), st.sampled_from([Faith.MUSLIM, Faith.CHRISTIAN, Faith.OTHER]))),
    )


weights = st.builds(
    Weights,
    **{name: st.integers(0, 10) for name in Weights.names()},
).filter(lambda w: sum(w.of(f) for f in Factor) > 0)


@st.composite
def populations(
    draw: st.DrawFn, max_carers: int = 8, max_buddies: int = 4, max_capacity: int = 3
) -> tuple[list[CarerFacts], list[BuddyFacts], Context]:
    """Carers, buddies (distinct keys) and a context with some declined pairs and some ended apart."""
    n = draw(st.integers(1, max_carers))
    m = draw(st.integers(1, max_buddies))
    carer_list = [draw(carers(index=i)) for i in range(n)]
    buddy_list = [draw(buddies(index=j, max_capacity=max_capacity)) for j in range(m)]
    pairs = st.frozensets(
        st.tuples(st.sampled_from([c.key for c in carer_list]), st.sampled_from([b.key for b in buddy_list])),
        max_size=3,
    )
    declined, ended_apart = draw(pairs), draw(pairs)
    return (
        carer_list,
        buddy_list,
        Context(young_carers_programme=draw(st.booleans()), declined=declined, ended_apart=ended_apart),
    )
