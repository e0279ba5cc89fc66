"""The clock: one place that says what time it is, so tests can move time instead of sleeping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current instant in UTC."""

    def now(self) -> datetime:
        """Return the current instant, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """Return the current instant in UTC."""
        return datetime.now(UTC)


class ShiftedClock:
    """The real clock moved forward by the seconds written in a file (``CARERLINK_TEST_CLOCK_FILE``).

    For the browser tests' live server: a test moves its time by writing the file instead of sleeping
    until a check-in falls due. Read on every call, so every process of the server sees a move at once.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def now(self) -> datetime:
        """Return the real instant plus the file's seconds (none while the file is missing or empty)."""
        try:
            shift = float(self.path.read_text() or 0)
        except FileNotFoundError:
            shift = 0.0
        return datetime.now(UTC) + timedelta(seconds=shift)


class FrozenClock:
    """A clock that only moves when told to (tests and simulations)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FrozenClock needs a timezone-aware start")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        """Return the frozen instant."""
        return self._now

    def advance(self, delta: timedelta) -> datetime:
        """Move time forward and return the new instant."""
        self._now += delta
        return self._now

    def set(self, instant: datetime) -> None:
        """Jump to an instant."""
        self._now = instant.astimezone(UTC)


def utcnow() -> datetime:
    """Return the current instant in UTC (for code with no clock injected, such as defaults)."""
    return datetime.now(UTC)
