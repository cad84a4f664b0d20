"""A malformed extract gets one clear error naming file, column and example rows; no result."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from helhed.domain.indicators.definitions import Relation
from helhed.domain.indicators.engine import compute
from helhed.domain.indicators.sql import cells_sql
from helhed.domain.indicators.validate import (
    ExtractError,
    Problem,
    locate_extract,
    open_extract,
    validate_extract,
)
from tests.domain.indicators.tiny import DEPARTMENT_ROWS, person_rows, persons_table, write_extract


def _problems(directory: Path) -> list[Problem]:
    with pytest.raises(ExtractError) as caught:
        compute(directory)
    return caught.value.problems


def _only(problems: list[Problem], column: str) -> Problem:
    found = [p for p in problems if p.column == column]
    assert len(found) == 1, problems
    return found[0]


def test_missing_column(tmp_path: Path) -> None:
    write_extract(tmp_path)
    table = pq.read_table(tmp_path / "persons.parquet").drop_columns(["age"])
    pq.write_table(table, tmp_path / "persons.parquet")
    problem = _only(_problems(tmp_path), "age")
    assert problem.file == "persons.parquet"
    assert "kolonnen mangler" in problem.message


def test_bad_code_wrong_type_and_duplicate_in_one_error(tmp_path: Path) -> None:
    rows = person_rows()
    rows[4]["origin"] = "martian"  # p5 2022
    rows[7]["origin"] = "martian"  # p8 2022
    rows[1]["region_code"] = "9999"  # p2 2022
    rows.append(dict(rows[0]))  # p1 2022 twice
    write_extract(tmp_path, rows)
    problems = _problems(tmp_path)
    origin = _only(problems, "origin")
    assert origin.file == "persons.parquet"
    assert origin.rows == 2
    assert "ukendt kode" in origin.message
    assert origin.examples == (
        "række 5 (year='2022', person_id='5', origin='martian')",
        "række 8 (year='2022', person_id='8', origin='martian')",
    )
    assert _only(problems, "region_code").examples[0].startswith("række 2 ")
    # duplicates are looked for only once every value is readable
    assert not [p for p in problems if p.column == "year, person_id"]


def test_duplicate_person_year(tmp_path: Path) -> None:
    rows = person_rows()
    rows.append(dict(rows[2]))  # p3 2022 again, as the last row (26th)
    write_extract(tmp_path, rows)
    problem = _only(_problems(tmp_path), "year, person_id")
    assert problem.rows == 2
    assert problem.examples == ("række 3 (year=2022, person_id=3, 2 gange)",)


def test_duplicate_with_text_ids(tmp_path: Path) -> None:
    rows = person_rows()
    for row in rows:
        row["person_id"] = f"P{row['person_id']}"
        row["mother_id"] = None if row["mother_id"] is None else f"P{row['mother_id']}"
    rows.append(dict(rows[0]))
    write_extract(tmp_path, rows)
    problem = _only(_problems(tmp_path), "year, person_id")
    assert "person_id=P1" in problem.examples[0]


def test_text_ids_compute(tmp_path: Path) -> None:
    rows = person_rows()
    for row in rows:
        row["person_id"] = f"P{row['person_id']}"
        row["mother_id"] = None if row["mother_id"] is None else f"P{row['mother_id']}"
    write_extract(tmp_path, rows)
    assert len(compute(tmp_path)) > 0


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_csv_wrong_type_names_the_line(tmp_path: Path) -> None:
    rows = person_rows()
    rows[3]["age"] = "fire"  # p4 2022: line 5 (header is line 1)
    rows[5]["gross_income"] = "12,5"  # decimal comma is not a number here
    _write_csv(tmp_path / "persons.csv", rows)
    _write_csv(tmp_path / "departments.csv", DEPARTMENT_ROWS)
    problems = _problems(tmp_path)
    age = _only(problems, "age")
    assert age.file == "persons.csv"
    assert "kan ikke læses som heltal" in age.message
    assert age.examples == ("linje 5 (year='2022', person_id='4', age='fire')",)
    assert _only(problems, "gross_income").examples[0].startswith("linje 7 ")


def test_csv_extract_computes_like_parquet(tmp_path: Path, tiny_extract: Path) -> None:
    _write_csv(tmp_path / "persons.csv", person_rows())
    _write_csv(tmp_path / "departments.csv", DEPARTMENT_ROWS)
    from_csv = compute(tmp_path).table.drop_columns(["unit_name"]).to_pylist()
    from_parquet = compute(tiny_extract).table.drop_columns(["unit_name"]).to_pylist()
    assert from_csv == from_parquet


def test_missing_files(tmp_path: Path) -> None:
    with pytest.raises(ExtractError) as caught:
        validate_extract(tmp_path)
    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "mangler filen persons.parquet eller persons.csv",
        "mangler filen departments.parquet eller departments.csv",
    ]


def test_department_problems(tmp_path: Path) -> None:
    departments = [dict(row) for row in DEPARTMENT_ROWS]
    departments[1]["valid_to"] = 2023  # overlaps the A2 period of 100-02 from 2023
    departments = departments[:3]  # 200-01 disappears, but p9 lives there
    write_extract(tmp_path, departments=departments)
    problems = _problems(tmp_path)
    overlap = _only(problems, "valid_from, valid_to")
    assert overlap.file == "departments.parquet"
    assert overlap.examples == ("række 2 (department_id=100-02, overlapper række 3)",)


def test_unknown_department_and_wrong_municipality(tmp_path: Path) -> None:
    rows = person_rows()
    rows[8]["department_id"] = "999-99"  # p9 2022
    rows[9]["department_id"] = "100-01"  # p10 2022 lives in 657 — fine
    rows[10]["department_id"] = "100-01"  # p11 2022 lives in 101 but 100-01 is in 657
    write_extract(tmp_path, rows)
    problems = _problems(tmp_path)
    unknown = _only(problems, "department_id")
    assert unknown.examples == ("række 9 (department_id=999-99)",)
    wrong = _only(problems, "municipality_code")
    assert wrong.examples == ("række 11 (department_id=100-01 i kommune 657, ikke 101)",)


def test_present_only_at_age(tmp_path: Path) -> None:
    rows = person_rows()
    rows[0]["language_support"] = True  # p1 is 30
    write_extract(tmp_path, rows)
    problem = _only(_problems(tmp_path), "language_support")
    assert problem.message == "må kun være udfyldt for alder 3-5"
    assert problem.examples == (
        "række 1 (year='2022', person_id='1', language_support='true', age='30')",
    )


def test_error_text_lists_everything(tmp_path: Path) -> None:
    rows = person_rows()
    rows[0]["sex"] = None
    rows[1]["age"] = 300
    write_extract(tmp_path, rows)
    with pytest.raises(ExtractError) as caught:
        compute(tmp_path)
    text = str(caught.value)
    assert text.startswith("Udtrækket har 2 fejl, intet er beregnet:")
    assert "persons.parquet, kolonne sex: værdi mangler (tom) (1 rækker)" in text
    assert "kolonne age: uden for intervallet 0 til 125" in text


def test_empty_persons_file(tmp_path: Path) -> None:
    write_extract(tmp_path)
    pq.write_table(persons_table(person_rows()).slice(0, 0), tmp_path / "persons.parquet")
    assert [p.message for p in _problems(tmp_path)] == ["filen har ingen rækker"]


def _finish_counting_scans(directory: Path) -> list[int]:
    """Validate `directory` the way prepare_extract does; every call of after_scan."""
    calls: list[int] = []
    with duckdb.connect() as con:
        prepared = open_extract(con, locate_extract(directory))
        con.execute(
            "CREATE TEMP TABLE scanned AS "
            + cells_sql([], Relation.PERSONS, "checked_persons", prepared.scan_columns())
        )
        try:
            prepared.finish("scanned", after_scan=lambda: calls.append(1))
        except ExtractError:
            calls.append(-1)
    return calls


def test_after_scan_is_called_once_when_the_rows_check_out(tmp_path: Path) -> None:
    write_extract(tmp_path / "numbers")
    assert _finish_counting_scans(tmp_path / "numbers") == [1]
    rows = person_rows()
    for row in rows:  # text ids: no dense index, the duplicate count in SQL
        row["person_id"] = f"P{row['person_id']}"
        row["mother_id"] = None if row["mother_id"] is None else f"P{row['mother_id']}"
    write_extract(tmp_path / "text", rows)
    assert _finish_counting_scans(tmp_path / "text") == [1]
    duplicated = person_rows()
    duplicated.append(dict(duplicated[2]))
    write_extract(tmp_path / "duplicate", duplicated)
    assert _finish_counting_scans(tmp_path / "duplicate") == [1, -1]


def test_after_scan_is_not_called_when_a_row_check_fails(tmp_path: Path) -> None:
    rows = person_rows()
    rows[4]["origin"] = "martian"
    write_extract(tmp_path, rows)
    assert _finish_counting_scans(tmp_path) == [-1]
