"""Housing-organisation aggregates: validated as a whole, rolled up exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from helhed.domain.indicators.aggregates import (
    AggregateFileError,
    DepartmentPeriod,
    file_sha256,
    read_aggregate_file,
    read_departments,
    rollup_aggregates,
)
from helhed.domain.indicators.engine import ResultRow
from tests.domain.indicators.tiny import write_extract

DEPARTMENTS = [
    DepartmentPeriod("100-01", "657", "A1", "Solparken", 2020, None, "Solparken I"),
    DepartmentPeriod("100-02", "657", "A1", "Solparken", 2020, 2022, "Solparken II"),
    DepartmentPeriod("100-02", "657", "A2", "Engen", 2023, None, "Solparken II"),
]
GOOD = """department_id;year;indicator;value;numerator;denominator
100-01;2022;move_out_rate;;10;200
100-02;2022;move_out_rate;12,5;5;40
100-01;2022;volunteers;7;;
100-02;2022;volunteers;3;;
100-02;2023;vandalism_cost;48500;;
"""


def by_unit(rows: list[ResultRow]) -> dict[tuple, tuple]:
    """(level, unit, indicator, year) → (value, numerator, denominator, suppressed)."""
    return {
        (r.level, r.unit_id, r.indicator, r.year): (
            r.value,
            r.numerator,
            r.denominator,
            r.suppressed,
        )
        for r in rows
    }


def test_rollup_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "tal.csv"
    path.write_text(GOOD, encoding="utf-8")
    rows = rollup_aggregates(
        read_aggregate_file(path, DEPARTMENTS), DEPARTMENTS, {"657": "Herning Kommune"}
    )
    assert by_unit(rows) == {
        ("department", "100-01", "move_out_rate", 2022): (5.0, 10, 200, False),
        ("department", "100-02", "move_out_rate", 2022): (12.5, 5, 40, False),
        # area: (10 + 5) / (200 + 40) · 100, weighted by tenancies
        ("area", "A1", "move_out_rate", 2022): (6.25, 15, 240, False),
        ("municipality", "657", "move_out_rate", 2022): (6.25, 15, 240, False),
        ("department", "100-01", "volunteers", 2022): (7, 7, None, False),
        ("department", "100-02", "volunteers", 2022): (3, 3, None, False),
        ("area", "A1", "volunteers", 2022): (10, 10, None, False),
        ("municipality", "657", "volunteers", 2022): (10, 10, None, False),
        # in 2023 100-02 belongs to A2
        ("department", "100-02", "vandalism_cost", 2023): (48500, 48500, None, False),
        ("area", "A2", "vandalism_cost", 2023): (48500, 48500, None, False),
        ("municipality", "657", "vandalism_cost", 2023): (48500, 48500, None, False),
    }
    assert next(r for r in rows if r.level == "municipality").unit_name == "Herning Kommune"


def test_bad_file_lists_every_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "tal.csv"
    path.write_text(
        "department_id,year,indicator,value,numerator,denominator\n"
        "999-99,2022,move_out_rate,,1,10\n"
        "100-01,20x2,volunteers,4,,\n"
        "100-01,2022,move_out_rate,50,1,10\n"
        "100-01,2022,volunteers,,3,\n"
        "100-01,2022,happiness,1,,\n",
        encoding="utf-8",
    )
    with pytest.raises(AggregateFileError) as caught:
        read_aggregate_file(path, DEPARTMENTS)
    assert caught.value.problems == [
        "tal.csv, række 2, kolonne department_id: ukendt afdeling '999-99'",
        "tal.csv, række 3, kolonne year: skal være et årstal, ikke '20x2'",
        "tal.csv, række 4, kolonne value: passer ikke med tæller/nævner (forventet 10.0)",
        "tal.csv, række 5, kolonne value: volunteers kræver en værdi",
        "tal.csv, række 5, kolonne numerator: volunteers har ingen numerator; lad feltet være tomt",
        "tal.csv, række 6, kolonne indicator: ukendt indikator 'happiness' (tilladt: "
        "move_out_rate, complaints_per_100_tenancies, vandalism_cost, volunteers, leisure_jobs, "
        "feel_safe_evening, worried_about_crime, part_of_community, pupil_wellbeing)",
    ]
    assert str(caught.value).startswith("Filen har 6 fejl, intet er indlæst:")


def test_duplicates_and_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "tal.csv"
    path.write_text("department_id,year,indicator,value\n", encoding="utf-8")
    with pytest.raises(AggregateFileError) as caught:
        read_aggregate_file(path, DEPARTMENTS)
    assert caught.value.problems == [
        "tal.csv: mangler kolonnen numerator",
        "tal.csv: mangler kolonnen denominator",
    ]
    path.write_text(GOOD + "100-01;2022;volunteers;8;;\n", encoding="utf-8")
    with pytest.raises(AggregateFileError) as caught:
        read_aggregate_file(path, DEPARTMENTS)
    assert caught.value.problems == [
        "tal.csv, række 7, kolonne indicator: samme afdeling, år og indikator som række 4"
    ]


def test_xlsx_and_provenance(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["department_id", "year", "indicator", "value", "numerator", "denominator"])
    sheet.append(["100-01", 2023, "complaints_per_100_tenancies", None, 3, 200])
    path = tmp_path / "tal.xlsx"
    workbook.save(path)
    [row] = read_aggregate_file(path, DEPARTMENTS)
    assert (row.department_id, row.year, row.numerator, row.denominator) == ("100-01", 2023, 3, 200)
    [department, area, municipality] = rollup_aggregates([row], DEPARTMENTS)
    assert (department.value, area.unit_id, municipality.unit_id) == (1.5, "A1", "657")
    assert len(file_sha256(path)) == 64


def test_read_departments_from_an_extract(tmp_path: Path) -> None:
    write_extract(tmp_path)
    periods = read_departments(tmp_path / "departments.parquet")
    assert periods[1] == DepartmentPeriod(
        "100-02", "657", "A1", "Solparken", 2020, 2022, "Solparken II"
    )
    assert [p.in_area(2023) for p in periods] == [True, False, True, False]
