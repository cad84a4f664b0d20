"""The engine's fast routes give exactly what the portable SQL gives.

- `_duckdb_sum`: the first pass writes each sum in a DuckDB form (COUNT_IF, COUNT, …), with
  tests of a code column against a set of its codes as comparisons;
- the child-mother sums by dense (year, person_id) positions in numpy instead of a SQL join;
- validation answered from Parquet statistics and dictionaries, examples found afterwards.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from helhed.domain.indicators import engine, sql
from helhed.domain.indicators.definitions import Relation
from helhed.domain.indicators.engine import compute
from helhed.domain.indicators.registry import register_definitions
from helhed.domain.indicators.schema import PERSONS, Column
from helhed.domain.indicators.validate import ExtractError, PersonIndex, Problem
from tests.domain.indicators.tiny import person_rows, write_extract

SFI = next(d for d in register_definitions() if d.key == "sfi_risk_children")


def _rows(result: engine.EngineResult) -> list[dict[str, Any]]:
    return result.table.to_pylist()


@pytest.mark.parametrize(
    ("population", "expression"),
    [
        (sql.ALL_ROWS, "1"),
        ("a > 1", "1"),
        (sql.ALL_ROWS, "CASE WHEN flag THEN 1 ELSE 0 END"),
        ("a > 1", "CASE WHEN flag THEN 1 ELSE 0 END"),
        ("a > 1 OR flag", "CASE WHEN flag OR a = 3 THEN 1 ELSE 0 END"),
        ("x IS NOT NULL", "x"),
        ("x IS NOT NULL", "1"),
        ("a > 1", "x"),
        (sql.ALL_ROWS, "CASE WHEN CASE WHEN flag THEN 1 ELSE 0 END + a >= 2 THEN 1 ELSE 0 END"),
        (sql.ALL_ROWS, "CASE WHEN s = 'THEN' THEN 1 ELSE 0 END"),
    ],
)
def test_duckdb_sums_equal_the_portable_sums(population: str, expression: str) -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t AS SELECT * FROM (VALUES (1, 1, TRUE, 1.5, 'THEN'), (1, 2, NULL, NULL, NULL),"
        " (1, NULL, FALSE, 2.25, 'x'), (2, 3, TRUE, NULL, 'THEN'), (2, NULL, NULL, NULL, NULL),"
        " (3, 3, FALSE, NULL, NULL)) AS v(g, a, flag, x, s)"
    )
    con.execute("ALTER TABLE t ALTER x TYPE DECIMAL(18,2)")
    portable = con.execute(
        f"SELECT g, {sql.sum_sql(population, expression)} FROM t GROUP BY g ORDER BY g"
    ).fetchall()
    fast = con.execute(
        f"SELECT g, {engine._duckdb_sum(population, expression)} FROM t GROUP BY g ORDER BY g"
    ).fetchall()

    def numbers(rows: list[tuple[Any, ...]]) -> list[tuple[int, float | None]]:
        return [(g, None if v is None else float(v)) for g, v in rows]

    assert numbers(fast) == numbers(portable)


@pytest.mark.parametrize(
    ("condition", "fast"),
    [
        # at the end of the sorted codes (employed, in_education, outside, unemployed)
        ("labour_status IN ('unemployed', 'outside')", "labour_status >= 'outside'"),
        # at the start (basic, long_higher, …)
        ("education IN ('basic', 'long_higher')", "education <= 'long_higher'"),
        # apart: equalities
        ("education IN ('basic', 'unknown')", "(education = 'basic' OR education = 'unknown')"),
        ("labour_status IN ('employed')", "labour_status <= 'employed'"),
        # not codes of the column, or not a code column: left alone
        ("labour_status IN ('retired')", "labour_status IN ('retired')"),
        ("year IN (2022, 2023)", "year IN (2022, 2023)"),
        ("labour_status NOT IN ('employed')", "labour_status NOT IN ('employed')"),
    ],
)
def test_code_sets_are_tested_by_comparisons(condition: str, fast: str) -> None:
    assert engine._IN_CODES.sub(engine._code_set, condition) == fast


@pytest.mark.parametrize(
    "column", [column for column in PERSONS.columns if column.codes and len(column.codes) < 20]
)
def test_code_set_rewrites_agree_for_every_code_and_null(column: Column) -> None:
    """Every subset of up to three codes: the rewritten test counts exactly the rows IN does."""
    codes = list(column.codes)
    con = duckdb.connect()
    values = ", ".join(f"('{code}')" for code in codes)
    con.execute(f"CREATE TABLE t AS SELECT * FROM (VALUES {values}, (NULL)) AS v({column.name})")
    subsets = [codes[i : i + n] for n in (1, 2, 3) for i in range(len(codes) - n + 1)]
    subsets += [[codes[0], codes[-1]], list(reversed(codes[:2]))]
    for subset in subsets:
        condition = f"{column.name} IN ({', '.join(repr(code) for code in subset)})"
        fast = engine._IN_CODES.sub(engine._code_set, condition)
        rows = con.execute(
            f"SELECT {column.name} FROM t WHERE {fast} ORDER BY {column.name}"
        ).fetchall()
        assert [row[0] for row in rows] == sorted(subset), (condition, fast)


def _spy_on_dense_route(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """A list that gets an entry each time the child-mother sums go the numpy route."""
    called: list[bool] = []
    real = engine._child_mother_sums

    def spy(*args: Any) -> pa.Table:
        called.append(True)
        return real(*args)

    monkeypatch.setattr(engine, "_child_mother_sums", spy)
    return called


def _with_orphans(directory: Path) -> Path:
    """The tiny extract plus children whose mother has no row: unknown id, other year only."""
    rows = person_rows()
    child = dict(rows[2])  # p3 2022, mother p1
    rows.append({**child, "person_id": 20, "mother_id": 999})  # nobody has id 999
    rows.append({**child, "person_id": 21, "mother_id": 13})  # p13 has a row in 2023 only
    rows.append({**child, "person_id": 22, "mother_id": 6, "age": 17})  # mother p6, 100-01
    return write_extract(directory, rows)


def test_child_mother_by_positions_equals_the_sql_join(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extract = _with_orphans(tmp_path)
    called = _spy_on_dense_route(monkeypatch)
    dense = _rows(compute(extract))
    assert called, "the dense route was taken"
    monkeypatch.setattr(engine, "_per_mother_values", lambda con, definitions: None)
    joined = _rows(compute(extract))
    assert dense == joined
    sfi = {(r["level"], r["unit_id"], r["year"]): r for r in dense if r["indicator"] == SFI.key}
    # 2022: p3 p4 (mother p1: 3 factors), p7 (mother p6: 1), p22 (p6), p20 and p21 have none.
    assert sfi[("country", "DK", 2022)]["denominator"] == 4
    assert sfi[("country", "DK", 2022)]["numerator"] == 2


def test_a_child_mother_sum_using_the_childs_columns_takes_the_sql_join(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extract = _with_orphans(tmp_path)
    teenagers = replace(
        SFI,
        key="sfi_risk_teenagers",
        population="age BETWEEN 13 AND 17",  # the child's age
        relation=Relation.CHILD_MOTHER,
    )
    called = _spy_on_dense_route(monkeypatch)
    rows = _rows(compute(extract, definitions=[teenagers]))
    assert not called
    country = {r["year"]: r for r in rows if r["level"] == "country"}
    # 2022 children 13-17 with a mother row: p3 (15, mother p1 at risk), p22 (17, mother p6).
    assert (country[2022]["numerator"], country[2022]["denominator"]) == (1, 2)


def test_text_ids_take_the_sql_join_and_agree(tmp_path: Path, tiny_extract: Path) -> None:
    rows = person_rows()
    for row in rows:
        row["person_id"] = f"P{row['person_id']}"
        row["mother_id"] = None if row["mother_id"] is None else f"P{row['mother_id']}"
    write_extract(tmp_path, rows)
    assert _rows(compute(tmp_path)) == _rows(compute(tiny_extract))


def _problems(directory: Path) -> list[Problem]:
    with pytest.raises(ExtractError) as caught:
        compute(directory)
    return caught.value.problems


def test_statistics_answered_checks_count_exactly(tmp_path: Path) -> None:
    rows = person_rows()
    rows[0]["age"] = 130  # p1 2022
    rows[14]["age"] = -1  # p3 2023
    rows[3]["labour_status"] = "retired"  # p4 2022
    rows[5]["taxable"] = None  # p6 2022
    write_extract(tmp_path, rows)
    problems = {p.column: p for p in _problems(tmp_path)}
    assert problems["age"].rows == 2
    assert problems["age"].examples == (
        "række 1 (year='2022', person_id='1', age='130')",
        "række 15 (year='2023', person_id='3', age='-1')",
    )
    assert problems["labour_status"].rows == 1
    assert "ukendt kode" in problems["labour_status"].message
    assert problems["taxable"].examples == ("række 6 (year='2022', person_id='6', taxable=tom)",)


def test_a_converted_column_is_checked_in_the_scan(tmp_path: Path, tiny_extract: Path) -> None:
    """Ages as doubles need a conversion, so their range is checked in the grouped scan."""
    table = compute(tiny_extract).table
    write_extract(tmp_path)
    path = tmp_path / "persons.parquet"
    persons = pq.read_table(path)
    persons = persons.set_column(
        persons.schema.get_field_index("age"), "age", persons.column("age").cast(pa.float64())
    )
    pq.write_table(persons, path)
    assert _rows(compute(tmp_path)) == table.to_pylist()
    persons = persons.set_column(
        persons.schema.get_field_index("age"),
        "age",
        pa.array([130.0] + [float(a) for a in persons.column("age").to_pylist()[1:]]),
    )
    pq.write_table(persons, path)
    [problem] = _problems(tmp_path)
    assert (problem.column, problem.rows) == ("age", 1)


def test_unsigned_ids_beyond_bigint_are_a_problem_not_a_crash(tmp_path: Path) -> None:
    """A uint64 person_id/mother_id above 2^63-1 cannot become the engine's BIGINT id: it is
    reported as unreadable, with its row, and nothing is computed (found by the extract fuzzer)."""
    write_extract(tmp_path)
    path = tmp_path / "persons.parquet"
    persons = pq.read_table(path)
    ids = [int(i) for i in persons.column("person_id").to_pylist()]
    mothers = persons.column("mother_id").to_pylist()
    mothers[0] = 2**63  # row 1
    persons = persons.set_column(
        persons.schema.get_field_index("person_id"), "person_id", pa.array(ids, pa.uint64())
    )
    persons = persons.set_column(
        persons.schema.get_field_index("mother_id"), "mother_id", pa.array(mothers, pa.uint64())
    )
    pq.write_table(persons, path)
    [problem] = _problems(tmp_path)
    assert (problem.column, problem.rows) == ("mother_id", 1)
    assert problem.examples[0].startswith("række 1 ")
    assert "9223372036854775808" in problem.examples[0]


def test_input_hash_is_sha256_over_names_sizes_and_bytes(tmp_path: Path) -> None:
    """The documented digest, an empty file (which cannot be memory-mapped) included."""
    first, empty = tmp_path / "persons.csv", tmp_path / "departments.csv"
    first.write_bytes(b"year,person_id\n2022,1\n")
    empty.write_bytes(b"")
    expected = hashlib.sha256(
        b"persons.csv\x0022\x00year,person_id\n2022,1\ndepartments.csv\x000\x00"
    ).hexdigest()
    assert engine.input_hash([first, empty]) == expected


@pytest.mark.parametrize("first", [2, 2**52])
def test_child_mother_sums_by_hand(first: int) -> None:
    """Per cell: the children whose mother has a row, and the sum of their mothers' numbers;
    beyond 2^53 in whole numbers (int64), below it in float64."""
    numerator, denominator = sql.measure_columns(SFI)
    index = PersonIndex(
        low=0,
        high=4,
        first_year=2022,
        span=5,
        rows=4,
        present=np.array([True, True, False, True, True]),
        values={numerator: (np.array([0, 3, 4]), np.array([first, -3, 5]))},
    )
    children = pa.table(
        {
            "cell_id": pa.array([0, 0, 1, 1, 2], pa.int32()),
            "mother": pa.array([0, 2, 3, 4, 4], pa.int32()),  # position 2 has no row
        }
    )
    sums = engine._child_mother_sums(index, [SFI], {numerator: "…"}, children, 4).to_pydict()
    assert sums["cell_id"] == [0, 1, 2]  # cell 3 has no children
    assert sums["row_count"] == [1, 2, 1]
    assert sums[denominator] == [1.0, 2.0, 1.0]
    assert sums[numerator] == [first, 2, 5]
    assert isinstance(sums[numerator][0], int if first > 2**50 else float)
