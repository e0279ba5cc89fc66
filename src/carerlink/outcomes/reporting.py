"""Outcome measures and equality monitoring as the reports read them (issue 16).

Counts only, never a person's answers. The reports suppress every count of people under 5.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession


@dataclass(frozen=True, slots=True)
class OutcomeFigures:
    """One outcome measure over ``[start, end)``.

    ``answered``: people who answered it at each point (``start``, ``3_months``, ``6_months``).
    ``compared``: people with a first and a later answer; of them ``better``, ``same`` and ``worse`` by
    their total score. ``mean_first`` and ``mean_latest``: the mean total of those compared (``None``
    when nobody was).
    """

    measure_id: uuid.UUID
    name: str
    answered: dict[str, int] = field(default_factory=dict)
    compared: int = 0
    better: int = 0
    same: int = 0
    worse: int = 0
    mean_first: float | None = None
    mean_latest: float | None = None


@dataclass(frozen=True, slots=True)
class EqualityFigures:
    """Equality monitoring of people who consented, by question and answer (the answer's key → people).

    ``questions``: ``{"age_band": {"35_49": 12, "prefer_not_to_say": 3}, "gender": {...}, ...}``.
    ``words``: the plain words of each question and answer key, for the report's CSV and screen.
    """

    consented: int = 0
    questions: dict[str, dict[str, int]] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)


async def outcome_figures(
    session: AsyncSession, *, organisation_id: uuid.UUID, start: datetime, end: datetime
) -> list[OutcomeFigures]:
    """Each outcome measure the organisation uses, over answers given in ``[start, end)``."""
    # Groundwork: the outcomes domain fills this in (the reports call it).
    del session, organisation_id, start, end
    return []


async def equality_figures(
    session: AsyncSession, *, organisation_id: uuid.UUID, start: datetime, end: datetime
) -> EqualityFigures:
    """Equality answers of carers and buddies who consented and were members during ``[start, end)``."""
    del session, organisation_id, start, end
    return EqualityFigures()
