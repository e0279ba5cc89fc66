"""Carers and buddies as columns of numbers for the vectorised rules: masks, codes and a pool's vocabulary.

Pure (no database, no Litestar). ``vectors.py`` computes every rule on these columns.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from carerlink.matching.facts import BuddyFacts, CarerFacts, Weights
from carerlink.profiles.vocabulary import (
    JOURNEY_ORDER,
    RELATED_RELATIONSHIPS,
    UNSHARED_CULTURES,
    ContactMode,
    Culture,
    Faith,
    Gender,
    MentalHealthNeed,
    Need,
    Region,
    Relationship,
    Strength,
    postcode_area,
)

K = TypeVar("K")
FloatArray = npt.NDArray[np.float32]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
Float64Array = npt.NDArray[np.float64]

_REL_BITS = {r: 1 << i for i, r in enumerate(Relationship)}
_REL_SHARED = sum(b for r, b in _REL_BITS.items() if r != Relationship.OTHER)
_REL_GROUPS = [sum(_REL_BITS[r] for r in group) for group in RELATED_RELATIONSHIPS]
_NEED_BITS = {n: 1 << i for i, n in enumerate(Need)}
_NEED_MH = _NEED_BITS[Need.MENTAL_HEALTH]
_NEED_NON_MH = sum(b for n, b in _NEED_BITS.items() if n not in (Need.MENTAL_HEALTH, Need.OTHER))
_MH_BITS: dict[MentalHealthNeed, int] = {
    m: 1 << i for i, m in enumerate(MentalHealthNeed) if m != MentalHealthNeed.OTHER
}
_CONTACT_BITS = {m: 1 << i for i, m in enumerate(ContactMode)}
_IN_PERSON = _CONTACT_BITS[ContactMode.IN_PERSON]
_CULTURE_BITS: dict[Culture, int] = {c: 1 << i for i, c in enumerate(Culture) if c not in UNSHARED_CULTURES}
_FAITH_CODES: dict[Faith, int] = {f: i for i, f in enumerate(Faith) if f != Faith.OTHER}
_GENDER_CODES = {g: i for i, g in enumerate(Gender)}
_REGION_CODES = {r: i for i, r in enumerate(Region)}
_MUST, _NICE = 1, 2
_STRENGTH_CODES = {None: 0, Strength.MUST: _MUST, Strength.NICE: _NICE}


def _mask(values: Iterable[K], bits: Mapping[K, int]) -> int:
    return sum(bits.get(v, 0) for v in set(values))


def _code(value: K | None, codes: Mapping[K, int]) -> int:
    if value is None:
        return -1
    return codes.get(value, -1)


def _load_value(
    load: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    slot: int | IntArray,
    dtype: type[np.floating],
) -> FloatArray:
    """The load factor: the share of a buddy's places still free once ``slot`` more carers are given."""
    value = 1.0 - (load + slot).astype(dtype) / capacity.astype(dtype)
    result: FloatArray = value.astype(dtype)
    return result


class Vocabulary:
    """Numbers for the open-ended values of one pool: languages, postcode districts and areas."""

    def __init__(self, languages: Iterable[str] = (), districts: Iterable[str] = ()) -> None:
        self.languages = {code: i for i, code in enumerate(sorted(set(languages)))}
        self.words = max(1, math.ceil(len(self.languages) / 64))
        district_set = sorted(set(districts))
        self.districts = {d: i for i, d in enumerate(district_set)}
        self.areas = {a: i for i, a in enumerate(sorted({postcode_area(d) for d in district_set}))}

    def language_words(self, codes: Iterable[str]) -> list[int]:
        """A set of languages as 64-bit words (codes nobody in the pool speaks are left out)."""
        words = [0] * self.words
        for code in codes:
            index = self.languages.get(code)
            if index is not None:
                words[index // 64] |= 1 << (index % 64)
        return words

    def district(self, district: str | None) -> tuple[int, int]:
        """(district number, postcode-area number); each -1 when not given or not in the pool."""
        if not district:
            return -1, -1
        return self.districts.get(district, -1), self.areas.get(postcode_area(district), -1)


@dataclass(frozen=True)
class BuddyArrays:
    """A pool of buddies as columns of numbers: built once, scored against many carers."""

    facts: tuple[BuddyFacts, ...]
    vocabulary: Vocabulary
    keys: dict[Hashable, int]
    persons: dict[Hashable, list[int]]
    relationships: npt.NDArray[np.uint16]
    needs: npt.NDArray[np.uint16]
    mental_health: npt.NDArray[np.uint8]
    stage: npt.NDArray[np.int8]
    years: npt.NDArray[np.int32]
    languages: npt.NDArray[np.uint64]  # (buddies, words)
    district: npt.NDArray[np.int32]
    area: npt.NDArray[np.int32]
    region: npt.NDArray[np.int32]
    contact: npt.NDArray[np.uint8]
    availability: npt.NDArray[np.uint32]
    gender: npt.NDArray[np.int8]  # -1 when not given
    cultures: npt.NDArray[np.uint32]
    faith: npt.NDArray[np.int8]
    capacity: npt.NDArray[np.int64]
    load: npt.NDArray[np.int64]
    matchable: BoolArray  # screening says they may be matched
    has_room: BoolArray  # a free place left
    open: BoolArray  # matchable and with a free place
    cleared: BoolArray

    @property
    def size(self) -> int:
        """How many buddies."""
        return len(self.facts)

    @classmethod
    def build(cls, buddies: Sequence[BuddyFacts], *, vocabulary: Vocabulary) -> BuddyArrays:
        """Encode ``buddies`` with ``vocabulary``."""
        districts = [vocabulary.district(b.postcode_district) for b in buddies]
        persons: dict[Hashable, list[int]] = {}
        for index, buddy in enumerate(buddies):
            persons.setdefault(buddy.person, []).append(index)
        words = [vocabulary.language_words(b.languages) for b in buddies]
        return cls(
            facts=tuple(buddies),
            vocabulary=vocabulary,
            keys={b.key: i for i, b in enumerate(buddies)},
            persons=persons,
            relationships=np.array([_mask(b.relationships, _REL_BITS) for b in buddies], dtype=np.uint16),
            needs=np.array([_mask(b.needs, _NEED_BITS) for b in buddies], dtype=np.uint16),
            mental_health=np.array([_mask(b.mental_health, _MH_BITS) for b in buddies], dtype=np.uint8),
            stage=np.array([JOURNEY_ORDER[b.stage] for b in buddies], dtype=np.int8),
            years=np.array([b.years_caring for b in buddies], dtype=np.int32),
            languages=np.array(words, dtype=np.uint64).reshape(len(buddies), vocabulary.words),
            district=np.array([d for d, _ in districts], dtype=np.int32),
            area=np.array([a for _, a in districts], dtype=np.int32),
            region=np.array([_code(b.region, _REGION_CODES) for b in buddies], dtype=np.int32),
            contact=np.array([_mask(b.contact_modes, _CONTACT_BITS) for b in buddies], dtype=np.uint8),
            availability=np.array([b.availability for b in buddies], dtype=np.uint32),
            gender=np.array([_code(b.gender, _GENDER_CODES) for b in buddies], dtype=np.int8),
            cultures=np.array([_mask(b.cultures, _CULTURE_BITS) for b in buddies], dtype=np.uint32),
            faith=np.array([_code(b.faith, _FAITH_CODES) for b in buddies], dtype=np.int8),
            capacity=np.array([max(1, b.capacity) for b in buddies], dtype=np.int64),
            load=np.array([b.load for b in buddies], dtype=np.int64),
            matchable=np.array([b.matchable for b in buddies], dtype=np.bool_),
            has_room=np.array([b.free_places > 0 for b in buddies], dtype=np.bool_),
            open=np.array([b.matchable and b.free_places > 0 for b in buddies], dtype=np.bool_),
            cleared=np.array([b.young_carers_cleared for b in buddies], dtype=np.bool_),
        )

    def load_value(self, slot: int = 0, *, dtype: type[np.floating] = np.float32) -> FloatArray:
        """The load factor of each buddy once ``slot`` more carers have been given to them.

        In float32 for batches (scores are exact to about 1e-5 of 100); one pair's explanation asks for
        float64, the precision its words and points are given in.
        """
        return _load_value(self.load, self.capacity, slot, dtype)

    @property
    def free(self) -> IntArray:
        """Free places of each buddy that can be matched (0 for the others)."""
        return np.where(self.open, self.capacity - self.load, 0).clip(min=0)


@dataclass(frozen=True)
class CarerArrays:
    """Carers as columns of numbers, encoded with their buddy pool's vocabulary."""

    facts: tuple[CarerFacts, ...]
    person: list[Hashable]
    relationships: npt.NDArray[np.uint16]
    needs: npt.NDArray[np.uint16]  # 0 without health-data consent
    mental_health: npt.NDArray[np.uint8]
    needs_apply: BoolArray
    stage: npt.NDArray[np.int8]
    years: npt.NDArray[np.int32]
    under_18: BoolArray
    languages: npt.NDArray[np.uint64]
    preferred_word: IntArray
    preferred_bit: npt.NDArray[np.uint64]  # 0 when nobody in the pool speaks it
    interpreter: BoolArray
    district: npt.NDArray[np.int32]
    area: npt.NDArray[np.int32]
    region: npt.NDArray[np.int32]
    contact: npt.NDArray[np.uint8]
    contact_wanted: FloatArray
    availability: npt.NDArray[np.uint32]
    cultures: npt.NDArray[np.uint32]
    faith: npt.NDArray[np.int8]
    genders: npt.NDArray[np.uint8]  # a bit per acceptable gender
    gender_pref: npt.NDArray[np.int8]  # 0 none, 1 must, 2 nice
    background_pref: npt.NDArray[np.int8]
    language_pref: npt.NDArray[np.int8]
    nice_count: FloatArray

    @property
    def size(self) -> int:
        """How many carers."""
        return len(self.facts)

    @classmethod
    def build(cls, carers: Sequence[CarerFacts], *, vocabulary: Vocabulary) -> CarerArrays:
        """Encode ``carers`` with the buddy pool's ``vocabulary``."""
        districts = [vocabulary.district(c.postcode_district) for c in carers]
        preferred = [vocabulary.languages.get(c.preferred_language, -1) for c in carers]
        prefs = [c.preferences for c in carers]
        shared = [c.needs is not None for c in carers]
        return cls(
            facts=tuple(carers),
            person=[c.person for c in carers],
            relationships=np.array([_mask(c.relationships, _REL_BITS) for c in carers], dtype=np.uint16),
            needs=np.array([_mask(c.needs or (), _NEED_BITS) for c in carers], dtype=np.uint16),
            mental_health=np.array(
                [_mask(c.mental_health, _MH_BITS) if s else 0 for c, s in zip(carers, shared, strict=True)],
                dtype=np.uint8,
            ),
            needs_apply=np.array(
                [c.needs is not None and bool(c.needs - {Need.OTHER}) for c in carers], dtype=np.bool_
            ),
            stage=np.array([JOURNEY_ORDER[c.stage] for c in carers], dtype=np.int8),
            years=np.array([c.years_caring for c in carers], dtype=np.int32),
            under_18=np.array([c.under_18 for c in carers], dtype=np.bool_),
            languages=np.array(
                [vocabulary.language_words(c.languages) for c in carers], dtype=np.uint64
            ).reshape(len(carers), vocabulary.words),
            preferred_word=np.array([max(p, 0) // 64 for p in preferred], dtype=np.int64),
            preferred_bit=np.array([1 << (p % 64) if p >= 0 else 0 for p in preferred], dtype=np.uint64),
            interpreter=np.array([c.interpreter_needed for c in carers], dtype=np.bool_),
            district=np.array([d for d, _ in districts], dtype=np.int32),
            area=np.array([a for _, a in districts], dtype=np.int32),
            region=np.array([_code(c.region, _REGION_CODES) for c in carers], dtype=np.int32),
            contact=np.array([_mask(c.contact_modes, _CONTACT_BITS) for c in carers], dtype=np.uint8),
            contact_wanted=np.array([max(1, min(2, len(c.contact_modes))) for c in carers], dtype=np.float32),
            availability=np.array([c.availability for c in carers], dtype=np.uint32),
            cultures=np.array([_mask(c.cultures, _CULTURE_BITS) for c in carers], dtype=np.uint32),
            faith=np.array([_code(c.faith, _FAITH_CODES) for c in carers], dtype=np.int8),
            genders=np.array([sum(1 << _GENDER_CODES[g] for g in p.genders) for p in prefs], dtype=np.uint8),
            gender_pref=np.array([_STRENGTH_CODES[p.gender] for p in prefs], dtype=np.int8),
            background_pref=np.array([_STRENGTH_CODES[p.shared_background] for p in prefs], dtype=np.int8),
            language_pref=np.array([_STRENGTH_CODES[p.same_language] for p in prefs], dtype=np.int8),
            nice_count=np.array([len(p.nice()) for p in prefs], dtype=np.float32),
        )

    def applicable_weight(self, weights: Weights) -> FloatArray:
        """Per carer, the total weight of the factors that apply to them (the score's denominator)."""
        always = weights.relationship + weights.journey + weights.language + weights.load
        total = np.full(self.size, always, dtype=np.float32)
        total += weights.needs * self.needs_apply
        total += weights.area * ((self.contact & _IN_PERSON) != 0)
        total += weights.availability * (self.availability != 0)
        total += weights.contact_modes * (self.contact != 0)
        total += weights.nice_to_have * (self.nice_count > 0)
        return total


def pool(buddies: Sequence[BuddyFacts], *, extra_languages: Iterable[str] = ()) -> BuddyArrays:
    """Encode a pool of buddies once, for many ``suggest`` calls or a batch."""
    vocabulary = Vocabulary(
        languages=[code for b in buddies for code in b.languages] + list(extra_languages),
        districts=[b.postcode_district for b in buddies if b.postcode_district],
    )
    return BuddyArrays.build(buddies, vocabulary=vocabulary)
