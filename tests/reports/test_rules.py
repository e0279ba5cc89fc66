"""The pure rules: the period (whole local days, the default quarter) and small-number suppression with
its differencing guard; volunteer hours, outcome measures and equality monitoring shown as their packages
return them, withheld alike."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from litestar import Litestar

from carerlink.db import Database
from carerlink.errors import Invalid
from carerlink.hours import reporting as hours
from carerlink.outcomes import reporting as outcomes
from carerlink.reports.period import months, period_of
from carerlink.reports.suppression import Figure, suppress, words
from tests.checkins.factories import make_pair
from tests.support import signed_in


def test_a_period_is_whole_days_in_the_centres_zone() -> None:
    now = datetime(2026, 5, 20, 23, 30, tzinfo=UTC)  # already 21 May in London
    period = period_of(None, None, now=now, zone="Europe/London")
    assert (period.first.isoformat(), period.last.isoformat()) == ("2026-04-01", "2026-06-30")
    assert period.start == datetime(2026, 3, 31, 23, 0, tzinfo=UTC)  # midnight in summer time
    assert period.end == datetime(2026, 6, 30, 23, 0, tzinfo=UTC)
    only_from = period_of("2026-02-10", None, now=now, zone="Europe/London")
    assert only_from.last.isoformat() == "2026-03-31"
    assert [m[1] for m in months(period_of("2026-01-15", "2026-03-02", now=now, zone="Europe/London"))] == [
        "January 2026",
        "February 2026",
        "March 2026",
    ]
    with pytest.raises(Invalid) as refused:
        period_of("2026-03-01", "2026-02-28", now=now, zone="Europe/London")
    assert refused.value.field == "to"


def test_figures_about_1_to_4_people_are_withheld_and_0_is_shown() -> None:
    shown = suppress(
        [
            Figure("a", "A", 0, 0, "people"),
            Figure("b", "B", 4, 4, "people"),
            Figure("c", "C", 5, 5, "people"),
            Figure("d", "D median", 12.5, 3, "days"),
            Figure("e", "E", 40, 2, "check-ins"),  # 40 check-ins of 2 carers
        ]
    )
    assert [f.suppressed for f in shown] == [False, True, False, True, True]
    assert [words(f) for f in shown] == ["0", "fewer than 5", "5", "fewer than 5", "fewer than 5"]


def test_a_withheld_figure_cannot_be_worked_out_from_its_total() -> None:
    shown = suppress(
        [
            Figure("ended", "Ended", 20, 20, "matches", group="g"),
            Figure("x", "Goals met", 12, 12, "matches", group="g"),
            Figure("y", "Moved away", 6, 6, "matches", group="g"),
            Figure("z", "Lost contact", 2, 2, "matches", group="g"),
            Figure("w", "Other", 0, 0, "matches", group="g"),
        ]
    )
    assert {f.key for f in shown if f.suppressed} == {"z", "y"}  # the next smallest, not the zero


async def test_hours_outcomes_and_equality_are_shown_as_returned_and_withheld_alike(
    app: Litestar, db: Database, new_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    measure = uuid.uuid4()

    async def hour_figures(*_: Any, **__: Any) -> hours.HoursFigures:
        return hours.HoursFigures(buddies=7, minutes_logged=600, minutes_counted=90)

    async def outcome_figures(*_: Any, **__: Any) -> list[outcomes.OutcomeFigures]:
        return [
            outcomes.OutcomeFigures(
                measure, "Carer wellbeing check", {"start": 12, "3_months": 3}, 9, 6, 1, 2, 14.0, 16.5
            )
        ]

    async def equality_figures(*_: Any, **__: Any) -> outcomes.EqualityFigures:
        return outcomes.EqualityFigures(
            consented=11,
            questions={"age_band": {"35_49": 8, "50_64": 3}},
            words={"age_band": "Age", "age_band.35_49": "35 to 49", "age_band.50_64": "50 to 64"},
        )

    monkeypatch.setattr(hours, "figures", hour_figures)
    monkeypatch.setattr(outcomes, "outcome_figures", outcome_figures)
    monkeypatch.setattr(outcomes, "equality_figures", equality_figures)
    pair = await make_pair(db)
    coordinator = await signed_in(new_client, pair.coordinator.email)
    body = (await coordinator.get(f"/api/v1/orgs/{pair.org.id}/reports/summary")).json()
    sections = {s["key"]: {f["key"]: f for f in s["figures"]} for s in body["sections"]}
    assert sections["hours"]["total"]["words"] == "11.5 hours"
    assert sections["hours"]["buddies"]["value"] == 7
    outcome = sections[f"outcome_{measure}"]
    assert outcome["answered_start"]["value"] == 12
    assert outcome["answered_3_months"]["words"] == "fewer than 5"
    assert outcome["better"]["value"] == 6
    assert outcome["same"]["suppressed"] and outcome["worse"]["suppressed"]
    assert outcome["mean_latest"]["words"] == "16.5"
    equality = sections["equality"]
    assert equality["consented"]["value"] == 11
    assert equality["age_band.35_49"]["label"] == "Age: 35 to 49"
    assert equality["age_band.50_64"]["suppressed"] and equality["age_band.35_49"]["suppressed"]
