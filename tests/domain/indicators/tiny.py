"""The hand-made extract the indicator tests compute by hand.

Departments (municipality 657, region 1082):
    100-01  area A1 "Solparken" from 2020
    100-02  area A1 2020-2022, then area A2 "Engen" from 2023   (membership changes!)
    200-01  no area
Persons (2022 → 2023 changes in brackets):
    p1  100-01  30 F nonwestern_immigrant outside→(employed)  basic  100k→(250k) cash→(no)
        not nuclear family; mother of p3, p4
    p2  100-01  40 M danish employed vocational 400k, convicted 2022
    p3  100-01  15 F nonwestern_descendant child, exams 2022: Danish 7.0 / maths 4.0, child_case
        2022, mother p1
    p4  100-01   4 M nonwestern_descendant, language support 2022 yes (2023 no), mother p1
    p5  100-02  25 M danish unemployed→(outside) basic 200k, education benefit, youth
        education no (2022, age 25), moved out 2022
    p6  100-02  50 F western_immigrant employed long_higher 600k; mother of p7
    p7  100-02  12 F western_descendant, charged 2022, mother p6
    p8  100-02  70 F danish outside unknown 150k, pension
    p9  200-01  35 M nonwestern_immigrant employed unknown 300k, convicted 2022
    p10 none    45 F danish employed medium_higher 500k (municipality 657)
    p11 none    20 M danish student upper_secondary 80k (municipality 101, region 1084)
    p12 none    16 F danish student basic 20k, charged 2022, exams 2022 10.0 / 12.0 (101)
    p13 100-02  25 F danish employed vocational 320k, youth education yes — only in 2023
public_support_cost 2022: p1 150k, p3 20k, p4 20k, p5 120k, p7 20k, p8 80k, p11 50k, p12 20k.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

Row = Callable[[str, str, str, int], dict[str, Any]]  # the `row` fixture

DEFAULTS: dict[str, Any] = {
    "municipality_code": "657",
    "region_code": "1082",
    "department_id": None,
    "origin": "danish",
    "labour_status": "employed",
    "education": "vocational",
    "in_education": False,
    "gross_income": 300_000,
    "taxable": True,
    "convicted": False,
    "charged": False,
    "education_benefit": False,
    "cash_benefit_or_pension": False,
    "public_support_cost": 0,
    "moved_out": False,
    "child_case": False,
    "grade_danish_9": None,
    "grade_math_9": None,
    "completed_youth_education": None,
    "language_support": None,
    "mother_id": None,
    "nuclear_family": True,
}
CHILD = {"labour_status": "in_education", "education": "basic", "in_education": True,
         "gross_income": 0, "taxable": False}  # fmt: skip
PEOPLE_2022: dict[int, dict[str, Any]] = {
    1: dict(department_id="100-01", age=30, sex="F", origin="nonwestern_immigrant",
            labour_status="outside", education="basic", gross_income=100_000,
            cash_benefit_or_pension=True, nuclear_family=False, public_support_cost=150_000),
    2: dict(department_id="100-01", age=40, sex="M", gross_income=400_000, convicted=True),
    3: dict(CHILD, department_id="100-01", age=15, sex="F", origin="nonwestern_descendant",
            grade_danish_9=7.0, grade_math_9=4.0, mother_id=1, child_case=True,
            public_support_cost=20_000),
    4: dict(CHILD, department_id="100-01", age=4, sex="M", origin="nonwestern_descendant",
            labour_status="outside", in_education=False, language_support=True, mother_id=1,
            public_support_cost=20_000),
    5: dict(department_id="100-02", age=25, sex="M", labour_status="unemployed",
            education="basic", gross_income=200_000, education_benefit=True,
            completed_youth_education=False, moved_out=True, public_support_cost=120_000),
    6: dict(department_id="100-02", age=50, sex="F", origin="western_immigrant",
            education="long_higher", gross_income=600_000),
    7: dict(CHILD, department_id="100-02", age=12, sex="F", origin="western_descendant",
            charged=True, mother_id=6, public_support_cost=20_000),
    8: dict(department_id="100-02", age=70, sex="F", labour_status="outside",
            education="unknown", gross_income=150_000, cash_benefit_or_pension=True,
            public_support_cost=80_000),
    9: dict(department_id="200-01", age=35, sex="M", origin="nonwestern_immigrant",
            education="unknown", convicted=True),
    10: dict(age=45, sex="F", education="medium_higher", gross_income=500_000),
    11: dict(age=20, sex="M", municipality_code="101", region_code="1084",
             labour_status="in_education", education="upper_secondary", in_education=True,
             gross_income=80_000, public_support_cost=50_000),
    12: dict(CHILD, age=16, sex="F", municipality_code="101", region_code="1084",
             gross_income=20_000, taxable=True, charged=True, grade_danish_9=10.0,
             grade_math_9=12.0, public_support_cost=20_000),
}  # fmt: skip
CHANGES_2023: dict[int, dict[str, Any]] = {
    1: dict(labour_status="employed", gross_income=250_000, cash_benefit_or_pension=False),
    2: dict(convicted=False),
    3: dict(grade_danish_9=None, grade_math_9=None, child_case=False),
    4: dict(language_support=False),
    5: dict(labour_status="outside", completed_youth_education=None, moved_out=False),
    7: dict(charged=False),
    9: dict(convicted=False),
    12: dict(charged=False, grade_danish_9=None, grade_math_9=None),
}  # fmt: skip
P13 = dict(department_id="100-02", age=25, sex="F", gross_income=320_000,
           completed_youth_education=True)  # fmt: skip
DEPARTMENT_ROWS = [
    {"department_id": "100-01", "housing_organisation": "Boligselskab A", "area_id": "A1",
     "area_name": "Solparken", "municipality_code": "657", "valid_from": 2020, "valid_to": None,
     "department_name": "Solparken I"},
    {"department_id": "100-02", "housing_organisation": "Boligselskab A", "area_id": "A1",
     "area_name": "Solparken", "municipality_code": "657", "valid_from": 2020, "valid_to": 2022,
     "department_name": "Solparken II"},
    {"department_id": "100-02", "housing_organisation": "Boligselskab A", "area_id": "A2",
     "area_name": "Engen", "municipality_code": "657", "valid_from": 2023, "valid_to": None,
     "department_name": "Solparken II"},
    {"department_id": "200-01", "housing_organisation": "Boligselskab B", "area_id": None,
     "area_name": None, "municipality_code": "657", "valid_from": 2020, "valid_to": None,
     "department_name": None},
]  # fmt: skip

PERSON_TYPES = {
    "year": pa.int32(),
    "person_id": pa.int64(),
    "age": pa.int32(),
    "gross_income": pa.int64(),
    "public_support_cost": pa.int64(),
    "grade_danish_9": pa.float64(),
    "grade_math_9": pa.float64(),
    "mother_id": pa.int64(),
}
BOOLEANS = {k for k, v in DEFAULTS.items() if isinstance(v, bool)} | {
    "completed_youth_education",
    "language_support",
}


def person_rows() -> list[dict[str, Any]]:
    rows = []
    for year in (2022, 2023):
        for pid, person in PEOPLE_2022.items():
            row = {**DEFAULTS, **person, "year": year, "person_id": pid}
            if year == 2023:
                row.update(CHANGES_2023.get(pid, {}))
                row["age"] += 1
            rows.append(row)
    rows.append({**DEFAULTS, **P13, "year": 2023, "person_id": 13})
    return rows


def persons_table(rows: list[dict[str, Any]]) -> pa.Table:
    columns = list(rows[0])
    arrays = {}
    for name in columns:
        kind = PERSON_TYPES.get(name, pa.bool_() if name in BOOLEANS else pa.string())
        if any(isinstance(row[name], str) for row in rows):
            kind = pa.string()  # e.g. text person ids
        arrays[name] = pa.array([row[name] for row in rows], kind)
    return pa.table(arrays)


def departments_table(rows: list[dict[str, Any]]) -> pa.Table:
    kinds = {"valid_from": pa.int32(), "valid_to": pa.int32()}
    return pa.table(
        {name: pa.array([r[name] for r in rows], kinds.get(name, pa.string())) for name in rows[0]}
    )


def write_extract(
    directory: Path,
    rows: list[dict[str, Any]] | None = None,
    departments: list[dict[str, Any]] | None = None,
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    pq.write_table(persons_table(rows or person_rows()), directory / "persons.parquet")
    pq.write_table(
        departments_table(departments or DEPARTMENT_ROWS), directory / "departments.parquet"
    )
    return directory
