"""Per-area timelines over the years and an early-warning watch list.

Both work on screened results only (plus, for timelines, the official lists when a history is
given), so the browser, the CLI and reports can share them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from helhed.domain.arealists.history import History
from helhed.domain.arealists.measures import MEASURES, Measure
from helhed.domain.arealists.rules import ListKey
from helhed.domain.arealists.screening import AreaResult


@dataclass(frozen=True)
class TimelinePoint:
    year: int
    lists: tuple[ListKey, ...]  # screened: on these lists
    undecided_lists: tuple[ListKey, ...]
    official_lists: tuple[ListKey, ...] | None  # from the history; None if the year is absent
    criteria_met: tuple[str, ...]
    values: Mapping[Measure, float | None]  # the input value of every measure


@dataclass(frozen=True)
class Transition:
    year: int
    entered: tuple[ListKey, ...]
    left: tuple[ListKey, ...]


@dataclass(frozen=True)
class Timeline:
    area: str
    municipality: str
    points: tuple[TimelinePoint, ...]  # one per screened year, oldest first

    def transitions(self) -> tuple[Transition, ...]:
        """Years in which the screened lists changed, against the previous screened year.

        Only decided lists count: an undecided year neither enters nor leaves a list.
        """
        changes: list[Transition] = []
        for before, after in zip(self.points, self.points[1:], strict=False):
            if before.undecided_lists or after.undecided_lists:
                continue
            entered = tuple(key for key in after.lists if key not in before.lists)
            left = tuple(key for key in before.lists if key not in after.lists)
            if entered or left:
                changes.append(Transition(after.year, entered, left))
        return tuple(changes)


def timelines(
    results: Iterable[AreaResult], *, history: History | None = None
) -> dict[str, Timeline]:
    """One timeline per area (by name, sorted), points sorted by year."""
    by_area: dict[str, list[AreaResult]] = {}
    for result in results:
        by_area.setdefault(result.area, []).append(result)
    out: dict[str, Timeline] = {}
    for area in sorted(by_area):
        ordered = sorted(by_area[area], key=lambda r: r.year)
        points = []
        for result in ordered:
            official = history.official_lists(area, result.year) if history else None
            points.append(
                TimelinePoint(
                    year=result.year,
                    lists=result.on_lists,
                    undecided_lists=result.undecided_lists,
                    official_lists=None
                    if official is None
                    else tuple(key for key in result.rules.list_keys if key in official),
                    criteria_met=result.criteria_met,
                    values={m: getattr(result.row, info.field) for m, info in MEASURES.items()},
                )
            )
        out[area] = Timeline(area, ordered[-1].municipality, tuple(points))
    return out


@dataclass(frozen=True)
class WatchItem:
    year: int
    area: str
    municipality: str
    criterion_id: str
    value: float
    threshold: float
    distance_pp: float
    met: bool
    persons: int | None
    text: str


def watch_list(
    results: Iterable[AreaResult], *, margin_pp: float = 2.0, latest_only: bool = True
) -> list[WatchItem]:
    """Criteria within `margin_pp` percentage points of their threshold, on either side.

    Both sides matter: an unmet criterion close to the line is a warning, a met one close to it
    is a chance to come off. With `latest_only` only each area's latest screened year counts.
    Sorted by closeness, then area and criterion.
    """
    if margin_pp < 0:
        raise ValueError("margin_pp must not be negative")
    chosen = list(results)
    if latest_only:
        latest: dict[str, AreaResult] = {}
        for result in chosen:
            if result.area not in latest or result.year > latest[result.area].year:
                latest[result.area] = result
        chosen = list(latest.values())
    items: list[WatchItem] = []
    for result in chosen:
        for c in result.criteria:
            if c.distance_pp is None or c.met is None or c.value is None or c.threshold is None:
                continue
            if round(abs(c.distance_pp), 6) <= margin_pp:
                items.append(
                    WatchItem(
                        result.year,
                        result.area,
                        result.municipality,
                        c.id,
                        c.value,
                        c.threshold,
                        c.distance_pp,
                        c.met,
                        c.persons,
                        c.text,
                    )
                )
    items.sort(key=lambda i: (abs(i.distance_pp), i.area, i.year, i.criterion_id))
    return items
