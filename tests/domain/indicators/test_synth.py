"""The synthetic generator: deterministic, calibrated, with the demo partnership in it."""

from __future__ import annotations

from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from helhed.domain import demo_partnership as demo
from helhed.domain.indicators.definitions import Level
from helhed.domain.indicators.engine import EngineResult, compute, input_hash
from helhed.domain.indicators.registry import register_definitions
from helhed.domain.indicators.synth import generate

PERSONS = 30_000


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("synth")
    generate(PERSONS, [2022, 2023], directory, seed=7)
    return directory


@pytest.fixture(scope="module")
def synth_result(synth_dir: Path) -> EngineResult:
    return compute(synth_dir)


def _files(directory: Path) -> list[Path]:
    return [directory / "persons.parquet", directory / "departments.parquet"]


def test_same_seed_same_bytes(synth_dir: Path, tmp_path: Path) -> None:
    generate(PERSONS, [2022, 2023], tmp_path, seed=7)
    assert input_hash(_files(tmp_path)) == input_hash(_files(synth_dir))


def test_other_seed_other_bytes(synth_dir: Path, tmp_path: Path) -> None:
    generate(PERSONS, [2022, 2023], tmp_path, seed=8)
    assert input_hash(_files(tmp_path)) != input_hash(_files(synth_dir))


def test_rows_per_year_and_persistence(synth_dir: Path) -> None:
    table = pq.read_table(synth_dir / "persons.parquet", columns=["year", "person_id", "age"])
    first = table.filter(pc.equal(table["year"], 2022))
    second = table.filter(pc.equal(table["year"], 2023))
    assert first.num_rows == second.num_rows == PERSONS
    ages = dict(zip(first["person_id"].to_pylist(), first["age"].to_pylist(), strict=True))
    stayed = [
        (ages[p], a)
        for p, a in zip(second["person_id"].to_pylist(), second["age"].to_pylist(), strict=True)
        if p in ages
    ]
    assert len(stayed) > 0.97 * PERSONS
    assert all(after == before + 1 for before, after in stayed)


def test_demo_partnership_is_in_the_extract(synth_dir: Path, synth_result: EngineResult) -> None:
    departments = pq.read_table(synth_dir / "departments.parquet").to_pylist()
    by_id = {row["department_id"]: row for row in departments}
    for department in (*demo.DEPARTMENTS, *demo.SECOND_DEPARTMENTS):
        assert by_id[department.department_id]["area_id"] == department.area_id
    areas = {r["unit_id"] for r in synth_result.table.to_pylist() if r["level"] == "area"}
    assert {"657-LYN", "657-HOL", "657-BRA", "791-ELL"} <= areas
    municipalities = {
        r["unit_id"] for r in synth_result.table.to_pylist() if r["level"] == "municipality"
    }
    assert len(municipalities) == 98


def _national(result: EngineResult, key: str, year: int = 2023) -> float:
    [row] = [
        r for r in result.table.to_pylist()
        if r["level"] == "country" and r["indicator"] == key and r["year"] == year
    ]  # fmt: skip
    return float(row["value"])


def test_calibrated_national_figures(synth_result: EngineResult) -> None:
    # 18+ in 30,000 persons ≈ 24,000: the sampling SD of a 73 % share is ≈ 0.3 points; the
    # generator's own calibration error at 1,000,000 persons was < 0.1 points. ±1.5 points is
    # five SDs: a real miscalibration fails, chance does not.
    assert _national(synth_result, "employment_18plus") == pytest.approx(73.0, abs=1.5)
    assert _national(synth_result, "under_18_share") == pytest.approx(20.0, abs=1.5)
    # conviction is rare (≈ 170 cases here): SD ≈ 0.05 points
    assert _national(synth_result, "convicted_18plus") == pytest.approx(0.7, abs=0.25)


def _criteria_met(result: EngineResult, year: int = 2023) -> dict[str, int]:
    """Area → how many of the four udsat criteria it meets (the residents test left out)."""
    values: dict[str, dict[str, float]] = {}
    for r in result.table.to_pylist():
        if r["level"] == "area" and r["year"] == year and r["value"] is not None:
            values.setdefault(r["unit_id"], {})[r["indicator"]] = r["value"]
    return {
        area: sum(
            [
                v.get("outside_labour_market_18_64", 0) > 40,
                v.get("convicted_18plus_ratio", 0) >= 3,
                v.get("basic_education_30_59", 0) > 60,
                v.get("gross_income_15_64_pct_of_region", 100) < 55,
            ]
        )
        for area, v in values.items()
    }


def test_some_areas_meet_the_list_criteria_and_some_do_not(synth_result: EngineResult) -> None:
    met = _criteria_met(synth_result)
    assert any(count >= 2 for count in met.values())
    assert any(count == 0 for count in met.values())


LISTED_PERSONS = 1_000_000
_LISTED_KEYS = {
    "outside_labour_market_18_64",
    "convicted_18plus_ratio",
    "basic_education_30_59",
    "gross_income_15_64_pct_of_region",
    "employment_18plus",
    "under_18_share",
    "sfi_risk_children",
}


@pytest.fixture(scope="module")
def listed_result(tmp_path_factory: pytest.TempPathFactory) -> EngineResult:
    """1,000,000 persons (seed 1, as the calibration report): about a dozen areas meet two
    criteria. Only the indicators needed, at area and country level (about 5 s in all)."""
    directory = tmp_path_factory.mktemp("synth-listed")
    generate(LISTED_PERSONS, [2022, 2023], directory, seed=1)
    chosen = [d for d in register_definitions() if d.key in _LISTED_KEYS]
    return compute(directory, definitions=chosen, levels=(Level.AREA, Level.COUNTRY))


def _pooled(result: EngineResult, areas: set[str], key: str, year: int = 2023) -> float:
    rows = [
        r for r in result.table.to_pylist()
        if r["level"] == "area" and r["unit_id"] in areas and r["indicator"] == key
        and r["year"] == year and r["denominator"]
    ]  # fmt: skip
    return 100 * sum(r["numerator"] for r in rows) / sum(r["denominator"] for r in rows)


def test_calibrated_figures_in_the_areas_meeting_the_list_criteria(
    listed_result: EngineResult,
) -> None:
    """KL (2016): 46 % of 18+ employed in vulnerable areas (p. 4), 27 % under 18 (p. 6), 37 %
    of children with three or more of SFI's risk factors (p. 6); docs/extract-format.md.

    The areas meeting two or more of the four udsat criteria, whatever their size, pooled (sum
    of numerators over sum of denominators). The sampling error here is mostly which areas
    qualify and which families live in them, not the number of persons: over seeds 1-8 at
    this size the pooled figure's SD was 1.6 points (employment), 0.6 (under 18) and 4.1 (SFI,
    about 2,000 children of about 1,000 mothers). The tolerances are 2.2, 3.3 and 2.0 SDs: every
    one of the eight seeds passes, and the calibration before this one (40-42 % employed and
    46-53 % SFI 3+ on seeds 1-4) fails both.
    """
    met = _criteria_met(listed_result)
    listed = {area for area, count in met.items() if count >= 2}
    assert 5 <= len(listed) < len(met) / 4
    assert _pooled(listed_result, listed, "employment_18plus") == pytest.approx(46.0, abs=3.5)
    assert _pooled(listed_result, listed, "under_18_share") == pytest.approx(27.0, abs=2)
    assert _pooled(listed_result, listed, "sfi_risk_children") == pytest.approx(37.0, abs=8)
    # the country keeps its figures too (seed-to-seed SD about 0.2 points at this size)
    assert _national(listed_result, "employment_18plus") == pytest.approx(73.0, abs=1)
    assert _national(listed_result, "under_18_share") == pytest.approx(20.0, abs=1)


def test_needs_room_for_the_demo_areas(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="mindst"):
        generate(100, [2022], tmp_path)


def test_full_size_demo_keeps_the_demo_areas_at_real_size(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Whatever the national size, the demo areas get about 2.2 residents per tenancy."""
    import duckdb

    from helhed.domain import demo_partnership as demo
    from helhed.domain.indicators.synth import generate

    generate(70_000, [2021], tmp_path, seed=3, full_size_demo=True)
    counts = dict(
        duckdb.sql(
            f"SELECT d.area_id, COUNT(*) FROM '{tmp_path}/persons.parquet' p "
            f"JOIN '{tmp_path}/departments.parquet' d USING (department_id) "
            "WHERE d.area_id LIKE '657-%' AND LENGTH(d.area_id) = 7 GROUP BY 1"
        ).fetchall()
    )
    tenancies = {
        a.area_id: sum(d.tenancies for d in demo.DEPARTMENTS if d.area_id == a.area_id)
        for a in demo.AREAS
    }
    for area_id, residents in counts.items():
        if area_id in tenancies:
            assert 1.5 * tenancies[area_id] <= residents <= 3.0 * tenancies[area_id], area_id
    assert set(tenancies) <= set(counts)
