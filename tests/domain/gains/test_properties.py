"""Property tests: rules that must hold for every valid scenario, not just the examples."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helhed.domain.gains.model import Consequence, Scenario, calculate

BODIES = ("kommune", "region", "stat")
money = st.floats(min_value=0, max_value=200_000, allow_nan=False, allow_infinity=False)
share = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """Valid budget scenarios whose consequences are all gains (non-negative change and price)."""
    horizon = draw(st.integers(min_value=1, max_value=10))
    consequences = tuple(
        Consequence(
            item=f"post {index}",
            change_per_success_per_year=tuple(
                draw(
                    st.lists(
                        st.floats(min_value=0, max_value=52, allow_nan=False),
                        min_size=1,
                        max_size=horizon,
                    )
                )
            ),
            price=draw(st.dictionaries(st.sampled_from(BODIES), money, min_size=1)),
        )
        for index in range(draw(st.integers(min_value=0, max_value=3)))
    )
    return Scenario(
        horizon_years=horizon,
        discount_rate=draw(st.floats(min_value=0, max_value=0.2, allow_nan=False)),
        participants_per_year=tuple(
            draw(st.lists(st.integers(0, 500), min_size=1, max_size=horizon))
        ),
        cost_per_participant=draw(st.dictionaries(st.sampled_from(BODIES), money)),
        success_rate=draw(share),
        consequences=consequences,
        effect_offset_years=draw(st.integers(min_value=0, max_value=horizon - 1)),
        effect_fade=draw(share),
    )


def present_value_of_costs(scenario: Scenario) -> float:
    """Computed independently of the model: each cohort's cost in its year, discounted."""
    per_participant = sum(scenario.cost_per_participant.values())
    return sum(
        count * per_participant / (1 + scenario.discount_rate) ** cohort
        for cohort, count in enumerate(scenario.participants_per_year)
    )


@settings(max_examples=200, deadline=None)
@given(scenarios(), share, share)
def test_more_successes_never_lower_the_net_result(scenario: Scenario, a: float, b: float) -> None:
    low, high = sorted((a, b))
    net_low = calculate(replace(scenario, success_rate=low)).net_result
    net_high = calculate(replace(scenario, success_rate=high)).net_result
    # Only floating-point noise may make the higher rate look lower.
    assert net_high >= net_low - 1e-9 * max(1.0, abs(net_low))


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_zero_success_rate_gives_exactly_minus_the_discounted_cost(scenario: Scenario) -> None:
    result = calculate(replace(scenario, success_rate=0.0))
    expected = -present_value_of_costs(scenario)
    assert result.net_result == pytest.approx(expected, rel=1e-12, abs=1e-9)
    assert result.gains_total == 0.0


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_zero_change_gives_exactly_minus_the_discounted_cost(scenario: Scenario) -> None:
    no_effect = tuple(
        replace(c, change_per_success_per_year=(0.0,) * len(c.change_per_success_per_year))
        for c in scenario.consequences
    )
    result = calculate(replace(scenario, consequences=no_effect))
    assert result.net_result == pytest.approx(
        -present_value_of_costs(scenario), rel=1e-12, abs=1e-9
    )
    assert result.break_even_success_rate is None


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_the_breakdowns_add_up_to_the_net_result(scenario: Scenario) -> None:
    result = calculate(scenario)
    tolerance = {"rel": 1e-9, "abs": 1e-6}
    assert sum(result.net_result_by_body.values()) == pytest.approx(result.net_result, **tolerance)
    assert result.cumulative_net_by_year[-1] == pytest.approx(result.net_result, **tolerance)
    assert result.gains_total + result.costs_total == pytest.approx(result.net_result, **tolerance)
    assert sum(result.by_item.values()) == pytest.approx(result.gains_total, **tolerance)
    if result.per_participant is not None:
        assert result.per_participant * result.participants_total == pytest.approx(
            result.net_result, **tolerance
        )


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_the_break_even_rate_gives_a_zero_net_result(scenario: Scenario) -> None:
    rate = calculate(scenario).break_even_success_rate
    if rate is None or rate > 1:
        return  # no break-even, or one outside what a valid scenario can have
    at_rate = calculate(replace(scenario, success_rate=rate))
    scale = present_value_of_costs(scenario)
    assert at_rate.net_result == pytest.approx(0.0, abs=1e-9 * max(1.0, scale))
