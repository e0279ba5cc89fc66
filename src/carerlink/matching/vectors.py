"""The matching rules of ``scoring.py`` vectorised with numpy: many carers against a pool of buddies.

Pure (no database, no Litestar). People become columns of small integers and bit masks; each factor
is computed for a whole block of pairs at once. Most factors depend on a few of the carer's answers
(their relationships, their needs, their stage and years…), and many carers give the same answers,
so each factor is computed once per distinct set of answers against every buddy and then gathered
per carer: scoring a waiting list of 10,000 against 2,000 buddies is a few passes over memory.
The property tests check every value here against the per-pair rules in ``scoring.py``.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from carerlink.matching.scoring import (
    AVAILABILITY_FULL,
    YEARS_AHEAD,
    BuddyFacts,
    CarerFacts,
    Context,
    Explanation,
    Weights,
    explain,
)
from carerlink.profiles.vocabulary import (
    JOURNEY_ORDER,
    RELATED_RELATIONSHIPS,
    UNSHARED_CULTURES,
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
    postcode_area,
)

K = TypeVar("K")
FloatArray = npt.NDArray[np.float32]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

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
            open=np.array([b.matchable and b.free_places > 0 for b in buddies], dtype=np.bool_),
            cleared=np.array([b.young_carers_cleared for b in buddies], dtype=np.bool_),
        )

    def load_value(self, slot: int = 0) -> FloatArray:
        """The load factor of each buddy once ``slot`` more carers have been given to them."""
        value = 1.0 - (self.load + slot).astype(np.float32) / self.capacity.astype(np.float32)
        return value.astype(np.float32)

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


# --- the factors, for carers ``rows`` against every buddy (weight x value, not yet scaled) ----------

Rows = IntArray


def _speaks_preferred(c: CarerArrays, rows: Rows, b: BuddyArrays) -> BoolArray:
    word_of_buddy = b.languages.T[c.preferred_word[rows]]  # (rows, buddies)
    speaks: BoolArray = (word_of_buddy & c.preferred_bit[rows, None]) != 0
    return speaks


def _language_overlap(c: CarerArrays, rows: Rows, b: BuddyArrays) -> BoolArray:
    shared = np.zeros((rows.size, b.size), dtype=np.bool_)
    for w in range(c.languages.shape[1]):
        shared |= (c.languages[rows, w, None] & b.languages[None, :, w]) != 0
    return shared


def _shared_background(c: CarerArrays, rows: Rows, b: BuddyArrays) -> BoolArray:
    faith = c.faith[rows, None]
    same_faith = (faith >= 0) & (faith == b.faith[None, :])
    shared: BoolArray = ((c.cultures[rows, None] & b.cultures[None, :]) != 0) | same_faith
    return shared


def _gender_accepted(c: CarerArrays, rows: Rows, b: BuddyArrays) -> BoolArray:
    bit = np.left_shift(np.uint8(1), np.maximum(b.gender, 0).astype(np.uint8))
    accepted: BoolArray = (b.gender[None, :] >= 0) & ((c.genders[rows, None] & bit[None, :]) != 0)
    return accepted


def _relationship(c: CarerArrays, rows: Rows, b: BuddyArrays, w: Weights) -> FloatArray:
    crel, brel = c.relationships[rows, None], b.relationships[None, :]
    related = np.zeros((rows.size, b.size), dtype=np.bool_)
    for group in _REL_GROUPS:
        related |= ((crel & group) != 0) & ((brel & group) != 0)
    same = (crel & brel & _REL_SHARED) != 0
    return (w.relationship * np.where(same, 1.0, np.where(related, 0.5, 0.0))).astype(np.float32)


def _needs(c: CarerArrays, rows: Rows, b: BuddyArrays, w: Weights) -> FloatArray:
    cn, bn = c.needs[rows, None], b.needs[None, :]
    cm, bm = c.mental_health[rows, None], b.mental_health[None, :]
    sub = np.where((cm & bm) != 0, 1.0, np.where((cm == 0) | (bm == 0), 0.8, 0.6))
    value = np.where((cn & bn & _NEED_NON_MH) != 0, 1.0, np.where((cn & bn & _NEED_MH) != 0, sub, 0.0))
    return (w.needs * value * c.needs_apply[rows, None]).astype(np.float32)


_CRISIS = JOURNEY_ORDER[JourneyStage.CRISIS]


def _journey(c: CarerArrays, rows: Rows, b: BuddyArrays, w: Weights) -> FloatArray:
    cs, bs = c.stage[rows, None], b.stage[None, :]
    longer = b.years[None, :] >= c.years[rows, None] + YEARS_AHEAD
    value = np.where(bs > cs, 1.0, np.where((bs == cs) & longer, 0.5, 0.0))
    value = np.where(bs == _CRISIS, 0.0, value)  # a buddy in crisis now is not further along
    return (w.journey * value).astype(np.float32)


def _language(c: CarerArrays, rows: Rows, b: BuddyArrays, w: Weights) -> FloatArray:
    speaks, overlap = _speaks_preferred(c, rows, b), _language_overlap(c, rows, b)
    return (w.language * np.where(speaks, 1.0, np.where(overlap, 0.4, 0.0))).astype(np.float32)


def _area(c: CarerArrays, rows: Rows, b: BuddyArrays, w: Weights) -> FloatArray:
    wants = (c.contact[rows, None] & _IN_PERSON) != 0
    meets = (b.contact[None, :] & _IN_PERSON) != 0
    cd, ca = c.district[rows, None], c.area[rows, None]
    same_district = (cd >= 0) & (cd == b.district[None, :])
    same_area = (ca >= 0) & (ca == b.area[None, :])
    same_region = (c.region[rows, None] >= 0) & (c.region[rows, None] == b.region[None, :])
    value = np.where(same_district, 1.0, np.where(same_area, 0.6, np.where(same_region, 0.3, 0.0)))
    result: FloatArray = (w.area * value * (wants & meets)).astype(np.float32)
    return result


def _contact(c: CarerArrays, rows: Rows, b: BuddyArrays, w: Weights) -> FloatArray:
    shared = np.bitwise_count(c.contact[rows, None] & b.contact[None, :]).astype(np.float32)
    result: FloatArray = (w.contact_modes * np.minimum(1.0, shared / c.contact_wanted[rows, None])).astype(
        np.float32
    )
    return result


def _nice(c: CarerArrays, rows: Rows, b: BuddyArrays, w: Weights) -> FloatArray:
    met = ((c.gender_pref[rows, None] == _NICE) & _gender_accepted(c, rows, b)).astype(np.float32)
    met += (c.background_pref[rows, None] == _NICE) & _shared_background(c, rows, b)
    met += (c.language_pref[rows, None] == _NICE) & _speaks_preferred(c, rows, b)
    count = c.nice_count[rows, None]
    return (w.nice_to_have * np.where(count > 0, met / np.maximum(count, 1), 0.0)).astype(np.float32)


def _eligible(c: CarerArrays, rows: Rows, b: BuddyArrays, context: Context) -> BoolArray:
    """The hard rules that depend only on answers (the same person and past declines come after)."""
    ok = np.broadcast_to(b.open[None, :], (rows.size, b.size)).copy()
    ok &= c.interpreter[rows, None] | _language_overlap(c, rows, b)
    ok &= (c.gender_pref[rows, None] != _MUST) | _gender_accepted(c, rows, b)
    ok &= (c.background_pref[rows, None] != _MUST) | _shared_background(c, rows, b)
    ok &= (c.language_pref[rows, None] != _MUST) | _speaks_preferred(c, rows, b)
    pathway = b.cleared & context.young_carers_programme
    ok &= ~c.under_18[rows, None] | pathway[None, :]
    return ok


def _columns(*arrays: npt.NDArray[np.generic]) -> list[npt.NDArray[np.generic]]:
    return list(arrays)


def _when(condition: npt.NDArray[np.bool_], values: npt.NDArray[np.generic]) -> IntArray:
    """``values`` where they can change the answer, 0 elsewhere (so more carers group together)."""
    return np.where(condition, values.astype(np.int64), 0)


def _nice_key(c: CarerArrays) -> list[npt.NDArray[np.generic]]:
    gender, background, language = (
        c.gender_pref == _NICE,
        c.background_pref == _NICE,
        c.language_pref == _NICE,
    )
    return _columns(
        c.gender_pref,
        c.background_pref,
        c.language_pref,
        _when(gender, c.genders),
        _when(background, c.cultures),
        _when(background, c.faith),
        _when(language, c.preferred_word),
        _when(language, c.preferred_bit.view(np.int64)),
    )


def _eligibility_key(c: CarerArrays) -> list[npt.NDArray[np.generic]]:
    gender, background, language = (
        c.gender_pref == _MUST,
        c.background_pref == _MUST,
        c.language_pref == _MUST,
    )
    return _columns(
        *(_when(~c.interpreter, word) for word in c.languages.view(np.int64).T),
        c.interpreter,
        gender,
        background,
        language,
        _when(gender, c.genders),
        _when(background, c.cultures),
        _when(background, c.faith),
        _when(language, c.preferred_word),
        _when(language, c.preferred_bit.view(np.int64)),
        c.under_18,
    )


FactorFunction = Callable[[CarerArrays, Rows, BuddyArrays, Weights], FloatArray]
KeyFunction = Callable[[CarerArrays], list[npt.NDArray[np.generic]]]

# Each factor (named as its weight) and the carer answers it depends on, for grouping.
_FACTORS: list[tuple[str, FactorFunction, KeyFunction | None]] = [
    ("relationship", _relationship, lambda c: _columns(c.relationships)),
    ("needs", _needs, lambda c: _columns(c.needs, c.mental_health, c.needs_apply)),
    ("journey", _journey, lambda c: _columns(c.stage, c.years)),
    (
        "language",
        _language,
        lambda c: _columns(*c.languages.view(np.int64).T, c.preferred_word, c.preferred_bit.view(np.int64)),
    ),
    (
        "area",
        _area,
        lambda c: [
            (c.contact & _IN_PERSON) != 0,  # in the key itself: a 0 below is also a real district
            *(_when((c.contact & _IN_PERSON) != 0, x) for x in (c.district, c.area, c.region)),
        ],
    ),
    ("contact_modes", _contact, lambda c: _columns(c.contact)),
    ("nice_to_have", _nice, _nice_key),
]


def _groups(columns: list[npt.NDArray[np.generic]]) -> tuple[IntArray, IntArray]:
    """(first carer of each distinct set of answers, which set each carer has)."""
    key = np.stack([np.asarray(col).astype(np.int64) for col in columns], axis=1)
    _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
    return first.astype(np.int64), inverse.reshape(-1).astype(np.int64)


class Scorer:
    """Scores carers against a buddy pool, block by block.

    A pair's ``base`` score leaves out the load factor, which depends on how many carers a buddy is
    given in the same batch: with the buddy's ``k``-th next place taken, the score is
    ``base + load_points * (1 - (load + k) / capacity)``. ``base`` is -inf where a hard rule excludes
    the pair.
    """

    def __init__(self, carers: CarerArrays, buddies: BuddyArrays, weights: Weights, context: Context) -> None:
        self.carers, self.buddies, self.weights = carers, buddies, weights
        applicable = carers.applicable_weight(weights)
        self.scale = np.where(applicable > 0, 100.0 / np.maximum(applicable, 1e-9), 0.0).astype(np.float32)
        self.load_points = (weights.load * self.scale).astype(np.float32)
        self.tables: list[tuple[FloatArray, IntArray]] = []
        self.direct: list[FactorFunction] = []
        for name, function, key in _FACTORS:
            if getattr(weights, name) == 0:
                continue
            if key is None or carers.size < 2:
                self.direct.append(function)
                continue
            first, inverse = _groups(key(carers))
            self.tables.append((function(carers, first, buddies, weights), inverse))
        first, inverse = _groups(_eligibility_key(carers)) if carers.size else (np.zeros(0, np.int64),) * 2
        self.eligible_table = _eligible(carers, first, buddies, context)
        self.eligible_inverse = inverse
        self.excluded = self._excluded_pairs(context)
        # Shared free slots, scored through a table: points for 0, 1, … 21 slots in common.
        counts = np.arange(22, dtype=np.float64)
        self.availability_points = (
            weights.availability * np.minimum(1.0, counts / AVAILABILITY_FULL)
        ).astype(np.float32)
        self._scratch = threading.local()

    def scratch(self, rows: int) -> tuple[FloatArray, FloatArray, BoolArray]:
        """Two float and one bool ``(rows, buddies)`` buffers owned by the calling thread, reused.

        Block after block, reusing them saves allocating and page-faulting fresh memory each time.
        """
        held = getattr(self._scratch, "held", None)
        if held is None or held[0].shape[0] < rows:
            m = self.buddies.size
            held = (
                np.empty((rows, m), dtype=np.float32),
                np.empty((rows, m), dtype=np.float32),
                np.empty((rows, m), dtype=np.bool_),
                np.empty((rows, m), dtype=np.uint32),
                np.empty((rows, m), dtype=np.uint8),
            )
            self._scratch.held = held
        return held[0][:rows], held[1][:rows], held[2][:rows]

    def _excluded_pairs(self, context: Context) -> dict[int, list[int]]:
        """Carer index → buddy indices kept apart by identity: the same person, or the pair's history.

        History: a declined pair, or a match that ended as not a good fit or for safeguarding.
        """
        excluded: dict[int, list[int]] = {}
        for index, person in enumerate(self.carers.person):
            for buddy in self.buddies.persons.get(person, ()):
                excluded.setdefault(index, []).append(buddy)
        kept_apart = context.kept_apart()
        if kept_apart:
            carer_index = {c.key: i for i, c in enumerate(self.carers.facts)}
            for carer_key, buddy_key in kept_apart:
                i, j = carer_index.get(carer_key), self.buddies.keys.get(buddy_key)
                if i is not None and j is not None:
                    excluded.setdefault(i, []).append(j)
        return excluded

    def base(
        self, start: int, stop: int, out: FloatArray | None = None, *, load: FloatArray | None = None
    ) -> FloatArray:
        """Scores of carers ``start:stop`` against every buddy, written into ``out``.

        Without ``load`` the base score (no load factor); with the buddies' load values, the full score.
        """
        rows = np.arange(start, stop, dtype=np.int64)
        shape = (rows.size, self.buddies.size)
        total, gathered, eligible = self.scratch(rows.size)
        total[:] = 0
        for table, inverse in self.tables:
            np.take(table, inverse[rows], axis=0, out=gathered)
            total += gathered
        for function in self.direct:
            total += function(self.carers, rows, self.buddies, self.weights)
        if self.weights.availability:
            # Nearly every carer's week differs, so availability is not grouped: the shared slots are
            # counted pair by pair and turned into points through a table.
            bits, counts = self._scratch.held[3][: rows.size], self._scratch.held[4][: rows.size]
            np.bitwise_and(self.carers.availability[rows, None], self.buddies.availability[None, :], out=bits)
            np.bitwise_count(bits, out=counts)
            np.take(self.availability_points, counts, out=gathered)
            total += gathered
        result = out if out is not None else np.empty(shape, dtype=np.float32)
        np.multiply(total, self.scale[rows, None], out=result)
        if load is not None:
            np.multiply(self.load_points[rows, None], load[None, :], out=gathered)
            result += gathered
        np.take(self.eligible_table, self.eligible_inverse[rows], axis=0, out=eligible)
        np.logical_not(eligible, out=eligible)
        np.putmask(result, eligible, np.float32(-np.inf))
        for index in range(start, stop):
            for buddy in self.excluded.get(index, ()):
                result[index - start, buddy] = -np.inf
        return result


def pool(buddies: Sequence[BuddyFacts], *, extra_languages: Iterable[str] = ()) -> BuddyArrays:
    """Encode a pool of buddies once, for many ``suggest`` calls or a batch."""
    vocabulary = Vocabulary(
        languages=[code for b in buddies for code in b.languages] + list(extra_languages),
        districts=[b.postcode_district for b in buddies if b.postcode_district],
    )
    return BuddyArrays.build(buddies, vocabulary=vocabulary)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One buddy suggested for a carer, explained."""

    buddy: BuddyFacts
    explanation: Explanation


def suggest(
    carer: CarerFacts, buddies: BuddyArrays, weights: Weights, context: Context, *, limit: int = 5
) -> list[Suggestion]:
    """The ``limit`` best buddies no hard rule excludes, best first, each explained."""
    if buddies.size == 0 or limit <= 0:
        return []
    scorer = Scorer(CarerArrays.build([carer], vocabulary=buddies.vocabulary), buddies, weights, context)
    scores = scorer.base(0, 1, load=buddies.load_value())[0]
    count = int(np.isfinite(scores).sum())
    if count == 0:
        return []
    take = min(limit, count)
    candidates = np.argpartition(-scores, take - 1)[:take] if take < scores.size else np.arange(scores.size)
    # Best first; equal scores in pool order, so the answer is stable.
    ordered = sorted(
        (int(j) for j in candidates if np.isfinite(scores[j])), key=lambda j: (-float(scores[j]), j)
    )
    return [
        Suggestion(buddy=buddies.facts[j], explanation=explain(carer, buddies.facts[j], weights))
        for j in ordered
    ]
