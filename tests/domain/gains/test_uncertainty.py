"""Tornado ordering, Monte Carlo reproducibility and the checks on assumptions."""

from __future__ import annotations

import random

import pytest

from helhed.domain.gains.model import Consequence, Scenario, ScenarioError, calculate
from helhed.domain.gains.uncertainty import (
    Assumption,
    MonteCarloSettings,
    assumption_problems,
    central_value,
    evaluate,
    monte_carlo,
    tornado,
    with_value,
)


def constructed() -> Scenario:
    """10 participants at 1,000 kr; half succeed; 100 kr a year for 3 years; no discounting.

    Net = -10 x 1,000 + 10 x 0.5 x 3 x 100 = -10,000 + 1,500 = -8,500.
    """
    return Scenario(
        horizon_years=3,
        discount_rate=0.0,
        participants_per_year=(10,),
        cost_per_participant={"kommune": 1000},
        success_rate=0.5,
        consequences=(Consequence("post", (1, 1, 1), {"kommune": 100}),),
    )


ASSUMPTIONS = (
    # swing = 0.2 x 10 x 3 x 100 = 600
    Assumption("success_rate", 0.4, 0.6),
    # swing = 300 x 10 = 3,000
    Assumption("cost_per_participant.kommune", 900, 1200),
    # swing = 100 x 10 x 0.5 x 3 = 1,500
    Assumption("consequences[0].price.kommune", 50, 150),
    # swing = 0.2 x 1,500 = 300
    Assumption("consequences[0].change_scale", 0.9, 1.1),
)


def test_constructed_net_result() -> None:
    assert calculate(constructed()).net_result == -8500.0


def test_tornado_orders_by_swing_exactly() -> None:
    bars = tornado(constructed(), ASSUMPTIONS)
    assert [(bar.path, bar.swing) for bar in bars] == [
        ("cost_per_participant.kommune", 3000.0),
        ("consequences[0].price.kommune", 1500.0),
        ("success_rate", pytest.approx(600.0, rel=1e-12)),
        ("consequences[0].change_scale", pytest.approx(300.0, rel=1e-12)),
    ]
    cost = bars[0]
    assert (cost.low, cost.central, cost.high) == (900, 1000.0, 1200)
    assert (cost.net_at_low, cost.net_at_high) == (-7500.0, -10500.0)
    assert cost.label == "Omkostning pr. deltager (kommune)"


def test_tornado_breaks_ties_by_path() -> None:
    # Both move the net result by 10 x 0.5 x 3 x 100 x 0.2 = 300.
    tied = (
        Assumption("success_rate", 0.45, 0.55),
        Assumption("consequences[0].change_scale", 0.9, 1.1),
    )
    paths = [bar.path for bar in tornado(constructed(), tied)]
    assert paths == ["consequences[0].change_scale", "success_rate"]


def test_with_value_sets_the_number_at_the_path() -> None:
    scenario = constructed()
    for path in ("success_rate", "cost_per_participant.kommune", "consequences[0].price.kommune"):
        assert central_value(with_value(scenario, path, 0.25), path) == 0.25
    scaled = with_value(scenario, "consequences[0].change_scale", 1.5)
    assert scaled.consequences[0].change_per_success_per_year == (1.5, 1.5, 1.5)
    assert central_value(scaled, "consequences[0].change_scale") == 1.0
    assert scenario == constructed()  # the original is untouched


def test_monte_carlo_is_reproducible_for_a_seed() -> None:
    settings = MonteCarloSettings(draws=500, seed=42)
    first = monte_carlo(constructed(), ASSUMPTIONS, settings)
    second = monte_carlo(constructed(), ASSUMPTIONS, settings)
    reordered = monte_carlo(constructed(), tuple(reversed(ASSUMPTIONS)), settings)
    other_seed = monte_carlo(constructed(), ASSUMPTIONS, MonteCarloSettings(draws=500, seed=43))
    assert first == second == reordered
    assert first != other_seed
    assert first.lower < first.median < first.upper


def test_monte_carlo_matches_an_independent_computation_for_a_linear_case() -> None:
    # Only the success rate varies and the net result is linear in it: net = 1,500 x (s/0.5) ...
    # precisely net(s) = -10,000 + 3,000 s, so the draws can be reproduced without the model.
    settings = MonteCarloSettings(draws=1001, seed=7, interval=0.9)
    result = monte_carlo(constructed(), (Assumption("success_rate", 0.3, 0.6),), settings)
    rng = random.Random(7)
    nets = sorted(-10000 + 3000 * rng.triangular(0.3, 0.6, 0.5) for _ in range(1001))
    # With 1,001 draws the 5 %, 50 % and 95 % points fall exactly on draws 50, 500 and 950.
    assert result.lower == pytest.approx(nets[50], rel=1e-12)
    assert result.median == pytest.approx(nets[500], rel=1e-12)
    assert result.upper == pytest.approx(nets[950], rel=1e-12)
    assert result.mean == pytest.approx(sum(nets) / 1001, rel=1e-12)
    assert result.probability_positive == 0.0


def test_monte_carlo_collapses_to_the_central_result_without_spread() -> None:
    flat = tuple(
        Assumption(
            a.path, central_value(constructed(), a.path), central_value(constructed(), a.path)
        )
        for a in ASSUMPTIONS
    )
    result = monte_carlo(constructed(), flat, MonteCarloSettings(draws=50))
    assert result.lower == result.median == result.upper == pytest.approx(-8500.0, rel=1e-12)


def test_probability_positive_counts_draws_with_a_non_negative_net() -> None:
    # net(s) = -10,000 + 3,000 s is never >= 0 for s <= 1, but the cost can vary down to 0:
    # net = 1,500 - 10 c >= 0 for c <= 150; c is triangular(0, 1000, 1000) so P = (150/1000)^2.
    result = monte_carlo(
        constructed(),
        (Assumption("cost_per_participant.kommune", 0, 1000),),
        MonteCarloSettings(draws=20000, seed=3),
    )
    assert result.probability_positive == pytest.approx(0.0225, abs=0.005)


def test_evaluate_without_assumptions_has_no_uncertainty() -> None:
    evaluation = evaluate(constructed())
    assert evaluation.tornado == ()
    assert evaluation.monte_carlo is None
    assert evaluation.result.net_result == -8500.0


@pytest.mark.parametrize(
    ("assumption", "path", "fragment"),
    [
        (Assumption("success_rate", 0.6, 0.7), "uncertainty.success_rate", "central (0.5)"),
        (Assumption("success_rate", 0.4, 1.5), "uncertainty.success_rate.high", "andel"),
        (Assumption("participants", 1, 2), "uncertainty.participants", "ukendt antagelse"),
        (
            Assumption("consequences[3].price.kommune", 1, 2),
            "uncertainty.consequences[3].price.kommune",
            "ingen konsekvens nr. 3",
        ),
    ],
)
def test_bad_assumptions_name_their_path(assumption: Assumption, path: str, fragment: str) -> None:
    problems = assumption_problems(constructed(), (assumption,))
    assert [problem.path for problem in problems] == [path]
    assert fragment in problems[0].message
    with pytest.raises(ScenarioError):
        tornado(constructed(), (assumption,))


def test_monte_carlo_rejects_impossible_settings() -> None:
    with pytest.raises(ScenarioError, match=r"monte_carlo\.draws"):
        monte_carlo(constructed(), ASSUMPTIONS, MonteCarloSettings(draws=0))
    with pytest.raises(ScenarioError, match=r"monte_carlo\.interval"):
        monte_carlo(constructed(), ASSUMPTIONS, MonteCarloSettings(interval=1.0))
