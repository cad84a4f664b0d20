"""Mapping files: other names and codes onto the schema; a wrong mapping gets a clear error."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helhed.domain.indicators.engine import compute
from helhed.domain.indicators.mapping import MappingError, load_mapping
from helhed.domain.indicators.validate import ExtractError
from tests.domain.indicators.tiny import DEPARTMENT_ROWS, person_rows

# Statistics-Denmark-like names and codes for some columns.
RENAMES = {"person_id": "PNR", "age": "ALDER", "sex": "KOEN", "convicted": "DOMT"}
MAPPING = """
description: test
persons:
  file: befolkning.csv
  columns:
    person_id: PNR
    age: ALDER
    sex: KOEN
    convicted: DOMT
  codes:
    sex: {"1": M, "2": F}
    convicted: {"J": true, "N": false}
"""


def _write_renamed(directory: Path) -> None:
    rows = []
    for row in person_rows():
        renamed = {RENAMES.get(k, k): v for k, v in row.items()}
        renamed["KOEN"] = {"M": "1", "F": "2"}[row["sex"]]
        renamed["DOMT"] = "J" if row["convicted"] else "N"
        rows.append(renamed)
    with (directory / "befolkning.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    with (directory / "departments.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(DEPARTMENT_ROWS[0]))
        writer.writeheader()
        writer.writerows(DEPARTMENT_ROWS)


def test_mapped_extract_computes_like_the_schema_extract(
    tmp_path: Path, tiny_extract: Path
) -> None:
    _write_renamed(tmp_path)
    (tmp_path / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    mapped = compute(tmp_path, mapping=tmp_path / "mapping.yaml")
    plain = compute(tiny_extract)
    columns = ["unit_name"]
    assert (
        mapped.table.drop_columns(columns).to_pylist()
        == plain.table.drop_columns(columns).to_pylist()
    )
    assert mapped.input_hash != plain.input_hash


def _error(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    return caught.value.problems


def test_unknown_schema_column(tmp_path: Path) -> None:
    [problem] = _error(tmp_path, "persons:\n  columns:\n    alder: ALDER\n")
    assert problem.startswith(f"{tmp_path / 'bad.yaml'}: nøglen 'persons.columns.alder'")
    assert "er ikke en kolonne i persons" in problem


def test_code_not_in_schema_and_unknown_keys(tmp_path: Path) -> None:
    problems = _error(
        tmp_path,
        "persons:\n  codes:\n    origin: {'9': martian}\n    age: {'1': 2}\n  colums: {}\nhouses: {}\n",
    )
    assert len(problems) == 4
    assert any("'houses'" in p for p in problems)
    assert any("'persons.colums'" in p for p in problems)
    assert any("'persons.codes.origin.9': 'martian' er ikke en tilladt kode" in p for p in problems)
    assert any("'persons.codes.age': kun kode- og sand/falsk-kolonner" in p for p in problems)


def test_boolean_codes_must_be_booleans_and_null_only_where_allowed(tmp_path: Path) -> None:
    problems = _error(tmp_path, "persons:\n  codes:\n    convicted: {'J': ja, 'U': null}\n")
    assert problems == [
        f"{tmp_path / 'bad.yaml'}: nøglen 'persons.codes.convicted.J' skal være true eller false",
        f"{tmp_path / 'bad.yaml'}: nøglen 'persons.codes.convicted.U': convicted må ikke være tom (null)",
    ]


def test_invalid_yaml(tmp_path: Path) -> None:
    [problem] = _error(tmp_path, "persons: [\n")
    assert "er ikke gyldig YAML" in problem


def test_mapped_column_missing_in_file_names_the_mapping_key(tmp_path: Path) -> None:
    _write_renamed(tmp_path)
    (tmp_path / "mapping.yaml").write_text(MAPPING.replace("ALDER", "AGE_YEARS"), encoding="utf-8")
    with pytest.raises(ExtractError) as caught:
        compute(tmp_path, mapping=tmp_path / "mapping.yaml")
    [problem] = caught.value.problems
    assert problem.file == "befolkning.csv"
    assert problem.column == "AGE_YEARS"
    assert "mapping.yaml: persons.columns.age" in problem.message


def test_unmapped_code_value_is_reported_with_the_mapped_column(tmp_path: Path) -> None:
    _write_renamed(tmp_path)
    (tmp_path / "mapping.yaml").write_text(MAPPING.replace('"2": F', '"3": F'), encoding="utf-8")
    with pytest.raises(ExtractError) as caught:
        compute(tmp_path, mapping=tmp_path / "mapping.yaml")
    [problem] = caught.value.problems
    assert problem.column.startswith("KOEN (= sex via ")
    assert "ukendt kode" in problem.message
