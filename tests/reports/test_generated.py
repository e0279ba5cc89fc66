"""The issue's check: reports on a generated organisation of a few hundred people equal a count made
independently from the raw rows; the JSON withholds exactly the small figures; the CSV opens in a
spreadsheet with the same figures as the JSON."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
from litestar import Litestar

from carerlink.db import Database
from carerlink.kit.clock import FrozenClock
from carerlink.reports import service
from carerlink.reports.period import period_of
from tests.reports.counting import CHART_FIGURE, Bars, Expected, count, count_bars, rows
from tests.reports.factories import generate_org
from tests.support import START, signed_in

PERIODS = [
    (date(2026, 1, 1), date(2026, 3, 31)),  # the current quarter (the default), still under way
    (date(2025, 4, 1), date(2026, 3, 31)),  # a financial year
    (date(2025, 10, 1), date(2025, 12, 31)),  # a whole quarter in the past
]


def raw_figures(sections: list[service.Section]) -> Expected:
    return {(s.key, f.key): (f.value, f.people) for s in sections for f in s.figures}


def check_suppressed_json(body: dict[str, Any], expected: Expected) -> None:
    """Every shown figure is the count; every small one is withheld; every withheld one has a reason."""
    for section in body["sections"]:
        groups_hidden = [f for f in section["figures"] if f["suppressed"]]
        for f in section["figures"]:
            value, people = expected.get((section["key"], f["key"]), (0, 0))
            if 0 < people < 5:
                assert f["suppressed"], (section["key"], f)
            if f["suppressed"]:
                assert f["value"] is None and f["words"] == "fewer than 5"
                assert 0 < people < 5 or len(groups_hidden) >= 2, (section["key"], f)
            else:
                assert f["value"] == value, (section["key"], f, value)


def check_bars(charts: list[service.Chart], bars: Bars, expected: Expected) -> None:
    """Each monthly chart's bars equal the count, and its months add up to the figure beside it."""
    monthly = {c.key: c for c in charts if c.kind == "months"}
    assert set(monthly) == set(bars) == set(CHART_FIGURE)
    for key, chart in monthly.items():
        assert [(b.key, b.value, b.people) for b in chart.bars] == bars[key], key
        assert sum(b.value for b in chart.bars) == expected[CHART_FIGURE[key]][0], key


async def test_reports_equal_a_count_made_from_the_raw_rows(
    app: Litestar, db: Database, new_client: Any, clock: FrozenClock
) -> None:
    generated = await generate_org(db)
    raw = await rows(db, generated.org.id)
    assert len(raw["memberships"]) >= 200 and len(raw["checkins"]) > 1000, {k: len(v) for k, v in raw.items()}
    coordinator = await signed_in(new_client, generated.coordinator.email)
    base = f"/api/v1/orgs/{generated.org.id}/reports"
    for first, last in PERIODS:
        expected = count(raw, first, last, clock.now())
        period = period_of(first.isoformat(), last.isoformat(), now=START, zone="Europe/London")
        async with db.session_scope() as session:
            sections, charts = await service.figures(
                session, organisation_id=generated.org.id, period=period, now=clock.now()
            )
        got = raw_figures(sections)
        for key, (value, people) in got.items():
            assert (value, people) == expected.get(
                key, (0 if not key[1].endswith(("median", "p90")) else None, 0)
            ), key
        assert set(expected) <= set(got)
        # the figures are not trivially small: most are shown
        assert sum(1 for v, p in expected.values() if p >= 5) > 25
        # volunteer hours too: logged, and counted from check-ins and buddies' replies
        assert all(expected["hours", key][0] > 0 for key in ("buddies", "logged", "counted"))
        check_bars(charts, count_bars(raw, first, last, clock.now()), expected)

        answer = await coordinator.get(
            f"{base}/summary", params={"from": first.isoformat(), "to": last.isoformat()}
        )
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert (body["from"], body["to"]) == (first.isoformat(), last.isoformat())
        check_suppressed_json(body, expected)

        download = await coordinator.get(
            f"{base}/summary.csv", params={"from": first.isoformat(), "to": last.isoformat()}
        )
        assert download.status_code == 200
        assert download.headers["content-type"].startswith("text/csv")
        assert download.headers["content-disposition"] == (
            f'attachment; filename="{generated.org.slug}-report-{first}-to-{last}.csv"'
        )
        text = download.content.decode("utf-8")
        assert text.startswith("\ufeff")
        table = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
        assert table[0] == ["section", "figure", "value", "words"]
        shown = {(r[0], r[1]): (r[2], r[3]) for r in table[1:]}
        for section in body["sections"]:
            for f in section["figures"]:
                value, words = shown[section["title"], f["label"]]
                assert words == f["words"]
                if f["value"] is None:
                    assert value == ""
                else:
                    assert float(value) == f["value"]
        for chart in body["charts"]:
            if chart["kind"] == "months":
                for bar in chart["bars"]:
                    assert shown[chart["title"], bar["label"]][1] == bar["words"]

    default = (await coordinator.get(f"{base}/summary")).json()
    assert (default["from"], default["to"]) == ("2026-01-01", "2026-03-31")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2026-13-01"}, "from"),
        ({"from": "yesterday"}, "from"),
        ({"from": "2026-01-0111"}, "from"),
        ({"to": "2026-02-30"}, "to"),
        ({"from": "2026-03-01", "to": "2026-02-01"}, "to"),
        ({"from": "2020-01-01", "to": "2026-01-01"}, "to"),
    ],
)
async def test_a_bad_or_reversed_date_is_refused_naming_it(
    app: Litestar, db: Database, new_client: Any, query: dict[str, str], field: str
) -> None:
    from tests.checkins.factories import make_pair
    from tests.support import field_errors

    pair = await make_pair(db)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    for route in ("summary", "summary.csv", "checkins.csv"):
        answer = await coordinator.get(f"/api/v1/orgs/{pair.org.id}/reports/{route}", params=query)
        assert field_errors(answer) == {field}, answer.text
