"""Distance to each threshold in percentage points and persons, worked out by hand."""

from __future__ import annotations

import pytest

from helhed.domain.arealists import screen_area
from helhed.domain.arealists.distance import format_da, persons_to_flip
from helhed.domain.arealists.rules import Comparison

from .builders import area


def test_labour_market_met_with_the_population_given() -> None:
    # 41.2 % of 1,000 = 412 outside; at most 400 (40 %) takes the criterion off: 12 persons.
    c = screen_area(area(2021, lm=41.2, pop_18_64=1000)).criterion("labour_market")
    assert (c.value, c.threshold, c.met, c.distance_pp) == (41.2, 40.0, True, 1.2)
    assert (c.population, c.population_estimated, c.persons) == (1000, False, 12)
    assert c.text == (
        "12 flere beboere på 18-64 år i arbejde eller uddannelse vil bringe andelen ned på "
        "højst 40 %, så kriteriet ikke er opfyldt"
    )


def test_labour_market_population_estimated_from_residents() -> None:
    # 60 % of 1,500 residents = 900 aged 18-64; 1.2 % of 900 = 10.8, so 11 persons.
    result = screen_area(area(2021, residents=1500, lm=41.2))
    c = result.criterion("labour_market")
    assert (c.population, c.population_estimated, c.persons) == (900, True, 11)
    assert c.text.endswith("(skøn: befolkningsgruppen er anslået ud fra antal beboere)")
    assert "labour_market" in result.estimated


def test_labour_market_not_met_persons_to_meet_it() -> None:
    # 38.5 % of 1,000 = 385; more than 400 needed to be over 40 %: 16 more.
    c = screen_area(area(2021, lm=38.5, pop_18_64=1000)).criterion("labour_market")
    assert (c.met, c.distance_pp, c.persons) == (False, -1.5, 16)
    assert c.text == (
        "16 flere beboere på 18-64 år uden for arbejdsmarked og uddannelse vil bringe andelen "
        "op over 40 %, så kriteriet er opfyldt"
    )


def test_labour_market_exactly_at_the_threshold_is_one_person_from_being_met() -> None:
    c = screen_area(area(2021, lm=40.0, pop_18_64=1000)).criterion("labour_market")
    assert (c.met, c.distance_pp, c.persons) == (False, 0.0, 1)


def test_convictions_multiple_met() -> None:
    # Threshold 3 x 0.66 = 1.98 %; 2.07 % of 800 = 16.56 convicted, line at 15.84: 1 fewer.
    c = screen_area(area(2019, conv=2.07, pop_18plus=800)).criterion("convictions")
    assert (c.threshold, c.met, c.distance_pp, c.persons) == (1.98, True, 0.09, 1)
    assert c.text == (
        "1 dømt beboer færre (18 år og derover) vil bringe andelen ned under 1,98 %, så "
        "kriteriet ikke er opfyldt"
    )


def test_convictions_exactly_at_the_multiple_is_met_and_one_person_from_off() -> None:
    c = screen_area(area(2019, conv=1.98, pop_18plus=1000)).criterion("convictions")
    assert (c.met, c.distance_pp, c.persons) == (True, 0.0, 1)


def test_convictions_well_above() -> None:
    # 2.5 % of 1,000 = 25; must get below 19.8: 6 fewer (19 < 19.8).
    c = screen_area(area(2019, conv=2.5, pop_18plus=1000)).criterion("convictions")
    assert c.persons == 6


def test_convictions_below_the_multiple() -> None:
    # 1.5 % of 1,000 = 15; at least 19.8 needed: 5 more (20).
    c = screen_area(area(2019, conv=1.5, pop_18plus=1000)).criterion("convictions")
    assert (c.met, c.persons) == (False, 5)
    assert c.text == (
        "5 flere dømte beboere (18 år og derover) vil bringe andelen op på mindst 1,98 %, så "
        "kriteriet er opfyldt"
    )


def test_fixed_conviction_rate_before_2018_is_strict() -> None:
    above = screen_area(area(2016, conv=2.75, pop_18plus=1000)).criterion("convictions")
    assert (above.met, above.persons) == (True, 1)
    at = screen_area(area(2016, conv=2.70, pop_18plus=1000)).criterion("convictions")
    assert (at.met, at.persons) == (False, 1)


def test_education() -> None:
    # 61.5 % of 400 = 246; at most 240: 6 more with an education.
    c = screen_area(area(2020, edu=61.5, pop_30_59=400)).criterion("education")
    assert (c.met, c.distance_pp, c.persons) == (True, 1.5, 6)
    assert c.text == (
        "6 flere beboere på 30-59 år med uddannelse ud over grundskolen vil bringe andelen ned "
        "på højst 60 %, så kriteriet ikke er opfyldt"
    )


def test_income_has_percentage_points_only() -> None:
    met = screen_area(area(2021, income=50.0)).criterion("income")
    assert (met.met, met.distance_pp, met.persons, met.population) == (True, -5.0, None, None)
    assert met.text == (
        "Indkomsten skal op med 5 procentpoint til mindst 55 % af regionens gennemsnit, før "
        "kriteriet ikke er opfyldt"
    )
    off = screen_area(area(2021, income=80.0)).criterion("income")
    assert (
        off.text
        == "Indkomsten ligger 25 procentpoint over grænsen på 55 % (kriteriet er ikke opfyldt)"
    )
    at = screen_area(area(2021, income=55.0)).criterion("income")
    assert at.text == "Indkomsten ligger på grænsen på 55 % (kriteriet er ikke opfyldt)"


def test_origin_share_has_percentage_points_only() -> None:
    result = screen_area(area(2021, nonwestern=40.0))
    assert result.criterion("nonwestern").persons is None
    assert result.criterion("nonwestern").text == (
        "Andelen ligger 10 procentpoint under grænsen på 50 % (kriteriet er ikke opfyldt)"
    )
    assert result.criterion("fb_nonwestern").text == (
        "Andelen ligger 10 procentpoint over grænsen på 30 % (kriteriet er opfyldt)"
    )


def test_a_zero_population_gives_no_persons_figure() -> None:
    c = screen_area(area(2021, lm=45.0, pop_18_64=0)).criterion("labour_market")
    assert (c.persons, c.text) == (
        None,
        "Andelen ligger 5 procentpoint over grænsen på 40 % (kriteriet er opfyldt)",
    )


@pytest.mark.parametrize(
    ("value", "threshold", "comparison", "population", "met", "expected"),
    [
        (41.2, 40.0, Comparison.GREATER, 1000, True, 12),
        (40.01, 40.0, Comparison.GREATER, 1000, True, 1),
        (40.0, 40.0, Comparison.GREATER, 1000, False, 1),
        (39.0, 40.0, Comparison.GREATER, 1000, False, 11),
        (2.0, 2.0, Comparison.AT_LEAST, 1000, True, 1),
        (2.1, 2.0, Comparison.AT_LEAST, 1000, True, 2),
        (1.9, 2.0, Comparison.AT_LEAST, 1000, False, 1),
        (1.5, 2.0, Comparison.AT_LEAST, 1000, False, 5),
    ],
)
def test_persons_to_flip(
    value: float,
    threshold: float,
    comparison: Comparison,
    population: int,
    met: bool,
    expected: int,
) -> None:
    assert persons_to_flip(value, threshold, comparison, population, met) == expected


def test_income_has_no_persons_to_flip() -> None:
    with pytest.raises(ValueError, match="no persons figure"):
        persons_to_flip(50.0, 55.0, Comparison.LESS, 1000, True)


@pytest.mark.parametrize(
    ("number", "text"),
    [(1234.5, "1.234,5"), (40.0, "40"), (2.175, "2,175"), (0.1, "0,1"), (1000, "1.000")],
)
def test_danish_number_format(number: float, text: str) -> None:
    assert format_da(number) == text
