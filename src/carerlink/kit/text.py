"""Text rules shared by every domain: e-mail spelling, time zone names, display names, control characters."""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from functools import cache

# Characters no one-line text may hold: C0 controls (TAB, LF and CR among them), DEL, C1 controls, and
# the Unicode line and paragraph separators. A CR/LF in a name ends up in an e-mail header (issue 10).
NOT_IN_ONE_LINE = r"\x00-\x1f\x7f-\x9f\u2028\u2029"
# Multi-line text (notes, messages) keeps TAB, LF and CR; every other control character is refused.
NOT_IN_MULTI_LINE = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_NOT_ONE_LINE = re.compile(f"[{NOT_IN_ONE_LINE}]")


def is_one_line(text: str) -> bool:
    """Whether ``text`` holds no line break and no control character."""
    return _NOT_ONE_LINE.search(text) is None


def one_line(text: str) -> str:
    """``text`` with every line break and control character replaced by a space (for e-mail headers)."""
    return _NOT_ONE_LINE.sub(" ", text)


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
