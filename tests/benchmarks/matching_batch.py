"""Batch proposals for 10,000 waiting carers x 2,000 buddies, run in a process of its own.

Prints one JSON line: the optimal assignment's time, peak memory (tracemalloc, and the growth of the
process's maximum resident size), its total score, and a greedy assignment's time and total measured
in the same run. Run by ``tests/benchmarks/test_matching_bench.py`` (``make bench``).
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
import tracemalloc

from carerlink.matching.assignment import greedy_assignment, optimal_assignment
from carerlink.matching.scoring import Context, Weights
from carerlink.matching.vectors import CarerArrays, pool
from tests.matching.synthetic import population


def main(seed: int, carers: int, buddies: int) -> None:
    """Build the population, then time the optimum and the greedy baseline."""
    carer_facts, buddy_facts = population(seed, carers, buddies, max_capacity=5)
    buddy_pool = pool(buddy_facts, extra_languages=[code for c in carer_facts for code in c.languages])
    carer_arrays = CarerArrays.build(carer_facts, vocabulary=buddy_pool.vocabulary)
    weights, context = Weights(), Context(young_carers_programme=True)
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    started = time.perf_counter()
    best = optimal_assignment(carer_arrays, buddy_pool, weights, context)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    greedy = greedy_assignment(carer_arrays, buddy_pool, weights, context)
    greedy_seconds = time.perf_counter() - started
    places = int(buddy_pool.free.sum())
    print(
        json.dumps(
            {
                "carers": carers,
                "buddies": buddies,
                "places": places,
                "seconds": round(seconds, 3),
                "score_seconds": round(best.stats["score_seconds"], 3),
                "rough_seconds": round(best.stats["rough_seconds"], 3),
                "exact_seconds": round(best.stats["exact_seconds"], 3),
                "rounds": best.stats["rounds"],
                "edges": best.stats["edges"],
                "certified": best.stats["certified"] == 1.0,
                "tracemalloc_peak_mb": round(peak, 1),
                "rss_growth_mb": round(rss_after - rss_before, 1),
                "rss_max_mb": round(rss_after, 1),
                "placed": len(best.placements),
                "total": round(best.total, 1),
                "greedy_seconds": round(greedy_seconds, 3),
                "greedy_placed": len(greedy.placements),
                "greedy_total": round(greedy.total, 1),
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
