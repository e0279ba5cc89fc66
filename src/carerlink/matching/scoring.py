"""Matching explained in words: each factor's value, as the rules in ``vectors.py`` give it, in plain words.

Pure (no database, no Litestar). The hard rules and the factors are computed once, vectorised
(``vectors.py``); one pair is a one-row call there, and ``explain`` words the values it returns, so an
explanation can never disagree with the score a batch gave the same pair. ``exclusion``,
``factor_values``, ``contributions`` and ``score`` are re-exported from there for callers of one pair.

Coordinators read the whole explanation; the carer and the buddy read only ``shared_explanation``, the
reasons safe to say to both of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from carerlink.matching.facts import (
    AVAILABILITY_FULL,
    YEARS_AHEAD,
    BuddyFacts,
    CarerFacts,
    Context,
    Exclusion,
    Factor,
    Preferences,
    Weights,
)
from carerlink.matching.vectors import PairRules, contributions, exclusion, factor_values, pair_rules, score
from carerlink.profiles.vocabulary import (
    CARED_FOR_PHRASE,
    CONTACT_PHRASE,
    DAY_NAME,
    GENDER_PHRASE,
    JOURNEY_PHRASE,
    MENTAL_HEALTH_PHRASE,
    NEED_PHRASE,
    WEEKDAYS,
    ContactMode,
    Day,
    DayPart,
    JourneyStage,
    MentalHealthNeed,
    Need,
    Relationship,
    language_name,
)

__all__ = [
    "AVAILABILITY_FULL",
    "NEUTRAL_SUMMARY",
    "REASON_THRESHOLD",
    "SHARED_FACTORS",
    "YEARS_AHEAD",
    "BuddyFacts",
    "CarerFacts",
    "Context",
    "Exclusion",
    "Explanation",
    "Factor",
    "Point",
    "Preferences",
    "Reader",
    "SharedExplanation",
    "Weights",
    "contributions",
    "describe_slots",
    "exclusion",
    "explain",
    "factor_values",
    "score",
    "shared_explanation",
]

# A factor counts as a reason from this value up; below it, as a compromise.
REASON_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class Point:
    """One reason for (or compromise in) a match, tied to the factor it explains."""

    factor: Factor
    text: str
    value: float
    contribution: float  # points of the 0-100 score this factor gave


@dataclass(frozen=True, slots=True)
class Explanation:
    """A score with its plain-language reasons (best first) and compromises."""

    score: float
    reasons: tuple[Point, ...]
    compromises: tuple[Point, ...]
    summary: str


def _first_name(name: str) -> str:
    return name.split()[0] if name.strip() else name


# --- explanations ---------------------------------------------------------------------------------


# Who reads an explanation (issue 11): a coordinator reads about two other people ("Sam and Priya
# both…", "Priya is further along"); the carer reads "You both…" and the buddy's name; the buddy reads
# "You both…" and "You're further along".
Reader = Literal["coordinator", "carer", "buddy"]


@dataclass(frozen=True, slots=True)
class _Voice:
    """The words for the pair and for the buddy, as the reader says them."""

    pair: str  # "You" or "Sam and Priya"
    buddy: str  # "Priya" or "You"
    buddy_is: str  # "Priya is" or "You're"
    buddy_has: str  # "Priya has" or "You have"
    buddy_does: str  # "Priya doesn't" or "You don't"

    @property
    def both(self) -> str:
        """The pair doing something together: You both, or Sam and Priya both."""
        return f"{self.pair} both"

    @property
    def are_both(self) -> str:
        """The pair being something together: You're both, or Sam and Priya are both."""
        return "You're both" if self.pair == "You" else f"{self.pair} are both"


def _voice(carer: CarerFacts, buddy: BuddyFacts, reader: Reader) -> _Voice:
    name = _first_name(buddy.name)
    pair = "You" if reader != "coordinator" else f"{_first_name(carer.name)} and {name}"
    if reader == "buddy":
        return _Voice(pair, "You", "You're", "You have", "You don't")
    return _Voice(pair, name, f"{name} is", f"{name} has", f"{name} doesn't")


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def describe_slots(mask: int) -> str:
    """Free times in words: "weekday evenings and Saturday mornings"."""
    phrases: list[str] = []
    for part_index, part in enumerate(DayPart):
        days = [day for day_index, day in enumerate(Day) if mask >> (day_index * 3 + part_index) & 1]
        if not days:
            continue
        plural = f"{part.value}s"
        weekdays = [d for d in days if d in WEEKDAYS]
        weekend = [d for d in days if d not in WEEKDAYS]
        if len(days) == len(Day):
            phrases.append(f"every {part.value}")
        elif len(weekdays) == len(WEEKDAYS):
            extra = f" and {_join([DAY_NAME[d] for d in weekend])} {plural}" if weekend else ""
            phrases.append(f"weekday {plural}{extra}")
        elif weekend == [Day.SAT, Day.SUN] and not weekdays:
            phrases.append(f"weekend {plural}")
        else:
            phrases.append(f"{_join([DAY_NAME[d] for d in days])} {plural}")
    return _join(phrases)


def _relationship_text(carer: CarerFacts, buddy: BuddyFacts, value: float, voice: _Voice) -> str:
    if value >= 1.0:
        shared = sorted((carer.relationships & buddy.relationships) - {Relationship.OTHER})
        return f"{voice.both} care for {_join([CARED_FOR_PHRASE[r] for r in shared])}"
    if value > 0:
        are = "You are" if voice.pair == "You" else f"{voice.pair} are"
        return f"{are} both parents caring for a son or daughter"
    return f"{voice.pair} don't care for the same kind of relative or friend"


def _needs_text(carer: CarerFacts, buddy: BuddyFacts, value: float, voice: _Voice) -> str:
    shared = ((carer.needs or frozenset()) & buddy.needs) - {Need.OTHER}
    phrases = [NEED_PHRASE[n] for n in sorted(shared - {Need.MENTAL_HEALTH})]
    mental = sorted((carer.mental_health & buddy.mental_health) - {MentalHealthNeed.OTHER})
    if Need.MENTAL_HEALTH in shared:
        phrases += [MENTAL_HEALTH_PHRASE[m] for m in mental]
    if value >= 1.0:
        return f"{voice.both} care for someone with {_join(phrases[:3])}"
    if value >= 0.8:
        return f"{voice.both} care for someone with a mental health condition"
    if value > 0:
        return f"{voice.both} care for someone with a mental health condition, though not the same one"
    hasnt = "You haven't" if voice.buddy == "You" else f"{voice.buddy} hasn't"
    return f"{hasnt} cared for someone with the same needs"


def _journey_text(carer: CarerFacts, buddy: BuddyFacts, value: float, voice: _Voice) -> str:
    longer = buddy.years_caring - carer.years_caring
    years = f"{longer} year{'s' if longer != 1 else ''} longer"
    has = "have" if voice.buddy == "You" else "has"
    if value >= 1.0:
        text = f"{voice.buddy_is} further along: {JOURNEY_PHRASE[buddy.stage]}"
        return f"{text}, and {has} been caring {years}" if longer >= YEARS_AHEAD else text
    if value > 0:
        return f"{voice.buddy_has} been caring {years}"
    if buddy.stage == JourneyStage.CRISIS:
        return f"{voice.buddy_is} not further along just now"
    return f"{voice.buddy_is} at a similar or earlier stage of caring"


def _language_text(carer: CarerFacts, buddy: BuddyFacts, value: float, voice: _Voice) -> str:
    if value >= 1.0:
        return f"{voice.both} speak {language_name(carer.preferred_language)}"
    shared = sorted(carer.languages & buddy.languages)
    if shared:
        return f"No shared language other than {_join([language_name(c) for c in shared])}"
    return "No shared language: an interpreter will be needed"


def _area_text(carer: CarerFacts, buddy: BuddyFacts, value: float, voice: _Voice) -> str:
    if value >= 1.0:
        return f"{voice.pair} live close to each other"
    if value >= 0.6:
        return f"{voice.pair} live in the same part of the country, near enough to meet"
    if value > 0:
        return f"{voice.pair} live in the same region, but not close by for meeting in person"
    if ContactMode.IN_PERSON not in buddy.contact_modes:
        return f"{voice.buddy_does} meet in person"
    return f"{voice.pair} live too far apart to meet in person easily"


def _availability_text(carer: CarerFacts, buddy: BuddyFacts, value: float, voice: _Voice) -> str:
    shared = carer.availability & buddy.availability
    if value >= REASON_THRESHOLD:
        return f"{voice.are_both} free on {describe_slots(shared)}"
    if shared:
        return f"Only one free time in common: {describe_slots(shared)}"
    return "No free times in common"


def _contact_text(carer: CarerFacts, buddy: BuddyFacts, value: float, voice: _Voice) -> str:
    shared = [m for m in ContactMode if m in carer.contact_modes & buddy.contact_modes]
    if shared:
        return f"{voice.are_both} happy with {_join([CONTACT_PHRASE[m] for m in shared])}"
    return "No way of keeping in touch in common"


def _nice_text(
    carer: CarerFacts, buddy: BuddyFacts, met: dict[str, bool], value: float, voice: _Voice
) -> str:
    name, carer_name = _first_name(buddy.name), _first_name(carer.name)
    genders = _join([GENDER_PHRASE[g] for g in sorted(carer.preferences.genders)]) or "a particular gender"
    words = {
        ("gender", True): f"{name} is {genders}, as {carer_name} would like",
        ("gender", False): f"{name} is not {genders}, as {carer_name} would have liked",
        ("background", True): f"{voice.pair} share a cultural or faith background",
        ("background", False): f"{voice.pair} don't share a cultural or faith background",
        ("language", True): f"{name} speaks {language_name(carer.preferred_language)}",
        ("language", False): f"{name} doesn't speak {language_name(carer.preferred_language)}",
    }
    good = [words[(w, True)] for w, ok in met.items() if ok]
    bad = [words[(w, False)] for w, ok in met.items() if not ok]
    if value >= REASON_THRESHOLD:
        return "; but ".join(filter(None, ["; ".join(good), "; ".join(bad)]))
    return "; but ".join(filter(None, ["; ".join(bad), "; ".join(good)]))


def _load_text(buddy: BuddyFacts, slot: int, value: float) -> str:
    name = _first_name(buddy.name)
    taken = buddy.load + slot
    if value >= REASON_THRESHOLD:
        return f"{name} has room ({taken} of {buddy.capacity} places taken)"
    return f"{name} already supports {taken} carer{'s' if taken != 1 else ''} ({buddy.capacity} places)"


def explain(
    carer: CarerFacts,
    buddy: BuddyFacts,
    weights: Weights,
    *,
    slot: int = 0,
    reader: Reader = "coordinator",
    rules: PairRules | None = None,
) -> Explanation:
    """The score of a pair with every weighted factor that applies, as a reason or a compromise.

    Worded for ``reader`` (issue 11): a coordinator reads the two people's names. ``rules`` are the
    pair's values when the caller already has them from a batch (else a one-row call gives them).
    """
    rules = rules if rules is not None else pair_rules(carer, buddy, slot=slot)
    values = rules.values
    points = contributions(values, weights)
    voice = _voice(carer, buddy, reader)
    texts = {
        Factor.RELATIONSHIP: lambda v: _relationship_text(carer, buddy, v, voice),
        Factor.NEEDS: lambda v: _needs_text(carer, buddy, v, voice),
        Factor.JOURNEY: lambda v: _journey_text(carer, buddy, v, voice),
        Factor.LANGUAGE: lambda v: _language_text(carer, buddy, v, voice),
        Factor.AREA: lambda v: _area_text(carer, buddy, v, voice),
        Factor.AVAILABILITY: lambda v: _availability_text(carer, buddy, v, voice),
        Factor.CONTACT_MODES: lambda v: _contact_text(carer, buddy, v, voice),
        Factor.NICE_TO_HAVE: lambda v: _nice_text(carer, buddy, rules.wishes_met, v, voice),
        Factor.LOAD: lambda v: _load_text(buddy, slot, v),
    }
    reasons: list[Point] = []
    compromises: list[Point] = []
    for factor, value in values.items():
        if weights.of(factor) == 0:
            continue
        point = Point(factor=factor, text=texts[factor](value), value=value, contribution=points[factor])
        (reasons if value >= REASON_THRESHOLD else compromises).append(point)
    reasons.sort(key=lambda p: -p.contribution)
    compromises.sort(key=lambda p: p.value)
    return Explanation(
        score=sum(points.values()),
        reasons=tuple(reasons),
        compromises=tuple(compromises),
        summary=_summary(carer, buddy, reasons, compromises, voice),
    )


# --- what the carer and the buddy may see ---------------------------------------------------------

# The reasons safe to say to both people of a pair: what they have in common, in words either may read.
# An allow-list, so a factor added later stays with coordinators until someone decides otherwise. Left
# out on purpose: the buddy's load (their capacity is their own business), the carer's wishes met or
# not (gender, culture, faith, language are the carer's to tell), the area (where someone lives), and
# every compromise.
SHARED_FACTORS = frozenset(
    {
        Factor.RELATIONSHIP,
        Factor.NEEDS,
        Factor.JOURNEY,
        Factor.LANGUAGE,
        Factor.AVAILABILITY,
        Factor.CONTACT_MODES,
    }
)
NEUTRAL_SUMMARY = "Your coordinator thinks you'll get on."


@dataclass(frozen=True, slots=True)
class SharedExplanation:
    """The part of an explanation the carer and the buddy may both read: no score, no compromises."""

    reasons: tuple[Point, ...]
    summary: str


def shared_explanation(explanation: Explanation, *, needs_shared: bool) -> SharedExplanation:
    """The reasons of ``explanation`` safe to show to both people of the pair, with a summary of them.

    ``needs_shared`` is whether the carer has consented to share the cared-for person's needs; without
    it, a needs reason is dropped even if one was computed.
    """
    allowed = SHARED_FACTORS if needs_shared else SHARED_FACTORS - {Factor.NEEDS}
    reasons = tuple(p for p in explanation.reasons if p.factor in allowed and p.value >= REASON_THRESHOLD)
    summary = "; ".join(p.text for p in reasons[:4]) + "." if reasons else NEUTRAL_SUMMARY
    return SharedExplanation(reasons=reasons, summary=summary)


def _summary(
    carer: CarerFacts, buddy: BuddyFacts, reasons: list[Point], compromises: list[Point], voice: _Voice
) -> str:
    texts = [p.text for p in reasons]
    by_factor = {p.factor: p for p in reasons}
    relationship, needs = by_factor.get(Factor.RELATIONSHIP), by_factor.get(Factor.NEEDS)
    # "You both care for an adult son or daughter with psychosis" is only true when each of them
    # cares for one person: otherwise the need may belong to someone else they care for.
    if (
        relationship is not None
        and needs is not None
        and relationship.value >= 1.0
        and needs.value >= 1.0
        and len(carer.relationships) == 1
        and len(buddy.relationships) == 1
    ):
        texts = [t for t in texts if t not in (relationship.text, needs.text)]
        prefix = f"{voice.both} care for someone with "
        combined = relationship.text + " with " + needs.text.removeprefix(prefix)
        texts.insert(0, combined)
    sentence = "; ".join(texts[:4]) if texts else "Few things in common"
    if compromises:
        sentence += ". To bear in mind: " + "; ".join(_mid_sentence(p.text) for p in compromises[:2])
    return sentence + "."


def _mid_sentence(text: str) -> str:
    """A point as it reads after a colon: "No shared language…" → "no shared language…" (names stay)."""
    first, _, rest = text.partition(" ")
    return f"{first.lower()} {rest}" if first in ("You", "No", "Only") else text
