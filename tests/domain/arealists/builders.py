"""Small builders for area rows and histories used across the area-list tests."""

from __future__ import annotations

from helhed.domain.arealists import AreaInput, History, HistoryEntry
from helhed.domain.arealists.rules import LAST_LIST_YEAR, ListKey

# National conviction rates that give round thresholds: 3 x 0.66 = 1.98 (2018/2019 lists),
# 3 x 0.725 = 2.175 and 2 x 0.725 = 1.45 (the 2022 forebyggelse threshold).
NATIONAL_2018 = 0.66
NATIONAL_2021 = 0.725


def area(
    year: int = 2021,
    name: str = "Testparken",
    *,
    residents: int | None = 1500,
    lm: float | None = 20.0,
    conv: float | None = 0.5,
    national: float | None = None,
    edu: float | None = 30.0,
    income: float | None = 80.0,
    nonwestern: float | None = 20.0,
    pop_18_64: int | None = None,
    pop_18plus: int | None = None,
    pop_30_59: int | None = None,
) -> AreaInput:
    """An area meeting no criterion unless told otherwise."""
    if national is None:
        national = NATIONAL_2018 if year < 2021 else NATIONAL_2021
    return AreaInput(
        year=year,
        area=name,
        municipality="Testkommune",
        residents=residents,
        pct_outside_labour_market=lm,
        conviction_rate_pct=conv,
        national_conviction_rate_pct=national,
        pct_basic_education=edu,
        income_pct_of_region=income,
        pct_nonwestern=nonwestern,
        residents_18_64=pop_18_64,
        residents_18plus=pop_18plus,
        residents_30_59=pop_30_59,
    )


def listed_area(year: int, name: str = "Testparken") -> AreaInput:
    """An area on the ghetto / parallelsamfund list of `year` under that year's rules."""
    return area(year, name, lm=45.0, edu=70.0, nonwestern=60.0)


def history(*rows: tuple[str, int, ListKey], known_years: range | None = None) -> History:
    """A history with the given rows; `known_years` get a ghetto/parallelsamfund row for another
    area, so that those years count as published lists in which our area may be absent."""
    entries = [HistoryEntry(a, y, key) for a, y, key in rows]
    for year in known_years or ():
        entries.append(
            HistoryEntry("Andetparken", year, "ghetto" if year < 2021 else "parallelsamfund")
        )
    return History(entries)


def listed_before(name: str, years: range) -> History:
    """A history in which `name` was on the ghetto / parallelsamfund list in each of `years`."""
    return History(
        HistoryEntry(name, year, "ghetto" if year < 2021 else "parallelsamfund") for year in years
    )


ALL_YEARS = range(2010, LAST_LIST_YEAR + 1)
