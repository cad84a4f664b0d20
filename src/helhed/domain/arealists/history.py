"""Which lists an area was on in earlier years: official lists (the history file) and screenings.

Consecutive-year rules (hårdt ghettoområde, omdannelsesområde) ask "was the area on a ghetto or
parallelsamfund list in year Y?". The answer is three-valued:

* a year that appears in the official history (with a row for one of the lists asked about) is
  taken as that year's complete list: an area without a row was on none of those lists;
* otherwise a screened result for that area and year answers, possibly "undecided";
* otherwise the answer is unknown (None), and the rule that needs it stays undecided.

Official rows win over screened results for the same year: they are what the ministry published.
Years before the first list (2010) are answered "no": no list existed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from helhed.domain.arealists.rules import FIRST_LIST_YEAR, ListKey, implied_lists


@dataclass(frozen=True)
class HistoryEntry:
    """One row of an official list: the area was on `list` in list year `year`."""

    area: str
    year: int
    list: ListKey


class History:
    def __init__(self, entries: Iterable[HistoryEntry] = ()) -> None:
        self._official: dict[tuple[str, int], set[ListKey]] = {}
        self._official_lists_by_year: dict[int, set[ListKey]] = {}
        self._screened: dict[tuple[str, int], dict[ListKey, bool | None]] = {}
        for entry in entries:
            self.add_official(entry)

    def add_official(self, entry: HistoryEntry) -> None:
        implied = implied_lists(entry.list, entry.year)
        self._official.setdefault((entry.area, entry.year), set()).update(implied)
        self._official_lists_by_year.setdefault(entry.year, set()).update(implied)

    def add_screened(self, area: str, year: int, statuses: Mapping[ListKey, bool | None]) -> None:
        self._screened[(area, year)] = dict(statuses)

    def copy(self) -> History:
        clone = History()
        clone._official = {key: set(value) for key, value in self._official.items()}
        clone._official_lists_by_year = {
            year: set(value) for year, value in self._official_lists_by_year.items()
        }
        clone._screened = {key: dict(value) for key, value in self._screened.items()}
        return clone

    @property
    def official_years(self) -> tuple[int, ...]:
        return tuple(sorted(self._official_lists_by_year))

    def official_lists(self, area: str, year: int) -> frozenset[ListKey] | None:
        """The area's official lists in `year`, or None when the history lacks that year."""
        if year not in self._official_lists_by_year:
            return None
        return frozenset(self._official.get((area, year), set()))

    def on_any(self, area: str, year: int, lists: Iterable[ListKey]) -> bool | None:
        """Was the area on any of `lists` in `year`? None when nothing says."""
        wanted = set(lists)
        if year < FIRST_LIST_YEAR:
            return False
        if wanted & self._official_lists_by_year.get(year, set()):
            return bool(wanted & self._official.get((area, year), set()))
        screened = self._screened.get((area, year))
        if screened is None:
            return None
        # A list that did not exist that year (parallelsamfund in 2017) counts as "not on it".
        statuses = [screened.get(key, False) for key in wanted]
        if any(status is True for status in statuses):
            return True
        if any(status is None for status in statuses):
            return None
        return False
