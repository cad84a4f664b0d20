"""The gains model (gevinstberegning): scenario dataclasses and the calculation.

The calculation follows the SØM reconstruction in the research notes (gains_method.md §1.8) and
the rules of issue 7: cohort c pays its cost in year c; change k of a consequence falls in year
c + offset + k while that year is inside the horizon; an amount in year t is discounted by
(1 + r)^t; gains are positive and costs negative. docs/gains.md gives every formula and default
with its source.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

# Finansministeriet's samfundsøkonomiske diskonteringsrente for years 0-35, in force from
# 7 January 2021 (unit_costs.csv). The horizon is at most 10 years, so the later steps of the
# stepped rate (2.5 % for years 36-70) never apply here.
DEFAULT_DISCOUNT_RATE = 0.035
# SØM computes consequences for up to 10 years (gains_method.md §1.3).
MAX_HORIZON_YEARS = 10

PUBLIC_BODIES: tuple[str, ...] = ("kommune", "region", "stat")
# The optional non-budget layer ("borger/samfund", gains_method.md §4.1). It only makes sense for
# wellbeing values, so it is only accepted with the wellbeing approach.
SOCIETY = "samfund"
BODY_LABELS: dict[str, str] = {
    "kommune": "Kommune",
    "region": "Region",
    "stat": "Stat",
    SOCIETY: "Samfund (ikke-budget)",
}

# Cumulative sums below half an øre count as zero, so that a result that is zero on paper is not
# reported as "never pays back" because of floating-point noise.
_HALF_ORE = 0.005


class Approach(StrEnum):
    """Budget (SØM: public budgets, success rate net of current practice) or wellbeing (SROI)."""

    BUDGET = "budget"
    WELLBEING = "wellbeing"


@dataclass(frozen=True)
class Consequence:
    """One consequence item (post), e.g. weeks on kontanthjælp, with its price per body."""

    item: str
    # change_per_success_per_year[k]: change in year k after the effect starts, per success.
    change_per_success_per_year: tuple[float, ...]
    # Price per unit of change for each body (kr); positive means a gain for that body.
    price: Mapping[str, float]


@dataclass(frozen=True)
class SroiAdjustments:
    """The SROI deflators (Cabinet Office guide, gains_method.md §3.2), each a share 0-1."""

    deadweight: float = 0.0
    attribution: float = 0.0
    displacement: float = 0.0
    drop_off: float = 0.0

    @property
    def factor(self) -> float:
        """(1 - deadweight)(1 - attribution)(1 - displacement), applied to every gain."""
        return (1 - self.deadweight) * (1 - self.attribution) * (1 - self.displacement)


@dataclass(frozen=True)
class Scenario:
    horizon_years: int
    participants_per_year: tuple[int, ...]
    success_rate: float
    consequences: tuple[Consequence, ...]
    cost_per_participant: Mapping[str, float] = field(default_factory=dict)
    # Fixed costs per calendar year (opstart, drift), per body.
    cost_per_year: tuple[Mapping[str, float], ...] = ()
    discount_rate: float = DEFAULT_DISCOUNT_RATE
    # Years from the start of a cohort's course until the effect begins (course completed).
    effect_offset_years: int = 0
    # Yearly fade of the effect (Skandia: "aftagende effekt"); change k is multiplied by (1-f)^k.
    effect_fade: float = 0.0
    approach: Approach = Approach.BUDGET
    sroi: SroiAdjustments | None = None

    @property
    def bodies(self) -> tuple[str, ...]:
        """The three public bodies, plus the society layer when any amount uses it."""
        used = set(self.cost_per_participant)
        for costs in self.cost_per_year:
            used.update(costs)
        for consequence in self.consequences:
            used.update(consequence.price)
        return (*PUBLIC_BODIES, SOCIETY) if SOCIETY in used else PUBLIC_BODIES


@dataclass(frozen=True)
class Problem:
    """One invalid field: its path in the scenario (e.g. consequences[0].price.kommune)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ScenarioError(ValueError):
    """A scenario that cannot be calculated; lists every problem with its field path."""

    def __init__(self, problems: list[Problem], source: str | None = None) -> None:
        self.problems = problems
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__("\n".join(f"{prefix}{problem}" for problem in problems))


@dataclass(frozen=True)
class GainsResult:
    """Every amount is a present value in kr (discounted to year 0) unless its name says not."""

    bodies: tuple[str, ...]
    net_result: float
    net_result_by_body: dict[str, float]
    net_by_year: tuple[float, ...]
    net_by_year_undiscounted: tuple[float, ...]
    cumulative_net_by_year: tuple[float, ...]
    net_by_body_by_year: dict[str, tuple[float, ...]]
    by_item: dict[str, float]
    by_item_by_body: dict[str, dict[str, float]]
    costs_total: float  # negative
    costs_by_body: dict[str, float]
    gains_total: float
    gains_by_body: dict[str, float]
    participants_total: int
    successes_total: float
    per_participant: float | None
    payback_year: int | None
    break_even_success_rate: float | None
    gain_cost_ratio: float | None


def round_kr(value: float) -> float:
    """An amount rounded to the øre, as every output (JSON, XLSX) reports it."""
    return round(value, 2) + 0.0  # + 0.0 turns -0.0 into 0.0


def round_optional(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits) + 0.0


def _share_problem(path: str, value: float) -> list[Problem]:
    if not 0 <= value <= 1:
        return [Problem(path, "skal være en andel mellem 0 og 1")]
    return []


def _amounts_problems(
    path: str, amounts: Mapping[str, float], bodies: tuple[str, ...], *, non_negative: bool
) -> list[Problem]:
    problems = []
    for body, amount in amounts.items():
        if body not in bodies:
            allowed = ", ".join(bodies)
            hint = "" if body != SOCIETY else ' (kræver approach "wellbeing")'
            problems.append(Problem(f"{path}.{body}", f"ukendt kasse{hint}; brug {allowed}"))
        elif non_negative and amount < 0:
            message = "en omkostning kan ikke være negativ; angiv en besparelse som en konsekvens"
            problems.append(Problem(f"{path}.{body}", message))
    return problems


def scenario_problems(scenario: Scenario) -> list[Problem]:
    """Every rule a well-typed scenario must meet, as problems with Danish messages."""
    problems: list[Problem] = []
    horizon = scenario.horizon_years
    if not 1 <= horizon <= MAX_HORIZON_YEARS:
        problems.append(Problem("horizon_years", f"skal være mellem 1 og {MAX_HORIZON_YEARS} år"))
    if not 0 <= scenario.discount_rate < 1:
        problems.append(Problem("discount_rate", "skal være mellem 0 og 1 (fx 0.035)"))
    participants = scenario.participants_per_year
    if not participants:
        problems.append(Problem("participants_per_year", "skal have mindst én årgang"))
    elif len(participants) > horizon:
        message = f"har {len(participants)} årgange, men tidshorisonten er {horizon} år"
        problems.append(Problem("participants_per_year", message))
    for index, count in enumerate(participants):
        if count < 0:
            problems.append(Problem(f"participants_per_year[{index}]", "kan ikke være negativ"))
    problems += _share_problem("success_rate", scenario.success_rate)

    wellbeing = scenario.approach is Approach.WELLBEING
    bodies = (*PUBLIC_BODIES, SOCIETY) if wellbeing else PUBLIC_BODIES
    problems += _amounts_problems(
        "cost_per_participant", scenario.cost_per_participant, bodies, non_negative=True
    )
    if len(scenario.cost_per_year) > horizon:
        problems.append(Problem("cost_per_year", f"er længere end tidshorisonten ({horizon} år)"))
    for year, costs in enumerate(scenario.cost_per_year):
        problems += _amounts_problems(f"cost_per_year[{year}]", costs, bodies, non_negative=True)

    seen: set[str] = set()
    for index, consequence in enumerate(scenario.consequences):
        path = f"consequences[{index}]"
        if not consequence.item.strip():
            problems.append(Problem(f"{path}.item", "mangler et navn"))
        elif consequence.item in seen:
            problems.append(Problem(f"{path}.item", f"'{consequence.item}' står der allerede"))
        seen.add(consequence.item)
        changes = consequence.change_per_success_per_year
        if not 1 <= len(changes) <= horizon:
            message = f"skal have mellem 1 og {horizon} år (tidshorisonten)"
            problems.append(Problem(f"{path}.change_per_success_per_year", message))
        if not consequence.price:
            problems.append(Problem(f"{path}.price", "skal have en pris for mindst én kasse"))
        problems += _amounts_problems(
            f"{path}.price", consequence.price, bodies, non_negative=False
        )

    if not 0 <= scenario.effect_offset_years < max(horizon, 1):
        message = "skal være mindst 0 og mindre end tidshorisonten"
        problems.append(Problem("effect_offset_years", message))
    problems += _share_problem("effect_fade", scenario.effect_fade)
    if scenario.sroi is not None:
        if not wellbeing:
            message = 'SROI-justeringer kræver approach "wellbeing" (ellers tælles de dobbelt)'
            problems.append(Problem("sroi", message))
        for name in ("deadweight", "attribution", "displacement", "drop_off"):
            problems += _share_problem(f"sroi.{name}", getattr(scenario.sroi, name))
        if scenario.sroi.drop_off > 0 and scenario.effect_fade > 0:
            message = "brug enten effect_fade eller sroi.drop_off, ikke begge"
            problems.append(Problem("effect_fade", message))
    return problems


def _discount_factors(scenario: Scenario) -> list[float]:
    return [1 / (1 + scenario.discount_rate) ** t for t in range(scenario.horizon_years)]


def _costs_by_body_year(scenario: Scenario) -> dict[str, list[float]]:
    """Undiscounted costs, positive, per body and calendar year."""
    costs = {body: [0.0] * scenario.horizon_years for body in scenario.bodies}
    for cohort, count in enumerate(scenario.participants_per_year):
        for body, amount in scenario.cost_per_participant.items():
            costs[body][cohort] += count * amount
    for year, fixed in enumerate(scenario.cost_per_year):
        for body, amount in fixed.items():
            costs[body][year] += amount
    return costs


def _unit_gains(scenario: Scenario) -> dict[str, dict[str, list[float]]]:
    """Undiscounted gains per item, body and year at a success rate of 1.

    The net result is linear in the success rate, so the gains at rate s are these times s; that
    is what makes the break-even rate a simple division.
    """
    deflator = scenario.sroi.factor if scenario.sroi else 1.0
    drop_off = scenario.sroi.drop_off if scenario.sroi else 0.0
    decay = (1 - scenario.effect_fade) * (1 - drop_off)
    horizon = scenario.horizon_years
    gains: dict[str, dict[str, list[float]]] = {}
    for consequence in scenario.consequences:
        by_body = {body: [0.0] * horizon for body in scenario.bodies}
        for cohort, count in enumerate(scenario.participants_per_year):
            for k, change in enumerate(consequence.change_per_success_per_year):
                year = cohort + scenario.effect_offset_years + k
                if year >= horizon:
                    break
                weight = count * change * deflator * decay**k
                for body, price in consequence.price.items():
                    by_body[body][year] += weight * price
        gains[consequence.item] = by_body
    return gains


def _payback_year(cumulative: list[float]) -> int | None:
    return next((year for year, value in enumerate(cumulative) if value >= -_HALF_ORE), None)


def calculate(scenario: Scenario) -> GainsResult:
    """Compute the net result of a scenario; raises ScenarioError if it breaks a rule."""
    problems = scenario_problems(scenario)
    if problems:
        raise ScenarioError(problems)
    horizon, rate = scenario.horizon_years, scenario.success_rate
    bodies = scenario.bodies
    discount = _discount_factors(scenario)
    costs = _costs_by_body_year(scenario)
    unit_gains = _unit_gains(scenario)

    gains_year = {body: [0.0] * horizon for body in bodies}
    by_item_by_body: dict[str, dict[str, float]] = {}
    unit_gain_pv = 0.0
    for item, by_body in unit_gains.items():
        by_item_by_body[item] = {}
        for body in bodies:
            for year in range(horizon):
                gains_year[body][year] += by_body[body][year] * rate
            present = sum(g * d for g, d in zip(by_body[body], discount, strict=True))
            by_item_by_body[item][body] = present * rate
            unit_gain_pv += present

    net_by_body_by_year = {
        body: tuple((gains_year[body][t] - costs[body][t]) * discount[t] for t in range(horizon))
        for body in bodies
    }
    net_by_year = [sum(net_by_body_by_year[body][t] for body in bodies) for t in range(horizon)]
    undiscounted = [
        sum(gains_year[body][t] - costs[body][t] for body in bodies) for t in range(horizon)
    ]
    cumulative: list[float] = []
    running = 0.0
    for value in net_by_year:
        running += value
        cumulative.append(running)

    costs_by_body = {
        # 0.0 - … rather than -…, so that a body without costs shows 0.0 and not -0.0.
        body: 0.0 - sum(c * d for c, d in zip(costs[body], discount, strict=True))
        for body in bodies
    }
    gains_by_body = {
        body: sum(g * d for g, d in zip(gains_year[body], discount, strict=True)) for body in bodies
    }
    costs_total = sum(costs_by_body.values())
    gains_total = sum(gains_by_body.values())
    net_result = sum(net_by_year)
    participants_total = sum(scenario.participants_per_year)

    # net(s) = s * unit_gain_pv + costs_total, so net(s*) = 0 at s* = -costs_total / unit_gain_pv.
    break_even = None
    if unit_gain_pv != 0 and -costs_total / unit_gain_pv >= 0:
        break_even = 0.0 - costs_total / unit_gain_pv
    # A quotient of a tiny divisor can overflow to inf, which no output can hold: no such rate.
    break_even = _finite_or_none(break_even)
    ratio = _finite_or_none(gains_total / -costs_total if costs_total else None)

    return GainsResult(
        bodies=bodies,
        net_result=net_result,
        net_result_by_body={body: sum(net_by_body_by_year[body]) for body in bodies},
        net_by_year=tuple(net_by_year),
        net_by_year_undiscounted=tuple(undiscounted),
        cumulative_net_by_year=tuple(cumulative),
        net_by_body_by_year=net_by_body_by_year,
        by_item={item: sum(values.values()) for item, values in by_item_by_body.items()},
        by_item_by_body=by_item_by_body,
        costs_total=costs_total,
        costs_by_body=costs_by_body,
        gains_total=gains_total,
        gains_by_body=gains_by_body,
        participants_total=participants_total,
        successes_total=participants_total * rate,
        # SØM divides by all participants, not by successes (gains_method.md §1.8).
        per_participant=net_result / participants_total if participants_total else None,
        payback_year=_payback_year(cumulative),
        break_even_success_rate=break_even,
        gain_cost_ratio=ratio,
    )


def _finite_or_none(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None
