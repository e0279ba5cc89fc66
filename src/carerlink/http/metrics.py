"""Request counters per route for ``/metrics``, counted by the request middleware in each process.

With several web processes ``carerlink serve`` points ``PROMETHEUS_MULTIPROC_DIR`` at a directory they
share, so any of them answers for all.
"""

from __future__ import annotations

import os

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client import multiprocess as prometheus_multiprocess

REQUESTS = Counter("carerlink_http_requests", "HTTP requests answered", ["method", "route", "status"])
LATENCY = Histogram(
    "carerlink_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


def observe(method: str, route: str, status: int, seconds: float) -> None:
    """Count one answered request (called by the request middleware)."""
    if route == "/metrics":
        return
    REQUESTS.labels(method, route, str(status)).inc()
    LATENCY.labels(method, route).observe(seconds)


def request_figures() -> bytes:
    """Requests and latency per route, from every web process when they share a directory."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        prometheus_multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return bytes(generate_latest(registry))
    return bytes(generate_latest())
