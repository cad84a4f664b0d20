"""Hårdt ghettoområde / omdannelsesområde: on the ghetto or parallelsamfund list 5 years running.

The cases follow the list data in area_list_rules.md: Korskærparken (2018), Solbakken and
Nørager/Søstjernevej (2019/2020), Aldersrogade (2021).
"""

from __future__ import annotations

from helhed.domain.arealists import History, HistoryEntry, ListKey, screen, screen_area

from .builders import area, history, listed_area


def ghetto_years(name: str, years: range) -> list[tuple[str, int, ListKey]]:
    return [(name, year, "ghetto" if year < 2021 else "parallelsamfund") for year in years]


def test_2018_on_the_list_2014_2017_but_not_2018_is_not_haardt() -> None:
    # Korskærparken: why the expected 16 hårde became 15.
    past = history(*ghetto_years("Korskærparken", range(2014, 2018)))
    result = screen_area(area(2018, "Korskærparken", lm=45, nonwestern=60), history=past)
    assert result.on_lists == ()
    assert result.lists["haardt_ghetto"] is False
    assert result.undecided_lists == ()


def test_2018_ghetto_2014_to_2018_is_haardt() -> None:
    past = history(*ghetto_years("Mjølnerparken", range(2014, 2018)))
    result = screen_area(listed_area(2018, "Mjølnerparken"), history=past)
    assert result.on_lists == ("udsat", "ghetto", "haardt_ghetto")


def test_2018_ghetto_only_2015_to_2018_is_four_years_and_not_haardt() -> None:
    past = history(*ghetto_years("Parken", range(2015, 2018)), known_years=range(2014, 2015))
    result = screen_area(listed_area(2018, "Parken"), history=past)
    assert result.on_lists == ("udsat", "ghetto")
    assert result.lists["haardt_ghetto"] is False


def test_2019_on_the_list_2016_2019_is_not_haardt_but_2020_is() -> None:
    # Solbakken and Nørager/Søstjernevej became hårde only in 2020.
    past = history(*ghetto_years("Solbakken", range(2016, 2020)), known_years=range(2010, 2020))
    assert screen_area(listed_area(2019, "Solbakken"), history=past).lists["haardt_ghetto"] is False
    assert screen_area(listed_area(2020, "Solbakken"), history=past).on_lists == (
        "udsat",
        "ghetto",
        "haardt_ghetto",
    )


def test_2021_parallelsamfund_2018_to_2021_is_four_years_and_not_omdannelse() -> None:
    # Aldersrogade: "ingen nye områder er kommet på listen" in 2021.
    past = history(*ghetto_years("Aldersrogade", range(2018, 2021)), known_years=range(2017, 2018))
    result = screen_area(listed_area(2021, "Aldersrogade"), history=past)
    assert result.on_lists == ("udsat", "parallelsamfund")
    assert result.lists["omdannelse"] is False


def test_2021_five_years_across_the_renaming_is_omdannelse() -> None:
    past = history(*ghetto_years("Aldersrogade", range(2017, 2021)))
    result = screen_area(listed_area(2021, "Aldersrogade"), history=past)
    assert result.on_lists == ("udsat", "parallelsamfund", "omdannelse")


def test_haardt_history_rows_count_as_ghetto_years() -> None:
    rows: list[tuple[str, int, ListKey]] = [
        ("Vollsmose", year, "haardt_ghetto") for year in range(2018, 2021)
    ]
    past = history(("Vollsmose", 2017, "ghetto"), *rows)
    assert screen_area(listed_area(2021, "Vollsmose"), history=past).lists["omdannelse"] is True


def test_losing_parallelsamfund_removes_omdannelse() -> None:
    # Ringparken 2021: the conviction criterion no longer met, so 1 of 4 and off the udsat
    # list; here the weaker § 61 b tests (LM > 30 %, income < 65 %) then make it forebyggelse.
    past = history(*ghetto_years("Ringparken", range(2016, 2021)))
    result = screen_area(area(2021, "Ringparken", lm=45, income=60, nonwestern=60), history=past)
    assert result.lists == {
        "udsat": False,
        "parallelsamfund": False,
        "omdannelse": False,
        "forebyggelse": True,
    }


def test_a_year_missing_from_the_history_leaves_the_rule_undecided() -> None:
    past = history(*ghetto_years("Parken", range(2018, 2021)))
    result = screen_area(listed_area(2021, "Parken"), history=past)
    assert result.on_lists == ("udsat", "parallelsamfund")
    assert result.undecided_lists == ("omdannelse",)


def test_without_any_history_the_consecutive_rule_is_undecided() -> None:
    result = screen_area(listed_area(2022))
    assert result.undecided_lists == ("omdannelse",)
    assert screen_area(area(2022)).lists["omdannelse"] is False  # not parallelsamfund: decided


def test_screened_years_feed_later_years() -> None:
    rows = [listed_area(year, "Parken") for year in range(2017, 2022)]
    results = screen(rows, history=history(known_years=range(2010, 2017)))
    assert [(r.year, r.lists.get("haardt_ghetto"), r.lists.get("omdannelse")) for r in results] == [
        (2017, None, None),
        (2018, False, None),
        (2019, False, None),
        (2020, False, None),
        (2021, None, True),
    ]


def test_screened_years_are_used_in_year_order_whatever_the_input_order() -> None:
    rows = [listed_area(year, "Parken") for year in (2021, 2019, 2017, 2020, 2018)]
    results = screen(rows, history=history(known_years=range(2010, 2017)))
    assert [r.year for r in results] == [2017, 2018, 2019, 2020, 2021]
    assert results[-1].lists["omdannelse"] is True


def test_an_undecided_screened_year_makes_later_streaks_undecided() -> None:
    rows = [listed_area(year, "Parken") for year in range(2017, 2022)]
    rows[3] = area(2020, "Parken", lm=45, edu=None, nonwestern=60)  # udsat undecided in 2020
    results = screen(rows)
    assert results[3].undecided_lists == ("udsat", "ghetto", "haardt_ghetto")
    assert results[4].undecided_lists == ("omdannelse",)


def test_official_history_wins_over_screening_for_the_same_year() -> None:
    # 2019 is a published year in which Parken was on no list, whatever our screening says.
    past = history(known_years=range(2019, 2020))
    rows = [listed_area(year, "Parken") for year in range(2017, 2022)]
    assert screen(rows, history=past)[-1].lists["omdannelse"] is False


def test_screening_leaves_the_callers_history_unchanged() -> None:
    past = History([HistoryEntry("Andetparken", 2016, "ghetto")])
    screen([listed_area(year, "Parken") for year in range(2017, 2019)], history=past)
    assert past.official_years == (2016,)
    assert past.on_any("Parken", 2017, ("ghetto",)) is None


def test_years_before_the_first_list_count_as_not_listed() -> None:
    assert History().on_any("Parken", 2009, ("ghetto",)) is False
