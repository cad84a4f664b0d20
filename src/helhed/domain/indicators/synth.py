"""Deterministic synthetic extract generator (no real person is in it).

    generate(persons=5_900_000, years=[2022, 2023], out_dir="extract/", seed=1)

writes `persons.parquet` (one row per person per year, the schema of schema.PERSONS) and
`departments.parquet`. The same persons persist across years (same person_id, age + 1); each
year a few die or emigrate and as many are born (to a mother in the data) or immigrate, so every
year has exactly `persons` rows. Children 0-17 link to their mother via mother_id (3 % unknown).

Calibration (the figures KL's catalogue states, see docs/extract-format.md and
scripts/synth_calibration.py): 73 % of 18+ employed nationally vs 46 % in vulnerable areas; 20 %
vs 27 % under 18; 37 % of children in vulnerable areas with three or more of SFI's risk factors;
about 0.7 % of 18+ convicted a year; 29,000 vs 65,000 kr public support per resident. Area
profiles range from ordinary to very vulnerable, so some areas meet the list criteria and some
do not. Measured at 1,000,000 persons (seeds 1-8, data year 2023): 73.1 % of 18+ employed,
19.6 % under 18, 0.72 % of 18+ convicted, 29,700 kr per resident; in the areas meeting two or
more of the four udsat criteria 46.1 % employed, 27.3 % under 18, 37.1 % of children with three
or more SFI risk factors (the housing factor is counted for every social-housing mother) and
64,200 kr.

Attributes that go together (employment, education, income, benefits, crime) share a
per-person disadvantage draw, so they correlate as they do in reality. Everything is vectorised
with numpy and written one year at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from helhed.domain.indicators.geography import MUNICIPALITY_BY_CODE
from helhed.domain.indicators.schema import EDUCATION_CODES, LABOUR_STATUS_CODES, ORIGIN_CODES
from helhed.domain.indicators.synth_attributes import year_attributes
from helhed.domain.indicators.synth_places import Places, build_places

ROW_GROUP = 1_000_000
F32 = np.float32


@dataclass
class Population:
    """The persistent state of every person alive in the current year."""

    person_id: np.ndarray  # int64
    location: np.ndarray  # int64, index into Places
    female: np.ndarray  # bool
    age: np.ndarray  # int16
    origin: np.ndarray  # int8, index into ORIGIN_CODES
    disadvantage: np.ndarray  # float32 uniform; high = more disadvantaged, shared by attributes
    education_draw: np.ndarray  # float32 uniform, persistent highest-education draw
    family_draw: np.ndarray  # float32 uniform, persistent nuclear-family draw
    mother: np.ndarray  # int64 person_id of the mother, -1 when unknown


@dataclass(frozen=True)
class SynthSummary:
    persons_path: Path
    departments_path: Path
    persons_per_year: int
    years: tuple[int, ...]
    departments: int
    areas: int


def _correlated(rng: np.random.Generator, base: np.ndarray, rho: float) -> np.ndarray:
    """Uniform draws equal to `base` with probability rho: marginally uniform, correlated."""
    fresh = rng.random(len(base), dtype=F32)
    take = rng.random(len(base), dtype=F32) < rho
    fresh[take] = base[take]
    return fresh


def _origin(rng: np.random.Generator, v: np.ndarray, descendant_share: np.ndarray) -> np.ndarray:
    nonwestern = np.clip(0.06 + 0.62 * v, 0.0, 0.9)
    u = rng.random(len(v), dtype=F32)
    descendant = rng.random(len(v), dtype=F32) < descendant_share
    origin = np.zeros(len(v), dtype=np.int8)
    western = (u >= nonwestern) & (u < nonwestern + 0.05)
    origin[western] = np.where(descendant[western], 2, 1)
    origin[u < nonwestern] = np.where(descendant[u < nonwestern], 4, 3)
    return origin


def _assign_mothers(
    rng: np.random.Generator,
    grown_loc: np.ndarray,
    age: np.ndarray,
    female: np.ndarray,
    children: np.ndarray,
    v: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Children's locations (grouped like np.repeat) and their mother's row (-1: none).

    In each location the first k women aged 20-57 (in random order) are the mothers, k chosen
    for 1.8-2.3 children per mother; each child picks one of them.
    """
    locations = len(children)
    candidate = np.flatnonzero(female & (age >= 20) & (age <= 57))
    order = np.lexsort((rng.random(len(candidate)), grown_loc[candidate]))
    candidate = candidate[order]
    starts = np.searchsorted(grown_loc[candidate], np.arange(locations))
    available = np.bincount(grown_loc[candidate], minlength=locations)
    wanted = np.ceil(children / (1.8 + 0.5 * np.clip(v, 0, 1))).astype(np.int64)
    count = np.minimum(wanted, available)
    child_loc = np.repeat(np.arange(locations), children)
    pick = np.floor(rng.random(len(child_loc)) * count[child_loc]).astype(np.int64)
    has = count[child_loc] > 0
    mother = np.full(len(child_loc), -1, dtype=np.int64)
    mother[has] = candidate[starts[child_loc[has]] + pick[has]]
    return child_loc, mother


def _child_origin(mother_origin: np.ndarray) -> np.ndarray:
    # a child born here to an immigrant or descendant is a descendant of the same group
    return np.select([mother_origin == 0, mother_origin <= 2], [0, 2], 4).astype(np.int8)


def _initial(places: Places, rng: np.random.Generator) -> Population:
    v = places.vulnerability
    sizes = places.size
    locations = np.arange(len(sizes))
    children = rng.binomial(sizes, np.clip(0.19 + 0.09 * v, 0.1, 0.4))
    elderly_p = np.clip((0.21 - 0.10 * v) / (0.81 - 0.09 * v), 0, 1)
    elderly = rng.binomial(sizes - children, elderly_p)
    adults = sizes - children - elderly
    grown_loc = np.concatenate([np.repeat(locations, adults), np.repeat(locations, elderly)])
    n_adults = int(adults.sum())
    gv = v[grown_loc].astype(F32)
    u = rng.random(len(grown_loc), dtype=F32)
    age = np.empty(len(grown_loc), dtype=np.int16)
    # vulnerable areas are younger: skew adult ages down as v rises
    age[:n_adults] = 18 + np.floor(47 * u[:n_adults] ** (1 + 0.3 * np.clip(gv[:n_adults], 0, 1)))
    age[n_adults:] = 65 + np.floor(33 * u[n_adults:] ** 1.8)
    female = rng.random(len(grown_loc), dtype=F32) < np.where(age >= 65, 0.55, 0.5)
    origin = _origin(rng, gv, np.where(age < 30, 0.35, 0.1).astype(F32))

    child_loc, mother_row = _assign_mothers(rng, grown_loc, age, female, children, v)
    has = mother_row >= 0
    safe = np.maximum(mother_row, 0)
    mother_age = np.where(has, age[safe], 30)
    low = np.maximum(0, mother_age - 45)
    high = np.minimum(17, mother_age - 18)
    child_age = (low + np.floor(rng.random(len(child_loc)) * (high - low + 1))).astype(np.int16)
    child_origin = _child_origin(origin[safe])
    orphans = ~has
    child_origin[orphans] = _origin(
        rng, v[child_loc[orphans]].astype(F32), np.full(int(orphans.sum()), 0.9, F32)
    )

    grown = len(grown_loc)
    n = grown + len(child_loc)
    ids = rng.permutation(n).astype(np.int64) + 10_000_000
    disadvantage = rng.random(n, dtype=F32)
    child_part = disadvantage[grown:]
    inherit = has & (rng.random(len(child_loc), dtype=F32) < 0.6)
    child_part[inherit] = disadvantage[safe[inherit]]
    known = has & (rng.random(len(child_loc), dtype=F32) >= 0.03)
    mother_id = np.where(known, ids[safe], -1)
    return Population(
        person_id=ids,
        location=np.concatenate([grown_loc, child_loc]),
        female=np.concatenate([female, rng.random(len(child_loc), dtype=F32) < 0.49]),
        age=np.concatenate([age, child_age]),
        origin=np.concatenate([origin, child_origin]),
        disadvantage=disadvantage,
        education_draw=_correlated(rng, disadvantage, 0.6),
        family_draw=_correlated(rng, disadvantage, 0.25),
        mother=np.concatenate([np.full(grown, -1, np.int64), mother_id]),
    )


def _next_year(
    population: Population, rng: np.random.Generator, next_id: int
) -> tuple[Population, int]:
    """Everyone a year older; deaths and emigration replaced by births and immigration."""
    age = population.age + 1
    leave_p = np.select(
        [age < 50, age < 70, age < 85, age < 105], [0.004, 0.007, 0.034, 0.124], 1.0
    )
    stay = rng.random(len(age), dtype=F32) >= leave_p
    kept = Population(
        **{
            name: (age if name == "age" else getattr(population, name))[stay]
            for name in Population.__dataclass_fields__
        }
    )
    replaced = len(age) - int(stay.sum())
    births = round(0.75 * replaced)
    immigrants = replaced - births
    women = np.flatnonzero(kept.female & (kept.age >= 20) & (kept.age <= 42))
    mothers = women[rng.integers(len(women), size=births)] if len(women) else np.zeros(0, int)
    births = len(mothers)
    immigrants = replaced - births
    hosts = rng.integers(len(kept.age), size=immigrants)
    new_ids = np.arange(next_id, next_id + replaced, dtype=np.int64)
    newborn_dis = rng.random(births, dtype=F32)
    inherit = rng.random(births, dtype=F32) < 0.6
    newborn_dis[inherit] = kept.disadvantage[mothers[inherit]]
    disadvantage = np.concatenate([newborn_dis, rng.random(immigrants, dtype=F32)])
    arrivals = Population(
        person_id=new_ids,
        location=np.concatenate([kept.location[mothers], kept.location[hosts]]),
        female=rng.random(replaced, dtype=F32) < 0.5,
        age=np.concatenate(
            [np.zeros(births, np.int16), (18 + rng.integers(0, 23, immigrants)).astype(np.int16)]
        ),
        origin=np.concatenate(
            [
                _child_origin(kept.origin[mothers]),
                np.where(rng.random(immigrants) < 0.6, 3, 1).astype(np.int8),
            ]
        ),
        disadvantage=disadvantage,
        education_draw=_correlated(rng, disadvantage, 0.6),
        family_draw=_correlated(rng, disadvantage, 0.25),
        mother=np.concatenate([kept.person_id[mothers], np.full(immigrants, -1, np.int64)]),
    )
    merged = Population(
        **{
            name: np.concatenate([getattr(kept, name), getattr(arrivals, name)])
            for name in Population.__dataclass_fields__
        }
    )
    return merged, next_id + replaced


def _dictionary(
    indices: np.ndarray, values: list[str], valid: np.ndarray | None = None
) -> pa.Array:
    mask = None if valid is None else ~valid
    return pa.DictionaryArray.from_arrays(
        pa.array(indices.astype(np.int32), mask=mask), pa.array(values, pa.string())
    )


def _nullable(values: np.ndarray, valid: np.ndarray, kind: pa.DataType) -> pa.Array:
    return pa.array(values, mask=~valid).cast(kind)


def _year_table(
    population: Population, places: Places, year: int, offset: int, rng: np.random.Generator
) -> pa.Table:
    v_location = places.vulnerability + places.trend * offset
    attributes = year_attributes(population, v_location[population.location], rng)
    department_ids = [str(row["department_id"]) for row in places.departments[: places.original]]
    municipality_codes = sorted(MUNICIPALITY_BY_CODE)
    region_codes = sorted({m.region_code for m in MUNICIPALITY_BY_CODE.values()})
    muni_index = {code: i for i, code in enumerate(municipality_codes)}
    location_muni = np.array([muni_index[str(c)] for c in places.municipality_code])
    region_of_muni = np.array(
        [region_codes.index(MUNICIPALITY_BY_CODE[c].region_code) for c in municipality_codes]
    )
    person_muni = location_muni[population.location]
    department = places.department_index[population.location]
    a = attributes
    columns: dict[str, pa.Array] = {
        "year": pa.array(np.full(len(population.age), year, np.int32)),
        "person_id": pa.array(population.person_id),
        "municipality_code": _dictionary(person_muni, municipality_codes),
        "region_code": _dictionary(region_of_muni[person_muni], region_codes),
        "department_id": _dictionary(np.maximum(department, 0), department_ids, department >= 0),
        "age": pa.array(population.age.astype(np.int32)),
        "sex": _dictionary(np.where(population.female, 0, 1), ["F", "M"]),
        "origin": _dictionary(population.origin, list(ORIGIN_CODES)),
        "labour_status": _dictionary(a["labour_status"], list(LABOUR_STATUS_CODES)),
        "education": _dictionary(a["education"], list(EDUCATION_CODES)),
    }
    for name in ("in_education", "gross_income", "taxable", "convicted", "charged"):
        columns[name] = pa.array(a[name])
    for name in ("education_benefit", "cash_benefit_or_pension", "public_support_cost"):
        columns[name] = pa.array(a[name])
    for name in ("moved_out", "child_case"):
        columns[name] = pa.array(a[name])
    for name in ("grade_danish_9", "grade_math_9"):
        columns[name] = _nullable(
            a[name].astype(np.float64), a[f"{name}_valid"], pa.decimal128(18, 2)
        )
    for name in ("completed_youth_education", "language_support"):
        columns[name] = _nullable(a[name], a[f"{name}_valid"], pa.bool_())
    columns["mother_id"] = pa.array(population.mother, mask=population.mother < 0)
    columns["nuclear_family"] = pa.array(a["nuclear_family"])
    return pa.table(columns)


def _departments_table(places: Places) -> pa.Table:
    names = (
        "department_id",
        "housing_organisation",
        "area_id",
        "area_name",
        "municipality_code",
        "valid_from",
        "valid_to",
        "department_name",
        "tenancies",
    )
    types = {"valid_from": pa.int32(), "valid_to": pa.int32(), "tenancies": pa.int32()}
    return pa.table(
        {
            name: pa.array([row[name] for row in places.departments], types.get(name, pa.string()))
            for name in names
        }
    )


def generate(
    persons: int,
    years: list[int],
    out_dir: str | Path,
    seed: int = 1,
    progress: Callable[[str, int, int], None] | None = None,
    *,
    full_size_demo: bool = False,
) -> SynthSummary:
    """Write a deterministic synthetic extract of `persons` persons per year into `out_dir`.

    `full_size_demo` keeps the demo partnership's areas at real-world size (see build_places)."""
    if persons < 1 or not years:
        raise ValueError("der skal være mindst én person og ét år")
    years = sorted(years)
    if years != list(range(years[0], years[0] + len(years))):
        raise ValueError("årene skal være fortløbende, fx 2022,2023")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    places = build_places(persons, years[0], rng, full_size_demo=full_size_demo)
    population = _initial(places, rng)
    next_id = 10_000_000 + len(population.person_id)
    persons_path = out / "persons.parquet"
    departments_path = out / "departments.parquet"
    schema = None
    writer = None
    try:
        for offset, year in enumerate(years):
            if progress is not None:
                progress(f"Danner {year}", offset, len(years))
            if offset:
                population, next_id = _next_year(population, rng, next_id)
            table = _year_table(population, places, year, offset, rng)
            if writer is None:
                schema = table.schema
                writer = pq.ParquetWriter(persons_path, schema)
            writer.write_table(table.cast(schema), row_group_size=ROW_GROUP)
            del table
    finally:
        if writer is not None:
            writer.close()
    pq.write_table(_departments_table(places), departments_path)
    if progress is not None:
        progress("Færdig", len(years), len(years))
    areas = {row["area_id"] for row in places.departments if row["area_id"] is not None}
    return SynthSummary(
        persons_path=persons_path,
        departments_path=departments_path,
        persons_per_year=persons,
        years=tuple(years),
        departments=places.original,
        areas=len(areas),
    )
