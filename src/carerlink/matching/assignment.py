"""Who gets whom, pure: one carer's best buddies, and the exact best assignment for a whole waiting list.

``suggest`` ranks a pool for one carer and explains the best. The rest of this module is the
whole-waiting-list proposal: the exact best assignment of carers to buddies' free places.

The problem: give each waiting carer at most one buddy and each buddy at most their free places, only
pairs no hard rule excludes, maximising the total score. Each free place is a column of a bipartite
graph (a buddy's ``k``-th next place scores the pair with the buddy's load as it would then be, so the
work is spread); each row also has a private "left over" column worth 0. That is a rectangular
assignment problem, solved exactly by scipy's sparse LAPJVsp (``min_weight_full_bipartite_matching``).

10,000 carers x 2,000 buddies is 20 million pairs and about 60 million place edges: too many to hand
to the solver. So the solver first sees only promising pairs (each carer's best buddies and each
buddy's best carers), then the answer is *proved* optimal for the whole graph by linear-programming
duality: from the solved matching we compute dual prices (one per carer, one per place; on every
chosen edge the two add up to its score) and check every left-out pair against them. A left-out pair
scoring above its carer's and its place's prices could improve the answer: such pairs (and those
within ``MARGIN`` of it) are added and the problem solved again. Once no left-out pair is above its
prices, the matching is optimal over **all** eligible pairs (weak duality), not just the kept ones;
``stats["certified"]`` says so. The tests compare it with an independent dense solver.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from carerlink.matching.facts import BuddyFacts, CarerFacts, Context, Weights
from carerlink.matching.scoring import Explanation, explain
from carerlink.matching.vectors import BuddyArrays, CarerArrays, Scorer, rules_for

log = logging.getLogger("carerlink.matching.assignment")

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
Float32Array = npt.NDArray[np.float32]
BoolArray = npt.NDArray[np.bool_]

# Scores are 0-100; the solver minimises positive costs (it treats a 0 as "no edge").
COST_CEILING = 101.0
TOLERANCE = 1e-6
# Float32 scores are exact to about 1e-5 of 100: the fast screen for left-out pairs allows for that.
SCREEN_SLACK = 1e-2
MAX_ROUNDS = 8
MAX_DUAL_SWEEPS = 5000
THREADS = 2
BLOCK_ROWS = 512
# The solver first sees each carer's best KEEP buddies and, for each buddy, its best carers:
# PER_PLACE per free place and PER_BUDDY_EXTRA more.
KEEP = 4
PER_PLACE = 4
PER_BUDDY_EXTRA = 8
# Left-out pairs within this many points of their prices are added with the violating ones, so the
# next round is usually the last.
MARGIN = 5.0
ROUGH_MARGIN = 5.0


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
    carers = CarerArrays.build([carer], vocabulary=buddies.vocabulary)
    scores = Scorer(carers, buddies, weights, context).base(0, 1, load=buddies.load_value())[0]
    count = int(np.isfinite(scores).sum())
    if count == 0:
        return []
    take = min(limit, count)
    candidates = np.argpartition(-scores, take - 1)[:take] if take < scores.size else np.arange(scores.size)
    # Best first; equal scores in pool order, so the answer is stable.
    ordered = sorted(
        (int(j) for j in candidates if np.isfinite(scores[j])), key=lambda j: (-float(scores[j]), j)
    )
    # The explanations come from the same rules, for just these buddies.
    rules = rules_for(carers, [0] * len(ordered), buddies, ordered, context)
    return [
        Suggestion(buddy=buddies.facts[j], explanation=explain(carer, buddies.facts[j], weights, rules=r))
        for j, r in zip(ordered, rules, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class Placement:
    """One carer given one buddy's ``slot``-th next place, with the pair's score there."""

    carer: int
    buddy: int
    slot: int
    score: float


@dataclass(frozen=True)
class Assignment:
    """The placements, their total score, and how the answer was found."""

    placements: tuple[Placement, ...]
    total: float
    stats: dict[str, float] = field(default_factory=dict)


@dataclass
class _Scores:
    """Every pair's score at the buddy's next place (-inf when excluded), and how it falls per place."""

    first: Float32Array  # (carers, buddies)
    load_points: Float32Array  # per carer: points of the load factor
    free: IntArray  # per buddy
    slot_start: IntArray  # per buddy, then the total
    drop: Float32Array  # (places, buddies): load value lost at the k-th next place

    @property
    def slots(self) -> int:
        return int(self.slot_start[-1])

    def at(self, carer: IntArray, buddy: IntArray, k: IntArray) -> FloatArray:
        """Scores of pairs at the buddy's ``k``-th next place (float64)."""
        return self.first[carer, buddy].astype(np.float64) - self.load_points[carer].astype(
            np.float64
        ) * self.drop[k, buddy].astype(np.float64)


_local = threading.local()


def _scratch(rows: int, columns: int) -> tuple[Float32Array, BoolArray]:
    """A float and a bool buffer of this thread, reused from block to block."""
    held = getattr(_local, "held", None)
    if held is None or held[0].shape[0] < rows or held[0].shape[1] != columns:
        held = (np.empty((rows, columns), dtype=np.float32), np.empty((rows, columns), dtype=np.bool_))
        _local.held = held
    return held[0][:rows], held[1][:rows]


def _blocks(n: int) -> list[tuple[int, int]]:
    return [(start, min(n, start + BLOCK_ROWS)) for start in range(0, n, BLOCK_ROWS)]


def _score_all(
    carers: CarerArrays, buddies: BuddyArrays, weights: Weights, context: Context
) -> tuple[_Scores, BoolArray]:
    """Score every pair, and mark the pairs the solver sees first.

    Kept first: each carer's best ``KEEP`` buddies, and each buddy's best carers (``PER_PLACE`` per free
    place and ``PER_BUDDY_EXTRA`` more). Both sides matter: with more carers than places a place goes
    to one of its buddy's best carers; with more places than carers a carer gets one of their best.
    """
    n, m = carers.size, buddies.size
    scorer = Scorer(carers, buddies, weights, context)
    first_value = buddies.load_value(0)
    first = np.empty((n, m), dtype=np.float32)
    free = buddies.free
    wanted = np.clip(PER_PLACE * free + PER_BUDDY_EXTRA, 1, max(n, 1))
    depth = int(wanted.max()) if m else 0
    keep = min(KEEP, m)
    by_carer = np.full(n, np.inf, dtype=np.float32)
    column_bests: list[Float32Array] = []

    def fill(block: tuple[int, int]) -> None:
        start, stop = block
        out = first[start:stop]
        scorer.base(start, stop, out=out, load=first_value)
        if m:
            rows = stop - start
            work, _, _ = scorer.scratch(rows)
            np.copyto(work, out)
            work.partition(m - keep, axis=1)  # in place: the keep best of each row at the end
            by_carer[start:stop] = work[:, m - keep]
            np.copyto(work, out)
            best = min(depth, rows)
            work.partition(rows - best, axis=0)  # the best carers of each buddy at the bottom
            column_bests.append(work[rows - best :].copy())

    # numpy releases the GIL in its loops: two threads use both cores of a small server.
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(fill, _blocks(n)))
    places = max(1, int(free.max()) if m else 1)
    drop = np.stack([first_value - buddies.load_value(k) for k in range(places)]).astype(np.float32)
    scores = _Scores(
        first=first,
        load_points=scorer.load_points,
        free=free,
        slot_start=np.concatenate([[0], np.cumsum(free)]).astype(np.int64),
        drop=drop,
    )
    by_buddy = np.full(m, np.inf, dtype=np.float32)
    if column_bests and n:
        best = np.concatenate(column_bests)
        best.partition(best.shape[0] - min(depth, best.shape[0]), axis=0)
        best = best[best.shape[0] - min(depth, best.shape[0]) :]
        best.sort(axis=0)  # ascending: a buddy's wanted-th best carer is ``wanted`` from the end
        rank = np.clip(best.shape[0] - wanted, 0, best.shape[0] - 1)
        by_buddy = best[rank, np.arange(m)]
    by_buddy[free == 0] = np.inf
    kept = np.zeros((n, m), dtype=np.bool_)

    def mark(block: tuple[int, int]) -> None:
        start, stop = block
        rows, into = first[start:stop], kept[start:stop]
        _, _, other = scorer.scratch(stop - start)
        np.greater_equal(rows, by_carer[start:stop, None], out=into)
        np.greater_equal(rows, by_buddy[None, :], out=other)
        np.logical_or(into, other, out=into)
        np.isfinite(rows, out=other)
        np.logical_and(into, other, out=into)

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(mark, _blocks(n)))
    return scores, kept


def _edges(scores: _Scores, kept: BoolArray) -> tuple[IntArray, IntArray, FloatArray]:
    """(carer, place, score) for every free place of every kept pair."""
    carer, buddy = np.nonzero(kept)
    per_pair = scores.free[buddy]
    carer_e = np.repeat(carer, per_pair).astype(np.int64)
    buddy_e = np.repeat(buddy, per_pair).astype(np.int64)
    run_start = np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
    k = np.arange(carer_e.size, dtype=np.int64) - run_start  # 0, 1, … within each pair's places
    return carer_e, scores.slot_start[buddy_e] + k, scores.at(carer_e, buddy_e, k)


@dataclass
class _Solution:
    slot_of_carer: IntArray  # -1 when the carer is not placed
    carer_price: FloatArray
    slot_price: FloatArray
    certified: bool
    sweeps: int


def _solve(n: int, slots: int, carer_e: IntArray, slot_e: IntArray, weight: FloatArray) -> _Solution:
    """Solve the kept graph exactly and compute dual prices that certify it."""
    # The smaller side are the rows (each matched, maybe to its own "left over" column): LAPJVsp is
    # much faster that way round.
    carers_are_rows = n <= slots
    rows, cols = (carer_e, slot_e) if carers_are_rows else (slot_e, carer_e)
    row_count, col_count = (n, slots) if carers_are_rows else (slots, n)
    own = np.arange(row_count, dtype=np.int64)
    all_rows = np.concatenate([rows, own])
    all_cols = np.concatenate([cols, col_count + own])
    all_w = np.concatenate([weight, np.zeros(row_count)])
    graph = csr_array((COST_CEILING - all_w, (all_rows, all_cols)), shape=(row_count, col_count + row_count))
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    col_of_row = np.empty(row_count, dtype=np.int64)
    col_of_row[matched_rows] = matched_cols
    row_price, col_price, certified, sweeps = _prices(all_rows, all_cols, all_w, col_of_row, graph)

    slot_of_carer = np.full(n, -1, dtype=np.int64)
    real = np.flatnonzero(col_of_row < col_count)
    if carers_are_rows:
        slot_of_carer[real] = col_of_row[real]
        return _Solution(slot_of_carer, row_price, col_price[:col_count], certified, sweeps)
    slot_of_carer[col_of_row[real]] = real
    return _Solution(slot_of_carer, col_price[:col_count], row_price, certified, sweeps)


def _prices(
    rows: IntArray, cols: IntArray, weight: FloatArray, col_of_row: IntArray, graph: csr_array
) -> tuple[FloatArray, FloatArray, bool, int]:
    """Dual prices of a solved assignment.

    The least column prices ``v >= 0`` such that every edge has ``u_r + v_c >= w_rc`` with
    ``u_r = w(r, matched) - v(matched)``, and empty columns price 0.

    Found by raising prices from zero until no edge is above them (a longest-path fixed point: it is
    reached because an optimal matching has no improving alternating cycle). ``certified`` is False
    when that fails, which would mean the matching is not optimal on its own graph.
    """
    row_count, col_total = graph.shape
    if cols.size and bool(np.all(cols[1:] >= cols[:-1])):  # usually already in column order
        rows_s, cols_s, w_s = rows, cols, weight
    else:
        order = np.argsort(cols, kind="stable")
        rows_s, cols_s, w_s = rows[order], cols[order], weight[order]
    starts = np.flatnonzero(np.r_[True, cols_s[1:] != cols_s[:-1]])
    present = cols_s[starts]
    matched_weight = COST_CEILING - np.asarray(graph[np.arange(row_count), col_of_row]).ravel()
    v = np.zeros(col_total)
    sweeps = 0
    converged = False
    while sweeps < MAX_DUAL_SWEEPS:
        sweeps += 1
        u = matched_weight - v[col_of_row]
        raised = np.zeros(col_total)
        raised[present] = np.maximum(np.maximum.reduceat(w_s - u[rows_s], starts), 0.0)
        change = float(np.max(raised - v)) if col_total else 0.0
        v = raised
        if change <= 1e-9:
            converged = True
            break
    u = matched_weight - v[col_of_row]
    empty = np.ones(col_total, dtype=np.bool_)
    empty[col_of_row] = False
    certified = converged and (not empty.any() or float(v[empty].max()) <= TOLERANCE)
    return u, v, certified, sweeps


def _above_prices(
    scores: _Scores, kept: BoolArray, solution: _Solution, margin: float
) -> tuple[IntArray, IntArray, FloatArray]:
    """Left-out pairs with a place whose score is above (or within ``margin`` of) its prices.

    Returns the pairs and, for each, by how much its best place is above its prices (negative: below).
    """
    n, m = scores.first.shape
    cheapest = np.full(m, np.inf)
    has_place = scores.free > 0
    if scores.slots:
        cheapest[has_place] = np.minimum.reduceat(solution.slot_price, scores.slot_start[:-1][has_place])
    cheapest32 = cheapest.astype(np.float32)
    carer_price32 = solution.carer_price.astype(np.float32)
    found: list[tuple[IntArray, IntArray]] = []

    def screen(block: tuple[int, int]) -> None:
        start, stop = block
        bound, suspect = _scratch(stop - start, m)
        # No place of a buddy scores above its first place; no place is cheaper than the cheapest.
        np.subtract(scores.first[start:stop], cheapest32[None, :], out=bound)
        bound -= carer_price32[start:stop, None]
        np.greater(bound, -(margin + SCREEN_SLACK), out=suspect)
        np.greater(suspect, kept[start:stop], out=suspect)  # and not kept already
        if suspect.any():
            carer, buddy = np.nonzero(suspect)
            found.append((carer.astype(np.int64) + start, buddy.astype(np.int64)))

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(screen, _blocks(n)))
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    carer = np.concatenate([c for c, _ in found])
    buddy = np.concatenate([b for _, b in found])
    best = np.full(carer.size, -np.inf)
    for k in range(scores.drop.shape[0]):
        usable = scores.free[buddy] > k
        slot = np.where(usable, scores.slot_start[buddy] + k, 0)
        gain = (
            scores.at(carer, buddy, np.full(carer.size, k))
            - solution.slot_price[slot]
            - solution.carer_price[carer]
        )
        best = np.maximum(best, np.where(usable, gain, -np.inf))
    close = best > -margin
    return carer[close], buddy[close], best[close]


def optimal_assignment(
    carers: CarerArrays, buddies: BuddyArrays, weights: Weights, context: Context
) -> Assignment:
    """The placements of highest total score over every eligible pair, within buddies' free places.

    CPU-bound and blocking: call it through ``asyncio.to_thread`` from async code.
    """
    started = time.perf_counter()
    n = carers.size
    scores, kept = _score_all(carers, buddies, weights, context)
    if n == 0 or scores.slots == 0:
        return Assignment(placements=(), total=0.0, stats={"rounds": 0, "edges": 0, "certified": 1})
    scored = time.perf_counter()
    # A first, rough round: the same graph with scores rounded to whole points, which LAPJVsp solves
    # about twice as fast (fewer distinct costs). Its prices are only used to pick more pairs to keep
    # (within ROUGH_MARGIN points of them); every answer below comes from the exact scores.
    carer_e, slot_e, weight = _edges(scores, kept)
    rough = _solve(n, scores.slots, carer_e, slot_e, np.round(weight))
    if rough.certified:
        carer_add, buddy_add, _ = _above_prices(scores, kept, rough, margin=ROUGH_MARGIN)
        kept[carer_add, buddy_add] = True
    roughed = time.perf_counter()
    solution: _Solution | None = None
    rounds = edges = 0
    certified = exhaustive = False
    while rounds < MAX_ROUNDS:
        rounds += 1
        carer_e, slot_e, weight = _edges(scores, kept)
        edges = int(weight.size)
        solution = _solve(n, scores.slots, carer_e, slot_e, weight)
        if exhaustive:
            break  # every eligible pair was in the graph: exact by construction
        if not solution.certified:  # numerically stuck: give the solver every pair
            log.warning("matching.assignment.uncertified", extra={"fields": {"sweeps": solution.sweeps}})
            kept, exhaustive = np.isfinite(scores.first), True
            continue
        carer_add, buddy_add, above = _above_prices(scores, kept, solution, margin=MARGIN)
        violating = int((above > TOLERANCE).sum())
        log.debug(
            "matching.assignment.round",
            extra={"fields": {"round": rounds, "edges": edges, "above": violating, "added": int(above.size)}},
        )
        if violating == 0:
            certified = True
            break
        kept[carer_add, buddy_add] = True
        if rounds == MAX_ROUNDS - 1:
            kept, exhaustive = np.isfinite(scores.first), True
    assert solution is not None
    placements = _placements(scores, solution)
    return Assignment(
        placements=placements,
        total=float(sum(p.score for p in placements)),
        stats={
            "rounds": rounds,
            "edges": edges,
            "certified": float(certified or exhaustive),
            "dual_sweeps": solution.sweeps,
            "score_seconds": scored - started,
            "rough_seconds": roughed - scored,
            "exact_seconds": time.perf_counter() - roughed,
            "seconds": time.perf_counter() - started,
        },
    )


def _placements(scores: _Scores, solution: _Solution) -> tuple[Placement, ...]:
    buddy_of_slot = np.repeat(np.arange(scores.free.size), scores.free)
    carers = np.flatnonzero(solution.slot_of_carer >= 0)
    slots = solution.slot_of_carer[carers]
    buddies = buddy_of_slot[slots]
    k = slots - scores.slot_start[buddies]
    values = scores.at(carers, buddies, k)
    return tuple(
        Placement(carer=int(c), buddy=int(b), slot=int(s), score=float(v))
        for c, b, s, v in sorted(zip(carers, buddies, k, values, strict=True), key=lambda p: (p[1], p[2]))
    )


def greedy_assignment(
    carers: CarerArrays, buddies: BuddyArrays, weights: Weights, context: Context
) -> Assignment:
    """How it is done by hand: the longest-waiting carer first, each given their best buddy left.

    The baseline the optimum is measured against (``carers`` in waiting-list order).
    """
    started = time.perf_counter()
    scores, _ = _score_all(carers, buddies, weights, context)
    taken = np.zeros(buddies.size, dtype=np.int64)
    columns = np.arange(buddies.size)
    placements: list[Placement] = []
    for carer in range(carers.size):
        room = taken < scores.free
        if not room.any():
            break
        drop = scores.drop[np.minimum(taken, scores.drop.shape[0] - 1), columns]
        options = np.where(room, scores.first[carer] - scores.load_points[carer] * drop, -np.inf)
        best = int(np.argmax(options))
        if np.isfinite(options[best]):
            placements.append(
                Placement(carer=carer, buddy=best, slot=int(taken[best]), score=float(options[best]))
            )
            taken[best] += 1
    return Assignment(
        placements=tuple(placements),
        total=float(sum(p.score for p in placements)),
        stats={"seconds": time.perf_counter() - started},
    )
