"""Values over the years as the report sees them, and what counts as a change (pure).

A point is either a value, hidden because of small counts (suppressed for this reader), or absent
(no figure for that year at all). The generator and the status rules say which, because the
report must be honest about the difference.

Tolerance: a change smaller than the tolerance is "stort set uændret", and a distance to the
municipal average that changes by less than it is "stort set den samme". It depends on the unit:
0,5 percentage points for shares (and 0,5 per 100 for rates), 0,1 for means such as exam marks,
0,05 for ratios, and 2 % of the earlier value (at least 1) for kroner and counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from helhed.domain.indicators.definitions import Better, Unit


@dataclass(frozen=True)
class Point:
    value: float | None
    suppressed: bool = False  # the figure exists but is hidden for this reader (small counts)

    @property
    def hidden(self) -> bool:
        return self.value is None and self.suppressed


@dataclass(frozen=True)
class UnitSeries:
    """One unit (an area, the plan's areas together, the municipality …) year by year."""

    name: str
    points: Mapping[int, Point] = field(default_factory=dict)

    def value(self, year: int) -> float | None:
        point = self.points.get(year)
        return point.value if point else None

    def hidden(self, year: int) -> bool:
        point = self.points.get(year)
        return bool(point and point.hidden)

    def present(self, year: int) -> bool:
        """A figure exists for the year (visible or hidden)."""
        point = self.points.get(year)
        return point is not None and (point.value is not None or point.suppressed)


class Movement(StrEnum):
    RISE = "rise"
    FALL = "fall"
    FLAT = "flat"


_ABSOLUTE = {Unit.PCT: 0.5, Unit.RATE: 0.5, Unit.MEAN: 0.1, Unit.RATIO: 0.05}


def tolerance(unit: Unit, reference: float | None = None) -> float:
    if unit in _ABSOLUTE:
        return _ABSOLUTE[unit]
    return max(abs(reference or 0.0) * 0.02, 1.0)


def movement(before: float, after: float, unit: Unit, tol: float | None = None) -> Movement:
    tol = tolerance(unit, before) if tol is None else tol
    delta = round(after - before, 9)
    if abs(delta) < tol:
        return Movement.FLAT
    return Movement.RISE if delta > 0 else Movement.FALL


def at_least_as_good(value: float, reference: float, better: Better, tol: float) -> bool:
    """Direction-aware: is `value` no worse than `reference` (differences within tol count as equal)?"""
    if better is Better.HIGHER:
        return value >= reference - tol
    if better is Better.LOWER:
        return value <= reference + tol
    raise ValueError("en neutral indikator har ingen bedre retning")
