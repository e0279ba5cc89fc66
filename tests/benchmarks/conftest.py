"""Benchmarks share one recorder: each figure is printed and, under `make bench`, written to BENCHMARKS.md."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from carerlink.tables import metadata
from tests.benchmarks import figures as latest
from tests.conftest import POSTGRES_URL, DatabaseTarget, _execute

BENCHMARKS_FILE = Path(__file__).resolve().parents[2] / "BENCHMARKS.md"


@pytest.fixture(params=["postgresql", "sqlite"])
async def target(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path
) -> AsyncIterator[DatabaseTarget]:
    """A migrated database: this run's PostgreSQL schema (emptied after), or a SQLite file."""
    if request.param == "sqlite":
        path = tmp_path / "bench.sqlite3"
        shutil.copy(sqlite_template, path)
        yield DatabaseTarget("sqlite", f"sqlite+aiosqlite:///{path}")
        return
    if not POSTGRES_URL:
        pytest.skip("needs PostgreSQL: set CARERLINK_TEST_POSTGRES_URL")
    pg: DatabaseTarget = request.getfixturevalue("postgres_schema")
    yield pg
    tables = ", ".join(f'"{pg.schema}"."{t.name}"' for t in metadata.sorted_tables)
    await _execute(pg.url, f"TRUNCATE {tables} CASCADE")


@pytest.fixture
def figures() -> latest.Figures:
    """The recorder benchmarks report their figures to."""
    return latest.Figures()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """`make bench` sets CARERLINK_BENCH_RECORD=1: then the figures measured replace their rows."""
    if os.environ.get("CARERLINK_BENCH_RECORD") == "1":
        latest.write(BENCHMARKS_FILE, latest.RECORDED)
