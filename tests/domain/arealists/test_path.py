"""The path off each list and what-if, with every option worked out by hand."""

from __future__ import annotations

import pytest

from helhed.domain.arealists import (
    PathOption,
    describe_path,
    path_off_list,
    path_off_lists,
    screen_area,
    what_if,
)

from .builders import ALL_YEARS, area, history, listed_before

KNOWN = history(known_years=ALL_YEARS)


def summary(option: PathOption) -> tuple[object, ...]:
    steps = tuple((s.criterion_id, s.persons, s.change_pp, s.to_value) for s in option.steps)
    return (
        steps,
        option.total_persons,
        option.pp_without_persons,
        option.certain,
        option.lists_after,
    )


def test_two_of_four_one_criterion_off_ranked_by_persons() -> None:
    # LM 41.2 % of 1,000: 12 persons; education 63 % of 500: 15 persons.
    result = screen_area(area(2021, lm=41.2, edu=63, pop_18_64=1000, pop_30_59=500), history=KNOWN)
    (path,) = path_off_lists(result)
    assert path.list_key == "udsat"
    assert [summary(option) for option in path.options] == [
        ((("labour_market", 12, 1.2, 40.0),), 12, 0.0, True, ()),
        ((("education", 15, 3.0, 60.0),), 15, 0.0, True, ()),
    ]


def test_leaving_udsat_can_mean_forebyggelse() -> None:
    # 40 % non-western: with LM at 40 % (still > 30 %) and education 63 %, § 61 b applies.
    result = screen_area(
        area(2021, lm=41.2, edu=63, nonwestern=40, pop_18_64=1000, pop_30_59=500), history=KNOWN
    )
    (path,) = path_off_lists(result)
    assert [(o.steps[0].criterion_id, o.lists_after) for o in path.options] == [
        ("labour_market", ("forebyggelse",)),
        ("education", ()),
    ]


def test_three_met_need_two_off_income_options_after_persons_only() -> None:
    result = screen_area(
        area(2021, lm=41.2, edu=63, income=50, pop_18_64=1000, pop_30_59=500), history=KNOWN
    )
    path = path_off_list(result, "udsat")
    assert [summary(option) for option in path.options] == [
        ((("labour_market", 12, 1.2, 40.0), ("education", 15, 3.0, 60.0)), 27, 0.0, True, ()),
        ((("labour_market", 12, 1.2, 40.0), ("income", None, 5.0, 55.0)), 12, 5.0, True, ()),
        ((("education", 15, 3.0, 60.0), ("income", None, 5.0, 55.0)), 15, 5.0, True, ()),
    ]


def test_parallelsamfund_and_omdannelse_paths_never_change_origin() -> None:
    past = listed_before("Parken", range(2017, 2021))
    result = screen_area(
        area(2021, "Parken", lm=41.2, edu=63, nonwestern=60, pop_18_64=1000, pop_30_59=500),
        history=past,
    )
    paths = path_off_lists(result)
    assert [p.list_key for p in paths] == ["udsat", "parallelsamfund", "omdannelse"]
    for path in paths:
        assert [
            (o.steps[0].criterion_id, o.total_persons, o.lists_after) for o in path.options
        ] == [
            ("labour_market", 12, ("forebyggelse",)),
            ("education", 15, ()),
        ]
        assert all(step.measure != "nonwestern" for o in path.options for step in o.steps)


def test_three_of_five_before_2018() -> None:
    # 4 of 5 met (origin is one and is never offered): two of LM (50), convictions (3) and
    # education (20) must go. 3.0 % of 1,000 = 30 convicted, at most 27 allowed: 3 persons.
    result = screen_area(
        area(
            2015,
            nonwestern=60,
            lm=45,
            conv=3.0,
            edu=55,
            pop_18_64=1000,
            pop_18plus=1000,
            pop_30_59=400,
        )
    )
    path = path_off_list(result, "ghetto")
    assert [(tuple(s.criterion_id for s in o.steps), o.total_persons) for o in path.options] == [
        (("convictions", "education"), 23),
        (("labour_market", "convictions"), 53),
        (("labour_market", "education"), 70),
    ]


def test_options_that_depend_on_undecided_criteria_come_last() -> None:
    # Convictions unknown: taking one criterion off leaves udsat undecided, two take it off.
    result = screen_area(
        area(2021, lm=41.2, edu=63, conv=None, pop_18_64=1000, pop_30_59=500), history=KNOWN
    )
    path = path_off_list(result, "udsat")
    assert [(tuple(s.criterion_id for s in o.steps), o.certain) for o in path.options] == [
        (("labour_market", "education"), True),
        (("labour_market",), False),
        (("education",), False),
    ]
    assert path.options[1].undecided_after == ("udsat",)


def test_no_path_for_a_list_the_area_is_not_on() -> None:
    result = screen_area(area(2021), history=KNOWN)
    assert path_off_lists(result) == ()
    assert path_off_list(result, "udsat").options == ()


def test_describe_path_in_danish() -> None:
    result = screen_area(area(2021, lm=41.2, edu=63, pop_18_64=1000, pop_30_59=500), history=KNOWN)
    assert describe_path(path_off_list(result, "udsat")) == [
        "udsat boligområde, mulighed 1: 12 flere beboere på 18-64 år i arbejde eller uddannelse "
        "(andelen fra 41,2 % til 40 %): området er derefter ikke på nogen liste",
        "udsat boligområde, mulighed 2: 15 flere beboere på 30-59 år med uddannelse ud over "
        "grundskolen (andelen fra 63 % til 60 %): området er derefter ikke på nogen liste",
    ]


def test_estimated_populations_are_marked_in_the_path() -> None:
    result = screen_area(area(2021, residents=1500, lm=41.2, edu=63), history=KNOWN)
    first = path_off_list(result, "udsat").options[0].steps[0]
    assert (first.criterion_id, first.persons, first.population_estimated) == (
        "labour_market",
        11,
        True,
    )
    assert first.text.endswith("(skøn: befolkningsgruppen er anslået ud fra antal beboere)")


def test_what_if_on_a_result_reuses_its_rules_and_history() -> None:
    past = listed_before("Parken", range(2017, 2021))
    result = screen_area(area(2021, "Parken", lm=45, edu=70, nonwestern=60), history=past)
    assert result.on_lists == ("udsat", "parallelsamfund", "omdannelse")
    # Off udsat (education alone left), but LM 40 % > 30 % and education: forebyggelse.
    assert what_if(result, {"pct_outside_labour_market": 40.0}).on_lists == ("forebyggelse",)
    assert what_if(result, {"pct_outside_labour_market": 40.1}).on_lists == (
        "udsat",
        "parallelsamfund",
        "omdannelse",
    )


def test_what_if_on_a_row_uses_the_history_given() -> None:
    row = area(2021, "Parken", lm=39, edu=70, nonwestern=60)
    assert what_if(row, {"pct_outside_labour_market": 41.0}, history=KNOWN).on_lists == (
        "udsat",
        "parallelsamfund",
    )


def test_what_if_can_clear_a_value() -> None:
    result = screen_area(area(2021, lm=45, edu=70), history=KNOWN)
    assert what_if(result, {"pct_basic_education": None}).undecided_lists == ("udsat",)


@pytest.mark.parametrize("key", ["year", "area", "pct_unknown"])
def test_what_if_rejects_fields_that_cannot_change(key: str) -> None:
    with pytest.raises(ValueError, match=f"cannot change {key}"):
        what_if(area(2021), {key: 1.0})
