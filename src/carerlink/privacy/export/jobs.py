"""Ticks of copies of people's data."""

from __future__ import annotations

from carerlink.runtime import Tick

TICKS: list[Tick] = []
