"""What the matching engine compares: carer and buddy facts, weights, context, factors and exclusions.

Pure data (no database, no Litestar). The rules that compare them live once, vectorised, in
``vectors.py``; ``scoring.py`` words the values they give.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable
from dataclasses import dataclass, field, fields

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
        match factor:
            case Factor.RELATIONSHIP:
                return self.relationship
            case Factor.NEEDS:
                return self.needs
            case Factor.JOURNEY:
                return self.journey
            case Factor.LANGUAGE:
                return self.language
            case Factor.AREA:
                return self.area
            case Factor.AVAILABILITY:
                return self.availability
            case Factor.CONTACT_MODES:
                return self.contact_modes
            case Factor.NICE_TO_HAVE:
                return self.nice_to_have
            case Factor.LOAD:
                return self.load

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
