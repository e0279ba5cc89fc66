"""A day a client types (a query's ``from`` and ``to``): ``YYYY-MM-DD``, or ``Invalid`` in plain words."""

from __future__ import annotations

import re
from datetime import date

from carerlink.errors import Invalid
from carerlink.i18n import _

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str, *, field: str) -> date:
    """``text`` as a date, or ``Invalid`` naming ``field`` (as the client sent it) with what to fix."""
    if not _DATE.fullmatch(text):
        raise Invalid(_("Please give a date as year-month-day, like 2026-04-01."), field=field)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid(_("That date does not exist. Please check the day and month."), field=field) from None


def parse_optional_day(text: str | None, *, field: str) -> date | None:
    """A day the client may leave out (``None`` or empty: not given)."""
    return parse_day(text, field=field) if text else None
