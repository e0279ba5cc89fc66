"""`make bench` refreshes BENCHMARKS.md: the figures measured replace their rows, the rest stay."""

from __future__ import annotations

from pathlib import Path

from tests.benchmarks import figures


def test_a_run_replaces_its_own_rows_and_keeps_the_others() -> None:
    text = figures.updated("# Benchmarks\n\nWhy each budget.\n", {"push": ("1,200/s", "then")})
    text = figures.updated(text + "\nHistory below.\n", {"cold open": ("2.9 s", "now")})
    text = figures.updated(text, {"push": ("1,400/s | fast", "now")})
    assert figures.rows_of(text) == {"cold open": ("2.9 s", "now"), "push": ("1,400/s / fast", "now")}
    assert text.startswith("# Benchmarks\n\nWhy each budget.\n")
    assert text.rstrip().endswith("History below.")


def test_the_projects_benchmarks_file_has_the_table() -> None:
    text = (Path(__file__).resolve().parents[1] / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert figures.START in text and figures.END in text
    assert len(figures.rows_of(text)) >= 6
