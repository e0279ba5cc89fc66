"""Ticks of retention."""

from __future__ import annotations

from carerlink.runtime import Tick

TICKS: list[Tick] = []
