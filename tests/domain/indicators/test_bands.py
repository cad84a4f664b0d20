"""The first pass per cell and age band (bands.py) gives exactly the one-step sums."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from helhed.domain.indicators import bands, engine, sql
from helhed.domain.indicators.definitions import Relation
from helhed.domain.indicators.mapping import IDENTITY
from helhed.domain.indicators.registry import register_definitions
from helhed.domain.indicators.validate import locate_extract, open_extract

ITEMS = [
    ("n", "COUNT(*)"),
    ("adults", "COUNT_IF(age >= 18)"),
    ("working_age_flag", "CAST(COUNT_IF((age BETWEEN 18 AND 64) AND (flag)) AS DOUBLE)"),
    ("young_flag", "COUNT_IF(age < 10 AND flag)"),
    ("old", "COUNT_IF(age > 64)"),
    ("at_25_present", "COUNT_IF(age = 25 AND x IS NOT NULL)"),
    ("no_age", "COUNT_IF(age >= 30 AND age <= 20)"),
    ("narrowed", "COUNT_IF(age >= 10 AND age <= 40 AND age BETWEEN 15 AND 64)"),
    ("age_in_or", "COUNT_IF((age < 5 OR flag))"),
    ("nested_and", "COUNT_IF(((age >= 3) AND (age <= 5 AND flag)))"),
    ("quoted", "COUNT_IF(s = 'age >= 18 AND (' AND age >= 18)"),
    ("function_per_row", "COUNT_IF(lower(s) = 'other' AND age < 40)"),
    ("sum_when", "SUM(CASE WHEN age BETWEEN 15 AND 64 AND flag THEN x ELSE 0 END)"),
    ("sum_age_only", "SUM(CASE WHEN age <= 17 THEN x ELSE 0 END)"),
    ("sum_present", "COALESCE(SUM(x), 0)"),
    ("sum_plain", "SUM(x)"),
    ("count_x", "CAST(COUNT(x) AS DOUBLE)"),
    ("range_check", "CASE WHEN MIN(x) < 0 OR MAX(x) > 10 THEN -1 ELSE 0 END"),
    ("key_check", "CASE WHEN k NOT IN ('a', 'b') THEN COUNT(*) ELSE 0 END"),
    ("present_only_at_25", "COUNT(x) - COUNT_IF((age = 25) AND x IS NOT NULL)"),
]
KEYS = ("g", "k")


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    """Rows with every kind of age (NULL, negative, at and around each bound, very old), NULL
    flags and values, and a NULL key; group 9 has only rows whose SUM values are all NULL."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t AS SELECT i % 7 AS g, "
        "CASE i % 5 WHEN 0 THEN 'a' WHEN 1 THEN 'b' WHEN 2 THEN 'c' WHEN 3 THEN NULL ELSE 'a' END"
        " AS k, "
        "CAST(CASE WHEN i % 41 = 0 THEN NULL ELSE (i * 37) % 140 - 5 END AS INTEGER) AS age, "
        "CASE i % 3 WHEN 0 THEN TRUE WHEN 1 THEN FALSE ELSE NULL END AS flag, "
        "CAST(CASE WHEN i % 4 = 0 THEN NULL ELSE ((i * 13) % 23) - 6.25 END AS DECIMAL(18,2))"
        " AS x, "
        "CASE WHEN i % 11 = 0 THEN 'age >= 18 AND (' ELSE 'other' END AS s "
        "FROM range(3000) AS r(i) "
        "UNION ALL SELECT 9, 'a', 20, TRUE, NULL, 'other' FROM range(3)"
    )
    return con


def _one_step(con: duckdb.DuckDBPyConnection, items: list[tuple[str, str]]) -> str:
    select = ", ".join(f"{expression} AS {alias}" for alias, expression in items)
    return f"SELECT g, k, {select} FROM t GROUP BY g, k"


@pytest.mark.parametrize("usual_ages", [None, (0, 125), (20, 20)])
def test_banded_sums_equal_the_one_step_sums(
    con: duckdb.DuckDBPyConnection, usual_ages: tuple[int, int] | None
) -> None:
    """With and without the band lookup list: the fixture's ages run from -5 to 134."""
    banded = bands.banded_sql(ITEMS, "t", KEYS, usual_ages)
    assert banded is not None
    expected = con.execute(f"{_one_step(con, ITEMS)} ORDER BY ALL").fetchall()
    got = con.execute(f"SELECT * FROM ({banded}) ORDER BY ALL").fetchall()
    assert got == expected
    assert len(expected) == 29  # 7 groups × 4 keys (one NULL) + group 9
    sum_when = len(KEYS) + [alias for alias, _ in ITEMS].index("sum_when")
    assert next(row for row in got if row[0] == 9)[sum_when] is None
    one_types = con.execute(f"DESCRIBE {_one_step(con, ITEMS)}").fetchall()
    banded_types = con.execute(f"DESCRIBE {banded}").fetchall()
    assert [row[:2] for row in banded_types] == [row[:2] for row in one_types]


def test_every_item_alone_agrees(con: duckdb.DuckDBPyConnection) -> None:
    for item in ITEMS:
        banded = bands.banded_sql([item, ("adults", "COUNT_IF(age >= 18)")], "t", KEYS)
        assert banded is not None
        one = _one_step(con, [item, ("adults", "COUNT_IF(age >= 18)")])
        assert con.execute(f"SELECT * FROM ({banded}) ORDER BY ALL").fetchall() == (
            con.execute(f"{one} ORDER BY ALL").fetchall()
        ), item


def test_sums_share_one_aggregate_per_band() -> None:
    banded = bands.banded_sql(
        [
            ("a", "COUNT_IF(age BETWEEN 18 AND 64)"),
            ("b", "COUNT_IF(age >= 18)"),
            ("c", "COUNT(*)"),
            ("d", "COUNT_IF(age BETWEEN 18 AND 64 AND flag)"),
            ("e", "COUNT_IF((age >= 18) AND (flag))"),
        ],
        "t",
        KEYS,
    )
    assert banded is not None
    inner = banded.split("FROM (", 1)[1]
    assert inner.count("COUNT(*)") == 1
    assert inner.count("COUNT_IF((flag))") == 1
    assert (
        "CASE WHEN age < 18 THEN 0 WHEN age < 65 THEN 1 WHEN age >= 65 THEN 2 END AS band" in inner
    )
    lookup = bands.banded_sql([("a", "COUNT_IF(age BETWEEN 1 AND 2)")], "t", KEYS, (0, 4))
    assert lookup is not None
    assert (
        "CASE WHEN age BETWEEN 0 AND 4 THEN [0, 1, 1, 2, 2][age - 0 + 1] ELSE CASE WHEN age < 1 "
        "THEN 0 WHEN age < 3 THEN 1 WHEN age >= 3 THEN 2 END END AS band" in lookup
    )
    assert "CAST(SUM(CASE WHEN band = 1 THEN b0 ELSE 0 END) AS HUGEINT) AS a" in banded
    assert "CAST(SUM(CASE WHEN band BETWEEN 1 AND 2 THEN b0 ELSE 0 END) AS HUGEINT) AS b" in banded


@pytest.mark.parametrize(
    ("condition", "age", "rest"),
    [
        ("age BETWEEN 18 AND 64", (18, 64), []),
        ("age BETWEEN 15 AND 64 AND taxable AND NOT in_education", (15, 64), ["taxable", "NOT in_education"]),
        ("(age = 25) AND x IS NOT NULL", (25, 25), ["x IS NOT NULL"]),
        ("age > 17 AND age < 30", (18, 29), []),
        ("(age <= 17 OR flag)", (None, None), ["age <= 17 OR flag"]),
        ("NOT (age >= 18)", (None, None), ["NOT (age >= 18)"]),
        ("s = 'a AND b' AND age >= 3", (3, None), ["s = 'a AND b'"]),
    ],
)  # fmt: skip
def test_split_age(condition: str, age: bands.AgeRange, rest: list[str]) -> None:
    assert bands.split_age(condition) == (age, rest)


@pytest.mark.parametrize(
    "items",
    [
        [("a", "AVG(x)"), ("b", "COUNT_IF(age >= 18)")],
        [("a", "COUNT(DISTINCT x)"), ("b", "COUNT_IF(age >= 18)")],
        [("a", "SUM(COUNT(*))"), ("b", "COUNT_IF(age >= 18)")],
        [("a", "string_agg(s)"), ("b", "COUNT_IF(age >= 18)")],
        [("a", "COUNT_IF(s = 'x AND age >= 18)")],  # a literal without its closing quote
        [("a", "COUNT(*)"), ("b", "COUNT_IF(flag)")],  # no age range: one step is as fast
    ],
)
def test_what_cannot_be_banded_takes_one_step(items: list[tuple[str, str]]) -> None:
    assert bands.banded_sql(items, "t", KEYS) is None


def test_the_engine_bands_the_registry(tiny_extract: Path) -> None:
    persons = [d for d in register_definitions() if d.relation is Relation.PERSONS]
    with duckdb.connect() as con:
        prepared = open_extract(con, locate_extract(tiny_extract, IDENTITY))
        first = engine._first_pass_sql(con, persons, prepared.scan_aggregates())
        one_step = sql.cells_sql(
            persons,
            Relation.PERSONS,
            "checked_persons",
            prepared.scan_columns(),
            aggregate=engine._duckdb_sum,
        )
        assert "AS band" in first
        banded = con.execute(f"SELECT * FROM ({first}) ORDER BY ALL").fetchall()
        assert banded == con.execute(f"SELECT * FROM ({one_step}) ORDER BY ALL").fetchall()
        assert len(banded) > 1
