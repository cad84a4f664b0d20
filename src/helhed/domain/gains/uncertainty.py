"""Uncertainty (usikkerhed): low/central/high per assumption, tornado data and Monte Carlo.

An assumption names one number in the scenario by its path (the same path the JSON errors use)
and gives a low and a high value; the central value is always the scenario's own, so a scenario
and its uncertainty cannot disagree. The tornado varies one assumption at a time; the Monte Carlo
draws all of them at once from triangular distributions with a seeded random.Random, so the same
seed gives the same interval on every machine.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from math import floor

from helhed.domain.gains.model import (
    BODY_LABELS,
    Consequence,
    GainsResult,
    Problem,
    Scenario,
    ScenarioError,
    SroiAdjustments,
    calculate,
    scenario_problems,
)

DEFAULT_DRAWS = 2000
DEFAULT_SEED = 1
DEFAULT_INTERVAL = 0.90
MAX_DRAWS = 100_000

_SIMPLE = {
    "success_rate": "Succesrate",
    "discount_rate": "Diskonteringsrente",
    "effect_fade": "Aftagende effekt pr. år",
}
_SROI = {
    "deadweight": "SROI: dødvægt (deadweight)",
    "attribution": "SROI: tilskrivning (attribution)",
    "displacement": "SROI: fortrængning (displacement)",
    "drop_off": "SROI: aftagning (drop-off)",
}
_COST = re.compile(r"cost_per_participant\.(?P<body>\w+)")
_PRICE = re.compile(r"consequences\[(?P<index>\d+)\]\.price\.(?P<body>\w+)")
_SCALE = re.compile(r"consequences\[(?P<index>\d+)\]\.change_scale")
_SROI_PATH = re.compile(r"sroi\.(?P<name>\w+)")
SUPPORTED_PATHS = (
    "success_rate, discount_rate, effect_fade, cost_per_participant.<kasse>, "
    "consequences[<nr>].price.<kasse>, consequences[<nr>].change_scale, sroi.<justering>"
)


class AssumptionPathError(KeyError):
    """A path that names no number the uncertainty analysis can vary."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Assumption:
    path: str
    low: float
    high: float


@dataclass(frozen=True)
class TornadoBar:
    path: str
    label: str
    low: float
    central: float
    high: float
    net_at_low: float
    net_at_high: float

    @property
    def swing(self) -> float:
        return abs(self.net_at_high - self.net_at_low)


@dataclass(frozen=True)
class MonteCarloSettings:
    draws: int = DEFAULT_DRAWS
    seed: int = DEFAULT_SEED
    interval: float = DEFAULT_INTERVAL


@dataclass(frozen=True)
class MonteCarloResult:
    draws: int
    seed: int
    interval: float
    lower: float
    median: float
    upper: float
    mean: float
    probability_positive: float


@dataclass(frozen=True)
class Evaluation:
    """A calculation with its uncertainty: what the CLI, API and XLSX export present."""

    scenario: Scenario
    result: GainsResult
    assumptions: tuple[Assumption, ...] = ()
    tornado: tuple[TornadoBar, ...] = ()
    monte_carlo: MonteCarloResult | None = None


def _consequence_index(scenario: Scenario, path: str, index: str) -> int:
    # int() refuses more than 4300 digits; no scenario has a billion consequences anyway.
    if len(index) > 9 or int(index) >= len(scenario.consequences):
        shown = index if len(index) <= 12 else index[:12] + "…"
        raise AssumptionPathError(path, f"der er ingen konsekvens nr. {shown}")
    return int(index)


def label(scenario: Scenario, path: str) -> str:
    """A Danish label for an assumption path, for tornado charts and tables."""
    if path in _SIMPLE:
        return _SIMPLE[path]
    if match := _COST.fullmatch(path):
        body = match["body"]
        return f"Omkostning pr. deltager ({BODY_LABELS.get(body, body).lower()})"
    if match := _PRICE.fullmatch(path):
        item = scenario.consequences[_consequence_index(scenario, path, match["index"])].item
        return f"Pris: {item} ({BODY_LABELS.get(match['body'], match['body']).lower()})"
    if match := _SCALE.fullmatch(path):
        item = scenario.consequences[_consequence_index(scenario, path, match["index"])].item
        return f"Ændring pr. succes: {item} (faktor)"
    if (match := _SROI_PATH.fullmatch(path)) and match["name"] in _SROI:
        return _SROI[match["name"]]
    raise AssumptionPathError(path, f"ukendt antagelse; brug {SUPPORTED_PATHS}")


def central_value(scenario: Scenario, path: str) -> float:
    """The scenario's own value at path (1.0 for a change_scale, which is a multiplier)."""
    label(scenario, path)  # raises AssumptionPathError for an unknown path
    if path in _SIMPLE:
        return float(getattr(scenario, path))
    if match := _COST.fullmatch(path):
        return float(scenario.cost_per_participant.get(match["body"], 0.0))
    if match := _PRICE.fullmatch(path):
        return float(scenario.consequences[int(match["index"])].price.get(match["body"], 0.0))
    if _SCALE.fullmatch(path):
        return 1.0
    match = _SROI_PATH.fullmatch(path)
    assert match is not None  # label() accepted the path
    return float(getattr(scenario.sroi, match["name"])) if scenario.sroi else 0.0


def with_value(scenario: Scenario, path: str, value: float) -> Scenario:
    """A copy of the scenario with the number at path set to value."""
    label(scenario, path)
    if path == "success_rate":
        return replace(scenario, success_rate=value)
    if path == "discount_rate":
        return replace(scenario, discount_rate=value)
    if path == "effect_fade":
        return replace(scenario, effect_fade=value)
    if match := _COST.fullmatch(path):
        costs = {**scenario.cost_per_participant, match["body"]: value}
        return replace(scenario, cost_per_participant=costs)
    if match := _PRICE.fullmatch(path):
        index = int(match["index"])
        old = scenario.consequences[index]
        new = replace(old, price={**old.price, match["body"]: value})
        return replace(scenario, consequences=_replace_at(scenario.consequences, index, new))
    if match := _SCALE.fullmatch(path):
        index = int(match["index"])
        old = scenario.consequences[index]
        scaled = tuple(change * value for change in old.change_per_success_per_year)
        new = replace(old, change_per_success_per_year=scaled)
        return replace(scenario, consequences=_replace_at(scenario.consequences, index, new))
    match = _SROI_PATH.fullmatch(path)
    assert match is not None
    sroi = replace(scenario.sroi or SroiAdjustments(), **{match["name"]: value})
    return replace(scenario, sroi=sroi)


def _replace_at(
    items: tuple[Consequence, ...], index: int, new: Consequence
) -> tuple[Consequence, ...]:
    return (*items[:index], new, *items[index + 1 :])


def assumption_problems(scenario: Scenario, assumptions: tuple[Assumption, ...]) -> list[Problem]:
    """Unknown paths, low > central > high, and low or high values the model would reject."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for assumption in assumptions:
        path = f"uncertainty.{assumption.path}"
        if assumption.path in seen:
            problems.append(Problem(path, "står der allerede"))
            continue
        seen.add(assumption.path)
        try:
            central = central_value(scenario, assumption.path)
        except AssumptionPathError as error:
            problems.append(Problem(path, error.reason))
            continue
        if not assumption.low <= central <= assumption.high:
            message = (
                f"lav ({assumption.low:g}) ≤ central ({central:g}) ≤ høj ({assumption.high:g}) "
                "skal gælde; central er scenariets egen værdi"
            )
            problems.append(Problem(path, message))
            continue
        for bound, value in (("low", assumption.low), ("high", assumption.high)):
            for problem in scenario_problems(with_value(scenario, assumption.path, value)):
                problems.append(Problem(f"{path}.{bound}", f"giver {problem}"))
    return problems


def _check(scenario: Scenario, assumptions: tuple[Assumption, ...]) -> None:
    problems = scenario_problems(scenario) or assumption_problems(scenario, assumptions)
    if problems:
        raise ScenarioError(problems)


def tornado(scenario: Scenario, assumptions: tuple[Assumption, ...]) -> tuple[TornadoBar, ...]:
    """One bar per assumption: the net result at its low and high value, others central.

    Sorted by swing, largest first; equal swings are ordered by path so the order is stable.
    """
    _check(scenario, assumptions)
    bars = [
        TornadoBar(
            path=a.path,
            label=label(scenario, a.path),
            low=a.low,
            central=central_value(scenario, a.path),
            high=a.high,
            net_at_low=calculate(with_value(scenario, a.path, a.low)).net_result,
            net_at_high=calculate(with_value(scenario, a.path, a.high)).net_result,
        )
        for a in assumptions
    ]
    return tuple(sorted(bars, key=lambda bar: (-bar.swing, bar.path)))


def _quantile(ordered: list[float], q: float) -> float:
    """Linear interpolation between order statistics (numpy's default, R type 7)."""
    position = q * (len(ordered) - 1)
    below = floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def monte_carlo(
    scenario: Scenario,
    assumptions: tuple[Assumption, ...],
    settings: MonteCarloSettings | None = None,
) -> MonteCarloResult:
    """Draw every assumption from a triangular(low, central, high) distribution, independently.

    The assumptions are drawn in path order, so reordering them in the input does not change the
    result for a given seed.
    """
    settings = settings or MonteCarloSettings()
    if not 1 <= settings.draws <= MAX_DRAWS:
        raise ScenarioError([Problem("monte_carlo.draws", f"skal være mellem 1 og {MAX_DRAWS}")])
    if not 0 < settings.interval < 1:
        raise ScenarioError([Problem("monte_carlo.interval", "skal være mellem 0 og 1")])
    _check(scenario, assumptions)
    ordered_assumptions = sorted(assumptions, key=lambda a: a.path)
    centrals = [central_value(scenario, a.path) for a in ordered_assumptions]
    rng = random.Random(settings.seed)
    nets = []
    for _ in range(settings.draws):
        drawn = scenario
        for assumption, central in zip(ordered_assumptions, centrals, strict=True):
            value = rng.triangular(assumption.low, assumption.high, central)
            drawn = with_value(drawn, assumption.path, value)
        nets.append(calculate(drawn).net_result)
    nets.sort()
    tail = (1 - settings.interval) / 2
    return MonteCarloResult(
        draws=settings.draws,
        seed=settings.seed,
        interval=settings.interval,
        lower=_quantile(nets, tail),
        median=_quantile(nets, 0.5),
        upper=_quantile(nets, 1 - tail),
        mean=sum(nets) / len(nets),
        probability_positive=sum(1 for net in nets if net >= 0) / len(nets),
    )


def evaluate(
    scenario: Scenario,
    assumptions: tuple[Assumption, ...] = (),
    settings: MonteCarloSettings | None = None,
) -> Evaluation:
    """The calculation, plus tornado and Monte Carlo when there are assumptions."""
    result = calculate(scenario)
    if not assumptions:
        return Evaluation(scenario=scenario, result=result)
    return Evaluation(
        scenario=scenario,
        result=result,
        assumptions=assumptions,
        tornado=tornado(scenario, assumptions),
        monte_carlo=monte_carlo(scenario, assumptions, settings),
    )
