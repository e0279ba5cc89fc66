"""The matching rules, pure (no database, no Litestar): hard filters, weighted factors, explanations.

DOMAIN.md "Matching": hard rules filter a pair out (buddy matchable, a shared language unless an
interpreter is arranged, every "must" preference, the young-carers pathway, never a pair that was
declined); soft factors each give a value in [0, 1]; the score is the weighted mean of the factors that
apply to this carer, as 0-100. A factor applies when the carer's profile gives it something to compare
(the needs factor only with the carer's health-data consent; the area factor only for a carer who wants
to meet in person), so a carer who shares less is not scored lower for it.

Each rule is written twice on purpose: once per pair (``exclusion``, ``factor_values``, ``explain``:
readable, and the source of every explanation) and once vectorised with numpy (``score_block``: whole
waiting lists at once). The tests hold the two to the same answers.

Coordinators read the whole explanation; the carer and the buddy read only ``shared_explanation``, the
reasons safe to say to both of them.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field, fields
from typing import Literal

import numpy as np
import numpy.typing as npt

from carerlink.profiles.vocabulary import (
    CARED_FOR_PHRASE,
    CONTACT_PHRASE,
    DAY_NAME,
    GENDER_PHRASE,
    JOURNEY_ORDER,
    JOURNEY_PHRASE,
    MENTAL_HEALTH_PHRASE,
    NEED_PHRASE,
    RELATED_RELATIONSHIPS,
    UNSHARED_CULTURES,
    WEEKDAYS,
    ContactMode,
    Culture,
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
    language_name,
    postcode_area,
)

FloatArray = npt.NDArray[np.float32]
BoolArray = npt.NDArray[np.bool_]

# A factor counts as a reason from this value up; below it, as a compromise.
REASON_THRESHOLD = 0.5
# Shared free times that count in full (more than three does not make a pair better).
AVAILABILITY_FULL = 3
# Years longer in caring that count as "further along" at the same stage.
YEARS_AHEAD = 2


class Factor(enum.StrEnum):
    """A soft factor (DOMAIN.md "Matching"), in the order the README lists them."""

    RELATIONSHIP = "relationship"
    NEEDS = "needs"
    JOURNEY = "journey"
    LANGUAGE = "language"
    AREA = "area"
    AVAILABILITY = "availability"
    CONTACT_MODES = "contact_modes"
    NICE_TO_HAVE = "nice_to_have"
    LOAD = "load"


class Exclusion(enum.StrEnum):
    """Why a hard rule keeps a pair apart."""

    SAME_PERSON = "same_person"
    BUDDY_NOT_MATCHABLE = "buddy_not_matchable"
    BUDDY_FULL = "buddy_full"
    NO_SHARED_LANGUAGE = "no_shared_language"
    GENDER_MUST = "gender_must"
    BACKGROUND_MUST = "background_must"
    LANGUAGE_MUST = "language_must"
    AGE_PATHWAY = "age_pathway"
    DECLINED_BEFORE = "declined_before"
    ENDED_APART = "ended_apart"  # their match ended as not a good fit, or for safeguarding (issue 10 §3)


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each factor counts, 0-10 (0 switches a factor off). The README lists the defaults."""

    relationship: int = 3
    needs: int = 3
    journey: int = 2
    language: int = 2
    area: int = 1
    availability: int = 2
    contact_modes: int = 1
    nice_to_have: int = 1
    load: int = 1

    def of(self, factor: Factor) -> int:
        """The weight of ``factor``."""
        weight: int = getattr(self, factor.value)
        return weight

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The factor names, in order."""
        return tuple(f.name for f in fields(cls))


@dataclass(frozen=True, slots=True)
class Preferences:
    """A carer's optional wishes for a buddy, each a "must" (filter) or "nice to have" (factor)."""

    genders: frozenset[Gender] = frozenset()
    gender: Strength | None = None
    shared_background: Strength | None = None
    same_language: Strength | None = None

    def nice(self) -> tuple[str, ...]:
        """The wishes marked "nice to have"."""
        wishes = (("gender", self.gender), ("background", self.shared_background))
        return tuple(name for name, s in (*wishes, ("language", self.same_language)) if s == Strength.NICE)


@dataclass(frozen=True, slots=True)
class CarerFacts:
    """What matching may know about a carer. ``needs`` is ``None`` without health-data consent."""

    key: Hashable
    person: Hashable
    name: str
    relationships: frozenset[Relationship]
    needs: frozenset[Need] | None
    mental_health: frozenset[MentalHealthNeed]
    stage: JourneyStage
    years_caring: int
    under_18: bool
    languages: frozenset[str]
    preferred_language: str
    interpreter_needed: bool
    postcode_district: str | None
    region: Region | None
    contact_modes: frozenset[ContactMode]
    availability: int  # bit ``slot_index(day, part)`` set for each free slot
    cultures: frozenset[Culture] = frozenset()
    faith: Faith | None = None
    preferences: Preferences = field(default_factory=Preferences)


@dataclass(frozen=True, slots=True)
class BuddyFacts:
    """What matching may know about a buddy; ``matchable`` comes from screening (profiles)."""

    key: Hashable
    person: Hashable
    name: str
    relationships: frozenset[Relationship]
    needs: frozenset[Need]
    mental_health: frozenset[MentalHealthNeed]
    stage: JourneyStage
    years_caring: int
    languages: frozenset[str]
    postcode_district: str | None
    region: Region | None
    contact_modes: frozenset[ContactMode]
    availability: int
    capacity: int
    load: int
    matchable: bool = True
    young_carers_cleared: bool = False
    gender: Gender | None = None
    cultures: frozenset[Culture] = frozenset()
    faith: Faith | None = None

    @property
    def free_places(self) -> int:
        """Carers this buddy can still take on."""
        return max(0, self.capacity - self.load)


@dataclass(frozen=True, slots=True)
class Context:
    """What the rules need beyond the two people: the organisation's pathway, past declines and endings."""

    young_carers_programme: bool = False
    declined: frozenset[tuple[Hashable, Hashable]] = frozenset()  # (carer key, buddy key)
    # Pairs whose match ended as not a good fit or for safeguarding: never proposed again either.
    ended_apart: frozenset[tuple[Hashable, Hashable]] = frozenset()  # (carer key, buddy key)

    def kept_apart(self) -> frozenset[tuple[Hashable, Hashable]]:
        """Every (carer key, buddy key) pair kept apart by their history, whatever their profiles say."""
        return self.declined | self.ended_apart


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


# --- shared small rules ---------------------------------------------------------------------------


def _first_name(name: str) -> str:
    return name.split()[0] if name.strip() else name


def _shared_background(carer: CarerFacts, buddy: BuddyFacts) -> bool:
    cultures = (carer.cultures & buddy.cultures) - UNSHARED_CULTURES
    same_faith = carer.faith is not None and carer.faith == buddy.faith and carer.faith != Faith.OTHER
    return bool(cultures) or same_faith


def _speaks_preferred(carer: CarerFacts, buddy: BuddyFacts) -> bool:
    return carer.preferred_language in buddy.languages


def _stage_of(buddy: BuddyFacts) -> int:
    return JOURNEY_ORDER[buddy.stage]


def exclusion(carer: CarerFacts, buddy: BuddyFacts, context: Context) -> Exclusion | None:
    """The first hard rule that keeps this pair apart, or ``None`` when they may be matched."""
    if carer.person == buddy.person:
        return Exclusion.SAME_PERSON
    if not buddy.matchable:
        return Exclusion.BUDDY_NOT_MATCHABLE
    if buddy.free_places <= 0:
        return Exclusion.BUDDY_FULL
    if not carer.interpreter_needed and not (carer.languages & buddy.languages):
        return Exclusion.NO_SHARED_LANGUAGE
    prefs = carer.preferences
    if prefs.gender == Strength.MUST and buddy.gender not in prefs.genders:
        return Exclusion.GENDER_MUST
    if prefs.shared_background == Strength.MUST and not _shared_background(carer, buddy):
        return Exclusion.BACKGROUND_MUST
    if prefs.same_language == Strength.MUST and not _speaks_preferred(carer, buddy):
        return Exclusion.LANGUAGE_MUST
    if carer.under_18 and not (context.young_carers_programme and buddy.young_carers_cleared):
        return Exclusion.AGE_PATHWAY
    if (carer.key, buddy.key) in context.declined:
        return Exclusion.DECLINED_BEFORE
    if (carer.key, buddy.key) in context.ended_apart:
        return Exclusion.ENDED_APART
    return None


# --- factors, one pair ----------------------------------------------------------------------------


def _relationship(carer: CarerFacts, buddy: BuddyFacts) -> float:
    if (carer.relationships & buddy.relationships) - {Relationship.OTHER}:
        return 1.0
    for group in RELATED_RELATIONSHIPS:
        if carer.relationships & group and buddy.relationships & group:
            return 0.5
    return 0.0


def _needs_applies(carer: CarerFacts) -> bool:
    return carer.needs is not None and bool(carer.needs - {Need.OTHER})


def _needs(carer: CarerFacts, buddy: BuddyFacts) -> float:
    shared = ((carer.needs or frozenset()) & buddy.needs) - {Need.OTHER}
    if shared - {Need.MENTAL_HEALTH}:
        return 1.0
    if Need.MENTAL_HEALTH not in shared:
        return 0.0
    carer_mh = carer.mental_health - {MentalHealthNeed.OTHER}
    buddy_mh = buddy.mental_health - {MentalHealthNeed.OTHER}
    if carer_mh & buddy_mh:
        return 1.0
    return 0.8 if not carer_mh or not buddy_mh else 0.6


def _journey(carer: CarerFacts, buddy: BuddyFacts) -> float:
    # "Crisis or big change" comes late in the list but is not experience to pass on: a buddy going
    # through one now is not further along than anybody.
    if buddy.stage == JourneyStage.CRISIS:
        return 0.0
    carer_stage, buddy_stage = JOURNEY_ORDER[carer.stage], _stage_of(buddy)
    if buddy_stage > carer_stage:
        return 1.0
    if buddy_stage == carer_stage and buddy.years_caring >= carer.years_caring + YEARS_AHEAD:
        return 0.5
    return 0.0


def _language(carer: CarerFacts, buddy: BuddyFacts) -> float:
    if _speaks_preferred(carer, buddy):
        return 1.0
    return 0.4 if carer.languages & buddy.languages else 0.0


def _area(carer: CarerFacts, buddy: BuddyFacts) -> float:
    if ContactMode.IN_PERSON not in buddy.contact_modes:
        return 0.0
    c_district, b_district = carer.postcode_district, buddy.postcode_district
    if c_district and b_district:
        if c_district == b_district:
            return 1.0
        if postcode_area(c_district) == postcode_area(b_district):
            return 0.6
    if carer.region is not None and carer.region == buddy.region:
        return 0.3
    return 0.0


def _availability(carer: CarerFacts, buddy: BuddyFacts) -> float:
    return min(1.0, (carer.availability & buddy.availability).bit_count() / AVAILABILITY_FULL)


def _contact(carer: CarerFacts, buddy: BuddyFacts) -> float:
    wanted = min(2, len(carer.contact_modes))
    return min(1.0, len(carer.contact_modes & buddy.contact_modes) / wanted)


def _nice_met(carer: CarerFacts, buddy: BuddyFacts) -> dict[str, bool]:
    prefs = carer.preferences
    met = {
        "gender": buddy.gender in prefs.genders,
        "background": _shared_background(carer, buddy),
        "language": _speaks_preferred(carer, buddy),
    }
    return {wish: met[wish] for wish in prefs.nice()}


def _load(buddy: BuddyFacts, slot: int) -> float:
    return 1.0 - (buddy.load + slot) / buddy.capacity


def factor_values(carer: CarerFacts, buddy: BuddyFacts, *, slot: int = 0) -> dict[Factor, float]:
    """The value in [0, 1] of each factor that applies to this carer.

    ``slot`` counts the carers the buddy is given before this one in the same batch (the load factor).
    """
    values = {
        Factor.RELATIONSHIP: _relationship(carer, buddy),
        Factor.JOURNEY: _journey(carer, buddy),
        Factor.LANGUAGE: _language(carer, buddy),
    }
    if _needs_applies(carer):
        values[Factor.NEEDS] = _needs(carer, buddy)
    if ContactMode.IN_PERSON in carer.contact_modes:
        values[Factor.AREA] = _area(carer, buddy)
    if carer.availability:
        values[Factor.AVAILABILITY] = _availability(carer, buddy)
    if carer.contact_modes:
        values[Factor.CONTACT_MODES] = _contact(carer, buddy)
    nice = _nice_met(carer, buddy)
    if nice:
        values[Factor.NICE_TO_HAVE] = sum(nice.values()) / len(nice)
    values[Factor.LOAD] = _load(buddy, slot)
    return {factor: values[factor] for factor in Factor if factor in values}


def contributions(values: dict[Factor, float], weights: Weights) -> dict[Factor, float]:
    """Points of the 0-100 score each applicable factor gives."""
    total = sum(weights.of(f) for f in values)
    if total == 0:
        return dict.fromkeys(values, 0.0)
    return {f: 100.0 * weights.of(f) * v / total for f, v in values.items()}


def score(carer: CarerFacts, buddy: BuddyFacts, weights: Weights, *, slot: int = 0) -> float:
    """The 0-100 score of a pair (whether or not a hard rule excludes it)."""
    return sum(contributions(factor_values(carer, buddy, slot=slot), weights).values())


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


def _nice_text(carer: CarerFacts, buddy: BuddyFacts, value: float, voice: _Voice) -> str:
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
    met = _nice_met(carer, buddy)
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
) -> Explanation:
    """The score of a pair with every weighted factor that applies, as a reason or a compromise.

    Worded for ``reader`` (issue 11): a coordinator reads the two people's names.
    """
    values = factor_values(carer, buddy, slot=slot)
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
        Factor.NICE_TO_HAVE: lambda v: _nice_text(carer, buddy, v, voice),
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
