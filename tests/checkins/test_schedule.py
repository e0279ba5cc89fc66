"""Check-in times across clock changes in three hemispheres' rules (pure: no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carerlink.checkins.schedule import Frequency, Rhythm, next_dates, plan_occurrences


def _local(occurrence_due: datetime, zone: str) -> tuple[date, time]:
    local = occurrence_due.astimezone(ZoneInfo(zone))
    return local.date(), local.time()


@pytest.mark.parametrize(
    ("zone", "weekday", "around"),
    [
        ("Europe/London", 6, [date(2026, 3, 29), date(2026, 10, 25)]),
        ("America/New_York", 6, [date(2026, 3, 8), date(2026, 11, 1)]),
        ("Australia/Sydney", 6, [date(2026, 4, 5), date(2026, 10, 4)]),
    ],
)
def test_a_weekly_1900_check_in_stays_at_1900_local_across_both_changes(
    zone: str, weekday: int, around: list[date]
) -> None:
    rhythm = Rhythm(Frequency.WEEKLY, (weekday,), time(19, 0), zone, date(2026, 1, 1))
    found = plan_occurrences(
        rhythm, after_utc=datetime(2026, 1, 1, tzinfo=UTC), until_utc=datetime(2027, 1, 1, tzinfo=UTC)
    )

    assert len(found) == 52  # every Sunday of 2026, none lost or doubled
    for occurrence in found:
        local_date, local_time = _local(occurrence.due_at_utc, zone)
        assert local_time == time(19, 0)
        assert local_date.weekday() == weekday
    offsets = {o.due_at_utc.astimezone(ZoneInfo(zone)).utcoffset() for o in found}
    assert len(offsets) == 2  # the UTC instant moves with the clocks; the local time does not
    for change in around:
        assert any(o.local_start.date() == change for o in found)


def test_a_time_inside_the_spring_forward_gap_moves_forward_and_never_disappears() -> None:
    # London, Sunday 29 March 2026: clocks go from 01:00 to 02:00, so 01:30 does not exist.
    rhythm = Rhythm(Frequency.WEEKLY, (6,), time(1, 30), "Europe/London", date(2026, 3, 1))
    found = plan_occurrences(
        rhythm, after_utc=datetime(2026, 3, 20, tzinfo=UTC), until_utc=datetime(2026, 4, 10, tzinfo=UTC)
    )
    by_date = {o.local_start.date(): o.due_at_utc for o in found}
    assert list(by_date) == [date(2026, 3, 22), date(2026, 3, 29), date(2026, 4, 5)]
    assert by_date[date(2026, 3, 22)] == datetime(2026, 3, 22, 1, 30, tzinfo=UTC)  # GMT
    assert by_date[date(2026, 3, 29)].astimezone(ZoneInfo("Europe/London")).time() == time(
        2, 30
    )  # moved forward
    assert by_date[date(2026, 4, 5)] == datetime(2026, 4, 5, 0, 30, tzinfo=UTC)  # 01:30 BST


@pytest.mark.parametrize(
    ("zone", "day", "expected_local"),
    [
        ("America/New_York", date(2026, 3, 8), time(3, 30)),
        ("Australia/Sydney", date(2026, 10, 4), time(3, 30)),
    ],
)
def test_gap_times_move_forward_in_other_zones(zone: str, day: date, expected_local: time) -> None:
    rhythm = Rhythm(Frequency.WEEKLY, (day.weekday(),), time(2, 30), zone, day - timedelta(days=7))
    found = plan_occurrences(
        rhythm,
        after_utc=datetime.combine(day - timedelta(days=1), time(0), UTC),
        until_utc=datetime.combine(day + timedelta(days=1), time(23), UTC),
    )
    [occurrence] = [o for o in found if o.local_start.date() == day]
    assert occurrence.due_at_utc.astimezone(ZoneInfo(zone)).time() == expected_local


def test_a_time_in_the_autumn_fold_happens_once_the_first_time() -> None:
    # London, Sunday 25 October 2026: 01:30 happens twice; the check-in is at the first (BST).
    rhythm = Rhythm(Frequency.WEEKLY, (6,), time(1, 30), "Europe/London", date(2026, 10, 1))
    found = plan_occurrences(
        rhythm, after_utc=datetime(2026, 10, 24, tzinfo=UTC), until_utc=datetime(2026, 10, 26, tzinfo=UTC)
    )
    assert [o.due_at_utc for o in found] == [datetime(2026, 10, 25, 0, 30, tzinfo=UTC)]


def test_fortnightly_on_two_weekdays() -> None:
    rhythm = Rhythm(Frequency.FORTNIGHTLY, (0, 3), time(10, 0), "Europe/London", date(2026, 3, 2))
    found = plan_occurrences(
        rhythm, after_utc=datetime(2026, 3, 1, tzinfo=UTC), until_utc=datetime(2026, 3, 31, tzinfo=UTC)
    )
    assert [o.local_start.date() for o in found] == [
        date(2026, 3, 2),
        date(2026, 3, 5),
        date(2026, 3, 16),
        date(2026, 3, 19),
        date(2026, 3, 30),
    ]


def test_nothing_before_the_start_date() -> None:
    rhythm = Rhythm(Frequency.WEEKLY, (0,), time(9, 0), "Europe/London", date(2026, 6, 1))
    found = plan_occurrences(
        rhythm, after_utc=datetime(2026, 5, 1, tzinfo=UTC), until_utc=datetime(2026, 6, 10, tzinfo=UTC)
    )
    assert [o.local_start.date() for o in found] == [date(2026, 6, 1), date(2026, 6, 8)]


def test_next_dates_are_in_order_and_in_the_future() -> None:
    rhythm = Rhythm(Frequency.WEEKLY, (2,), time(18, 30), "Europe/London", date(2026, 1, 1))
    now = datetime(2026, 3, 4, 18, 31, tzinfo=UTC)  # just after this Wednesday's
    dates = next_dates(rhythm, now_utc=now, count=3)
    assert [d.local_start for d in dates] == [
        datetime(2026, 3, 11, 18, 30),
        datetime(2026, 3, 18, 18, 30),
        datetime(2026, 3, 25, 18, 30),
    ]


@settings(max_examples=150, deadline=None)
@given(
    zone=st.sampled_from(
        ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Pacific/Chatham"]
    ),
    weekdays=st.sets(st.integers(0, 6), min_size=1, max_size=3),
    minute_of_day=st.integers(0, 24 * 60 - 1),
    fortnightly=st.booleans(),
)
def test_any_rhythm_gives_exactly_one_check_in_per_agreed_day(
    zone: str, weekdays: set[int], minute_of_day: int, fortnightly: bool
) -> None:
    rhythm = Rhythm(
        Frequency.FORTNIGHTLY if fortnightly else Frequency.WEEKLY,
        tuple(sorted(weekdays)),
        time(minute_of_day // 60, minute_of_day % 60),
        zone,
        date(2026, 1, 5),
    )
    year_start = datetime(2026, 1, 5, tzinfo=ZoneInfo(zone)).astimezone(UTC)  # 52 whole local weeks
    found = plan_occurrences(rhythm, after_utc=year_start, until_utc=year_start + timedelta(weeks=52))
    days = [o.local_start.date() for o in found]
    assert len(days) == len(set(days))  # never twice on one day
    expected_weeks = 52 if not fortnightly else 26
    assert len(days) == expected_weeks * len(weekdays)
    instants = [o.due_at_utc for o in found]
    assert instants == sorted(instants)
    for occurrence in found:
        # The instant is the agreed wall time, or later by at most a gap (never earlier, never dropped).
        shown = occurrence.due_at_utc.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        assert timedelta(0) <= shown - occurrence.local_start <= timedelta(hours=1)
