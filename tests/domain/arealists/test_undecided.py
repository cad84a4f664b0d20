"""Missing values make criteria undecided; a list is decided only if they cannot change it."""

from __future__ import annotations

from dataclasses import replace

from helhed.domain.arealists import result_row, screen_area

from .builders import ALL_YEARS, area, history

KNOWN = history(known_years=ALL_YEARS)


def test_two_met_decide_udsat_even_with_a_third_undecided() -> None:
    result = screen_area(area(2021, lm=45, edu=70, conv=None), history=KNOWN)
    assert result.on_lists == ("udsat",)
    assert result.undecided_lists == ()
    assert result.undecided == ("convictions", "fb_convictions")
    row = result_row(result)
    assert (row["lists"], row["undecided_lists"], row["undecided"]) == (
        "udsat",
        "",
        "convictions;fb_convictions",
    )


def test_one_met_and_one_undecided_leaves_udsat_undecided() -> None:
    result = screen_area(area(2021, lm=45, edu=None), history=KNOWN)
    assert result.on_lists == ()
    assert result.undecided_lists == ("udsat",)
    assert result.lists == {
        "udsat": None,
        "parallelsamfund": False,  # 20 % non-western: not whatever udsat turns out to be
        "omdannelse": False,
        "forebyggelse": False,  # 20 % non-western is not over 30 %
    }
    assert (result_row(result)["lists"], result_row(result)["undecided_lists"]) == ("", "udsat")


def test_nothing_met_and_one_undecided_is_decided_off() -> None:
    result = screen_area(area(2019, income=None), history=KNOWN)
    assert result.lists == {"udsat": False, "ghetto": False, "haardt_ghetto": False}
    assert result.undecided == ("income",)
    assert result_row(result)["lists"] == "none"


def test_a_missing_national_rate_makes_the_conviction_multiple_undecided() -> None:
    row = area(2019, conv=3.0, lm=45)
    row = replace(row, national_conviction_rate_pct=None)
    result = screen_area(row, history=KNOWN)
    assert result.criterion("convictions").met is None
    assert result.criterion("convictions").threshold is None
    assert result.undecided_lists == ("udsat",)


def test_the_fixed_conviction_rate_needs_no_national_rate() -> None:
    row = area(2016, conv=3.0, lm=45, nonwestern=60)
    row = replace(row, national_conviction_rate_pct=None)
    result = screen_area(row)
    assert result.criterion("convictions").met is True
    assert result.on_lists == ("ghetto",)


def test_missing_residents_decide_nothing_positive() -> None:
    result = screen_area(area(2021, residents=None, lm=45, edu=70), history=KNOWN)
    assert result.on_lists == ()
    assert result.undecided_lists == ("udsat",)
    assert result.undecided == ("residents",)


def test_missing_residents_still_decide_an_area_meeting_nothing() -> None:
    result = screen_area(area(2021, residents=None), history=KNOWN)
    assert result.lists == {
        "udsat": False,
        "parallelsamfund": False,
        "omdannelse": False,
        "forebyggelse": False,
    }


def test_parallelsamfund_undecided_when_only_the_origin_share_is_missing() -> None:
    result = screen_area(area(2022, lm=45, edu=70, nonwestern=None), history=KNOWN)
    assert result.on_lists == ("udsat",)
    assert result.undecided_lists == ("parallelsamfund",)
    assert result.lists["omdannelse"] is False  # never on the list before: no 5-year streak
    assert result.lists["forebyggelse"] is False  # excluded by udsat, whatever the origin share


def test_forebyggelse_undecided_while_udsat_is() -> None:
    # Udsat: education met, income unknown (1 + ? of 4). Forebyggelse: LM > 30 % and education.
    result = screen_area(area(2023, lm=35, edu=70, income=None, nonwestern=40), history=KNOWN)
    assert result.undecided_lists == ("udsat", "forebyggelse")
    assert result.lists["parallelsamfund"] is False


def test_three_of_five_with_undecided_criteria() -> None:
    two_met_two_unknown = area(2015, nonwestern=60, lm=45, conv=None, edu=None)
    assert screen_area(two_met_two_unknown).lists == {"ghetto": None}
    one_met_one_unknown = area(2015, nonwestern=60, conv=None)
    assert screen_area(one_met_one_unknown).lists == {"ghetto": False}


def test_undecided_criteria_have_no_distance_and_say_why() -> None:
    result = screen_area(area(2021, lm=None))
    labour_market = result.criterion("labour_market")
    assert (labour_market.met, labour_market.distance_pp, labour_market.persons) == (
        None,
        None,
        None,
    )
    assert labour_market.text == "Kan ikke afgøres: værdien mangler"
    row = area(2021)
    row = replace(row, national_conviction_rate_pct=None)
    convictions = screen_area(row).criterion("convictions")
    assert convictions.text == "Kan ikke afgøres: landsgennemsnittet mangler"
