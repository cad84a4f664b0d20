"""Reading scenario JSON and writing results as JSON-able dicts and XLSX (the latter in xlsx.py).

Parse errors are collected, not raised at the first one, and each names the file and the field
path, e.g. "scenario.json: consequences[0].price.kommune: skal være et tal". Unknown fields are
errors too: a misspelt "succes_rate" must not silently fall back to a default.
"""

from __future__ import annotations

import json
import math
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from helhed.domain.gains.model import (
    DEFAULT_DISCOUNT_RATE,
    Approach,
    Consequence,
    GainsResult,
    Problem,
    Scenario,
    ScenarioError,
    SroiAdjustments,
    round_kr,
    round_optional,
    scenario_problems,
)
from helhed.domain.gains.uncertainty import (
    MAX_DRAWS,
    Assumption,
    Evaluation,
    MonteCarloSettings,
    assumption_problems,
)
from helhed.domain.gains.xlsx import write_xlsx

# write_xlsx lives in xlsx.py to keep this module small; it is part of this module's interface.
__all__ = [
    "evaluation_to_dict",
    "load_input",
    "loads",
    "parse_input",
    "parse_scenario",
    "result_to_dict",
    "scenario_to_dict",
    "write_xlsx",
]

_TOP = {
    "horizon_years", "discount_rate", "participants_per_year", "cost_per_participant",
    "cost_per_year", "success_rate", "consequences", "effect_offset_years", "effect_fade",
    "approach", "sroi", "uncertainty", "monte_carlo", "name", "notes",
}  # fmt: skip
_REQUIRED = {"horizon_years", "participants_per_year", "success_rate", "consequences"}
_SROI_FIELDS = {"deadweight", "attribution", "displacement", "drop_off"}
_NONE: frozenset[str] = frozenset()
# Every number and whole number in a scenario lies within ±10^12 (a thousand billion kr, or
# participants): larger ones are typing errors, and products of them overflow to inf/NaN, which
# neither JSON nor the database can hold.
MAX_ABS_NUMBER = 10**12
_TOO_LARGE = "skal ligge mellem -1.000.000.000.000 og 1.000.000.000.000"


class _Reader:
    """Type checks that record a Problem per bad field instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def number(self, value: object, path: str) -> float | None:
        # bool is an int in Python, but "true" is never a meaningful amount.
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(path, "skal være et tal")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(path, "skal være et endeligt tal")
            return None
        if abs(value) > MAX_ABS_NUMBER:  # also an int too large for a float
            self.fail(path, _TOO_LARGE)
            return None
        return float(value)

    def integer(self, value: object, path: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, "skal være et heltal")
            return None
        if abs(value) > MAX_ABS_NUMBER:
            self.fail(path, _TOO_LARGE)
            return None
        return value

    def text(self, value: object, path: str) -> bool:
        """A text for people; NUL is refused (PostgreSQL cannot store it in text or JSON)."""
        if not isinstance(value, str):
            self.fail(path, "skal være en tekst")
            return False
        if "\x00" in value:
            self.fail(path, "må ikke indeholde tegnet NUL (\\u0000)")
            return False
        return True

    def obj(
        self,
        value: object,
        path: str,
        allowed: AbstractSet[str],
        required: AbstractSet[str] = _NONE,
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(path, "skal være et objekt ({…})")
            return None
        prefix = f"{path}." if path else ""
        for key in sorted(set(value) - allowed):
            self.fail(f"{prefix}{key}", "ukendt felt")
        for key in sorted(required - set(value)):
            self.fail(f"{prefix}{key}", "mangler")
        return value

    def listing(self, value: object, path: str) -> list[Any] | None:
        if not isinstance(value, list):
            self.fail(path, "skal være en liste ([…])")
            return None
        return value

    def numbers(self, value: object, path: str) -> tuple[float, ...] | None:
        items = self.listing(value, path)
        if items is None:
            return None
        parsed = [self.number(item, f"{path}[{index}]") for index, item in enumerate(items)]
        return tuple(p for p in parsed if p is not None) if None not in parsed else None

    def amounts(self, value: object, path: str) -> dict[str, float]:
        # Which bodies are allowed depends on the approach; scenario_problems checks that.
        if not isinstance(value, dict):
            self.fail(path, 'skal være et objekt med beløb pr. kasse, fx {"kommune": 20000}')
            return {}
        parsed = {str(k): self.number(v, f"{path}.{k}") for k, v in value.items()}
        return {k: v for k, v in parsed.items() if v is not None}


def _consequence(reader: _Reader, raw: object, path: str) -> Consequence | None:
    data = reader.obj(
        raw, path, {"item", "change_per_success_per_year", "price"},
        {"item", "change_per_success_per_year", "price"},
    )  # fmt: skip
    if data is None or not {"item", "change_per_success_per_year", "price"} <= set(data):
        return None
    item_ok = reader.text(data["item"], f"{path}.item")
    changes = reader.numbers(
        data["change_per_success_per_year"], f"{path}.change_per_success_per_year"
    )
    price = reader.amounts(data["price"], f"{path}.price")
    if changes is None or not item_ok:
        return None
    return Consequence(item=data["item"], change_per_success_per_year=changes, price=price)


def _scenario(reader: _Reader, data: dict[str, Any]) -> Scenario | None:
    # A missing required field was reported by obj() as "mangler"; only check those present.
    horizon = (
        reader.integer(data["horizon_years"], "horizon_years") if "horizon_years" in data else None
    )
    counts = reader.listing(data.get("participants_per_year", []), "participants_per_year")
    participants = [
        reader.integer(count, f"participants_per_year[{index}]")
        for index, count in enumerate(counts or [])
    ]
    rate = reader.number(data["success_rate"], "success_rate") if "success_rate" in data else None
    discount = reader.number(data.get("discount_rate", DEFAULT_DISCOUNT_RATE), "discount_rate")
    offset = reader.integer(data.get("effect_offset_years", 0), "effect_offset_years")
    fade = reader.number(data.get("effect_fade", 0.0), "effect_fade")
    costs = reader.amounts(data.get("cost_per_participant", {}), "cost_per_participant")
    yearly = reader.listing(data.get("cost_per_year", []), "cost_per_year") or []
    cost_per_year = tuple(reader.amounts(c, f"cost_per_year[{i}]") for i, c in enumerate(yearly))
    raw_consequences = reader.listing(data.get("consequences", []), "consequences") or []
    consequences = [
        _consequence(reader, raw, f"consequences[{index}]")
        for index, raw in enumerate(raw_consequences)
    ]
    approach_text = data.get("approach", Approach.BUDGET.value)
    if not isinstance(approach_text, str) or approach_text not in {a.value for a in Approach}:
        reader.fail("approach", 'skal være "budget" eller "wellbeing"')
    reader.text(data.get("name", ""), "name")
    notes = data.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(note, str) for note in notes):
        reader.fail("notes", "skal være en liste af tekster")
    else:
        for index, note in enumerate(notes):
            reader.text(note, f"notes[{index}]")
    sroi = None
    if "sroi" in data and (raw_sroi := reader.obj(data["sroi"], "sroi", _SROI_FIELDS)) is not None:
        values = {
            k: reader.number(v, f"sroi.{k}") for k, v in raw_sroi.items() if k in _SROI_FIELDS
        }
        sroi = SroiAdjustments(**{k: v for k, v in values.items() if v is not None})
    if reader.problems:
        return None
    assert horizon is not None and rate is not None and discount is not None
    assert offset is not None and fade is not None
    return Scenario(
        horizon_years=horizon,
        participants_per_year=tuple(p for p in participants if p is not None),
        success_rate=rate,
        consequences=tuple(c for c in consequences if c is not None),
        cost_per_participant=costs,
        cost_per_year=cost_per_year,
        discount_rate=discount,
        effect_offset_years=offset,
        effect_fade=fade,
        approach=Approach(approach_text),
        sroi=sroi,
    )


def _assumptions(reader: _Reader, raw: object) -> tuple[Assumption, ...]:
    if not isinstance(raw, dict):
        reader.fail(
            "uncertainty", 'skal være et objekt, fx {"success_rate": {"low": 0.1, "high": 0.3}}'
        )
        return ()
    assumptions = []
    for path, bounds in raw.items():
        where = f"uncertainty.{path}"
        values = reader.obj(bounds, where, {"low", "high"}, {"low", "high"})
        if values is None or not {"low", "high"} <= set(values):
            continue
        low = reader.number(values["low"], f"{where}.low")
        high = reader.number(values["high"], f"{where}.high")
        if low is not None and high is not None:
            assumptions.append(Assumption(path=path, low=low, high=high))
    return tuple(assumptions)


def _settings(reader: _Reader, raw: object) -> MonteCarloSettings:
    data = reader.obj(raw, "monte_carlo", {"draws", "seed", "interval"}) or {}
    defaults = MonteCarloSettings()
    draws = reader.integer(data.get("draws", defaults.draws), "monte_carlo.draws")
    seed = reader.integer(data.get("seed", defaults.seed), "monte_carlo.seed")
    interval = reader.number(data.get("interval", defaults.interval), "monte_carlo.interval")
    if draws is not None and not 1 <= draws <= MAX_DRAWS:
        reader.fail("monte_carlo.draws", f"skal være mellem 1 og {MAX_DRAWS}")
    if interval is not None and not 0 < interval < 1:
        reader.fail("monte_carlo.interval", "skal være mellem 0 og 1 (fx 0.9)")
    return MonteCarloSettings(
        draws=defaults.draws if draws is None else draws,
        seed=defaults.seed if seed is None else seed,
        interval=defaults.interval if interval is None else interval,
    )


def parse_input(
    data: object, *, source: str = "scenario.json"
) -> tuple[Scenario, tuple[Assumption, ...], MonteCarloSettings]:
    """A scenario with its uncertainty section; raises ScenarioError naming every bad field."""
    reader = _Reader()
    top = reader.obj(data, "", _TOP, _REQUIRED)
    if top is None:
        raise ScenarioError(reader.problems, source)
    scenario = _scenario(reader, top)
    assumptions = _assumptions(reader, top["uncertainty"]) if "uncertainty" in top else ()
    settings = _settings(reader, top.get("monte_carlo", {}))
    if scenario is not None and not reader.problems:
        reader.problems += scenario_problems(scenario)
        if not reader.problems:
            reader.problems += assumption_problems(scenario, assumptions)
    if reader.problems or scenario is None:
        raise ScenarioError(reader.problems, source)
    return scenario, assumptions, settings


def parse_scenario(data: object, *, source: str = "scenario.json") -> Scenario:
    return parse_input(data, source=source)[0]


def load_input(
    path: Path | str,
) -> tuple[Scenario, tuple[Assumption, ...], MonteCarloSettings]:
    """Read and parse a scenario file; JSON syntax errors name the line and column."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        problem = Problem("", f"kan ikke læses ({error.strerror})")
        raise ScenarioError([problem], path.name) from error
    except UnicodeDecodeError as error:
        raise ScenarioError([Problem("", "er ikke gemt som UTF-8")], path.name) from error
    return parse_input(loads(text, source=path.name), source=path.name)


def loads(text: str, *, source: str) -> Any:
    """JSON text as Python data; ScenarioError names the line and column of a syntax error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"linje {error.lineno}, kolonne {error.colno}"
        raise ScenarioError([Problem(where, f"ugyldig JSON ({error.msg})")], source) from error
    except RecursionError as error:
        problem = Problem("", "ugyldig JSON (lister eller objekter er indlejret for dybt)")
        raise ScenarioError([problem], source) from error
    except ValueError as error:  # e.g. a whole number of more than 4300 digits
        problem = Problem("", f"ugyldig JSON ({error})")
        raise ScenarioError([problem], source) from error


def scenario_to_dict(
    scenario: Scenario, *, name: str | None = None, notes: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The scenario in the input format, so it can be saved and read back unchanged.

    name and notes are for people (e.g. a catalogue entry's title and its open assumptions and
    sources); the model ignores them.
    """
    data: dict[str, Any] = {
        "horizon_years": scenario.horizon_years,
        "discount_rate": scenario.discount_rate,
        "participants_per_year": list(scenario.participants_per_year),
        "cost_per_participant": dict(scenario.cost_per_participant),
        "success_rate": scenario.success_rate,
        "consequences": [
            {
                "item": c.item,
                "change_per_success_per_year": list(c.change_per_success_per_year),
                "price": dict(c.price),
            }
            for c in scenario.consequences
        ],
        "approach": scenario.approach.value,
    }
    if scenario.cost_per_year:
        data["cost_per_year"] = [dict(costs) for costs in scenario.cost_per_year]
    if scenario.effect_offset_years:
        data["effect_offset_years"] = scenario.effect_offset_years
    if scenario.effect_fade:
        data["effect_fade"] = scenario.effect_fade
    if scenario.sroi is not None:
        data["sroi"] = {field: getattr(scenario.sroi, field) for field in sorted(_SROI_FIELDS)}
    if name is not None:
        data = {"name": name, **data}
    if notes:
        data["notes"] = list(notes)
    return data


def result_to_dict(result: GainsResult, scenario: Scenario) -> dict[str, Any]:
    def by_body(values: dict[str, float]) -> dict[str, float]:
        return {body: round_kr(values[body]) for body in result.bodies}

    return {
        "horizon_years": scenario.horizon_years,
        "discount_rate": scenario.discount_rate,
        "approach": scenario.approach.value,
        "participants_total": result.participants_total,
        "successes_total": round(result.successes_total, 6),
        "net_result": round_kr(result.net_result),
        "net_result_by_body": by_body(result.net_result_by_body),
        "net_by_year": [round_kr(v) for v in result.net_by_year],
        "net_by_year_undiscounted": [round_kr(v) for v in result.net_by_year_undiscounted],
        "cumulative_net_by_year": [round_kr(v) for v in result.cumulative_net_by_year],
        "net_by_body_by_year": {
            body: [round_kr(v) for v in result.net_by_body_by_year[body]] for body in result.bodies
        },
        "by_item": {item: round_kr(value) for item, value in result.by_item.items()},
        "by_item_by_body": {item: by_body(v) for item, v in result.by_item_by_body.items()},
        "costs_total": round_kr(result.costs_total),
        "costs_by_body": by_body(result.costs_by_body),
        "gains_total": round_kr(result.gains_total),
        "gains_by_body": by_body(result.gains_by_body),
        "per_participant": round_optional(result.per_participant, 2),
        "payback_year": result.payback_year,
        "break_even_success_rate": round_optional(result.break_even_success_rate, 6),
        "gain_cost_ratio": round_optional(result.gain_cost_ratio, 4),
    }


def evaluation_to_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The JSON output of a calculation: the result, the tornado bars and the Monte Carlo."""
    data = result_to_dict(evaluation.result, evaluation.scenario)
    data["tornado"] = [
        {
            "assumption": bar.path,
            "label": bar.label,
            "low": bar.low,
            "central": bar.central,
            "high": bar.high,
            "net_at_low": round_kr(bar.net_at_low),
            "net_at_high": round_kr(bar.net_at_high),
            "swing": round_kr(bar.swing),
        }
        for bar in evaluation.tornado
    ]
    mc = evaluation.monte_carlo
    data["monte_carlo"] = (
        None
        if mc is None
        else {
            "draws": mc.draws,
            "seed": mc.seed,
            "interval": mc.interval,
            "lower": round_kr(mc.lower),
            "median": round_kr(mc.median),
            "upper": round_kr(mc.upper),
            "mean": round_kr(mc.mean),
            "probability_positive": round(mc.probability_positive, 4),
        }
    )
    return data
