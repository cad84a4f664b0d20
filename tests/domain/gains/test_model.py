"""Exact tests of the gains model, starting with the scenario of issue 7 worked out by hand."""

from __future__ import annotations

import pytest

from helhed.domain.gains.model import (
    Approach,
    Consequence,
    Scenario,
    ScenarioError,
    SroiAdjustments,
    calculate,
    scenario_problems,
)


def minimal_scenario(**changes: object) -> Scenario:
    """The minimal form from issue 7, as dataclasses."""
    values: dict[str, object] = {
        "horizon_years": 5,
        "discount_rate": 0.035,
        "participants_per_year": (10, 10),
        "cost_per_participant": {"kommune": 20000},
        "success_rate": 0.2,
        "consequences": (
            Consequence(
                "offentlig forsørgelse", (1, 1, 1, 1, 1), {"kommune": 65000, "stat": 10000}
            ),
        ),
    }
    values.update(changes)
    return Scenario(**values)  # type: ignore[arg-type]


def simple_scenario(**changes: object) -> Scenario:
    """One cohort of 1, success certain, 100 kr a year for the municipality, no discounting."""
    values: dict[str, object] = {
        "horizon_years": 3,
        "discount_rate": 0.0,
        "participants_per_year": (1,),
        "success_rate": 1.0,
        "consequences": (Consequence("post", (1, 1, 1), {"kommune": 100}),),
    }
    values.update(changes)
    return Scenario(**values)  # type: ignore[arg-type]


def test_hand_worked_minimal_scenario() -> None:
    """The minimal scenario of issue 7, year by year.

    Two cohorts of 10; 20 % succeed, so 2 successes per cohort. Each success changes "offentlig
    forsørgelse" by 1 a year, worth 65,000 kr to the kommune and 10,000 kr to the stat, so one
    cohort gains 2 x 65,000 = 130,000 (kommune) and 2 x 10,000 = 20,000 (stat) a year.
    Costs: 10 x 20,000 = 200,000 kr (kommune) in the cohort's own year.

    Cohort 0 has effects in years 0-4; cohort 1 in years 1-4 (its 5th change would fall in year 5,
    outside the horizon of 5 years).

    year  costs     kommune gains  stat gains  net (undiscounted)  discount 1.035^t  net (PV)
    0     -200,000  130,000        20,000      -50,000             1                 -50,000.00
    1     -200,000  260,000        40,000      100,000             1.035             96,618.36
    2     0         260,000        40,000      300,000             1.071225          280,053.21
    3     0         260,000        40,000      300,000             1.108717875       270,582.81
    4     0         260,000        40,000      300,000             1.147523000625    261,432.67
    net result = 858,687.05 kr (sum of the unrounded PVs).

    Kommune: -70,000 + 60,000/1.035 + 260,000/1.071225 + 260,000/1.108717875
             + 260,000/1.147523000625 = 691,763.88
    Stat:     20,000 + 40,000/1.035 + 40,000 x (the same three factors) = 166,923.17
    PV of costs: 200,000 + 200,000/1.035 = 393,236.71; PV of gains: 1,251,923.76
    Per participant: 858,687.05 / 20 participants = 42,934.35
    Cumulative net: -50,000 in year 0, +46,618.36 in year 1, so payback in year 1.
    Break-even: gains are 1,251,923.76 at 20 %, i.e. 6,259,618.81 per unit of success rate;
    393,236.71 / 6,259,618.81 = 0.062821. Gain/cost ratio: 1,251,923.76 / 393,236.71 = 3.1836.
    """
    result = calculate(minimal_scenario())

    assert [round(v, 2) for v in result.net_by_year_undiscounted] == [
        -50000.0, 100000.0, 300000.0, 300000.0, 300000.0,
    ]  # fmt: skip
    assert [round(v, 2) for v in result.net_by_year] == [
        -50000.0, 96618.36, 280053.21, 270582.81, 261432.67,
    ]  # fmt: skip
    assert round(result.net_result, 2) == 858687.05
    assert {b: round(v, 2) for b, v in result.net_result_by_body.items()} == {
        "kommune": 691763.88,
        "region": 0.0,
        "stat": 166923.17,
    }
    assert round(result.costs_total, 2) == -393236.71
    assert round(result.gains_total, 2) == 1251923.76
    assert {item: round(v, 2) for item, v in result.by_item.items()} == {
        "offentlig forsørgelse": 1251923.76
    }
    assert result.participants_total == 20
    assert result.successes_total == pytest.approx(4.0)
    assert result.per_participant is not None
    assert round(result.per_participant, 2) == 42934.35
    assert result.payback_year == 1
    assert result.break_even_success_rate is not None
    assert round(result.break_even_success_rate, 6) == 0.062821
    assert result.gain_cost_ratio is not None
    assert round(result.gain_cost_ratio, 4) == 3.1836


def test_per_participant_divides_by_all_participants_not_successes() -> None:
    result = calculate(minimal_scenario())
    assert result.per_participant == pytest.approx(result.net_result / 20, rel=1e-15)
    assert result.per_participant != pytest.approx(result.net_result / 4)


def test_per_participant_is_none_without_participants() -> None:
    result = calculate(simple_scenario(participants_per_year=(0,)))
    assert result.per_participant is None
    assert result.net_result == 0.0


def test_discounting_puts_year_t_at_one_over_1_plus_r_to_the_t() -> None:
    # A fixed cost in year 3 only, no effect: net = -1000 / 1.035^3.
    scenario = simple_scenario(
        horizon_years=4,
        discount_rate=0.035,
        success_rate=0.0,
        cost_per_year=({}, {}, {}, {"kommune": 1000.0}),
    )
    result = calculate(scenario)
    assert result.net_by_year == (0.0, 0.0, 0.0, pytest.approx(-1000 / 1.035**3, rel=1e-15))
    assert round(result.net_result, 2) == -901.94


def test_zero_discount_rate_leaves_amounts_undiscounted() -> None:
    result = calculate(minimal_scenario(discount_rate=0.0))
    assert result.net_by_year == result.net_by_year_undiscounted
    assert result.net_result == 950000.0


def test_default_discount_rate_is_the_finance_ministry_rate() -> None:
    scenario = Scenario(
        horizon_years=1, participants_per_year=(1,), success_rate=0, consequences=()
    )
    assert scenario.discount_rate == 0.035


def test_later_changes_of_a_late_cohort_fall_outside_the_horizon() -> None:
    scenario = simple_scenario(
        horizon_years=2,
        participants_per_year=(1, 1),
        consequences=(Consequence("post", (1, 1), {"kommune": 100}),),
    )
    assert calculate(scenario).net_by_year_undiscounted == (100.0, 200.0)


def test_payback_year_is_first_year_with_non_negative_cumulative_net() -> None:
    # Cost 250 in year 0, gains 100 a year: cumulative -150, -50, +50 → year 2.
    scenario = simple_scenario(cost_per_participant={"kommune": 250})
    result = calculate(scenario)
    assert result.cumulative_net_by_year == (-150.0, -50.0, 50.0)
    assert result.payback_year == 2


def test_payback_year_counts_exactly_zero_as_paid_back() -> None:
    result = calculate(simple_scenario(cost_per_participant={"kommune": 200}))
    assert result.cumulative_net_by_year == (-100.0, 0.0, 100.0)
    assert result.payback_year == 1


def test_payback_year_is_none_when_never_paid_back() -> None:
    result = calculate(simple_scenario(cost_per_participant={"kommune": 1000}))
    assert result.payback_year is None


def test_break_even_success_rate_gives_a_net_result_of_zero() -> None:
    rate = calculate(minimal_scenario()).break_even_success_rate
    assert rate is not None
    at_break_even = calculate(minimal_scenario(success_rate=rate))
    assert at_break_even.net_result == pytest.approx(0.0, abs=1e-6)


def test_break_even_success_rate_by_hand() -> None:
    # Cost 150 for one participant; a success is worth 3 x 100 = 300 → s* = 0.5.
    result = calculate(simple_scenario(cost_per_participant={"kommune": 150}, success_rate=0.1))
    assert result.break_even_success_rate == pytest.approx(0.5, rel=1e-15)


def test_break_even_is_none_without_effect() -> None:
    scenario = simple_scenario(
        cost_per_participant={"kommune": 150},
        consequences=(Consequence("post", (0, 0, 0), {"kommune": 100}),),
    )
    assert calculate(scenario).break_even_success_rate is None


def test_break_even_is_none_when_success_only_costs_more() -> None:
    scenario = simple_scenario(
        cost_per_participant={"kommune": 150},
        consequences=(Consequence("merforbrug", (1,), {"region": -100}),),
    )
    assert calculate(scenario).break_even_success_rate is None


def test_gain_cost_ratio_is_none_without_costs() -> None:
    assert calculate(simple_scenario()).gain_cost_ratio is None


def test_effect_offset_starts_the_effect_when_the_course_is_completed() -> None:
    result = calculate(simple_scenario(effect_offset_years=1))
    assert result.net_by_year_undiscounted == (0.0, 100.0, 100.0)


def test_effect_fade_multiplies_change_k_by_one_minus_fade_to_the_k() -> None:
    result = calculate(simple_scenario(effect_fade=0.5))
    assert result.net_by_year_undiscounted == (100.0, 50.0, 25.0)


def test_sroi_adjustments_deflate_every_gain_and_drop_off_each_year() -> None:
    # (1 - 0.2)(1 - 0.25)(1 - 0.1) = 0.54; drop-off 50 % a year after the first.
    scenario = simple_scenario(
        approach=Approach.WELLBEING,
        sroi=SroiAdjustments(deadweight=0.2, attribution=0.25, displacement=0.1, drop_off=0.5),
        consequences=(Consequence("trivsel", (1, 1, 1), {"samfund": 100}),),
    )
    result = calculate(scenario)
    assert result.bodies == ("kommune", "region", "stat", "samfund")
    assert result.net_by_year_undiscounted == pytest.approx((54.0, 27.0, 13.5), rel=1e-15)
    assert result.net_result_by_body["samfund"] == pytest.approx(94.5, rel=1e-15)


def test_costs_per_body_and_fixed_costs_per_year() -> None:
    scenario = simple_scenario(
        participants_per_year=(2, 3),
        cost_per_participant={"kommune": 10, "region": 5},
        cost_per_year=({"stat": 7},),
        success_rate=0.0,
    )
    result = calculate(scenario)
    assert result.costs_by_body == {"kommune": -50.0, "region": -25.0, "stat": -7.0}
    assert result.net_by_year == (-37.0, -45.0, 0.0)


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"horizon_years": 11}, "horizon_years"),
        ({"participants_per_year": (1, 1, 1, 1)}, "participants_per_year"),
        ({"participants_per_year": (1, -1)}, "participants_per_year[1]"),
        ({"success_rate": 1.5}, "success_rate"),
        ({"discount_rate": -0.01}, "discount_rate"),
        ({"cost_per_participant": {"kommune": -5}}, "cost_per_participant.kommune"),
        ({"cost_per_participant": {"kommunen": 5}}, "cost_per_participant.kommunen"),
        ({"effect_offset_years": 3}, "effect_offset_years"),
        ({"sroi": SroiAdjustments(deadweight=0.1)}, "sroi"),
        (
            {"consequences": (Consequence("post", (1, 1, 1, 1), {"kommune": 1}),)},
            "consequences[0].change_per_success_per_year",
        ),
        (
            {"consequences": (Consequence("post", (1,), {"samfund": 1}),)},
            "consequences[0].price.samfund",
        ),
        (
            {"consequences": (Consequence("a", (1,), {"stat": 1}),) * 2},
            "consequences[1].item",
        ),
    ],
)
def test_invalid_scenarios_name_the_field(changes: dict[str, object], path: str) -> None:
    scenario = simple_scenario(**changes)
    assert path in [problem.path for problem in scenario_problems(scenario)]
    with pytest.raises(ScenarioError, match=path.replace("[", r"\[").replace("]", r"\]")):
        calculate(scenario)


def test_fade_and_drop_off_together_are_rejected_as_double_counting() -> None:
    scenario = simple_scenario(
        approach=Approach.WELLBEING, effect_fade=0.1, sroi=SroiAdjustments(drop_off=0.1)
    )
    assert [p.path for p in scenario_problems(scenario)] == ["effect_fade"]
