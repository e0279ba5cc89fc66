"""Text rules shared by every domain: e-mail spelling, time zone names, display names."""

from __future__ import annotations

import unicodedata
import zoneinfo
from functools import cache


def normalise_email(email: str) -> str:
    """Return the spelling an e-mail address is stored and compared in (trimmed, case-folded)."""
    return unicodedata.normalize("NFKC", email).strip().casefold()


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_time_zone(name: str) -> bool:
    """Whether ``name`` is an IANA time zone id such as ``Europe/London``."""
    return name in _known_zones()


def clean_display_name(name: str) -> str:
    """Return a display name with surrounding space removed and inner runs of space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).split())
