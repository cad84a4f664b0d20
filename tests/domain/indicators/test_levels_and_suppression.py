"""Area membership by validity period, every level, and the suppression rule — exact."""

from __future__ import annotations

from dataclasses import replace

import pytest

from helhed.domain.indicators.engine import EngineResult
from helhed.domain.indicators.registry import REGISTRY
from helhed.domain.indicators.suppression import describe_rule, is_suppressed, suppressed_sql
from tests.domain.indicators.tiny import Row


def _residents(result: EngineResult) -> dict[tuple[str, str, int], float]:
    return {
        (r["level"], r["unit_id"], r["year"]): r["value"]
        for r in result.table.to_pylist()
        if r["indicator"] == "residents"
    }


def test_every_unit_of_every_level(tiny_result: EngineResult) -> None:
    assert _residents(tiny_result) == {
        # departments: 100-01 p1-p4; 100-02 p5-p8 (+ p13 in 2023); 200-01 p9
        ("department", "100-01", 2022): 4,
        ("department", "100-01", 2023): 4,
        ("department", "100-02", 2022): 4,
        ("department", "100-02", 2023): 5,
        ("department", "200-01", 2022): 1,
        ("department", "200-01", 2023): 1,
        # 100-02 is in A1 up to 2022 and in A2 from 2023; 200-01 is in no area
        ("area", "A1", 2022): 8,
        ("area", "A1", 2023): 4,
        ("area", "A2", 2023): 5,
        # municipalities count everyone living there, in social housing or not
        ("municipality", "657", 2022): 10,
        ("municipality", "657", 2023): 11,
        ("municipality", "101", 2022): 2,
        ("municipality", "101", 2023): 2,
        ("region", "1082", 2022): 10,
        ("region", "1082", 2023): 11,
        ("region", "1084", 2022): 2,
        ("region", "1084", 2023): 2,
        ("country", "DK", 2022): 12,
        ("country", "DK", 2023): 13,
    }


def test_a_window_follows_membership_of_each_year(row: Row) -> None:
    # A2 exists only from 2023, so its two-year average has no 2022 and is empty
    a2 = row("area", "A2", "outside_labour_market_18_64", 2023)
    assert a2["value"] is None


@pytest.mark.parametrize(
    ("level", "unit", "key", "year", "suppressed"),
    [
        ("country", "DK", "residents", 2022, False),  # 12 people, no denominator rule
        ("area", "A1", "residents", 2023, True),  # 4 < 5
        ("country", "DK", "outside_labour_market_18_64", 2023, True),  # numerator 3 < 5
        ("country", "DK", "outside_labour_market_18_64", 2022, False),  # no value, nothing hidden
        ("country", "DK", "convicted_18plus", 2023, True),  # 2 convicted < 5
        ("country", "DK", "gross_income_15_64", 2022, False),  # 6 people ≥ 5, kroner not checked
        ("area", "A1", "gross_income_15_64", 2022, True),  # 4 people < 5
        ("country", "DK", "employment_18plus", 2022, True),  # 4 employed < 5
        ("country", "DK", "nonwestern_share", 2022, True),  # 4 < 5
        ("country", "DK", "grade_danish_9", 2022, True),  # 2 pupils < 5
    ],
)
def test_suppression_flags(
    row: Row, level: str, unit: str, key: str, year: int, suppressed: bool
) -> None:
    result = row(level, unit, key, year)
    assert result["suppressed"] is suppressed
    assert result["value"] is not None or key == "outside_labour_market_18_64"


def test_suppressed_values_are_kept_for_the_owner(row: Row) -> None:
    assert row("area", "A1", "residents", 2023)["value"] == 4


def test_rule_in_python_and_sql_agree() -> None:
    import duckdb

    definition = replace(REGISTRY["employment_18plus"], min_numerator=3, min_denominator=10)
    cases = [(2, 20), (3, 20), (3, 9), (3, 10), (0, 0), (None, None)]
    with duckdb.connect() as con:
        for numerator, denominator in cases:
            expression = suppressed_sql(definition, "n", "d")
            sql_result = con.execute(
                f"SELECT {expression} FROM (SELECT CAST(? AS DOUBLE) AS n, CAST(? AS DOUBLE) AS d)",
                [numerator, denominator],
            ).fetchone()
            assert sql_result is not None
            assert sql_result[0] is is_suppressed(definition, numerator, denominator)
    assert [is_suppressed(definition, n, d) for n, d in cases] == [
        True,
        False,
        True,
        False,
        True,
        False,
    ]


def test_rule_description() -> None:
    assert describe_rule(REGISTRY["employment_18plus"]) == (
        "skjules når tælleren er under 5 eller nævneren er under 5"
    )
    assert describe_rule(REGISTRY["volunteers"]) == "ingen"
