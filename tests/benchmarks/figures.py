"""The latest figure of each benchmark, kept in BENCHMARKS.md between two markers (`make bench` refreshes it).

Each benchmark records one line per figure it measures (``figures.record``); at the end of the run the
table between the markers is rewritten: the benchmarks that ran replace their own rows, the others
keep theirs, so `make bench BENCH_ARGS="-k cold_open"` refreshes just that row.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

START = "<!-- latest figures: rewritten by `make bench`; edit the text around them, not these rows -->"
END = "<!-- end of the latest figures -->"
HEADER = "| benchmark | latest figure | measured |\n|---|---|---|"


RECORDED: dict[str, tuple[str, str]] = {}


class Figures:
    """Records a benchmark's figure under its name (one row of BENCHMARKS.md's latest figures)."""

    def record(self, name: str, figure: str) -> None:
        """Print ``figure`` and keep it, with when and where it was measured, as ``name``'s latest."""
        print(f"\n[bench] {name}: {figure}")
        RECORDED[name] = (figure, measured_now())


def measured_now() -> str:
    """When and on what a figure was measured: the date, the cores and the load average."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{datetime.now(UTC):%Y-%m-%d}, {os.cpu_count()} cores, load average {load:.1f}"


def _cell(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("|", "/").strip()


def rows_of(text: str) -> dict[str, tuple[str, str]]:
    """The rows between the markers, by benchmark name."""
    if START not in text or END not in text:
        return {}
    table = text.split(START, 1)[1].split(END, 1)[0]
    rows: dict[str, tuple[str, str]] = {}
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in {"benchmark", "---"}:
            rows[cells[0]] = (cells[1], cells[2])
    return rows


def updated(text: str, recorded: dict[str, tuple[str, str]]) -> str:
    """``text`` with the recorded rows replaced or added (sorted by name), the rest kept."""
    rows = rows_of(text) | {
        _cell(name): (_cell(figure), _cell(when)) for name, (figure, when) in recorded.items()
    }
    table = "\n".join(
        [HEADER, *(f"| {name} | {figure} | {when} |" for name, (figure, when) in sorted(rows.items()))]
    )
    block = f"{START}\n{table}\n{END}"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        return before + block + rest.split(END, 1)[1]
    return text.rstrip() + "\n\n## Latest figures\n\n" + block + "\n"


def write(path: Path, recorded: dict[str, tuple[str, str]]) -> None:
    """Rewrite the latest figures in ``path`` with what this run recorded."""
    if recorded:
        path.write_text(updated(path.read_text(encoding="utf-8"), recorded), encoding="utf-8")
