"""The period a report covers: whole days in the organisation's time zone, ``from`` and ``to`` inclusive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date

from carerlink import i18n
from carerlink.errors import Invalid
from carerlink.i18n import _
from carerlink.kit.days import parse_optional_day

MAX_DAYS = 3 * 366  # three years: the monthly charts stay readable


@dataclass(frozen=True, slots=True)
class Period:
    """``first`` to ``last`` (dates, inclusive) and the instants ``[start, end)`` they make in ``zone``."""

    first: date
    last: date
    zone: str
    start: datetime
    end: datetime

    @property
    def days(self) -> int:
        """How many days the period covers."""
        return (self.last - self.first).days + 1


def quarter_of(day: date) -> tuple[date, date]:
    """The calendar quarter (January to March, and so on) holding ``day``: its first and last dates."""
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    after = date(first.year + (first.month + 2) // 12, (first.month + 2) % 12 + 1, 1)
    return first, after - timedelta(days=1)


def midnight(day: date, zone: str) -> datetime:
    """The instant (UTC) a day begins in ``zone``."""
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(zone)).astimezone(UTC)


def period_of(first_text: str | None, last_text: str | None, *, now: datetime, zone: str) -> Period:
    """The period asked for; without dates, the current quarter (a missing one: from its quarter)."""
    today = now.astimezone(ZoneInfo(zone)).date()
    first = parse_optional_day(first_text, field="from")
    last = parse_optional_day(last_text, field="to")
    if first is None and last is None:
        first, last = quarter_of(today)
    elif first is None:
        assert last is not None
        first = quarter_of(last)[0]
    elif last is None:
        last = quarter_of(first)[1]
    if last < first:
        raise Invalid(_("The end of the period is before its start."), field="to")
    if (last - first).days + 1 > MAX_DAYS:
        raise Invalid(_("A report covers at most three years. Please choose a shorter period."), field="to")
    return Period(first, last, zone, midnight(first, zone), midnight(last + timedelta(days=1), zone))


def months(period: Period) -> list[tuple[str, str, datetime, datetime]]:
    """Each calendar month the period touches, clipped to it: (key "2026-04", "April 2026", start, end)."""
    out = []
    day = period.first.replace(day=1)
    while day <= period.last:
        after = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        first = max(day, period.first)
        last = min(after - timedelta(days=1), period.last)
        start = midnight(first, period.zone)
        end = midnight(last + timedelta(days=1), period.zone)
        out.append((day.strftime("%Y-%m"), month_words(day), start, end))
        day = after
    return out


def month_words(day: date) -> str:
    """The month of ``day`` and its year in the current language: "April 2026", "Ebrill 2026"."""
    locale = i18n.current()
    # The tests' pseudo-locale has no calendar of its own: its months are English.
    return format_date(day, "LLLL y", locale="en_GB" if locale == i18n.PSEUDO else locale.replace("-", "_"))
