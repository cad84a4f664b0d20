"""Reads of the area lists for pages, the API and the CLI.

The current data of a list year is its latest criterion import; the official history is, for each
list year, the latest history import holding that year. Screening is not stored: it is a pure
function of those rows (about 50 ms for a national year of 600 areas, see bench/arealists.py),
so every reader screens the same current rows the same way and a new import shows at once. A
year's screening is kept in the cache under the ids of the imports it was made from (the lists
page is among the most visited), so a new import still shows at once.

Screening a year also screens the four years before it (when stored), because the five-year rules
(hårdt ghettoområde, omdannelsesområde) count screened years as history. An area's own page screens
only that area's rows over all years: the history is kept per area, so the result is the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet
from django.http import Http404

from helhed import __version__
from helhed.arealists.models import (
    CriterionImport,
    CriterionRow,
    OfficialListImport,
    OfficialListRow,
)
from helhed.domain.arealists import (
    RULE_SETS,
    AreaResult,
    History,
    HistoryEntry,
    ListPath,
    Timeline,
    WatchItem,
    path_off_lists,
    screen,
    timelines,
    watch_list,
)
from helhed.partnerships.models import Area

# Years screened together so the longest consecutive-year rule sees its whole streak.
WINDOW = max(rule.consecutive_years for rs in RULE_SETS.values() for rule in rs.lists)
LIST_FILTERS = ("any", "none", "undecided")


class NoListData(Http404):
    """No criterion import exists for the list year asked for."""


@dataclass(frozen=True)
class ScreenedArea:
    row: CriterionRow
    result: AreaResult

    @property
    def lists(self) -> tuple[str, ...]:
        return self.result.on_lists


@dataclass(frozen=True)
class YearScreening:
    year: int
    source: CriterionImport
    areas: list[ScreenedArea]

    @property
    def results(self) -> list[AreaResult]:
        return [item.result for item in self.areas]

    @property
    def municipalities(self) -> list[str]:
        return sorted({item.result.municipality for item in self.areas})

    def counts(self) -> dict[str, int]:
        """Areas on each list of the year (rule-set order), plus `undecided` and `total`."""
        keys = RULE_SETS[self.year].list_keys
        counts: dict[str, int] = {
            key: sum(1 for a in self.areas if key in a.result.on_lists) for key in keys
        }
        counts["undecided"] = sum(1 for a in self.areas if a.result.undecided_lists)
        counts["total"] = len(self.areas)
        return counts


@dataclass(frozen=True)
class AreaScreening:
    row: CriterionRow
    result: AreaResult
    timeline: Timeline
    paths: tuple[ListPath, ...]
    years: list[int]  # the stored years of this area


def current_imports() -> dict[int, CriterionImport]:
    """The latest criterion import of each list year."""
    latest: dict[int, CriterionImport] = {}
    for source in CriterionImport.objects.select_related("imported_by").order_by(
        "year", "imported_at", "pk"
    ):
        latest[source.year] = source
    return latest


def list_years() -> list[int]:
    return sorted(set(CriterionImport.objects.values_list("year", flat=True)))


def latest_year() -> int | None:
    years = list_years()
    return years[-1] if years else None


def current_rows(
    *, years: Iterable[int] | None = None, area_name: str | None = None
) -> QuerySet[CriterionRow]:
    sources = current_imports()
    wanted = set(sources) if years is None else set(years) & set(sources)
    qs = CriterionRow.objects.filter(source_id__in=[sources[y].pk for y in wanted])
    if area_name is not None:
        qs = qs.filter(area_name=area_name)
    return qs.order_by("year", "area_name")


def official_history() -> History:
    """Official rows; for each year only those of the latest import holding that year."""
    rows = list(
        OfficialListRow.objects.values_list(
            "source_id", "source__imported_at", "area_name", "year", "list_key"
        )
    )
    newest: dict[int, tuple] = {}
    for source_id, imported_at, _area, year, _key in rows:
        if year not in newest or (imported_at, source_id) > newest[year]:
            newest[year] = (imported_at, source_id)
    return History(
        HistoryEntry(area, year, key)
        for source_id, imported_at, area, year, key in rows
        if newest[year] == (imported_at, source_id)
    )


def screen_year(year: int, *, history: History | None = None) -> YearScreening:
    """Every current area of a list year; `history` defaults to the stored official lists.

    With the stored history the result is kept in the cache under the ids of the imports it was
    screened from: imported rows are never changed, so a new or deleted import (criterion values
    of a year in the window, or official lists) gives a new key and a fresh screening.
    """
    sources = current_imports()
    if year not in sources:
        raise NoListData(f"Der er ingen kriterieværdier for listeåret {year}.")
    window = range(year - WINDOW + 1, year + 1)
    if history is not None:
        return _screen_year(year, sources, window, history)
    official = OfficialListImport.objects.aggregate(
        n=Count("pk"), last=Max("pk"), at=Max("imported_at")
    )
    parts = ":".join(
        [
            str(year),
            # pk and time: a pk can be used again after a delete (SQLite), the time cannot.
            ",".join(
                f"{y}={sources[y].pk}@{sources[y].imported_at.isoformat()}"
                for y in window
                if y in sources
            ),
            f"{official['n']}-{official['last']}@{official['at']}",
            __version__,
        ]
    )
    key = "arealists-screening:" + hashlib.sha256(parts.encode()).hexdigest()
    screening = cache.get(key)
    if screening is None:
        screening = _screen_year(year, sources, window, official_history())
        cache.set(key, screening, timeout=3600)
    return screening


def _screen_year(
    year: int, sources: dict[int, CriterionImport], window: range, history: History
) -> YearScreening:
    rows = list(current_rows(years=window).select_related("area"))
    this_year = {row.area_name: row for row in rows if row.year == year}
    results = screen((row.to_input() for row in rows), history=history)
    areas = [
        ScreenedArea(this_year[result.area], result) for result in results if result.year == year
    ]
    return YearScreening(year, sources[year], areas)


def filter_areas(
    areas: Iterable[ScreenedArea], *, municipality: str = "", list_key: str = "", search: str = ""
) -> list[ScreenedArea]:
    """`list_key` is a list key, `any` (on some list), `none` (decidedly on none) or
    `undecided` (some list undecided)."""
    out = []
    needle = search.casefold().strip()
    for item in areas:
        r = item.result
        if municipality and r.municipality != municipality:
            continue
        if needle and needle not in r.area.casefold():
            continue
        if list_key == "any" and not r.on_lists:
            continue
        if list_key == "none" and (r.on_lists or r.undecided_lists):
            continue
        if list_key == "undecided" and not r.undecided_lists:
            continue
        if list_key and list_key not in LIST_FILTERS and list_key not in r.on_lists:
            continue
        out.append(item)
    return out


def _measure_value(result: AreaResult, field: str) -> float | None:
    value = getattr(result.row, field)
    return None if value is None else float(value)


SORT_KEYS = {
    "area": lambda r: r.area.casefold(),
    "municipality": lambda r: (r.municipality.casefold(), r.area.casefold()),
    "residents": lambda r: r.row.residents,
    # Criteria met that count towards the first list of the year (udsat, before 2018 ghetto).
    "met": lambda r: sum(1 for cid in r.rules.lists[0].counted if r.criterion(cid).met),
    "lists": lambda r: len(r.on_lists),
    "labour_market": lambda r: _measure_value(r, "pct_outside_labour_market"),
    "convictions": lambda r: _measure_value(r, "conviction_rate_pct"),
    "education": lambda r: _measure_value(r, "pct_basic_education"),
    "income": lambda r: _measure_value(r, "income_pct_of_region"),
    "nonwestern": lambda r: _measure_value(r, "pct_nonwestern"),
}


def sort_areas(areas: Sequence[ScreenedArea], sort: str) -> tuple[list[ScreenedArea], str]:
    """Sorted by `sort` (a SORT_KEYS key, `-` for descending); missing values always last."""
    key = sort.removeprefix("-")
    if key not in SORT_KEYS:
        return sorted(areas, key=lambda a: a.result.area.casefold()), ""
    getter = SORT_KEYS[key]
    present = [a for a in areas if getter(a.result) is not None]
    missing = [a for a in areas if getter(a.result) is None]
    present.sort(key=lambda a: getter(a.result), reverse=sort.startswith("-"))
    return present + missing, sort


def _match_name(rows: QuerySet[CriterionRow], key: str) -> QuerySet[CriterionRow]:
    """Rows of the area named `key`: exact, else ignoring case (in Python, so "ÆBLEHAVEN"
    finds "Æblehaven" on SQLite too, whose LIKE folds ASCII only)."""
    exact = rows.filter(area_name=key)
    if exact.exists():
        return exact
    wanted = key.casefold()
    names = {n for n in rows.values_list("area_name", flat=True) if n.casefold() == wanted}
    return rows.filter(area_name__in=names)


def _find_row(year: int, key: str) -> CriterionRow:
    rows = current_rows(years=[year]).select_related("area__municipality")
    row = None
    if key.isdigit():  # a partnership area's id (its page links here)
        row = rows.filter(area_id=int(key)).first()
    if row is None:
        row = _match_name(rows, key).first()
    if row is None:
        raise Http404(f"Området findes ikke i listeåret {year}.")
    return row


def area_screening(year: int, key: str, *, history: History | None = None) -> AreaScreening:
    """One area in one list year (by name or partnership-area id), with its timeline and path;
    `history` defaults to the stored official lists."""
    if year not in current_imports():
        raise NoListData(f"Der er ingen kriterieværdier for listeåret {year}.")
    row = _find_row(year, key)
    rows = list(current_rows(area_name=row.area_name))
    history = official_history() if history is None else history
    results = screen((r.to_input() for r in rows), history=history)
    result = next(r for r in results if r.year == year)
    timeline = timelines(results, history=history)[row.area_name]
    return AreaScreening(
        row=row,
        result=result,
        timeline=timeline,
        paths=path_off_lists(result),
        years=[r.year for r in rows],
    )


def latest_year_for_area(key: str) -> int:
    """The latest list year holding an area (by name or partnership-area id)."""
    rows = current_rows()
    found = rows.filter(area_id=int(key)) if key.isdigit() else rows.none()
    if not found.exists():
        found = _match_name(rows, key)
    year = found.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        raise Http404("Området findes ikke på nogen liste.")
    return year


def screened_row(row_id: int) -> ScreenedArea:
    """The screened result of one current row (the API's detail), or 404."""
    row = current_rows().filter(pk=row_id).select_related("area").first()
    if row is None:
        raise Http404("Findes ikke.")
    screening = area_screening(row.year, row.area_name)
    return ScreenedArea(row, screening.result)


def watch(year: int, margin_pp: float, *, municipality: str = "") -> list[WatchItem]:
    areas = filter_areas(screen_year(year).areas, municipality=municipality)
    return watch_list([a.result for a in areas], margin_pp=margin_pp, latest_only=False)


def visible_area_ids(user, ids: Iterable[int | None]) -> set[int]:
    """Which of these partnership areas the user may open (tenancy rules of the partnership)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return set()
    return set(Area.objects.visible_to(user).filter(pk__in=wanted).values_list("pk", flat=True))


def latest_list_entry_for_area(area: Area) -> CriterionRow | None:
    """The newest current criterion row linked to a partnership area (for its page's link)."""
    return current_rows().filter(area=area).order_by("-year").first()
