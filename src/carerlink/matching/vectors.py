"""The matching rules, vectorised with numpy: the one place each hard rule and factor is computed.

Pure (no database, no Litestar). People become columns of small integers and bit masks; each rule is
computed for a whole block of pairs at once. Most factors depend on a few of the carer's answers
(their relationships, their needs, their stage and years…), and many carers give the same answers,
so each factor is computed once per distinct set of answers against every buddy and then gathered
per carer: scoring a waiting list of 10,000 against 2,000 buddies is a few passes over memory.

One pair is a one-row call (``pair_rules``: one carer against a pool of one buddy), so the score and
the explanation of a single pair (``scoring.explain``) come from the same values as a whole batch.
DOMAIN.md "Matching": hard rules filter a pair out; soft factors each give a value in [0, 1]; the
score is the weighted mean of the factors that apply to this carer, as 0-100. A factor applies when
the carer's profile gives it something to compare (the needs factor only with the carer's health-data
consent; the area factor only for a carer who wants to meet in person), so a carer who shares less is
not scored lower for it.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from carerlink.matching.encoding import (
    _IN_PERSON,
    _MUST,
    _NEED_MH,
    _NEED_NON_MH,
    _NICE,
    _REL_GROUPS,
    _REL_SHARED,
    BoolArray,
    BuddyArrays,
    CarerArrays,
    Float64Array,
    FloatArray,
    IntArray,
    Vocabulary,
    _load_value,
    pool,
)
from carerlink.matching.facts import (
    AVAILABILITY_FULL,
    YEARS_AHEAD,
    BuddyFacts,
    CarerFacts,
    Context,
    Exclusion,
    Factor,
    Weights,
)
from carerlink.profiles.vocabulary import (
    JOURNEY_ORDER,
    JourneyStage,
)

__all__ = [
    "BuddyArrays",
    "CarerArrays",
    "PairRules",
    "Scorer",
    "Vocabulary",
    "contributions",
    "exclusion",
    "factor_values",
    "pair_rules",
    "pool",
    "rules_for",
    "rules_for_pairs",
    "score",
]

_NO_CONTEXT = Context()

# --- the rules, for the pairs (carer ``ci``, buddy ``bj``): index arrays that broadcast together --------
# A block is ``ci`` = rows[:, None] against ``bj`` = every buddy[None, :]; a list of pairs is two 1-D
# arrays of the same length. Factor values are float64 in [0, 1] (unweighted); the Scorer weighs them
# and keeps float32.

Rows = IntArray
Index = IntArray


def _shape(ci: Index, bj: Index) -> tuple[int, ...]:
    return np.broadcast_shapes(ci.shape, bj.shape)


def _speaks_preferred(c: CarerArrays, ci: Index, b: BuddyArrays, bj: Index) -> BoolArray:
    word_of_buddy = b.languages[bj, c.preferred_word[ci]]
    speaks: BoolArray = (word_of_buddy & c.preferred_bit[ci]) != 0
    return speaks


def _language_overlap(c: CarerArrays, ci: Index, b: BuddyArrays, bj: Index) -> BoolArray:
    shared = np.zeros(_shape(ci, bj), dtype=np.bool_)
    for w in range(c.languages.shape[1]):
        shared |= (c.languages[ci, w] & b.languages[bj, w]) != 0
    return shared


def _shared_background(c: CarerArrays, ci: Index, b: BuddyArrays, bj: Index) -> BoolArray:
    faith = c.faith[ci]
    same_faith = (faith >= 0) & (faith == b.faith[bj])
    shared: BoolArray = ((c.cultures[ci] & b.cultures[bj]) != 0) | same_faith
    return shared


def _gender_accepted(c: CarerArrays, ci: Index, b: BuddyArrays, bj: Index) -> BoolArray:
    bit = np.left_shift(np.uint8(1), np.maximum(b.gender, 0).astype(np.uint8))
    accepted: BoolArray = (b.gender[bj] >= 0) & ((c.genders[ci] & bit[bj]) != 0)
    return accepted


def _relationship(c: CarerArrays, ci: Index, b: BuddyArrays, bj: Index) -> Float64Array:
    crel, brel = c.relationships[ci], b.relationships[bj]
    related = np.zeros(_shape(ci, bj), dtype=np.bool_)
    for group in _REL_GROUPS:
        related |= ((crel & group) != 0) & ((brel & group) != 0)
    same = (crel & brel & _REL_SHARED) != 0
    return np.where(same, 1.0, np.where(related, 0.5, 0.0))


def _needs(c: CarerArrays, ci: Index, b: BuddyArrays, bj: Index) -> Float64Array:
    cn, bn = c.needs[ci], b.needs[bj]
    cm, bm = c.mental_health[ci], b.mental_health[bj]
    sub = np.where((cm & bm) != 0, 1.0, np.where((cm == 0) | (bm == 0), 0.8, 0.6))
    value = np.where((cn & bn & _NEED_NON_MH) != 0, 1.0, np.where((cn & bn & _NEED_MH) != 0, sub, 0.0))
    return value * c.needs_apply[ci]


_CRISIS = JOURNEY_ORDER[JourneyStage.CRISIS]


def _journey(c: CarerArrays, ci: Index, b: BuddyArrays, bj: Index) -> Float64Array:
    cs, bs = c.stage[ci], b.stage[bj]
    longer = b.years[bj] >= c.years[ci] + YEARS_AHEAD
    value = np.where(bs > cs, 1.0, np.where((bs == cs) & longer, 0.5, 0.0))
    # "Crisis or big change" comes late in the list but is not experience to pass on: a buddy going
    # through one now is not further along than anybody.
    return np.where(bs == _CRISIS, 0.0, value)


def _language(c: CarerArrays, ci: Index, b: BuddyArrays, bj: Index) -> Float64Array:
    speaks, overlap = _speaks_preferred(c, ci, b, bj), _language_overlap(c, ci, b, bj)
    return np.where(speaks, 1.0, np.where(overlap, 0.4, 0.0))


def _area(c: CarerArrays, ci: Index, b: BuddyArrays, bj: Index) -> Float64Array:
    wants = (c.contact[ci] & _IN_PERSON) != 0
    meets = (b.contact[bj] & _IN_PERSON) != 0
    cd, ca = c.district[ci], c.area[ci]
    same_district = (cd >= 0) & (cd == b.district[bj])
    same_area = (ca >= 0) & (ca == b.area[bj])
    same_region = (c.region[ci] >= 0) & (c.region[ci] == b.region[bj])
    value = np.where(same_district, 1.0, np.where(same_area, 0.6, np.where(same_region, 0.3, 0.0)))
    result: Float64Array = value * (wants & meets)
    return result


def _availability_value(shared_slots: npt.NDArray[np.integer]) -> Float64Array:
    """The availability factor of a number of free slots in common."""
    return np.minimum(1.0, shared_slots / AVAILABILITY_FULL)


def _availability(c: CarerArrays, ci: Index, b: BuddyArrays, bj: Index) -> Float64Array:
    return _availability_value(np.bitwise_count(c.availability[ci] & b.availability[bj]))


def _contact(c: CarerArrays, ci: Index, b: BuddyArrays, bj: Index) -> Float64Array:
    shared = np.bitwise_count(c.contact[ci] & b.contact[bj]).astype(np.float64)
    result: Float64Array = np.minimum(1.0, shared / c.contact_wanted[ci].astype(np.float64))
    return result


def _wishes_met(c: CarerArrays, ci: Index, b: BuddyArrays, bj: Index) -> dict[str, BoolArray]:
    """Each "nice to have" wish, met or not (whether or not the carer made it)."""
    return {
        "gender": _gender_accepted(c, ci, b, bj),
        "background": _shared_background(c, ci, b, bj),
        "language": _speaks_preferred(c, ci, b, bj),
    }


def _nice_wished(c: CarerArrays, ci: Index) -> dict[str, BoolArray]:
    """Which wishes each carer marked "nice to have" (in ``Preferences.nice`` order)."""
    return {
        "gender": c.gender_pref[ci] == _NICE,
        "background": c.background_pref[ci] == _NICE,
        "language": c.language_pref[ci] == _NICE,
    }


def _nice(c: CarerArrays, ci: Index, b: BuddyArrays, bj: Index) -> Float64Array:
    met, wished = _wishes_met(c, ci, b, bj), _nice_wished(c, ci)
    count = np.zeros(_shape(ci, bj), dtype=np.float64)
    for wish, ok in met.items():
        count += wished[wish] & ok
    wanted = c.nice_count[ci].astype(np.float64)
    return np.where(wanted > 0, count / np.maximum(wanted, 1), 0.0)


def _applies(c: CarerArrays, ci: Index) -> dict[Factor, BoolArray]:
    """Which factors apply to each carer (the others neither score nor count in the denominator)."""
    every = np.ones(ci.shape, dtype=np.bool_)
    return {
        Factor.RELATIONSHIP: every,
        Factor.NEEDS: c.needs_apply[ci],
        Factor.JOURNEY: every,
        Factor.LANGUAGE: every,
        Factor.AREA: (c.contact[ci] & _IN_PERSON) != 0,
        Factor.AVAILABILITY: c.availability[ci] != 0,
        Factor.CONTACT_MODES: c.contact[ci] != 0,
        Factor.NICE_TO_HAVE: c.nice_count[ci] > 0,
        Factor.LOAD: every,
    }


def _answer_rules(
    c: CarerArrays, ci: Index, b: BuddyArrays, bj: Index, context: Context
) -> list[tuple[Exclusion, BoolArray]]:
    """The hard rules on the buddy and on both people's answers, in order: where each keeps a pair apart.

    Who the two people are (the same person) and their history (a declined pair, an ending) come from
    ``_kept_apart``, by identity.
    """
    pathway = b.cleared & context.young_carers_programme
    # The buddy's own rules have the buddies' shape; they broadcast against the pairs where used.
    return [
        (Exclusion.BUDDY_NOT_MATCHABLE, ~b.matchable[bj]),
        (Exclusion.BUDDY_FULL, ~b.has_room[bj]),
        (Exclusion.NO_SHARED_LANGUAGE, ~(c.interpreter[ci] | _language_overlap(c, ci, b, bj))),
        (Exclusion.GENDER_MUST, (c.gender_pref[ci] == _MUST) & ~_gender_accepted(c, ci, b, bj)),
        (
            Exclusion.BACKGROUND_MUST,
            (c.background_pref[ci] == _MUST) & ~_shared_background(c, ci, b, bj),
        ),
        (Exclusion.LANGUAGE_MUST, (c.language_pref[ci] == _MUST) & ~_speaks_preferred(c, ci, b, bj)),
        (Exclusion.AGE_PATHWAY, c.under_18[ci] & ~pathway[bj]),
    ]


def _eligible(c: CarerArrays, ci: Index, b: BuddyArrays, bj: Index, context: Context) -> BoolArray:
    """Where no hard rule on the buddy or the answers keeps a pair apart."""
    ok = np.ones(_shape(ci, bj), dtype=np.bool_)
    for _, excluded in _answer_rules(c, ci, b, bj, context):
        ok &= ~excluded
    return ok


def _positions(keys: Iterable[Hashable]) -> dict[Hashable, list[int]]:
    found: dict[Hashable, list[int]] = {}
    for index, key in enumerate(keys):
        found.setdefault(key, []).append(index)
    return found


def _kept_apart(
    carers: CarerArrays, buddies: BuddyArrays, context: Context
) -> dict[tuple[int, int], Exclusion]:
    """(carer index, buddy index) → why their identity or history keeps them apart, whatever they answered.

    The same person, a pair declined before, or a match that ended as not a good fit or for safeguarding.
    The first reason in rule order wins.
    """
    found: dict[tuple[int, int], Exclusion] = {}
    if context.kept_apart():
        carer_rows = _positions(c.key for c in carers.facts)
        buddy_columns = (
            {key: [j] for key, j in buddies.keys.items()}
            if len(buddies.keys) == buddies.size
            else _positions(b.key for b in buddies.facts)  # a buddy listed more than once (pairs)
        )
        for reason, pairs in (
            (Exclusion.ENDED_APART, context.ended_apart),
            (Exclusion.DECLINED_BEFORE, context.declined),
        ):
            for carer_key, buddy_key in pairs:
                for i in carer_rows.get(carer_key, ()):
                    for j in buddy_columns.get(buddy_key, ()):
                        found[(i, j)] = reason
    for index, person in enumerate(carers.person):
        for buddy in buddies.persons.get(person, ()):
            found[(index, buddy)] = Exclusion.SAME_PERSON
    return found


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


FactorFunction = Callable[[CarerArrays, Index, BuddyArrays, Index], Float64Array]
KeyFunction = Callable[[CarerArrays], list[npt.NDArray[np.generic]]]

# Each factor that depends only on answers, and the carer answers it depends on, for grouping.
# Availability (nearly every carer's week differs) and load (it depends on the batch) are apart.
_FACTORS: list[tuple[Factor, FactorFunction, KeyFunction]] = [
    (Factor.RELATIONSHIP, _relationship, lambda c: _columns(c.relationships)),
    (Factor.NEEDS, _needs, lambda c: _columns(c.needs, c.mental_health, c.needs_apply)),
    (Factor.JOURNEY, _journey, lambda c: _columns(c.stage, c.years)),
    (
        Factor.LANGUAGE,
        _language,
        lambda c: _columns(*c.languages.view(np.int64).T, c.preferred_word, c.preferred_bit.view(np.int64)),
    ),
    (
        Factor.AREA,
        _area,
        lambda c: [
            (c.contact & _IN_PERSON) != 0,  # in the key itself: a 0 below is also a real district
            *(_when((c.contact & _IN_PERSON) != 0, x) for x in (c.district, c.area, c.region)),
        ],
    ),
    (Factor.CONTACT_MODES, _contact, lambda c: _columns(c.contact)),
    (Factor.NICE_TO_HAVE, _nice, _nice_key),
]


def _weighted(weight: int, value: Float64Array) -> FloatArray:
    """A factor's points before scaling: its weight times its value, kept as float32."""
    return (weight * value).astype(np.float32)


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
        self.direct: list[tuple[int, FactorFunction]] = []
        self.every = np.arange(buddies.size, dtype=np.int64)[None, :]
        for factor, function, key in _FACTORS:
            weight = weights.of(factor)
            if weight == 0:
                continue
            if carers.size < 2:
                self.direct.append((weight, function))
                continue
            first, inverse = _groups(key(carers))
            self.tables.append(
                (_weighted(weight, function(carers, first[:, None], buddies, self.every)), inverse)
            )
        first, inverse = _groups(_eligibility_key(carers)) if carers.size else (np.zeros(0, np.int64),) * 2
        self.eligible_table = _eligible(carers, first[:, None], buddies, self.every, context)
        self.eligible_inverse = inverse
        self.excluded = self._excluded_pairs(context)
        # Shared free slots, scored through a table: points for 0, 1, … 21 slots in common.
        self.availability_points = _weighted(weights.availability, _availability_value(np.arange(22)))
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
        """Carer index → buddy indices kept apart by identity: the same person, or the pair's history."""
        excluded: dict[int, list[int]] = {}
        for i, j in _kept_apart(self.carers, self.buddies, context):
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
        for weight, function in self.direct:
            total += _weighted(weight, function(self.carers, rows[:, None], self.buddies, self.every))
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


@dataclass(frozen=True, slots=True)
class PairRules:
    """What the rules say about one pair: the first hard rule that keeps it apart, and every value.

    ``values`` holds the factors that apply to this carer, each in [0, 1]; ``wishes_met`` each of the
    carer's "nice to have" wishes, met or not (what the nice-to-have value counts).
    """

    exclusion: Exclusion | None
    values: dict[Factor, float]
    wishes_met: dict[str, bool]


def rules_for(
    carers: CarerArrays,
    ci: Sequence[int],
    buddies: BuddyArrays,
    bj: Sequence[int],
    context: Context,
    *,
    slots: Sequence[int] | None = None,
) -> list[PairRules]:
    """The rules for each pair (carer ``ci[k]``, buddy ``bj[k]``) at the buddy's place ``slots[k]`` (0)."""
    c_index, b_index = np.asarray(ci, dtype=np.int64), np.asarray(bj, dtype=np.int64)
    slot = np.zeros(c_index.size, dtype=np.int64) if slots is None else np.asarray(slots, dtype=np.int64)
    applies = _applies(carers, c_index)
    values = {factor: function(carers, c_index, buddies, b_index) for factor, function, _ in _FACTORS}
    values[Factor.AVAILABILITY] = _availability(carers, c_index, buddies, b_index)
    values[Factor.LOAD] = _load_value(buddies.load[b_index], buddies.capacity[b_index], slot, np.float64)  # type: ignore[assignment]
    rules = _answer_rules(carers, c_index, buddies, b_index, context)
    kept_apart = _kept_apart(carers, buddies, context)
    wished, met = _nice_wished(carers, c_index), _wishes_met(carers, c_index, buddies, b_index)
    found = []
    for k, (i, j) in enumerate(zip(c_index.tolist(), b_index.tolist(), strict=True)):
        reason = kept_apart.get((i, j))
        if reason != Exclusion.SAME_PERSON:
            reason = next((rule for rule, excluded in rules if excluded[k]), None) or reason
        found.append(
            PairRules(
                exclusion=reason,
                values={f: float(values[f][k]) for f in Factor if applies[f][k]},
                wishes_met={w: bool(met[w][k]) for w, marked in wished.items() if marked[k]},
            )
        )
    return found


def rules_for_pairs(
    carers: Sequence[CarerFacts],
    buddies: Sequence[BuddyFacts],
    context: Context = _NO_CONTEXT,
    *,
    slots: Sequence[int] | None = None,
) -> list[PairRules]:
    """The rules for the pairs (``carers[k]``, ``buddies[k]``), encoded together in one call."""
    encoded = pool(buddies, extra_languages=[code for c in carers for code in c.languages])
    arrays = CarerArrays.build(carers, vocabulary=encoded.vocabulary)
    every = range(len(carers))
    return rules_for(arrays, every, encoded, every, context, slots=slots)


@functools.lru_cache(maxsize=256)
def _encoded_pair(carer: CarerFacts, buddy: BuddyFacts) -> tuple[CarerArrays, BuddyArrays]:
    buddies = pool([buddy], extra_languages=carer.languages)
    return CarerArrays.build([carer], vocabulary=buddies.vocabulary), buddies


# Callers of one pair ask about the same pair again and again (its exclusion, then its score at each
# next place of the buddy), and the facts are immutable: the answers of a pair with no history and at
# its first place are kept, and the history and the place applied to them.
@functools.lru_cache(maxsize=16_384)
def _fresh_pair(carer: CarerFacts, buddy: BuddyFacts, young_carers_programme: bool) -> PairRules:
    carers, buddies = _encoded_pair(carer, buddy)
    return rules_for(carers, [0], buddies, [0], Context(young_carers_programme=young_carers_programme))[0]


def pair_rules(
    carer: CarerFacts, buddy: BuddyFacts, context: Context = _NO_CONTEXT, *, slot: int = 0
) -> PairRules:
    """The rules for one pair: a one-row call (one carer against a pool of one buddy)."""
    fresh = _fresh_pair(carer, buddy, context.young_carers_programme)
    reason = fresh.exclusion
    if reason is None and context.kept_apart():
        carers, buddies = _encoded_pair(carer, buddy)
        reason = _kept_apart(carers, buddies, context).get((0, 0))
    values = dict(fresh.values)  # a copy: the kept answer is shared
    if slot:
        _, buddies = _encoded_pair(carer, buddy)
        values[Factor.LOAD] = float(buddies.load_value(slot, dtype=np.float64)[0])
    return PairRules(exclusion=reason, values=values, wishes_met=dict(fresh.wishes_met))


def exclusion(carer: CarerFacts, buddy: BuddyFacts, context: Context) -> Exclusion | None:
    """The first hard rule that keeps this pair apart, or ``None`` when they may be matched."""
    return pair_rules(carer, buddy, context).exclusion


def factor_values(carer: CarerFacts, buddy: BuddyFacts, *, slot: int = 0) -> dict[Factor, float]:
    """The value in [0, 1] of each factor that applies to this carer.

    ``slot`` counts the carers the buddy is given before this one in the same batch (the load factor).
    """
    return pair_rules(carer, buddy, slot=slot).values


def contributions(values: Mapping[Factor, float], weights: Weights) -> dict[Factor, float]:
    """Points of the 0-100 score each applicable factor gives."""
    total = sum(weights.of(f) for f in values)
    if total == 0:
        return dict.fromkeys(values, 0.0)
    return {f: 100.0 * weights.of(f) * v / total for f, v in values.items()}


def score(carer: CarerFacts, buddy: BuddyFacts, weights: Weights, *, slot: int = 0) -> float:
    """The 0-100 score of a pair (whether or not a hard rule excludes it)."""
    return sum(contributions(factor_values(carer, buddy, slot=slot), weights).values())
