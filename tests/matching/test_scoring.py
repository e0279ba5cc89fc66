"""One pair's rules (a one-row call of the vectorised rules) and their plain-language explanations."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from carerlink.matching.scoring import (
    NEUTRAL_SUMMARY,
    REASON_THRESHOLD,
    SHARED_FACTORS,
    BuddyFacts,
    CarerFacts,
    Context,
    Exclusion,
    Explanation,
    Factor,
    Preferences,
    Weights,
    contributions,
    describe_slots,
    exclusion,
    explain,
    factor_values,
    score,
    shared_explanation,
)
from carerlink.profiles.vocabulary import (
    MENTAL_HEALTH_PHRASE,
    NEED_PHRASE,
    ContactMode,
    Day,
    DayPart,
    Faith,
    Gender,
    JourneyStage,
    MentalHealthNeed,
    Need,
    Region,
    Relationship,
    Strength,
    slot_index,
)
from tests.matching.strategies import buddies, carers, weights

WEEKDAY_EVENINGS = sum(
    1 << slot_index(d, DayPart.EVENING) for d in (Day.MON, Day.TUE, Day.WED, Day.THU, Day.FRI)
)


def alex(**changes: object) -> CarerFacts:
    """A carer of an adult son with psychosis, who prefers Urdu and is free on weekday evenings."""
    carer = CarerFacts(
        key="alex",
        person="person-alex",
        name="Alex Turner",
        relationships=frozenset({Relationship.PARENT_OF_ADULT_CHILD}),
        needs=frozenset({Need.MENTAL_HEALTH}),
        mental_health=frozenset({MentalHealthNeed.PSYCHOSIS}),
        stage=JourneyStage.DIAGNOSIS,
        years_caring=2,
        under_18=False,
        languages=frozenset({"en", "ur"}),
        preferred_language="ur",
        interpreter_needed=False,
        postcode_district="SE5",
        region=Region.LONDON,
        contact_modes=frozenset({ContactMode.PHONE, ContactMode.IN_PERSON}),
        availability=WEEKDAY_EVENINGS | 1 << slot_index(Day.SAT, DayPart.MORNING),
    )
    return dataclasses.replace(carer, **changes)  # type: ignore[arg-type]


def priya(**changes: object) -> BuddyFacts:
    """A buddy further along with the same experience."""
    buddy = BuddyFacts(
        key="priya",
        person="person-priya",
        name="Priya Shah",
        relationships=frozenset({Relationship.PARENT_OF_ADULT_CHILD}),
        needs=frozenset({Need.MENTAL_HEALTH}),
        mental_health=frozenset({MentalHealthNeed.PSYCHOSIS, MentalHealthNeed.DEPRESSION_ANXIETY}),
        stage=JourneyStage.ESTABLISHED,
        years_caring=8,
        languages=frozenset({"en", "ur"}),
        postcode_district="SE5",
        region=Region.LONDON,
        contact_modes=frozenset({ContactMode.PHONE, ContactMode.IN_PERSON, ContactMode.VIDEO}),
        availability=WEEKDAY_EVENINGS,
        capacity=3,
        load=0,
        gender=Gender.WOMAN,
    )
    return dataclasses.replace(buddy, **changes)  # type: ignore[arg-type]


def test_a_close_match_is_explained_in_plain_words() -> None:
    explanation = explain(alex(), priya(), Weights(), reader="carer")

    texts = [p.text for p in explanation.reasons]
    assert "You both care for an adult son or daughter" in texts
    assert "You both care for someone with psychosis or schizophrenia" in texts
    assert "Priya is further along: settled into caring, and has been caring 6 years longer" in texts
    assert "You both speak Urdu" in texts
    assert "You're both free on weekday evenings" in texts
    assert explanation.compromises == ()
    assert explanation.summary.startswith(
        "You both care for an adult son or daughter with psychosis or schizophrenia; Priya is further along"
    )
    assert round(explanation.score) == 100


def test_a_compromise_on_language_is_named() -> None:
    explanation = explain(alex(), priya(languages=frozenset({"en"})), Weights())

    language = [p for p in explanation.compromises if p.factor == Factor.LANGUAGE]
    assert [p.text for p in language] == ["No shared language other than English"]
    assert "To bear in mind: no shared language other than English" in explanation.summary
    assert explanation.score < explain(alex(), priya(), Weights()).score


def test_without_health_consent_needs_are_neither_scored_nor_mentioned() -> None:
    without = alex(needs=None, mental_health=frozenset())

    explanation = explain(without, priya(), Weights())

    assert Factor.NEEDS not in factor_values(without, priya())
    words = " ".join([explanation.summary] + [p.text for p in explanation.reasons + explanation.compromises])
    assert "psychosis" not in words
    assert "mental health" not in words
    # not penalised for sharing less: the same buddy still scores in full
    assert round(explanation.score) == 100


def test_needs_differing_in_the_mental_health_sub_option_score_part() -> None:
    other = priya(mental_health=frozenset({MentalHealthNeed.EATING_DISORDER}))
    values = factor_values(alex(), other)
    assert values[Factor.NEEDS] == 0.6
    assert "though not the same one" in explain(alex(), other, Weights()).summary or any(
        "though not the same one" in p.text for p in explain(alex(), other, Weights()).reasons
    )


def test_free_times_are_summarised() -> None:
    weekend = (1 << slot_index(Day.SAT, DayPart.MORNING)) | (1 << slot_index(Day.SUN, DayPart.MORNING))
    assert describe_slots(WEEKDAY_EVENINGS) == "weekday evenings"
    assert describe_slots(weekend) == "weekend mornings"
    tue_thu = (1 << slot_index(Day.TUE, DayPart.AFTERNOON)) | (1 << slot_index(Day.THU, DayPart.AFTERNOON))
    assert (
        describe_slots(tue_thu | WEEKDAY_EVENINGS) == "Tuesday and Thursday afternoons and weekday evenings"
    )


def test_a_buddy_going_through_a_crisis_now_is_not_further_along() -> None:
    in_crisis = priya(stage=JourneyStage.CRISIS)
    for stage in JourneyStage:
        assert factor_values(alex(stage=stage), in_crisis)[Factor.JOURNEY] == 0.0
    assert factor_values(alex(), priya())[Factor.JOURNEY] == 1.0  # established, for a carer at diagnosis
    texts = [p.text for p in explain(alex(), in_crisis, Weights()).compromises]
    assert "Priya is not further along just now" in texts


def test_load_spreads_work_and_is_explained() -> None:
    busy = priya(load=2)
    assert factor_values(alex(), busy)[Factor.LOAD] < factor_values(alex(), priya())[Factor.LOAD]
    assert any(
        p.text == "Priya already supports 2 carers (3 places)"
        for p in explain(alex(), busy, Weights()).compromises
    )


def test_hard_rules() -> None:
    context = Context()
    assert exclusion(alex(), priya(), context) is None
    assert exclusion(alex(), priya(person="person-alex"), context) == Exclusion.SAME_PERSON
    assert exclusion(alex(), priya(matchable=False), context) == Exclusion.BUDDY_NOT_MATCHABLE
    assert exclusion(alex(), priya(load=3), context) == Exclusion.BUDDY_FULL
    assert exclusion(alex(), priya(languages=frozenset({"pl"})), context) == Exclusion.NO_SHARED_LANGUAGE
    assert exclusion(alex(interpreter_needed=True), priya(languages=frozenset({"pl"})), context) is None
    must_man = Preferences(genders=frozenset({Gender.MAN}), gender=Strength.MUST)
    assert exclusion(alex(preferences=must_man), priya(), context) == Exclusion.GENDER_MUST
    assert exclusion(alex(preferences=must_man), priya(gender=None), context) == Exclusion.GENDER_MUST
    must_faith = Preferences(shared_background=Strength.MUST)
    assert exclusion(alex(preferences=must_faith), priya(), context) == Exclusion.BACKGROUND_MUST
    assert (
        exclusion(alex(preferences=must_faith, faith=Faith.MUSLIM), priya(faith=Faith.MUSLIM), context)
        is None
    )
    assert (
        exclusion(alex(preferences=must_faith, faith=Faith.OTHER), priya(faith=Faith.OTHER), context)
        == Exclusion.BACKGROUND_MUST
    )
    must_urdu = Preferences(same_language=Strength.MUST)
    assert (
        exclusion(alex(preferences=must_urdu), priya(languages=frozenset({"en"})), context)
        == Exclusion.LANGUAGE_MUST
    )
    young = alex(under_18=True)
    assert exclusion(young, priya(young_carers_cleared=True), context) == Exclusion.AGE_PATHWAY
    assert exclusion(young, priya(), Context(young_carers_programme=True)) == Exclusion.AGE_PATHWAY
    assert exclusion(young, priya(young_carers_cleared=True), Context(young_carers_programme=True)) is None
    declined = Context(declined=frozenset({("alex", "priya")}))
    assert exclusion(alex(), priya(), declined) == Exclusion.DECLINED_BEFORE
    # a match that ended as not a good fit, or for safeguarding (issue 10 §3)
    ended_apart = Context(ended_apart=frozenset({("alex", "priya")}))
    assert exclusion(alex(), priya(), ended_apart) == Exclusion.ENDED_APART
    assert exclusion(alex(), priya(), Context(ended_apart=frozenset({("sam", "priya")}))) is None


@settings(max_examples=300, deadline=None)
@given(carer=carers(), buddy=buddies(), weighting=weights, slot=st.integers(0, 4))
def test_explanation_agrees_with_the_factors_that_scored(
    carer: CarerFacts, buddy: BuddyFacts, weighting: Weights, slot: int
) -> None:
    explanation = explain(carer, buddy, weighting, slot=slot)
    values = factor_values(carer, buddy, slot=slot)
    points = contributions(values, weighting)

    weighted = {f for f in values if weighting.of(f) > 0}
    assert {p.factor for p in explanation.reasons} == {f for f in weighted if values[f] >= REASON_THRESHOLD}
    assert {p.factor for p in explanation.compromises} == {
        f for f in weighted if values[f] < REASON_THRESHOLD
    }
    for point in explanation.reasons + explanation.compromises:
        assert point.value == values[point.factor]
        assert abs(point.contribution - points[point.factor]) < 1e-9
    ordered = [p.contribution for p in explanation.reasons]
    assert ordered == sorted(ordered, reverse=True)
    assert abs(explanation.score - sum(points.values())) < 1e-9
    assert abs(explanation.score - score(carer, buddy, weighting, slot=slot)) < 1e-9
    assert explanation.summary.endswith(".")


@settings(max_examples=300, deadline=None)
@given(carer=carers(), buddy=buddies(), weighting=weights)
def test_scores_are_between_0_and_100_while_the_buddy_has_room(
    carer: CarerFacts, buddy: BuddyFacts, weighting: Weights
) -> None:
    for slot in range(buddy.free_places):
        assert -1e-9 <= score(carer, buddy, weighting, slot=slot) <= 100 + 1e-9


@settings(max_examples=300, deadline=None)
@given(carer=carers(), buddy=buddies(), weighting=weights)
def test_needs_without_consent_never_reach_an_explanation(
    carer: CarerFacts, buddy: BuddyFacts, weighting: Weights
) -> None:
    hidden = dataclasses.replace(carer, needs=None)
    explanation = explain(hidden, buddy, weighting)
    text = " ".join([explanation.summary] + [p.text for p in explanation.reasons + explanation.compromises])
    assert Factor.NEEDS not in {p.factor for p in explanation.reasons + explanation.compromises}
    for phrase in [*NEED_PHRASE.values(), *MENTAL_HEALTH_PHRASE.values(), "same needs"]:
        assert phrase not in text


@settings(max_examples=300, deadline=None)
@given(carer=carers(), buddy=buddies(), programme=st.booleans())
def test_hard_rules_hold_whenever_a_pair_is_allowed(
    carer: CarerFacts, buddy: BuddyFacts, programme: bool
) -> None:
    if exclusion(carer, buddy, Context(young_carers_programme=programme)) is not None:
        return
    prefs = carer.preferences
    assert buddy.matchable
    assert buddy.free_places > 0
    assert carer.person != buddy.person
    assert carer.interpreter_needed or carer.languages & buddy.languages
    if prefs.gender == Strength.MUST:
        assert buddy.gender in prefs.genders
    if prefs.same_language == Strength.MUST:
        assert carer.preferred_language in buddy.languages
    if carer.under_18:
        assert programme
        assert buddy.young_carers_cleared


# Words that must never reach the carer or the buddy: the buddy's load, the carer's wishes, faith and
# culture, gender, where they live, and any compromise.
NEVER_SHARED = (
    "supports",
    "places",
    "would like",
    "would have liked",
    "woman",
    "faith",
    "cultural",
    "live close",
    "same part of the country",
    "region",
    "To bear in mind",
    "No shared",
    "doesn't",
    "hasn't",
)


def _everything(carer: CarerFacts, buddy: BuddyFacts) -> str:
    shared = shared_explanation(
        explain(carer, buddy, Weights(), reader="carer"), needs_shared=carer.needs is not None
    )
    return " ".join([shared.summary, *(p.text for p in shared.reasons)])


def test_the_carer_and_the_buddy_see_only_what_they_have_in_common() -> None:
    wishful = alex(
        faith=Faith.MUSLIM,
        preferences=Preferences(
            genders=frozenset({Gender.MAN}), gender=Strength.NICE, shared_background=Strength.NICE
        ),
    )
    busy = priya(load=2, faith=Faith.MUSLIM, languages=frozenset({"en"}))
    full = explain(wishful, busy, Weights())
    # The coordinator's explanation names all of it ...
    coordinator_words = " ".join([full.summary, *(p.text for p in full.reasons + full.compromises)])
    assert "Priya already supports 2 carers (3 places)" in coordinator_words
    assert "Priya is not a man, as Alex would have liked" in coordinator_words
    assert "Alex and Priya share a cultural or faith background" in coordinator_words
    assert "Alex and Priya live close to each other" in coordinator_words
    assert "No shared language other than English" in coordinator_words

    shared = shared_explanation(explain(wishful, busy, Weights(), reader="carer"), needs_shared=True)

    assert [p.text for p in shared.reasons] == [
        "You both care for an adult son or daughter",
        "You both care for someone with psychosis or schizophrenia",
        "Priya is further along: settled into caring, and has been caring 6 years longer",
        "You're both free on weekday evenings",
        "You're both happy with phone calls and meeting in person",
    ]
    assert shared.summary == "; ".join(p.text for p in shared.reasons[:4]) + "."
    for words in NEVER_SHARED:
        assert words not in _everything(wishful, busy), words


def test_each_reader_reads_the_explanation_in_their_own_voice() -> None:
    """Issue 11: coordinators read both names, the buddy "You're further along", the carer Priya's name."""
    coordinator = explain(alex(), priya(), Weights())
    carer = explain(alex(), priya(), Weights(), reader="carer")
    buddy = explain(alex(), priya(), Weights(), reader="buddy")

    def texts(explanation: Explanation) -> list[str]:
        return [p.text for p in explanation.reasons]

    assert "Alex and Priya both care for an adult son or daughter" in texts(coordinator)
    assert "Priya is further along: settled into caring, and has been caring 6 years longer" in texts(
        coordinator
    )
    assert "Alex and Priya are both free on weekday evenings" in texts(coordinator)
    assert coordinator.summary.startswith(
        "Alex and Priya both care for an adult son or daughter with psychosis or schizophrenia; Priya is"
    )
    assert not any(text.startswith("You") for text in texts(coordinator))
    assert "Priya is further along: settled into caring, and has been caring 6 years longer" in texts(carer)
    assert "You're further along: settled into caring, and have been caring 6 years longer" in texts(buddy)
    assert "You both speak Urdu" in texts(buddy)
    shared_with_buddy = shared_explanation(buddy, needs_shared=True)
    assert not any("Priya" in p.text for p in shared_with_buddy.reasons)
    assert "Priya" not in shared_with_buddy.summary
    # The same score and the same points, only the words change.
    assert coordinator.score == carer.score == buddy.score
    assert [p.factor for p in coordinator.reasons] == [p.factor for p in buddy.reasons]


def test_needs_are_shared_only_with_the_carers_consent() -> None:
    full = explain(alex(), priya(), Weights())

    shared = shared_explanation(full, needs_shared=False)

    assert Factor.NEEDS not in {p.factor for p in shared.reasons}
    assert "psychosis" not in shared.summary


def test_with_nothing_safe_in_common_the_summary_is_neutral() -> None:
    apart = priya(
        relationships=frozenset({Relationship.SIBLING}),
        needs=frozenset({Need.DEMENTIA}),
        mental_health=frozenset(),
        stage=JourneyStage.NOTICING,
        languages=frozenset({"en"}),
        availability=0,
        contact_modes=frozenset({ContactMode.VIDEO}),
        gender=Gender.MAN,
    )
    full = explain(alex(), apart, Weights())
    assert [p.factor for p in full.reasons] == [Factor.LOAD]  # the buddy's room: for coordinators only

    shared = shared_explanation(full, needs_shared=True)

    assert shared.reasons == ()
    assert shared.summary == NEUTRAL_SUMMARY


@settings(max_examples=300, deadline=None)
@given(carer=carers(), buddy=buddies(), weighting=weights, slot=st.integers(0, 4))
def test_only_allowed_reasons_are_ever_shared(
    carer: CarerFacts, buddy: BuddyFacts, weighting: Weights, slot: int
) -> None:
    full = explain(carer, buddy, weighting, slot=slot)

    shared = shared_explanation(full, needs_shared=carer.needs is not None)

    assert {p.factor for p in shared.reasons} <= SHARED_FACTORS
    assert set(shared.reasons) <= set(full.reasons)
    assert all(p.value >= REASON_THRESHOLD for p in shared.reasons)
    assert shared.summary.endswith(".")
