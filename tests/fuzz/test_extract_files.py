"""Malformed register extracts for the indicator engine: every problem named by file, column
and example rows, and nothing computed or stored — or, for a valid extract, a computation
without error whose head counts are right (hypothesis-generated, Parquet and CSV, with and
without a mapping file; through compute(), validate_extract() and the service that stores a
snapshot).

A small valid extract is generated (a handful of people in two years, four departments), then
up to three faults are put in, each in its own column. A fault knows the file, the column and
the row it must be reported with, and at which stage validation finds it (docs/extract-format.md
and validate.PreparedExtract): a file's row checks always; duplicate person years and the
region check only when the persons rows have no problem; the departments' cross-row checks only
when their rows have none; persons against departments only when nothing else is wrong.
"""

from __future__ import annotations

import csv
import reprlib
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from django.db import transaction
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from helhed.domain.indicators.engine import compute
from helhed.domain.indicators.geography import COUNTRY_ID
from helhed.domain.indicators.mapping import MappingError
from helhed.domain.indicators.schema import DEPARTMENTS, PERSONS, ColumnType
from helhed.domain.indicators.validate import ExtractError, validate_extract

YEARS = (2022, 2023)
# department → (municipality, region); the departments table is DEPARTMENT_ROWS.
PLACES = {"100-01": ("657", "1082"), "100-02": ("657", "1082"), "200-01": ("657", "1082"),
          "300-01": ("101", "1084")}  # fmt: skip
OUTSIDE = [("657", "1082"), ("101", "1084"), ("751", "1082")]
DEPARTMENT_ROWS: list[dict[str, Any]] = [
    {"department_id": "100-01", "housing_organisation": "Boligselskab A", "area_id": "A1",
     "area_name": "Solparken", "municipality_code": "657", "valid_from": 2020, "valid_to": None},
    {"department_id": "100-02", "housing_organisation": "Boligselskab A", "area_id": "A1",
     "area_name": "Solparken", "municipality_code": "657", "valid_from": 2020, "valid_to": 2022},
    {"department_id": "100-02", "housing_organisation": "Boligselskab A", "area_id": "A2",
     "area_name": "Engen", "municipality_code": "657", "valid_from": 2023, "valid_to": None},
    {"department_id": "200-01", "housing_organisation": "Boligselskab B", "area_id": None,
     "area_name": None, "municipality_code": "657", "valid_from": 2020, "valid_to": None},
    {"department_id": "300-01", "housing_organisation": "Boligselskab C", "area_id": "K1",
     "area_name": "Nørrebro", "municipality_code": "101", "valid_from": 2019, "valid_to": None},
]  # fmt: skip
CODES = {c.name: c.codes for c in PERSONS.columns if c.codes}
BOOLEANS = [c.name for c in PERSONS.columns if c.type is ColumnType.BOOLEAN]
ROW, DUPLICATES_AND_REGION, DEPARTMENT_TABLE, CROSS = 1, 2, 3, 4  # the stages
TABLE_FAULT_COLUMNS = {
    "duplicate": ("persons", "year, person_id"),
    "region": ("persons", "region_code"),
    "unknown_department": ("persons", "department_id"),
    "wrong_municipality": ("persons", "municipality_code"),
    "department_twice": ("departments", "department_id, valid_from"),
    "valid_to": ("departments", "valid_to"),
    "overlap": ("departments", "valid_from, valid_to"),
    "area_names": ("departments", "area_id"),
}
# The departments row each of their cross-row faults changes.
DEPARTMENT_TABLE_ROWS = {"department_twice": 3, "valid_to": 1, "overlap": 1, "area_names": 0}

# ---- a valid extract -----------------------------------------------------------------------------


@st.composite
def people(draw) -> list[dict[str, Any]]:
    rows = []
    ids = draw(st.lists(st.integers(1, 10_000), min_size=1, max_size=5, unique=True))
    for year in draw(st.sampled_from([YEARS[:1], YEARS[1:], YEARS])):
        for person_id in ids:
            department = draw(st.sampled_from([None, *PLACES]))
            municipality, region = (
                PLACES[department] if department else draw(st.sampled_from(OUTSIDE))
            )
            age = draw(st.integers(0, 100))
            row: dict[str, Any] = {
                "year": year,
                "person_id": person_id,
                "municipality_code": municipality,
                "region_code": region,
                "department_id": department,
                "age": age,
                "sex": draw(st.sampled_from(CODES["sex"])),
                "origin": draw(st.sampled_from(CODES["origin"])),
                "labour_status": draw(st.sampled_from(CODES["labour_status"])),
                "education": draw(st.sampled_from(CODES["education"])),
                "gross_income": draw(st.integers(-50_000, 1_000_000)),
                "public_support_cost": draw(st.integers(0, 200_000)),
                "grade_danish_9": draw(st.one_of(st.none(), st.integers(-3, 12))),
                "grade_math_9": draw(st.one_of(st.none(), st.integers(-3, 12))),
                "mother_id": draw(st.one_of(st.none(), st.sampled_from(ids))),
            }
            for name in BOOLEANS:
                row[name] = draw(st.booleans())
            row["completed_youth_education"] = draw(st.booleans()) if age == 25 else None
            row["language_support"] = draw(st.booleans()) if 3 <= age <= 5 else None
            rows.append(row)
    return rows


# ---- faults --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    table: str  # persons | departments | mapping
    column: str  # the column the problem must name ("" for a mapping file)
    stage: int
    words: str  # in the problem's message
    row: int | None = None  # 0-based data row whose position an example must show
    value: Any = None
    kind: str = "value"  # value | drop | duplicate | mapping


PERSON_FAULTS: list[tuple[str, Any, str]] = [
    ("age", "fire", "kan ikke læses som heltal"),
    ("age", 130, "uden for intervallet 0 til 125"),
    ("age", -1, "uden for intervallet"),
    ("age", None, "værdi mangler"),
    ("year", 1989, "uden for intervallet 1990 til 2100"),
    ("year", "2022a", "kan ikke læses som heltal"),
    ("sex", "X", "ukendt kode"),
    ("sex", None, "værdi mangler"),
    ("origin", "martian", "ukendt kode"),
    ("labour_status", "retired", "ukendt kode"),
    ("education", "phd", "ukendt kode"),
    ("municipality_code", "999", "ukendt kode"),
    ("region_code", "9999", "ukendt kode"),
    ("in_education", "måske", "kan ikke læses som sand/falsk"),
    ("convicted", None, "værdi mangler"),
    ("gross_income", "mange", "kan ikke læses som kroner"),
    ("public_support_cost", -5, "uden for intervallet 0 til"),
    ("grade_danish_9", 13, "uden for intervallet -3 til 12"),
    ("grade_math_9", "syv", "kan ikke læses som tal"),
    ("mother_id", "mor", "kan ikke læses som id"),
    ("person_id", None, "værdi mangler"),
    ("completed_youth_education", True, "må kun være udfyldt for alder 25"),
    ("language_support", False, "må kun være udfyldt for alder 3-5"),
]
DEPARTMENT_FAULTS: list[tuple[str, int, Any, str]] = [
    ("municipality_code", 0, "999", "ukendt kode"),
    ("valid_from", 3, 1800, "uden for intervallet 1900 til 2100"),
    ("valid_to", 1, "2022x", "kan ikke læses som heltal"),
    ("housing_organisation", 4, None, "værdi mangler"),
    ("department_id", 0, None, "værdi mangler"),
]


@dataclass(repr=False)
class Extract:
    persons: list[dict[str, Any]]
    departments: list[dict[str, Any]] = field(
        default_factory=lambda: [dict(r) for r in DEPARTMENT_ROWS]
    )
    formats: tuple[str, str] = ("parquet", "parquet")
    separator: str = ","
    faults: list[Fault] = field(default_factory=list)
    dropped: dict[str, str] = field(default_factory=dict)  # table → column left out of the file
    mapping: str | bytes | None = None  # the YAML file
    renamed: dict[str, str] = field(default_factory=dict)  # persons column → name in the file
    channel: str = "engine"
    touched: set[tuple[str, int]] = field(default_factory=set)  # rows a fault has changed

    def fresh(self, table: str, rows: list[int]) -> list[int]:
        return [row for row in rows if (table, row) not in self.touched]

    def __repr__(self) -> str:
        shown = reprlib.Repr()
        shown.maxlist, shown.maxdict, shown.maxlevel = 12, 30, 4
        return "Extract(" + ", ".join(f"{k}={shown.repr(v)}" for k, v in vars(self).items()) + ")"

    def file(self, table: str) -> str:
        index = 0 if table == "persons" else 1
        return f"{table}.{self.formats[index]}"

    def position(self, table: str, row: int) -> str:
        # Parquet: the 1-based data row; CSV: the line in the file (the header is line 1).
        return f"linje {row + 2}" if self.file(table).endswith(".csv") else f"række {row + 1}"


@st.composite
def extracts(draw) -> Extract:
    extract = Extract(
        persons=draw(people()),
        formats=(
            draw(st.sampled_from(["parquet", "csv"])),
            draw(st.sampled_from(["parquet", "csv"])),
        ),
        separator=draw(st.sampled_from([",", ";"])),
        channel=draw(st.sampled_from(["engine", "engine", "validate", "service"])),
    )
    used: set[tuple[str, str]] = set()
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2, 3]))):
        kind = draw(
            st.sampled_from(
                ["person", "person", "person", "department", "table", "drop", "mapping"]
            )
        )
        fault = draw(_fault(extract, kind, used))
        if fault is None:
            continue
        used.add((fault.table, fault.column))
        extract.faults.append(fault)
    if extract.mapping is None and not extract.dropped and draw(st.integers(0, 4)) == 0:
        _valid_mapping(extract, draw)
    return extract


@st.composite
def _fault(draw, extract: Extract, kind: str, used: set[tuple[str, str]]) -> Fault | None:
    """A fault put into the extract; None (and the extract unchanged) when it would collide
    with one already there: one fault per column, row and mapping file."""
    rows = extract.persons
    if kind == "person":
        column, value, words = draw(st.sampled_from(PERSON_FAULTS))
        if ("persons", column) in used:
            return None
        if column == "mother_id" and extract.formats[0] == "csv":
            return None  # in CSV every id is text, so "mor" is as good an id as "17"
        candidates = extract.fresh("persons", list(range(len(rows))))
        if column == "completed_youth_education":
            candidates = [i for i in candidates if rows[i]["age"] != 25]
        if column == "language_support":
            candidates = [i for i in candidates if not 3 <= rows[i]["age"] <= 5]
        if not candidates:
            return None
        index = draw(st.sampled_from(candidates))
        extract.touched.add(("persons", index))
        rows[index][column] = value
        return Fault("persons", column, ROW, words, index, value)
    if kind == "department":
        column, index, value, words = draw(st.sampled_from(DEPARTMENT_FAULTS))
        if ("departments", column) in used or not extract.fresh("departments", [index]):
            return None
        extract.touched.add(("departments", index))
        extract.departments[index][column] = value
        return Fault("departments", column, ROW, words, index, value)
    if kind == "drop":
        table = draw(st.sampled_from(["persons", "departments"]))
        if table in extract.dropped or extract.mapping is not None:
            return None
        schema = PERSONS if table == "persons" else DEPARTMENTS
        column = draw(st.sampled_from(schema.column_names))
        if (table, column) in used:
            return None
        extract.dropped[table] = column
        return Fault(table, column, 0, "kolonnen mangler", kind="drop")
    if kind == "mapping":
        if extract.mapping is not None or extract.dropped:
            return None
        text, key = draw(
            st.sampled_from(
                [
                    ("persons:\n  columns:\n    alder: ALDER\n", "persons.columns.alder"),
                    ("persons:\n  columns: {age: ALDER\n", "ikke gyldig YAML"),
                    ('persons:\n  codes:\n    sex: {"1": K}\n', "persons.codes.sex.1"),
                    ("persons:\n  codes:\n    age: {x: 1}\n", "persons.codes.age"),
                    ("personer:\n  columns: {}\n", "personer"),
                    ("- persons\n", "YAML-ordbog"),
                    ("persons:\n  columns:\n    sex: KØN\n".encode("cp1252"), "UTF-8"),
                    ("persons: " + "[" * 5000 + "]" * 5000 + "\n", "indlejret for dybt"),
                    ("persons:\n  columns:\n    age: ALDER\n", "persons.columns.age"),
                ]
            )
        )
        extract.mapping = text
        if key == "persons.columns.age":  # a valid mapping to a column the file does not have
            return Fault("persons", "ALDER", 0, "navnet kommer fra", kind="mapping")
        return Fault("mapping", "", 0, key, kind="mapping")
    # cross-row checks: duplicates, region, departments' own table checks, persons ↔ departments
    choice = draw(
        st.sampled_from(
            ["duplicate", "region", "unknown_department", "wrong_municipality",
             "department_twice", "valid_to", "overlap", "area_names"]
        )
    )  # fmt: skip
    table, column = TABLE_FAULT_COLUMNS[choice]
    if (table, column) in used:
        return None
    candidates = extract.fresh(table, list(range(len(rows))))
    if table == "departments":
        candidates = extract.fresh(table, [DEPARTMENT_TABLE_ROWS[choice]])
    if not candidates:
        return None
    index = draw(st.sampled_from(candidates))
    extract.touched.add((table, index))
    if choice == "duplicate":
        rows.append(dict(rows[index]))
        extract.touched.add((table, len(rows) - 1))
        return Fault("persons", "year, person_id", DUPLICATES_AND_REGION, "flere gange", index)
    if choice == "region":
        row = rows[index]
        row["region_code"] = "1084" if row["region_code"] != "1084" else "1082"
        return Fault("persons", "region_code", DUPLICATES_AND_REGION, "passer ikke", index)
    if choice == "unknown_department":
        rows[index]["department_id"] = "999-99"
        return Fault("persons", "department_id", CROSS, "findes ikke", index)
    if choice == "wrong_municipality":
        row = rows[index]
        row["department_id"] = "300-01" if row["municipality_code"] == "657" else "100-01"
        return Fault("persons", "municipality_code", CROSS, "anden kommune", index)
    departments = extract.departments
    if choice == "department_twice":
        departments.append(dict(departments[3]))
        extract.touched.add((table, len(departments) - 1))
        return Fault("departments", "department_id, valid_from", DEPARTMENT_TABLE, "flere gange", 3)
    if choice == "valid_to":
        departments[1]["valid_to"] = 2019
        return Fault("departments", "valid_to", DEPARTMENT_TABLE, "før valid_from", 1)
    if choice == "overlap":
        departments[1]["valid_to"] = 2024
        return Fault("departments", "valid_from, valid_to", DEPARTMENT_TABLE, "overlappende", 1)
    departments[0]["area_name"] = "Skyggeparken"
    return Fault("departments", "area_id", DEPARTMENT_TABLE, "flere navne", 0)


def _valid_mapping(extract: Extract, draw) -> None:
    """Renamed columns and own codes, mapped back by a valid mapping file."""
    extract.renamed = {"age": "ALDER", "sex": "KOEN", "person_id": "PNR"}
    codes = draw(st.sampled_from([{"1": "M", "2": "F"}, {"m": "M", "k": "F"}]))
    back = {schema: own for own, schema in codes.items()}
    for row in extract.persons:
        if row["sex"] in back:
            row["sex"] = back[row["sex"]]
    pairs = ", ".join(f'"{own}": {schema}' for own, schema in codes.items())
    extract.mapping = (
        "description: fuzz\npersons:\n  columns:\n"
        + "".join(f"    {schema}: {own}\n" for schema, own in extract.renamed.items())
        + f"  codes:\n    sex: {{{pairs}}}\n"
    )


# ---- writing -------------------------------------------------------------------------------------


def _arrow_type(values: list[Any]) -> pa.DataType:
    present = [v for v in values if v is not None]
    if any(isinstance(v, str) for v in present):
        return pa.string()
    if present and all(isinstance(v, bool) for v in present):
        return pa.bool_()
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pa.int64()
    return pa.string() if not present else pa.float64()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write_table(path: Path, rows: list[dict[str, Any]], columns: list[str], separator: str):
    if path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, delimiter=separator)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([_cell(row.get(column)) for column in columns])
        return
    arrays = {}
    for column in columns:
        values = [row.get(column) for row in rows]
        kind = _arrow_type(values)
        if kind == pa.string():
            values = [None if v is None else _cell(v) for v in values]
        arrays[column] = pa.array(values, kind)
    pq.write_table(pa.table(arrays), path)


def write(extract: Extract, directory: Path) -> Path | None:
    """The files; the mapping file's path when there is one."""
    for table, rows, schema in (
        ("persons", extract.persons, PERSONS),
        ("departments", extract.departments, DEPARTMENTS),
    ):
        columns = [c for c in schema.column_names if c != extract.dropped.get(table)]
        renamed = extract.renamed if table == "persons" else {}
        named = [{renamed.get(k, k): v for k, v in row.items()} for row in rows]
        _write_table(
            directory / extract.file(table),
            named,
            [renamed.get(c, c) for c in columns],
            extract.separator,
        )
    if extract.mapping is None:
        return None
    path = directory / "kort.yaml"
    text = extract.mapping
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


# ---- which problems must be reported -------------------------------------------------------------


def expected(extract: Extract) -> list[Fault]:
    """The faults validation must report, given that later stages wait for earlier ones."""
    mapping = [f for f in extract.faults if f.table == "mapping"]
    if mapping:
        return mapping
    by = {(f.table, f.stage) for f in extract.faults}
    dropped = {f.table for f in extract.faults if f.stage == 0}
    reported = []
    for fault in extract.faults:
        table, stage = fault.table, fault.stage
        if stage == 0:
            reported.append(fault)
        elif table in dropped:
            continue
        elif _reached(stage, by, dropped):
            reported.append(fault)
    return reported


def _reached(stage: int, by: set[tuple[str, int]], dropped: set[str]) -> bool:
    if stage == ROW:
        return True
    if stage == DUPLICATES_AND_REGION:
        return ("persons", ROW) not in by
    if stage == DEPARTMENT_TABLE:
        return ("departments", ROW) not in by
    departments_clean = not by & {("departments", ROW), ("departments", DEPARTMENT_TABLE)}
    return ("persons", ROW) not in by and departments_clean and "departments" not in dropped


def _matches(problem, fault: Fault, extract: Extract, mapping_path: Path | None) -> bool:
    if fault.table == "mapping":
        return str(problem).startswith(str(mapping_path)) and fault.words in str(problem)
    if problem.file != extract.file(fault.table) or fault.words not in problem.message:
        return False
    column = problem.column or ""
    named = extract.renamed.get(fault.column, fault.column) if fault.table == "persons" else ""
    if column != fault.column and not column.startswith(f"{named} (= {fault.column} via "):
        return False
    if fault.row is not None:
        position = extract.position(fault.table, fault.row)
        return any(example.startswith(f"{position} (") for example in problem.examples)
    return True


SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(extract=extracts())
def test_any_extract_is_refused_with_every_problem_or_computes(personas, extract):
    from helhed.indicators.access import compute_organisation
    from helhed.indicators.models import ComputationRun, IndicatorValue, RunStatus
    from helhed.indicators.services import indicators_compute

    must = expected(extract)
    note(repr(extract))
    assert bool(must) == bool(extract.faults)  # every generated extract with a fault is bad
    event(f"{extract.channel}: {'refused' if must else 'computed'}")
    with tempfile.TemporaryDirectory() as tmp, transaction.atomic():
        directory = Path(tmp)
        mapping = write(extract, directory)
        before = (ComputationRun.objects.count(), IndicatorValue.objects.count())
        result = error = None
        try:
            if extract.channel == "validate":
                from helhed.domain.indicators.mapping import IDENTITY, load_mapping

                validate_extract(directory, load_mapping(mapping) if mapping else IDENTITY)
            elif extract.channel == "service":
                run = indicators_compute(
                    actor=personas.alice,
                    organisation=compute_organisation(personas.alice),
                    extract=directory,
                    mapping=mapping,
                )
                result = run
            else:
                result = compute(directory, mapping=mapping)
        except (ExtractError, MappingError) as caught:
            error = caught
        if not must:
            assert error is None, str(error)
            if extract.channel == "engine":
                _check_counts(extract, result)
            elif extract.channel == "service":
                assert result.status == RunStatus.DONE
                stored = IndicatorValue.objects.filter(run=result).count()
                assert stored == result.row_count > 0
        else:
            assert error is not None, "a bad extract must be refused"
            problems = error.problems
            assert problems
            if isinstance(error, ExtractError):
                files = {extract.file("persons"), extract.file("departments")}
                for problem in problems:
                    assert problem.file in files and problem.column, problem
                    assert str(problem).startswith(f"{problem.file}, kolonne ")
            for fault in must:
                assert any(_matches(p, fault, extract, mapping) for p in problems), (
                    fault,
                    [str(p) for p in problems],
                )
            assert IndicatorValue.objects.count() == before[1], "nothing is stored"
            if extract.channel == "service":
                run = ComputationRun.objects.order_by("-pk").first()
                assert run.status == RunStatus.FAILED and run.error == str(error)
            else:
                assert ComputationRun.objects.count() == before[0]
        transaction.set_rollback(True)


def _check_counts(extract: Extract, result) -> None:
    """Residents (persons rows in the year) per country, municipality and department."""
    rows = {
        (r["level"], r["unit_id"], r["year"]): r["value"]
        for r in result.table.to_pylist()
        if r["indicator"] == "residents"
    }
    years = Counter(row["year"] for row in extract.persons)
    assert result.years == tuple(sorted(years))
    for year, count in years.items():
        assert rows[("country", COUNTRY_ID, year)] == count
        by_municipality = Counter(
            r["municipality_code"] for r in extract.persons if r["year"] == year
        )
        for code, number in by_municipality.items():
            assert rows[("municipality", code, year)] == number
        by_department = Counter(
            r["department_id"] for r in extract.persons if r["year"] == year and r["department_id"]
        )
        for department, number in by_department.items():
            assert rows[("department", department, year)] == number


# ---- regressions found by the fuzzer above -----------------------------------------------------


def test_a_mapping_file_not_in_utf8_or_nested_too_deeply_is_a_mapping_error(tmp_path):
    import pytest

    from helhed.domain.indicators.mapping import load_mapping

    # Was UnicodeDecodeError and RecursionError, i.e. a traceback from `helhed compute`.
    path = tmp_path / "kort.yaml"
    path.write_bytes("persons:\n  columns:\n    sex: KØN\n".encode("cp1252"))
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    assert caught.value.problems == [f"{path}: er ikke gemt som UTF-8 (invalid continuation byte)"]
    path.write_text("persons: " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    assert caught.value.problems == [
        f"{path}: er ikke gyldig YAML (lister eller ordbøger er indlejret for dybt)"
    ]
