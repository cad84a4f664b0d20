"""Every register indicator, exact, on the hand-made extract (people in tiny.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helhed.domain.indicators.definitions import Level
from helhed.domain.indicators.engine import RESULT_COLUMNS, EngineResult, compute
from helhed.domain.indicators.registry import register_definitions
from tests.domain.indicators.tiny import Row

# (indicator, level, unit, year, value, numerator, denominator) — worked out by hand:
CASES = [
    # 18-64 in 2022: p1 p2 p5 p6 p9 p10 p11 = 7; outside/unemployed p1 p5 → 2/7.
    # 2023: + p13 = 8; only p5 → 1/8. Two-year mean (200/7 + 100/8) / 2; counts summed.
    ("outside_labour_market_18_64", "country", "DK", 2023, (200 / 7 + 12.5) / 2, 3, 15),
    # A1 2022 (100-01 + 100-02): p1 p2 p5 p6, bad p1 p5 → 50 %; A1 2023 is 100-01 only:
    # p1 (now employed) p2 → 0 %; mean 25 %.
    ("outside_labour_market_18_64", "area", "A1", 2023, 25.0, 2, 6),
    # 18+ 2022: p1 p2 p5 p6 p8 p9 p10 p11 = 8, convicted p2 p9 → 25 %; 2023: 9, none → 0 %.
    ("convicted_18plus", "country", "DK", 2023, 12.5, 2, 17),
    # A1: 2022 18+ p1 p2 p5 p6 p8, convicted p2 → 20 %; 2023 p1 p2, none → 0 %; mean 10 %.
    ("convicted_18plus", "area", "A1", 2023, 10.0, 1, 7),
    ("convicted_18plus_ratio", "area", "A1", 2023, 10.0 / 12.5, 1, 7),
    ("convicted_18plus_ratio", "country", "DK", 2023, 1.0, 2, 17),
    # 30-59 2022: p1 basic, p2, p6, p9 unknown, p10 → 2/5.
    ("basic_education_30_59", "country", "DK", 2022, 40.0, 2, 5),
    # taxable 15-64 not in education 2022: p1 100k p2 400k p5 200k p6 600k p9 300k p10 500k.
    ("gross_income_15_64", "country", "DK", 2022, 350_000.0, 2_100_000, 6),
    # A1 2022: p1 p2 p5 p6 → 325k; region 1082 (municipality 657: p1-p10) → 350k.
    ("gross_income_15_64_pct_of_region", "area", "A1", 2022, 325 / 350 * 100, 1_300_000, 4),
    ("gross_income_15_64_pct_of_region", "region", "1082", 2022, 100.0, 2_100_000, 6),
    ("gross_income_15_64_pct_of_region", "country", "DK", 2022, 100.0, 2_100_000, 6),
    # p1 p3 p4 p9 of 12.
    ("nonwestern_share", "country", "DK", 2022, 100 / 3, 4, 12),
    ("residents", "country", "DK", 2022, 12.0, 12, 12),
    ("residents", "country", "DK", 2023, 13.0, 13, 13),
    # 10-17 2022: p3 p7 p12, charged p7 p12.
    ("charged_10_17", "country", "DK", 2022, 200 / 3, 2, 3),
    # 18-29 2022: p5 p11, benefit p5.
    ("education_benefit_18_29", "country", "DK", 2022, 50.0, 1, 2),
    # exams 2022: p3 7.0 / 4.0, p12 10.0 / 12.0.
    ("grade_danish_9", "country", "DK", 2022, 8.5, 17, 2),
    ("grade_math_9", "country", "DK", 2022, 8.0, 16, 2),
    # age 25 with a value: 2022 p5 (no); 2023 p13 (yes; p5 is 26 and empty).
    ("youth_education_by_25", "country", "DK", 2022, 0.0, 0, 1),
    ("youth_education_by_25", "country", "DK", 2023, 100.0, 1, 1),
    # 25-29: 2022 p5 basic → 1/1; 2023 p5 basic, p13 vocational → 1/2.
    ("basic_education_25_29", "country", "DK", 2022, 100.0, 1, 1),
    ("basic_education_25_29", "country", "DK", 2023, 50.0, 1, 2),
    # 0-17 2022: p3 p4 p7 p12, child case p3.
    ("child_case_0_17", "country", "DK", 2022, 25.0, 1, 4),
    # 3-5 with assessment: p4 (2022 yes, 2023 no).
    ("language_support_3_5", "country", "DK", 2022, 100.0, 1, 1),
    ("language_support_3_5", "country", "DK", 2023, 0.0, 0, 1),
    # 18+ 2022 (8): employed p2 p6 p9 p10.
    ("employment_18plus", "country", "DK", 2022, 50.0, 4, 8),
    ("under_18_share", "country", "DK", 2022, 100 / 3, 4, 12),
    # 150k + 20k + 20k + 120k + 20k + 80k + 50k + 20k = 480k over 12 residents.
    ("public_support_cost_per_resident", "country", "DK", 2022, 40_000.0, 480_000, 12),
    ("moved_out_residents", "country", "DK", 2022, 100 / 12, 1, 12),
    # children with a mother row: p3 p4 (mother p1: not nuclear, cash benefit, basic, social
    # housing = 4 factors) and p7 (mother p6: social housing only = 1) → 2/3. p12 has no mother.
    ("sfi_risk_children", "country", "DK", 2022, 200 / 3, 2, 3),
    # 2023: p1 has no cash benefit any more but still 3 factors.
    ("sfi_risk_children", "area", "A1", 2023, 100.0, 2, 2),
    ("sfi_risk_children", "area", "A2", 2023, 0.0, 0, 1),
]


@pytest.mark.parametrize(("key", "level", "unit", "year", "value", "num", "den"), CASES)
def test_indicator_value(
    row: Row, key: str, level: str, unit: str, year: int, value: float, num: float, den: float
) -> None:
    result = row(level, unit, key, year)
    assert result["value"] == pytest.approx(value, rel=1e-12)
    assert (result["numerator"], result["denominator"]) == (num, den)


def test_every_register_indicator_has_a_case() -> None:
    assert {case[0] for case in CASES} == {d.key for d in register_definitions()}


def test_two_year_window_without_previous_year_is_empty(row: Row) -> None:
    first = row("country", "DK", "outside_labour_market_18_64", 2022)
    assert (first["value"], first["numerator"], first["denominator"]) == (None, None, None)
    assert first["suppressed"] is False


def test_mean_with_nobody_is_empty(row: Row) -> None:
    # region 1084 (p11 student, p12 16 and in education): no one in the income population
    empty = row("region", "1084", "gross_income_15_64", 2022)
    assert (empty["value"], empty["denominator"]) == (None, 0)


def test_sfi_risk_is_never_per_department(tiny_result: EngineResult) -> None:
    rows = tiny_result.table.to_pylist()
    assert not [
        r for r in rows if r["indicator"] == "sfi_risk_children" and r["level"] == "department"
    ]


def test_unit_names(row: Row) -> None:
    assert row("department", "100-01", "residents", 2022)["unit_name"] == "Solparken I"
    assert row("department", "200-01", "residents", 2022)["unit_name"] == "Boligselskab B 200-01"
    assert row("area", "A2", "residents", 2023)["unit_name"] == "Engen"
    assert row("municipality", "657", "residents", 2022)["unit_name"] == "Herning Kommune"
    assert row("region", "1084", "residents", 2022)["unit_name"] == "Region Hovedstaden"
    assert row("country", "DK", "residents", 2022)["unit_name"] == "Hele landet"


def test_result_shape(tiny_result: EngineResult) -> None:
    assert tiny_result.table.column_names == [
        "level", "unit_id", "unit_name", "indicator", "year",
        "value", "numerator", "denominator", "suppressed",
    ]  # fmt: skip
    assert tiny_result.years == (2022, 2023)
    assert len(tiny_result.input_hash) == 64
    first = next(tiny_result.rows())
    assert first.level == "department"


def test_rows_in_level_unit_indicator_year_order(tiny_result: EngineResult) -> None:
    """The engine sorts by ranks (engine._units_sql); the order is that of the texts."""
    levels = [level.value for level in Level]
    keys = [
        (levels.index(r["level"]), r["unit_id"], r["indicator"], r["year"])
        for r in tiny_result.table.to_pylist()
    ]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    units = {(r["level"], r["unit_id"]) for r in tiny_result.table.to_pylist()}
    assert ("area", "A1") in units and ("municipality", "657") in units


def test_no_definitions_gives_an_empty_table(tiny_extract: Path) -> None:
    result = compute(tiny_extract, definitions=[])
    assert result.table.num_rows == 0
    assert result.table.column_names == list(RESULT_COLUMNS)
    assert result.versions == {}
