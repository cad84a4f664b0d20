"""The indicator engine: every register definition, every unit, every level, on DuckDB.

    result = compute("extract/", mapping="herning.yaml", progress=bar_callback)
    result.input_hash        # sha256 over the extract files (and the mapping file)
    result.table             # pyarrow Table, one row per (level, unit, indicator, year)

Order of work: find the files, validate everything (`validate.py`; nothing is computed when the
extract has a problem), then one pass over the persons rows for all definitions (`sql.cells_sql`),
one join of children to their mothers for the SFI indicator, the roll-up to all levels
(`sql.base_sql`) and per definition the finishing query (`sql.finish_sql`) — the same SQL text
`compile_sql` gives for PostgreSQL. Input hashing runs in a thread alongside.
"""

# ruff: noqa: S608 - SQL is built from definitions and schema names, not from input values.

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from helhed.domain.indicators import sql
from helhed.domain.indicators.definitions import (
    ALL_LEVELS,
    IndicatorDefinition,
    Level,
    Relation,
    Source,
)
from helhed.domain.indicators.geography import COUNTRY_ID, COUNTRY_NAME, MUNICIPALITIES, REGIONS
from helhed.domain.indicators.mapping import IDENTITY, Mapping, load_mapping
from helhed.domain.indicators.registry import register_definitions
from helhed.domain.indicators.schema import DEPARTMENT_NAME_COLUMN
from helhed.domain.indicators.validate import PreparedExtract, locate_extract, open_extract

# (step description in Danish, steps done, steps in total) — e.g. to drive a tqdm bar.
ProgressCallback = Callable[[str, int, int], None]

RESULT_COLUMNS = (
    "level",
    "unit_id",
    "unit_name",
    "indicator",
    "year",
    "value",
    "numerator",
    "denominator",
    "suppressed",
)
_LEVEL_ORDER = {level: index for index, level in enumerate(Level)}
_HASH_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class ResultRow:
    level: str
    unit_id: str
    unit_name: str
    indicator: str
    year: int
    value: float | None
    numerator: float | None
    denominator: float | None
    suppressed: bool


@dataclass(frozen=True)
class EngineResult:
    table: pa.Table  # columns RESULT_COLUMNS, sorted by level, unit_id, indicator, year
    input_hash: str
    years: tuple[int, ...]
    versions: dict[str, int]  # indicator key → definition version used

    def rows(self) -> Iterator[ResultRow]:
        for batch in self.table.to_batches():
            for record in batch.to_pylist():
                yield ResultRow(**record)

    def __len__(self) -> int:
        return self.table.num_rows


def input_hash(paths: Iterable[Path]) -> str:
    """sha256 over each file's name, size and bytes, in the given order."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(f"{path.name}\0{path.stat().st_size}\0".encode())
        with path.open("rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


def _names_sql(has_department_name: bool) -> str:
    """unit_name for every (level, unit_id)."""
    fallback = "MAX(housing_organisation) || ' ' || department_id"
    department_name = (
        f"COALESCE(MAX({DEPARTMENT_NAME_COLUMN}), {fallback})" if has_department_name else fallback
    )
    municipalities = ", ".join(
        f"('{m.code}', '{m.name.replace(chr(39), chr(39) * 2)}')" for m in MUNICIPALITIES
    )
    regions = ", ".join(f"('{r.code}', '{r.name}')" for r in REGIONS)
    return (
        f"SELECT 'department' AS level, department_id AS unit_id, {department_name} AS unit_name "
        "FROM departments GROUP BY department_id "
        "UNION ALL SELECT 'area', area_id, COALESCE(MAX(area_name), area_id) FROM departments "
        "WHERE area_id IS NOT NULL GROUP BY area_id "
        "UNION ALL SELECT 'municipality', code, name "
        f"FROM (VALUES {municipalities}) AS m(code, name) "
        f"UNION ALL SELECT 'region', code, name FROM (VALUES {regions}) AS r(code, name) "
        f"UNION ALL SELECT 'country', '{COUNTRY_ID}', '{COUNTRY_NAME}'"
    )


def _load_mapping(mapping: Mapping | str | Path | None) -> Mapping:
    if mapping is None:
        return IDENTITY
    if isinstance(mapping, Mapping):
        return mapping
    return load_mapping(mapping)


def compute(
    extract: str | Path,
    *,
    mapping: Mapping | str | Path | None = None,
    definitions: Sequence[IndicatorDefinition] | None = None,
    levels: Sequence[Level] = ALL_LEVELS,
    progress: ProgressCallback | None = None,
    threads: int | None = None,
) -> EngineResult:
    """Validate the extract in `extract` and compute every register definition.

    Raises MappingError for an unusable mapping file and ExtractError (listing every problem)
    for an unusable extract; in both cases nothing is computed.
    """
    chosen = tuple(definitions) if definitions is not None else register_definitions()
    for definition in chosen:
        if definition.source is not Source.REGISTER:
            raise ValueError(f"{definition.key} beregnes ikke fra registerudtrækket")
    files = locate_extract(extract, _load_mapping(mapping))
    total = 4 + len(chosen)
    done = 0

    def step(label: str) -> None:
        nonlocal done
        if progress is not None:
            progress(label, done, total)
        done += 1

    with ThreadPoolExecutor(max_workers=1) as pool, duckdb.connect() as con:
        hashing = pool.submit(input_hash, files.paths())
        if threads is not None:
            con.execute(f"SET threads = {int(threads)}")
        step("Validerer udtrækket")
        prepared = open_extract(con, files)
        table = _compute_on(con, prepared, chosen, tuple(levels), step)
        step("Beregner inputhash")
        digest = hashing.result()
    if progress is not None:
        progress("Færdig", total, total)
    years = tuple(sorted({int(year) for year in table.column("year").to_pylist()}))
    return EngineResult(table, digest, years, {d.key: d.version for d in chosen})


def _compute_on(
    con: duckdb.DuckDBPyConnection,
    prepared: PreparedExtract,
    chosen: tuple[IndicatorDefinition, ...],
    levels: tuple[Level, ...],
    step: Callable[[str], None],
) -> pa.Table:
    step("Summerer personrækker og kontrollerer dem")
    if prepared.can_scan:
        # The first pass reads the checked view and carries the validation aggregates along.
        persons = [d for d in chosen if d.relation is Relation.PERSONS]
        con.execute(
            "CREATE OR REPLACE TEMP TABLE cells_persons AS "
            + sql.cells_sql(persons, Relation.PERSONS, "checked_persons", prepared.scan_columns())
        )
    prepared.finish("cells_persons")  # raises ExtractError; nothing below runs then
    for relation in Relation:
        own = [d for d in chosen if d.relation is relation]
        if relation is not Relation.PERSONS and not own:
            continue
        names = list(dict.fromkeys(name for d in own for name in sql.measure_columns(d)))
        cells = f"cells_{relation.value}"
        if relation is Relation.CHILD_MOTHER:
            step("Kobler børn til mødre")
            con.execute(f"CREATE OR REPLACE TEMP TABLE {cells} AS {sql.cells_sql(own, relation)}")
        # Every level is rolled up: the finishing queries need region and country as references.
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {sql.BASE_TABLES[relation]} AS "
            f"{sql.base_sql(cells, names, ALL_LEVELS)}"
        )
    parts = []
    for definition in chosen:
        step(f"Beregner {definition.key}")
        parts.append(con.execute(sql.finish_sql(definition, levels)).to_arrow_table())
    step("Samler resultatet")
    results = pa.concat_tables(parts) if parts else _empty()
    con.register("indicator_results", results)
    has_name = DEPARTMENT_NAME_COLUMN in {
        str(row[0]) for row in con.execute("DESCRIBE departments").fetchall()
    }
    level_order = " ".join(f"WHEN '{level.value}' THEN {i}" for level, i in _LEVEL_ORDER.items())
    return con.execute(
        "SELECT r.level, r.unit_id, COALESCE(n.unit_name, r.unit_id) AS unit_name, r.indicator, "
        "CAST(r.year AS INTEGER) AS year, r.value, r.numerator, r.denominator, r.suppressed "
        f"FROM indicator_results AS r LEFT JOIN ({_names_sql(has_name)}) AS n "
        "ON n.level = r.level AND n.unit_id = r.unit_id "
        f"ORDER BY CASE r.level {level_order} END, r.unit_id, r.indicator, r.year"
    ).to_arrow_table()


def _empty() -> pa.Table:
    return pa.table(
        {
            "level": pa.array([], pa.string()),
            "unit_id": pa.array([], pa.string()),
            "indicator": pa.array([], pa.string()),
            "year": pa.array([], pa.int32()),
            "value": pa.array([], pa.float64()),
            "numerator": pa.array([], pa.float64()),
            "denominator": pa.array([], pa.float64()),
            "suppressed": pa.array([], pa.bool_()),
        }
    )
