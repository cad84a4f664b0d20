"""The rule sets as data: one per list year, with the statute's comparisons and the choices made."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from helhed.domain.arealists import (
    OCTOBER_2013,
    RULE_SETS,
    Comparison,
    UnknownListYear,
    rules_for,
    screen_area,
)
from helhed.domain.arealists.rules import implied_lists

from .builders import area


def test_one_rule_set_per_list_year_2010_to_2025() -> None:
    assert sorted(RULE_SETS) == list(range(2010, 2026))
    assert all(rule_set.year == year for year, rule_set in RULE_SETS.items())


@pytest.mark.parametrize("year", [2009, 2026])
def test_no_rule_set_outside_2010_to_2025(year: int) -> None:
    with pytest.raises(UnknownListYear):
        rules_for(year)


@pytest.mark.parametrize(
    ("years", "lists"),
    [
        (range(2010, 2018), ("ghetto",)),
        (range(2018, 2021), ("udsat", "ghetto", "haardt_ghetto")),
        (range(2021, 2026), ("udsat", "parallelsamfund", "omdannelse", "forebyggelse")),
    ],
)
def test_list_names_per_era(years: range, lists: tuple[str, ...]) -> None:
    assert {rules_for(year).list_keys for year in years} == {lists}


@pytest.mark.parametrize(
    ("year", "published"),
    [
        (2010, date(2010, 10, 26)),
        (2011, date(2011, 10, 1)),
        (2012, date(2012, 10, 1)),
        (2013, date(2013, 12, 1)),
        (2017, date(2017, 12, 1)),
        (2018, date(2018, 12, 1)),
        (2025, date(2025, 12, 1)),
    ],
)
def test_publication_dates(year: int, published: date) -> None:
    assert rules_for(year).published == published


def _criteria(year: int) -> dict[str, tuple[str, Comparison, float | None, float | None, int]]:
    return {
        c.id: (c.measure, c.comparison, c.threshold, c.national_multiple, c.averaging_years)
        for c in rules_for(year).criteria
    }


def test_criteria_2010_2012_two_of_three_with_four_year_averages() -> None:
    expected = {
        "nonwestern": ("nonwestern", Comparison.GREATER, 50.0, None, 1),
        "labour_market": ("labour_market", Comparison.GREATER, 40.0, None, 4),
        "convictions": ("convictions", Comparison.GREATER, 2.70, None, 4),
    }
    for year in (2010, 2011, 2012):
        assert _criteria(year) == expected
        ghetto = rules_for(year).list_rule("ghetto")
        assert (ghetto.counted, ghetto.min_met) == (
            ("nonwestern", "labour_market", "convictions"),
            2,
        )


def test_criteria_2013_2017_three_of_five_with_two_year_averages() -> None:
    expected = {
        "labour_market": ("labour_market", Comparison.GREATER, 40.0, None, 2),
        "nonwestern": ("nonwestern", Comparison.GREATER, 50.0, None, 1),
        "convictions": ("convictions", Comparison.GREATER, 2.70, None, 2),
        "education": ("education", Comparison.GREATER, 50.0, None, 1),
        "income": ("income", Comparison.LESS, 55.0, None, 1),
    }
    for year in range(2013, 2018):
        assert _criteria(year) == expected
        assert rules_for(year).list_rule("ghetto").min_met == 3


def test_criteria_from_2018_udsat_two_of_four_conviction_multiple() -> None:
    udsat = {
        "labour_market": ("labour_market", Comparison.GREATER, 40.0, None, 2),
        "convictions": ("convictions", Comparison.AT_LEAST, None, 3.0, 2),
        "education": ("education", Comparison.GREATER, 60.0, None, 1),
        "income": ("income", Comparison.LESS, 55.0, None, 1),
        "nonwestern": ("nonwestern", Comparison.GREATER, 50.0, None, 1),
    }
    forebyggelse = {
        "fb_labour_market": ("labour_market", Comparison.GREATER, 30.0, None, 2),
        "fb_convictions": ("convictions", Comparison.AT_LEAST, None, 2.0, 2),
        "fb_income": ("income", Comparison.LESS, 65.0, None, 1),
        "fb_nonwestern": ("nonwestern", Comparison.GREATER, 30.0, None, 1),
    }
    for year in range(2018, 2021):
        assert _criteria(year) == udsat
    for year in range(2021, 2026):
        assert _criteria(year) == udsat | forebyggelse


def test_list_structure_from_2021() -> None:
    rules = rules_for(2021)
    assert rules.list_rule("udsat").counted == (
        "labour_market",
        "convictions",
        "education",
        "income",
    )
    assert rules.list_rule("parallelsamfund").requires == ("udsat",)
    assert rules.list_rule("parallelsamfund").conditions == ("nonwestern",)
    omdannelse = rules.list_rule("omdannelse")
    assert (omdannelse.requires, omdannelse.consecutive_years) == (("parallelsamfund",), 5)
    forebyggelse = rules.list_rule("forebyggelse")
    assert forebyggelse.counted == ("fb_labour_market", "fb_convictions", "education", "fb_income")
    assert (forebyggelse.min_met, forebyggelse.conditions) == (2, ("fb_nonwestern",))
    assert forebyggelse.excludes == ("udsat",)


def test_haardt_ghetto_uses_five_consecutive_years_2018_2020() -> None:
    for year in range(2018, 2021):
        haardt = rules_for(year).list_rule("haardt_ghetto")
        assert (haardt.requires, haardt.consecutive_years) == (("ghetto",), 5)
        assert haardt.streak_lists == ("ghetto", "parallelsamfund")


def test_minimum_residents_is_1000_every_year() -> None:
    assert {rule_set.min_residents for rule_set in RULE_SETS.values()} == {1000}


def test_2025_has_the_2024_rules() -> None:
    rules_2024, rules_2025 = rules_for(2024), rules_for(2025)
    assert rules_2025.criteria == rules_2024.criteria
    assert rules_2025.lists == rules_2024.lists
    assert replace(rules_2025, year=2024, published=date(2024, 12, 1), notes=()) == replace(
        rules_2024, notes=()
    )


def test_every_rule_set_names_its_sources() -> None:
    for rule_set in RULE_SETS.values():
        assert rule_set.sources
        assert all(url.startswith(("http://", "https://")) for url in rule_set.sources)


def test_conviction_threshold_is_fixed_before_2018_and_a_multiple_after() -> None:
    assert rules_for(2017).criterion("convictions").threshold_for(0.66) == 2.70
    assert rules_for(2017).criterion("convictions").threshold_for(None) == 2.70
    assert rules_for(2018).criterion("convictions").threshold_for(0.66) == pytest.approx(1.98)
    assert rules_for(2018).criterion("convictions").threshold_for(None) is None
    assert rules_for(2022).criterion("fb_convictions").threshold_for(0.725) == pytest.approx(1.45)


def test_list_year_2013_is_the_december_list_under_three_of_five() -> None:
    # Non-western and labour market met, nothing else: 2 of 3 under the old rules, 2 of 5 new.
    row = area(2013, nonwestern=60.0, lm=45.0)
    assert screen_area(row).on_lists == ()
    assert screen_area(row, rules=OCTOBER_2013).on_lists == ("ghetto",)
    assert OCTOBER_2013.published == date(2013, 10, 1)
    assert OCTOBER_2013.criteria == rules_for(2012).criteria


def test_rows_must_be_screened_with_their_own_years_rules() -> None:
    with pytest.raises(ValueError, match="row for 2014 screened with the rules of 2013"):
        screen_area(area(2014), rules=rules_for(2013))


@pytest.mark.parametrize(
    ("key", "year", "implied"),
    [
        ("omdannelse", 2022, {"omdannelse", "parallelsamfund", "udsat"}),
        ("haardt_ghetto", 2019, {"haardt_ghetto", "ghetto", "udsat"}),
        ("ghetto", 2019, {"ghetto", "udsat"}),
        ("ghetto", 2015, {"ghetto"}),
        ("forebyggelse", 2022, {"forebyggelse"}),
    ],
)
def test_history_rows_imply_their_parent_lists(key: str, year: int, implied: set[str]) -> None:
    assert implied_lists(key, year) == implied
