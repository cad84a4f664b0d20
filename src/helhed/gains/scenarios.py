"""How the app uses the gains core: the web's limits, evaluation and snapshot keys.

The core accepts up to 100,000 Monte Carlo draws, which is fine on the command line but too much
work for one web request that any logged-in user can send. The app therefore adds a few limits of
its own; they are reported like the core's errors, with the field path.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from helhed.domain.gains import (
    Evaluation,
    Problem,
    ScenarioError,
    evaluate,
    evaluation_to_dict,
    parse_input,
)
from helhed.domain.gains.io import loads

# Bump when the stored output format changes, so old snapshots are recomputed.
OUTPUT_VERSION = "1"
APP_MAX_DRAWS = 10_000
APP_MAX_CONSEQUENCES = 50
APP_MAX_ASSUMPTIONS = 40
SOURCE = "scenarie"


def app_limit_problems(data: object) -> list[Problem]:
    """The web's limits on top of the core's rules (see the module docstring)."""
    if not isinstance(data, dict):
        return []
    problems = []
    consequences = data.get("consequences")
    if isinstance(consequences, list) and len(consequences) > APP_MAX_CONSEQUENCES:
        message = f"højst {APP_MAX_CONSEQUENCES} konsekvenser i webudgaven"
        problems.append(Problem("consequences", message))
    uncertainty = data.get("uncertainty")
    if isinstance(uncertainty, dict) and len(uncertainty) > APP_MAX_ASSUMPTIONS:
        message = f"højst {APP_MAX_ASSUMPTIONS} antagelser i webudgaven"
        problems.append(Problem("uncertainty", message))
    monte_carlo = data.get("monte_carlo")
    if isinstance(monte_carlo, dict):
        draws = monte_carlo.get("draws")
        if isinstance(draws, int) and not isinstance(draws, bool) and draws > APP_MAX_DRAWS:
            message = (
                f"højst {APP_MAX_DRAWS:,} trækninger i webudgaven; brug `helhed gains calc` "
                "til flere"
            ).replace(",", ".")
            problems.append(Problem("monte_carlo.draws", message))
    return problems


def evaluate_input(data: object) -> Evaluation:
    """The evaluation of a scenario in the core's input format; raises ScenarioError."""
    problems = app_limit_problems(data)
    if problems:
        raise ScenarioError(problems, SOURCE)
    scenario, assumptions, settings = parse_input(data, source=SOURCE)
    return evaluate(scenario, assumptions, settings)


def output_for(data: object) -> dict[str, Any]:
    """The core's JSON output (the same as `helhed gains calc --format json`)."""
    return evaluation_to_dict(evaluate_input(data))


def snapshot_key(data: object) -> str:
    """A hash of the input and the output version: equal keys mean the snapshot is current."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{OUTPUT_VERSION}\n{text}".encode()).hexdigest()


def parse_json_object(text: str) -> dict[str, Any]:
    """A JSON object typed into a text box; a syntax error names the line and column."""
    data = loads(text, source=SOURCE)
    if not isinstance(data, dict):
        raise ScenarioError([Problem("", "skal være et objekt ({…})")], SOURCE)
    return data


def without_name(data: dict[str, Any]) -> dict[str, Any]:
    """The scenario as stored: its name lives on the calculation, not inside the JSON."""
    return {key: value for key, value in data.items() if key != "name"}


def problems_of(error: ScenarioError) -> list[str]:
    """Each problem as 'field path: message', the way the CLI prints them."""
    return [str(problem) for problem in error.problems]
