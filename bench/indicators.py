"""Benchmark of the indicator engine (not a test).

    .venv/bin/python bench/indicators.py                       # 5,900,000 persons x 2 years
    .venv/bin/python bench/indicators.py --persons 1000000
    .venv/bin/python bench/indicators.py --extract DIR         # an existing extract

Times, each phase in its own subprocess so its peak memory (VmHWM from /proc, which includes
DuckDB's native allocations) is its own:
- engine: `compute()` — validation, every register indicator, every unit, every level;
- pandas: a straightforward pandas implementation of the same indicators (results must match);
- scan floor: DuckDB reading every column the engine uses once (MAX of each), nothing else.
Engine and pandas each write their result to a Parquet file for the comparison afterwards; that
write is timed apart and not counted (the floor has no result to write).
Engine and floor run RUNS times each (`--runs`), alternately (floor, engine, floor, engine,
…), so that both meet the same machine; each is reported as the fastest of its runs (the least
it takes: on a shared 2-core machine single runs of either were measured up to 1.5 times as
slow), and every run is printed with its CPU seconds (all threads). The first floor run follows
no pandas phase.
Ends with one JSON line: persons, engine_s, pandas_s, scan_floor_s, speedup_vs_pandas,
ratio_to_floor, peak_mb (the engine's peak).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helhed.domain.indicators.engine import compute
from helhed.domain.indicators.registry import REGISTRY
from helhed.domain.indicators.schema import PERSONS

KEYS = ["level", "unit_id", "indicator", "year"]
RUNS = 5


def _cpu_seconds() -> float:
    """CPU seconds of this process, all its threads (DuckDB's included), user and system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM), DuckDB's native memory included.

    VmHWM belongs to the address space, which exec replaces, so unlike ru_maxrss it does not
    inherit the parent's peak at fork time.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _write(table: pa.Table, out: Path) -> float:
    """Write a phase's result for the comparison; the seconds it took (not part of the phase)."""
    started = time.perf_counter()
    pq.write_table(table, out)
    return time.perf_counter() - started


def phase_engine(extract: Path, out: Path) -> float:
    return _write(compute(extract).table, out)


def phase_floor(extract: Path, out: Path) -> float:
    import duckdb

    columns = ", ".join(f"MAX({name})" for name in PERSONS.column_names)
    with duckdb.connect() as con:
        con.execute(
            f"SELECT {columns} FROM read_parquet('{extract / 'persons.parquet'}')"
        ).fetchall()
    return 0.0


# --- the pandas implementation ------------------------------------------------------------------


def _flag(series: pd.Series) -> np.ndarray:
    return series.to_numpy(dtype=bool, na_value=False)


def _measures(p: pd.DataFrame) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per person: (numerator, denominator) contribution of each register indicator."""
    age = p["age"].to_numpy()
    one = np.ones(len(p))
    labour, education, origin = p["labour_status"], p["education"], p["origin"]
    basic = _flag(education.isin(["basic", "unknown"]))
    adult = age >= 18

    def share(population: np.ndarray, hit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (population & hit).astype(float), population.astype(float)

    def mean(population: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.where(population, values, 0.0), population.astype(float)

    income_pop = (age >= 15) & (age <= 64) & _flag(p["taxable"]) & ~_flag(p["in_education"])
    danish = p["grade_danish_9"].to_numpy(dtype=float, na_value=np.nan)
    math = p["grade_math_9"].to_numpy(dtype=float, na_value=np.nan)
    youth = p["completed_youth_education"]
    language = p["language_support"]
    return {
        "outside_labour_market_18_64": share((age >= 18) & (age <= 64), _flag(labour.isin(["unemployed", "outside"]))),
        "convicted_18plus": share(adult, _flag(p["convicted"])),
        "basic_education_30_59": share((age >= 30) & (age <= 59), basic),
        "gross_income_15_64": mean(income_pop, p["gross_income"].to_numpy(dtype=float)),
        "nonwestern_share": share(one > 0, _flag(origin.isin(["nonwestern_immigrant", "nonwestern_descendant"]))),
        "residents": (one, one),
        "charged_10_17": share((age >= 10) & (age <= 17), _flag(p["charged"])),
        "education_benefit_18_29": share((age >= 18) & (age <= 29), _flag(p["education_benefit"])),
        "grade_danish_9": mean(~np.isnan(danish), np.nan_to_num(danish)),
        "grade_math_9": mean(~np.isnan(math), np.nan_to_num(math)),
        "youth_education_by_25": share((age == 25) & _flag(youth.notna()), _flag(youth)),
        "basic_education_25_29": share((age >= 25) & (age <= 29), basic),
        "child_case_0_17": share(age <= 17, _flag(p["child_case"])),
        "language_support_3_5": share((age >= 3) & (age <= 5) & _flag(language.notna()), _flag(language)),
        "employment_18plus": share(adult, _flag(labour == "employed")),
        "under_18_share": share(one > 0, age <= 17),
        "public_support_cost_per_resident": mean(one > 0, p["public_support_cost"].to_numpy(dtype=float)),
        "moved_out_residents": share(one > 0, _flag(p["moved_out"])),
    }  # fmt: skip


def _by_level(frame: pd.DataFrame, value_columns: list[str]) -> pd.DataFrame:
    """Sum value columns per (level, unit, year); area via the membership of each year."""
    parts = []
    for level, column in (
        ("department", "department_id"),
        ("area", "area_id"),
        ("municipality", "municipality_code"),
        ("region", "region_code"),
    ):
        grouped = (
            frame.dropna(subset=[column])
            .groupby([column, "year"], observed=True)[value_columns]
            .sum()
        )
        parts.append(grouped.reset_index().rename(columns={column: "unit_id"}).assign(level=level))
    country = (
        frame.groupby("year")[value_columns]
        .sum()
        .reset_index()
        .assign(unit_id="DK", level="country")
    )
    parts.append(country)
    return pd.concat(parts, ignore_index=True)


def _area_of(persons: pd.DataFrame, departments: pd.DataFrame) -> pd.Series:
    pairs = persons[["department_id", "year"]].drop_duplicates().dropna()
    merged = pairs.merge(departments, on="department_id")
    valid = (merged["valid_from"] <= merged["year"]) & (
        merged["valid_to"].fillna(9999) >= merged["year"]
    )
    merged = merged[valid & merged["area_id"].notna()][["department_id", "year", "area_id"]]
    return persons[["department_id", "year"]].merge(
        merged, how="left", on=["department_id", "year"]
    )["area_id"]


def _finish(base: pd.DataFrame, key: str) -> pd.DataFrame:
    definition = REGISTRY[key]
    frame = base[["level", "unit_id", "year", "region_code", f"n_{key}", f"d_{key}"]].copy()
    frame.columns = ["level", "unit_id", "year", "region_code", "numerator", "denominator"]
    n, d = frame["numerator"], frame["denominator"]
    if definition.measure.value == "total":
        frame["value"] = n.astype(float)
    else:
        factor = 100.0 if definition.measure.value == "share" else 1.0
        frame["value"] = (factor * n.astype(float) / d.astype(float)).where(d != 0)
    if definition.window == 2:
        previous = frame[["level", "unit_id", "year", "numerator", "denominator", "value"]].copy()
        previous["year"] += 1
        frame = frame.merge(
            previous, on=["level", "unit_id", "year"], how="left", suffixes=("", "_p")
        )
        frame["numerator"] = frame["numerator"] + frame["numerator_p"]
        frame["denominator"] = frame["denominator"] + frame["denominator_p"]
        frame["value"] = (frame["value"] + frame["value_p"]) / 2
    if key == "convicted_18plus_ratio":
        country = frame[frame["level"] == "country"].set_index("year")["value"]
        frame["value"] = frame["value"] / frame["year"].map(country)
    if key == "gross_income_15_64_pct_of_region":
        regions = frame[frame["level"] == "region"].set_index(["unit_id", "year"])["value"]
        country = frame[frame["level"] == "country"].set_index("year")["value"]
        reference = pd.Series(list(zip(frame["region_code"], frame["year"], strict=True))).map(
            regions
        )
        reference = reference.where(
            frame["level"].to_numpy() != "country", frame["year"].map(country).to_numpy()
        )
        frame["value"] = 100 * frame["value"] / reference.to_numpy()
    levels = [level.value for level in definition.levels]
    frame = frame[frame["level"].isin(levels)].assign(indicator=key)
    return frame[["level", "unit_id", "indicator", "year", "value", "numerator", "denominator"]]


def pandas_indicators(extract: Path) -> pd.DataFrame:
    persons = pd.read_parquet(extract / "persons.parquet")
    departments = pd.read_parquet(extract / "departments.parquet")
    for column in ("municipality_code", "region_code", "department_id"):
        persons[column] = persons[column].astype(object).where(persons[column].notna(), None)
    persons["area_id"] = _area_of(persons, departments).to_numpy()
    measures = _measures(persons)
    keys = list(measures)
    frame = persons[["year", "department_id", "area_id", "municipality_code", "region_code"]].copy()
    for key, (numerator, denominator) in measures.items():
        frame[f"n_{key}"], frame[f"d_{key}"] = numerator, denominator
    value_columns = [c for c in frame.columns if c[:2] in ("n_", "d_")]
    base = _by_level(frame, value_columns)
    region_of = persons.groupby("municipality_code")["region_code"].first()
    base["region_code"] = _region_codes(base, persons, region_of)
    # the SFI indicator: children joined to their mother's row of the same year
    children = persons[persons["age"] <= 17][
        ["year", "mother_id", "department_id", "area_id", "municipality_code", "region_code"]
    ]
    mothers = persons[
        [
            "year",
            "person_id",
            "nuclear_family",
            "convicted",
            "cash_benefit_or_pension",
            "education",
            "department_id",
        ]
    ]
    joined = children.merge(
        mothers, left_on=["year", "mother_id"], right_on=["year", "person_id"], suffixes=("", "_m")
    )
    factors = (
        (~joined["nuclear_family"]).astype(int) + joined["convicted"].astype(int)
        + joined["cash_benefit_or_pension"].astype(int) + joined["education"].isin(["basic", "unknown"]).astype(int)
        + joined["department_id_m"].notna().astype(int)
    )  # fmt: skip
    joined["n_sfi_risk_children"] = (factors >= 3).astype(float)
    joined["d_sfi_risk_children"] = 1.0
    sfi = _by_level(joined, ["n_sfi_risk_children", "d_sfi_risk_children"])
    base = base.merge(sfi, on=["level", "unit_id", "year"], how="left").fillna(
        {"n_sfi_risk_children": 0.0, "d_sfi_risk_children": 0.0}
    )
    for derived, source in (
        ("convicted_18plus_ratio", "convicted_18plus"),
        ("gross_income_15_64_pct_of_region", "gross_income_15_64"),
    ):
        base[f"n_{derived}"], base[f"d_{derived}"] = base[f"n_{source}"], base[f"d_{source}"]
    keys += ["convicted_18plus_ratio", "gross_income_15_64_pct_of_region", "sfi_risk_children"]
    return pd.concat([_finish(base, key) for key in keys], ignore_index=True)


def _region_codes(base: pd.DataFrame, persons: pd.DataFrame, region_of: pd.Series) -> np.ndarray:
    department_region = (
        persons.dropna(subset=["department_id"]).groupby("department_id")["region_code"].first()
    )
    area_region = persons.dropna(subset=["area_id"]).groupby("area_id")["region_code"].first()
    codes = np.empty(len(base), dtype=object)
    for level, mapping in (
        ("department", department_region),
        ("area", area_region),
        ("municipality", region_of),
    ):
        mask = (base["level"] == level).to_numpy()
        codes[mask] = base.loc[mask, "unit_id"].map(mapping).to_numpy()
    region = (base["level"] == "region").to_numpy()
    codes[region] = base.loc[region, "unit_id"].to_numpy()
    return codes


def phase_pandas(extract: Path, out: Path) -> float:
    return _write(pa.Table.from_pandas(pandas_indicators(extract), preserve_index=False), out)


# --- orchestration -------------------------------------------------------------------------------


def _run_phase(name: str, extract: Path, out: Path) -> dict[str, float]:
    command = [
        sys.executable,
        __file__,
        "--phase",
        name,
        "--extract",
        str(extract),
        "--out",
        str(out),
    ]
    completed = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _compare(engine_path: Path, pandas_path: Path) -> int:
    engine = pd.read_parquet(engine_path).drop(columns=["unit_name", "suppressed"])
    other = pd.read_parquet(pandas_path)
    merged = engine.merge(other, on=KEYS, how="outer", suffixes=("", "_pd"), indicator=True)
    missing = merged[merged["_merge"] != "both"]
    assert missing.empty, f"rækker kun på den ene side:\n{missing.head()}"
    for column in ("value", "numerator", "denominator"):
        a = merged[column].to_numpy(dtype=float, na_value=np.nan)
        b = merged[f"{column}_pd"].to_numpy(dtype=float, na_value=np.nan)
        same = np.isclose(a, b, rtol=1e-9, atol=1e-9) | (np.isnan(a) & np.isnan(b))
        assert same.all(), f"{column} afviger:\n{merged[~same].head()}"
    return len(merged)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=5_900_000)
    parser.add_argument("--years", default="2022,2023")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--extract", type=Path)
    parser.add_argument("--phase", choices=["engine", "pandas", "floor"])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--runs", type=int, default=RUNS, help="runs of engine and floor each")
    args = parser.parse_args()
    if args.phase:
        started = time.perf_counter()
        cpu_started = _cpu_seconds()
        writing = {"engine": phase_engine, "pandas": phase_pandas, "floor": phase_floor}[
            args.phase
        ](args.extract, args.out)
        seconds = time.perf_counter() - started - writing
        cpu = _cpu_seconds() - cpu_started - writing  # the write runs on one thread
        print(
            json.dumps(
                {"seconds": seconds, "cpu_s": cpu, "write_s": writing, "peak_mb": _peak_mb()}
            )
        )
        return
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        extract = args.extract
        if extract is None:
            from helhed.domain.indicators.synth import generate

            extract = work / "extract"
            started = time.perf_counter()
            generate(args.persons, [int(y) for y in args.years.split(",")], extract, args.seed)
            print(
                f"synthetic extract: {args.persons:,} persons/year in {time.perf_counter() - started:.1f} s"
            )
        rows_total = pq.ParquetFile(extract / "persons.parquet").metadata.num_rows
        years = pq.read_table(extract / "persons.parquet", columns=["year"])["year"].unique()
        size = rows_total // len(years)
        print(f"extract {extract}: {rows_total:,} person-year rows, {os.cpu_count()} cores")
        floors, engines = [], []
        for _ in range(args.runs):
            floors.append(_run_phase("floor", extract, work / "floor.parquet"))
            engines.append(_run_phase("engine", extract, work / "engine.parquet"))
        floor = min(floors, key=lambda run: run["seconds"])
        engine = min(engines, key=lambda run: run["seconds"])
        engine["peak_mb"] = max(run["peak_mb"] for run in engines)
        for name, runs in (("scan floor", floors), ("engine", engines)):
            times = sorted(run["seconds"] for run in runs)
            print(
                f"{name} runs: "
                + ", ".join(f"{run['seconds']:.2f} s" for run in runs)
                + f" (median {times[len(times) // 2]:.2f} s); CPU "
                + ", ".join(f"{run['cpu_s']:.2f}" for run in runs)
                + " s"
            )
        writes = ", ".join(f"{run['write_s']:.2f} s" for run in engines)
        print(f"engine runs also wrote the result file for the comparison (not timed): {writes}")
        pandas_run = _run_phase("pandas", extract, work / "pandas.parquet")
        rows = _compare(work / "engine.parquet", work / "pandas.parquet")
        print(f"results match: {rows:,} rows (value, numerator, denominator; rtol 1e-9)")
        for name, run in (("engine", engine), ("pandas", pandas_run), ("scan floor", floor)):
            print(f"{name:>10}: {run['seconds']:7.2f} s  peak {run['peak_mb']:7.0f} MB")
        speedup = pandas_run["seconds"] / engine["seconds"]
        ratio = engine["seconds"] / floor["seconds"]
        print(f"engine is {speedup:.1f}x pandas and {ratio:.2f}x the scan floor")
        print(
            json.dumps(
                {
                    "persons": size,
                    "engine_s": round(engine["seconds"], 3),
                    "pandas_s": round(pandas_run["seconds"], 3),
                    "scan_floor_s": round(floor["seconds"], 3),
                    "speedup_vs_pandas": round(speedup, 2),
                    "ratio_to_floor": round(ratio, 2),
                    "peak_mb": round(engine["peak_mb"]),
                }
            )
        )


if __name__ == "__main__":
    main()
