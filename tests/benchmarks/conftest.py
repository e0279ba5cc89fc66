"""Benchmarks share one recorder: each figure is printed and, under `make bench`, written to BENCHMARKS.md."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.benchmarks import figures as latest

BENCHMARKS_FILE = Path(__file__).resolve().parents[2] / "BENCHMARKS.md"


@pytest.fixture
def figures() -> latest.Figures:
    """The recorder benchmarks report their figures to."""
    return latest.Figures()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """`make bench` sets CARERLINK_BENCH_RECORD=1: then the figures measured replace their rows."""
    if os.environ.get("CARERLINK_BENCH_RECORD") == "1":
        latest.write(BENCHMARKS_FILE, latest.RECORDED)
