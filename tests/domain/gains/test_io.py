"""Scenario JSON in, JSON-able dicts and XLSX out; every parse error names its field path."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from helhed.domain.gains.io import (
    evaluation_to_dict,
    load_input,
    parse_input,
    parse_scenario,
    scenario_to_dict,
    write_xlsx,
)
from helhed.domain.gains.model import Consequence, Scenario, ScenarioError
from helhed.domain.gains.uncertainty import Assumption, evaluate

# Exactly as issue 7 writes it.
MINIMAL = (
    '{"horizon_years": 5, "discount_rate": 0.035, "participants_per_year": [10, 10], '
    '"cost_per_participant": {"kommune": 20000}, "success_rate": 0.2, "consequences": '
    '[{"item": "offentlig forsørgelse", "change_per_success_per_year": [1, 1, 1, 1, 1], '
    '"price": {"kommune": 65000, "stat": 10000}}]}'
)
DOCS = Path(__file__).resolve().parents[3] / "docs" / "gains.md"


def minimal() -> dict[str, object]:
    data = json.loads(MINIMAL)
    assert isinstance(data, dict)
    return data


def errors_for(data: object) -> list[str]:
    with pytest.raises(ScenarioError) as error:
        parse_input(data)
    return str(error.value).splitlines()


def test_the_minimal_form_parses_as_written() -> None:
    assert parse_scenario(json.loads(MINIMAL)) == Scenario(
        horizon_years=5,
        discount_rate=0.035,
        participants_per_year=(10, 10),
        cost_per_participant={"kommune": 20000.0},
        success_rate=0.2,
        consequences=(
            Consequence(
                "offentlig forsørgelse", (1, 1, 1, 1, 1), {"kommune": 65000, "stat": 10000}
            ),
        ),
    )


def test_the_json_output_of_the_minimal_form() -> None:
    output = evaluation_to_dict(evaluate(parse_scenario(json.loads(MINIMAL))))
    assert output["net_result"] == 858687.05
    assert output["net_result_by_body"] == {"kommune": 691763.88, "region": 0.0, "stat": 166923.17}
    assert output["net_by_year"] == [-50000.0, 96618.36, 280053.21, 270582.81, 261432.67]
    assert output["per_participant"] == 42934.35
    assert output["payback_year"] == 1
    assert output["break_even_success_rate"] == 0.062821
    assert output["gain_cost_ratio"] == 3.1836
    assert output["tornado"] == [] and output["monte_carlo"] is None
    json.dumps(output)  # JSON-able as it is


def test_the_worked_example_in_the_docs_is_the_real_output() -> None:
    text = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text, flags=re.DOTALL)
    documented_input, documented_output = json.loads(blocks[0]), json.loads(blocks[1])
    assert documented_input == json.loads(MINIMAL)
    assert documented_output == evaluation_to_dict(evaluate(parse_scenario(documented_input)))
    # The uncertainty example: extra input fields, then the tornado and Monte Carlo it gives.
    extra, documented_uncertainty = json.loads(blocks[2]), json.loads(blocks[3])
    output = evaluation_to_dict(evaluate(*parse_input(documented_input | extra)))
    assert {key: output[key] for key in ("tornado", "monte_carlo")} == documented_uncertainty


def test_a_price_that_is_not_a_number_names_the_field_path() -> None:
    data = minimal()
    data["consequences"][0]["price"]["kommune"] = "65.000"  # type: ignore[index]
    assert errors_for(data) == ["scenario.json: consequences[0].price.kommune: skal være et tal"]


def test_every_problem_is_reported_at_once() -> None:
    data = minimal()
    del data["success_rate"]
    data["succes_rate"] = 0.2
    data["participants_per_year"] = [10, 2.5]
    data["consequences"][0]["change_per_success_per_year"][2] = True  # type: ignore[index]
    assert errors_for(data) == [
        "scenario.json: succes_rate: ukendt felt",
        "scenario.json: success_rate: mangler",
        "scenario.json: participants_per_year[1]: skal være et heltal",
        "scenario.json: consequences[0].change_per_success_per_year[2]: skal være et tal",
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"horizon_years": 12}, "horizon_years: skal være mellem 1 og 10 år"),
        ({"success_rate": 1.2}, "success_rate: skal være en andel mellem 0 og 1"),
        ({"approach": "sroi"}, 'approach: skal være "budget" eller "wellbeing"'),
        ({"cost_per_participant": {"kommunen": 1}}, "cost_per_participant.kommunen: ukendt kasse"),
        ({"consequences": [{"item": "x"}]}, "consequences[0].change_per_success_per_year: mangler"),
        ({"consequences": {"item": "x"}}, "consequences: skal være en liste"),
        ({"sroi": {"deadweight": 0.1}}, 'sroi: SROI-justeringer kræver approach "wellbeing"'),
        ({"uncertainty": {"success_rate": {"low": 0.1}}}, "uncertainty.success_rate.high: mangler"),
        ({"monte_carlo": {"draws": 0}}, "monte_carlo.draws: skal være mellem 1 og 100000"),
        ({"approach": ["budget"]}, 'approach: skal være "budget" eller "wellbeing"'),
        ({"notes": "husk kilder"}, "notes: skal være en liste af tekster"),
    ],
)
def test_field_errors(change: dict[str, object], expected: str) -> None:
    data = minimal() | change
    assert any(line.startswith(f"scenario.json: {expected}") for line in errors_for(data))


def test_a_document_that_is_not_an_object() -> None:
    assert errors_for([1, 2]) == ["scenario.json: skal være et objekt ({…})"]


def test_invalid_json_names_the_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "min_plan.json"
    path.write_text('{"horizon_years": 5,\n "success_rate": }', encoding="utf-8")
    with pytest.raises(ScenarioError) as error:
        load_input(path)
    assert str(error.value).startswith("min_plan.json: linje 2, kolonne 18: ugyldig JSON")


def test_a_missing_file_is_a_danish_error(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match=r"^findes_ikke\.json: kan ikke læses"):
        load_input(tmp_path / "findes_ikke.json")


def test_uncertainty_and_monte_carlo_are_read_from_the_file(tmp_path: Path) -> None:
    data = minimal() | {
        "uncertainty": {"success_rate": {"low": 0.1, "high": 0.3}},
        "monte_carlo": {"draws": 300, "seed": 9},
    }
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    scenario, assumptions, settings = load_input(path)
    assert assumptions == (Assumption("success_rate", 0.1, 0.3),)
    assert (settings.draws, settings.seed) == (300, 9)
    output = evaluation_to_dict(evaluate(scenario, assumptions, settings))
    assert output["tornado"][0]["assumption"] == "success_rate"
    assert output["monte_carlo"]["draws"] == 300


def test_scenario_round_trips_through_its_dict() -> None:
    data = minimal() | {
        "approach": "wellbeing",
        "sroi": {"deadweight": 0.1, "attribution": 0.2, "displacement": 0.0, "drop_off": 0.3},
        "cost_per_year": [{"region": 5000}],
        "effect_offset_years": 1,
    }
    scenario = parse_scenario(data)
    assert parse_scenario(scenario_to_dict(scenario)) == scenario


def test_xlsx_has_summary_year_body_and_item_sheets(tmp_path: Path) -> None:
    scenario = parse_scenario(minimal())
    evaluation = evaluate(scenario, (Assumption("success_rate", 0.1, 0.3),))
    path = tmp_path / "resultat.xlsx"
    write_xlsx(evaluation, path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Oversigt", "Pr. år", "Pr. kasse", "Pr. post", "Usikkerhed"]
    assert workbook["Oversigt"]["B2"].value == 858687.05
    years = list(workbook["Pr. år"].iter_rows(min_row=2, values_only=True))
    assert [row[4] for row in years] == [-50000, 96618.36, 280053.21, 270582.81, 261432.67]
    bodies = list(workbook["Pr. kasse"].iter_rows(min_row=2, values_only=True))
    assert bodies[0] == ("Kommune", -393236.71, 1085000.59, 691763.88)
    items = list(workbook["Pr. post"].iter_rows(min_row=2, values_only=True))
    assert items == [("offentlig forsørgelse", 1085000.59, 0, 166923.17, 1251923.76)]
    assert workbook["Usikkerhed"]["A2"].value == "Succesrate"


def test_xlsx_writes_a_formula_like_item_as_text(tmp_path: Path) -> None:
    """An item named like a formula is a plain text cell (openpyxl would store it as a formula);
    the negative amounts beside it stay numbers."""
    data = minimal()
    data["consequences"][0]["item"] = '=HYPERLINK("http://x")'  # type: ignore[index]
    path = tmp_path / "resultat.xlsx"
    write_xlsx(evaluate(parse_scenario(data)), path)
    workbook = load_workbook(path)
    item = workbook["Pr. post"]["A2"]
    assert (item.value, item.data_type) == ('=HYPERLINK("http://x")', "s")
    cost = workbook["Pr. kasse"]["B2"]
    assert (cost.value, cost.data_type) == (-393236.71, "n")
