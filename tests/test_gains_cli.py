import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

MINIMAL = {
    "horizon_years": 5,
    "discount_rate": 0.035,
    "participants_per_year": [10, 10],
    "cost_per_participant": {"kommune": 20000},
    "success_rate": 0.2,
    "consequences": [
        {
            "item": "offentlig forsørgelse",
            "change_per_success_per_year": [1, 1, 1, 1, 1],
            "price": {"kommune": 65000, "stat": 10000},
        }
    ],
}


def _calc(tmp_path, scenario, *extra) -> str:
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    out = io.StringIO()
    call_command("gains", "calc", "--input", str(path), *extra, stdout=out)
    return out.getvalue()


def test_documented_example_gives_the_documented_output(tmp_path, capsys):
    _calc(tmp_path, MINIMAL, "--out", str(tmp_path / "r.json"))
    result = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    # The same figures as docs/gains.md's worked example.
    assert result["net_result"] == 858687.05
    assert result["net_result_by_body"] == {"kommune": 691763.88, "region": 0.0, "stat": 166923.17}
    assert result["net_by_year"] == [-50000.0, 96618.36, 280053.21, 270582.81, 261432.67]
    assert result["per_participant"] == 42934.35
    assert result["payback_year"] == 1
    assert result["break_even_success_rate"] == 0.062821


def test_xlsx_output(tmp_path):
    _calc(tmp_path, MINIMAL, "--format", "xlsx", "--out", str(tmp_path / "r.xlsx"))
    workbook = load_workbook(tmp_path / "r.xlsx")
    assert "Oversigt" in workbook.sheetnames


def test_bad_scenario_names_every_field(tmp_path):
    with pytest.raises(CommandError) as error:
        _calc(tmp_path, {"horizon_years": "x"})
    message = str(error.value)
    assert "horizon_years: skal være et heltal" in message
    assert "success_rate: mangler" in message
