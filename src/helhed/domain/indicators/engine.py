"""The indicator engine: every register definition, every unit, every level, on DuckDB.

    result = compute("extract/", mapping="herning.yaml", progress=bar_callback)
    result.input_hash        # sha256 over the extract files (and the mapping file)
    result.table             # pyarrow Table, one row per (level, unit, indicator, year)

Order of work: find the files, validate everything (`validate.py`; nothing is computed when the
extract has a problem), then one pass over the persons rows for all definitions (`sql.cells_sql`),
one join of children to their mothers for the SFI indicator, the roll-up to all levels
(`sql.base_sql`) and per definition the finishing query (`sql.finish_sql`) — the same SQL text
`compile_sql` gives for PostgreSQL, carrying each unit's sort rank along; the result is sorted
by numbers and its texts looked up by rank afterwards. Input hashing runs in a thread
alongside, once the duplicate check's scan has run (its result is thrown away if validation
then fails). Large results reach Arrow through the relation API (`con.sql`), which collects
them on every thread.

Two steps take a faster route than the portable SQL, with the same sums:
- the first pass writes each sum in the form DuckDB computes fastest (`_duckdb_sum`: COUNT_IF
  for a count, COUNT/SUM for the non-missing values, …; a code column tested against a set of
  its codes by comparisons, `_code_set`), grouped per cell and age band first and then per cell
  (`bands.py`), so that sums differing only in the ages they count share one aggregate;
- the children → mothers join: when every child-mother sum depends on the mother's row alone
  (the SFI factors do) and person ids are whole numbers in a moderate range, each person's
  value is computed in the duplicate check's scan (validate.PersonIndex) and looked up by the
  dense position of (year, mother_id) in numpy (`_child_mother_sums`, on a thread of its own
  while DuckDB rolls the persons cells up), instead of probing a hash table with all twelve
  million persons rows.
"""

# ruff: noqa: S608 - SQL is built from definitions and schema names, not from input values.

from __future__ import annotations

import hashlib
import mmap
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from helhed.domain.indicators import bands, sql
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
from helhed.domain.indicators.schema import DEPARTMENT_NAME_COLUMN, PERSONS
from helhed.domain.indicators.validate import (
    PersonIndex,
    PreparedExtract,
    fetch_arrow,
    locate_extract,
    open_extract,
)

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
# `CASE WHEN <condition> THEN 1 ELSE 0 END` with no CASE inside the condition.
_FLAG = re.compile(r"CASE WHEN ((?:(?!\b(?:CASE|WHEN|THEN|ELSE|END)\b).)+) THEN 1 ELSE 0 END", re.S)
# A person's own columns under the names the child-mother relation gives the mother's.
_MOTHER_SCOPE = tuple(f"{column} AS mother_{column}" for column in sql.CHILD_MOTHER_COLUMNS)
_WHOLE_NUMBERS = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER"}


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
    """sha256 over each file's name, size and bytes, in the given order.

    The bytes are hashed where the page cache has them (mmap), not copied into a buffer first:
    0.15 against 0.23-0.30 CPU-s for the 182 MB persons file of the national extract.
    """
    digest = hashlib.sha256()
    for path in paths:
        size = path.stat().st_size
        digest.update(f"{path.name}\0{size}\0".encode())
        if not size:
            continue  # an empty file cannot be mapped, and has no bytes to hash
        with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as m:
            digest.update(m)
    return digest.hexdigest()


def _code_set(match: re.Match[str]) -> str:
    """`column IN ('a', 'b')` on a code column as the cheapest test with the same answer for
    every value the column can hold once the extract is valid (its codes, or NULL).

    The set's codes in a row at the end of the codes' sort order: one comparison
    (`labour_status IN ('unemployed', 'outside')` is `labour_status >= 'outside'`); otherwise
    equalities joined by OR, which DuckDB tests faster than IN. The first pass's sums are
    used only when every code check has passed (validate.PreparedExtract.finish).
    """
    column, listed = match.group(1), match.group(2)
    wanted = re.findall(r"'([a-z0-9_]+)'", listed)
    codes = sorted(PERSONS.column(column).codes)
    if not wanted or ", ".join(f"'{code}'" for code in wanted) != listed.strip():
        return match.group(0)
    if not set(wanted) <= set(codes) or not all(code.isascii() for code in codes):
        return match.group(0)  # byte order (DuckDB) and code-point order (sorted) differ
    positions = sorted(codes.index(code) for code in set(wanted))
    contiguous = positions == list(range(positions[0], positions[-1] + 1))
    if contiguous and positions[0] == 0:
        return f"{column} <= '{codes[positions[-1]]}'"
    if contiguous and positions[-1] == len(codes) - 1:
        return f"{column} >= '{codes[positions[0]]}'"
    return "(" + " OR ".join(f"{column} = '{code}'" for code in wanted) + ")"


_CODE_COLUMNS = "|".join(column.name for column in PERSONS.columns if column.codes)
_IN_CODES = re.compile(rf"\b({_CODE_COLUMNS}) IN \(([^()]*)\)")


def _duckdb_sum(population: str, expression: str) -> str:
    """`sql.sum_sql` in the form DuckDB computes fastest; the same number for every group.

    SUM(CASE WHEN p THEN CASE WHEN c THEN 1 ELSE 0 END ELSE 0 END) counts the rows where p and c
    are both true: COUNT_IF((p) AND (c)). SUM(CASE WHEN x IS NOT NULL THEN x ELSE 0 END) is
    COALESCE(SUM(x), 0), and counting the rows where x is not null is COUNT(x). Anything else
    is left as the portable form. A count is handed on as DOUBLE: exact (it is below 2^53), and
    DuckDB rolls doubles up several times faster than its 128-bit integer sums.
    """
    population = _IN_CODES.sub(_code_set, population)
    expression = _IN_CODES.sub(_code_set, expression)
    everyone = population == sql.ALL_ROWS
    present = bands.IS_NOT_NULL.fullmatch(population)
    if present and expression in ("1", present.group(1)):
        column = present.group(1)
        if expression != "1":
            return f"COALESCE(SUM({column}), 0)"
        return f"CAST(COUNT({column}) AS DOUBLE)"
    if expression == "1":
        return "CAST(COUNT(*) AS DOUBLE)" if everyone else f"CAST(COUNT_IF({population}) AS DOUBLE)"
    flag = _FLAG.fullmatch(expression)
    if flag:
        condition = flag.group(1) if everyone else f"({population}) AND ({flag.group(1)})"
        return f"CAST(COUNT_IF({condition}) AS DOUBLE)"
    return sql.sum_sql(population, expression)


def _first_pass_sql(
    con: duckdb.DuckDBPyConnection,
    definitions: Sequence[IndicatorDefinition],
    checks: Sequence[tuple[str, str]],
) -> str:
    """`sql.cells_sql` over `checked_persons` with the validation aggregates `checks` ((column
    name, aggregate), `PreparedExtract.scan_aggregates`), each sum in its DuckDB form
    (`_duckdb_sum`), grouped per cell and age band first when the age is a whole number
    (`bands.banded_sql`): the same columns and values."""
    extra = [f"{aggregate} AS {name}" for name, aggregate in checks]
    one_step = sql.cells_sql(
        definitions, Relation.PERSONS, "checked_persons", extra, aggregate=_duckdb_sum
    )
    types = dict(
        con.execute("SELECT column_name, column_type FROM (DESCRIBE checked_persons)").fetchall()
    )
    if str(types.get(bands.AGE)) not in _WHOLE_NUMBERS:
        return one_step
    items = [("row_count", "COUNT(*)")]
    items += [
        (name, _duckdb_sum(*parts))
        for name, parts in sql.measures(definitions, Relation.PERSONS).items()
    ]
    items += checks
    age = PERSONS.column(bands.AGE)
    usual = (
        (int(age.minimum), int(age.maximum))
        if age.minimum is not None and age.maximum is not None
        else None
    )
    return bands.banded_sql(items, "checked_persons", sql.CELL_KEYS, usual) or one_step


def _per_mother_values(
    con: duckdb.DuckDBPyConnection, definitions: Sequence[IndicatorDefinition]
) -> dict[str, str] | None:
    """The child-mother sums as one whole number per mother, when every one of them can be.

    Name → SQL over a person's own columns named as the mother's (`_MOTHER_SCOPE`); a child
    contributes its mother's number. Counting the children (everyone, 1) needs none. None when
    some sum refers to the child's columns or is not a whole number: then the SQL join.
    """
    values = {}
    for name, (population, expression) in sql.measures(definitions, Relation.CHILD_MOTHER).items():
        if population == sql.ALL_ROWS and expression == "1":
            continue
        values[name] = (
            expression
            if population == sql.ALL_ROWS
            else f"CASE WHEN {population} THEN {expression} ELSE 0 END"
        )
    if values:
        items = ", ".join(f"{value} AS v{i}" for i, value in enumerate(values.values()))
        try:
            described = con.execute(
                f"DESCRIBE SELECT {items} FROM "
                f"(SELECT {', '.join(_MOTHER_SCOPE)} FROM checked_persons) AS p"
            ).fetchall()
        except duckdb.Error:  # refers to a column of the child
            return None
        if any(str(row[1]) not in _WHOLE_NUMBERS for row in described):
            return None
    return values


def _fetch_children(con: duckdb.DuckDBPyConnection, index: PersonIndex) -> tuple[pa.Table, int]:
    """Every child (age 0-17 with a mother_id in the id range) as its cell's number (`cell_id`
    in the temporary table `cell_ids`) and its mother's dense position (`mother`); the number
    of cells."""
    keys = ", ".join(sql.CELL_KEYS)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE cell_ids AS "
        f"SELECT {keys}, CAST(ROW_NUMBER() OVER () - 1 AS INTEGER) AS cell_id FROM cells_persons"
    )
    number = con.execute("SELECT COUNT(*) FROM cell_ids").fetchone()
    cells = int(number[0]) if number else 0
    same = " AND ".join(
        f"k.{key} IS NOT DISTINCT FROM c.{key}"
        if PERSONS.column(key).nullable
        else f"k.{key} = c.{key}"
        for key in sql.CELL_KEYS
    )
    children = fetch_arrow(
        con,
        f"SELECT k.cell_id, {index.position_sql('c.mother_id', 'c.year')} AS mother "
        f"FROM persons AS c JOIN cell_ids AS k ON {same} "
        f"WHERE c.{sql.CHILD_CONDITION} AND c.mother_id BETWEEN {index.low} AND {index.high}",
    )
    return children, cells


def _child_mother_sums(
    index: PersonIndex,
    definitions: Sequence[IndicatorDefinition],
    values: dict[str, str],
    children: pa.Table,
    cells: int,
) -> pa.Table:
    """Per cell number, the sums of `sql.cells_sql(definitions, Relation.CHILD_MOTHER)` from
    the per-mother numbers in `index` (whole numbers, so exact also in float64): numpy only,
    no connection, so it can run on a thread of its own beside a query.

    A child whose mother has no row that year is not in the relation.
    """
    cell = children.column("cell_id").to_numpy()
    # Index arrays as numpy's own index type: converted once, not by every lookup below.
    mother = np.asarray(children.column("mother").to_numpy(), dtype=np.intp)
    # A child whose mother has no row that year is not in the relation (usually a few).
    missing = np.flatnonzero(~index.present[mother])
    row_count = np.bincount(cell, minlength=cells) - np.bincount(cell[missing], minlength=cells)
    counted = row_count.astype(np.float64)  # exact: whole numbers < 2^53
    columns: dict[str, np.ndarray] = {"cell_id": np.arange(cells), "row_count": row_count}
    for name in sql.measures(definitions, Relation.CHILD_MOTHER):
        if name not in values:  # counting the children: a count, as DOUBLE (see _duckdb_sum)
            columns[name] = counted
            continue
        positions, per_row = index.values[name]
        low = min(0, int(per_row.min(initial=0)))
        high = max(0, int(per_row.max(initial=0)))
        dense = np.zeros(
            len(index.present), np.result_type(np.min_scalar_type(low), np.min_scalar_type(high))
        )
        # Every other position is 0: no row (so a missing mother adds nothing), or the value 0.
        dense[positions] = per_row
        contributions = dense[mother]
        # Only the children whose mother's number is not 0 add anything: usually few.
        adding = np.flatnonzero(contributions)
        if max(abs(low), abs(high)) * len(contributions) < 2**53:
            # Whole numbers summed in float64 below 2^53: exact, like the SQL sum.
            columns[name] = np.bincount(
                cell[adding], weights=contributions[adding], minlength=cells
            )
        else:
            exact = np.zeros(cells, np.int64)
            np.add.at(exact, cell[adding], contributions[adding].astype(np.int64))
            columns[name] = exact
    keep = row_count > 0
    return pa.table({k: v[keep] for k, v in columns.items()})


def _store_child_mother_cells(con: duckdb.DuckDBPyConnection, sums: pa.Table) -> None:
    """`cells_child_mother`: the sums per cell number (`_child_mother_sums`) with the cell keys
    from `cell_ids`."""
    con.register("child_mother_sums", sums)
    names = ", ".join(f"s.{name}" for name in sums.column_names if name != "cell_id")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE cells_child_mother AS "
        f"SELECT {', '.join(f'k.{key}' for key in sql.CELL_KEYS)}, {names} "
        "FROM child_mother_sums AS s JOIN cell_ids AS k ON k.cell_id = s.cell_id"
    )
    con.unregister("child_mother_sums")


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

    # Two workers: the input hash and the children's numpy work (_compute_on) may overlap.
    with ThreadPoolExecutor(max_workers=2) as pool, duckdb.connect() as con:
        hashing: list[Future[str]] = []

        def start_hashing() -> None:
            if not hashing:
                hashing.append(pool.submit(input_hash, files.paths()))

        # Progress is reported through `progress`; DuckDB's own bar would print to the terminal.
        con.execute("SET enable_progress_bar = false")
        if threads is not None:
            con.execute(f"SET threads = {int(threads)}")
        step("Validerer udtrækket")
        prepared = open_extract(con, files)
        # Files are registered (a CSV file's rowid is its line order); from here on every
        # order that matters is an ORDER BY, so DuckDB need not keep rows in scan order.
        con.execute("SET preserve_insertion_order = false")
        table = _compute_on(con, prepared, chosen, tuple(levels), step, start_hashing, pool)
        step("Beregner inputhash")
        start_hashing()
        digest = hashing[0].result()
    if progress is not None:
        progress("Færdig", total, total)
    years = tuple(sorted(int(year) for year in table.column("year").unique().to_pylist()))
    return EngineResult(table, digest, years, {d.key: d.version for d in chosen})


def _compute_on(
    con: duckdb.DuckDBPyConnection,
    prepared: PreparedExtract,
    chosen: tuple[IndicatorDefinition, ...],
    levels: tuple[Level, ...],
    step: Callable[[str], None],
    start_hashing: Callable[[], None],
    pool: ThreadPoolExecutor,
) -> pa.Table:
    step("Summerer personrækker og kontrollerer dem")
    mothers = [d for d in chosen if d.relation is Relation.CHILD_MOTHER]
    per_mother = None
    if prepared.can_scan:
        # The first pass reads the checked view and carries the validation aggregates along.
        persons = [d for d in chosen if d.relation is Relation.PERSONS]
        con.execute(
            "CREATE OR REPLACE TEMP TABLE cells_persons AS "
            + _first_pass_sql(con, persons, prepared.scan_aggregates())
        )
        if mothers:
            per_mother = _per_mother_values(con, mothers)
    # Raises ExtractError; nothing below runs then. The input hash starts once the duplicate
    # check's scan has run: its numpy work leaves a core idle, and from there on DuckDB does
    # too at times (numpy, small queries); during the scans a third thread only slows them.
    prepared.finish(
        "cells_persons",
        list((per_mother or {}).items()),
        _MOTHER_SCOPE,
        after_scan=start_hashing,
    )
    start_hashing()  # when no scan ran (it does whenever every check passed)
    index = prepared.person_index
    pending: Future[pa.Table] | None = None
    if mothers:
        step("Kobler børn til mødre")
        if (
            index is not None
            and per_mother is not None
            and all(name in index.values for name in per_mother)
        ):
            children, cells = _fetch_children(con, index)
            # numpy on one core while DuckDB rolls the persons cells up (below).
            pending = pool.submit(_child_mother_sums, index, mothers, per_mother, children, cells)
        else:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE cells_child_mother AS "
                + sql.cells_sql(mothers, Relation.CHILD_MOTHER, aggregate=_duckdb_sum)
            )
    # Every level is rolled up: the finishing queries need region and country as references.
    has_name = DEPARTMENT_NAME_COLUMN in {
        str(row[0]) for row in con.execute("DESCRIBE departments").fetchall()
    }
    _roll_up(
        con,
        Relation.PERSONS,
        [d for d in chosen if d.relation is Relation.PERSONS],
        _ranked_and_named(has_name),
    )
    if mothers:
        if pending is not None:
            _store_child_mother_cells(con, pending.result())
        _roll_up(con, Relation.CHILD_MOTHER, mothers)
    # One query finishes every definition and sorts: no intermediate tables. Each row carries
    # its unit's rank in (level, unit_id) order from base_persons (`sql.finish_sql(carry=…)`),
    # and the query sorts by whole numbers only, that rank, the definition's rank in key order
    # and the year: the same order as by the texts. The texts (level, unit, name, indicator)
    # are looked up by the ranks afterwards, in Arrow. On the national extract's 383,000 rows
    # this takes about 0.2 s less than sorting the texts along and joining the names on.
    keys = sorted(d.key for d in chosen)
    indicator_rank = {key: rank for rank, key in enumerate(keys)}
    finished = []
    for number, definition in enumerate(chosen):
        step(f"Beregner {definition.key}")
        finished.append(
            f"SELECT *, {indicator_rank[definition.key]} AS indicator_rank "
            f"FROM ({sql.finish_sql(definition, levels, ['unit_rank'])}) AS f{number}"
        )
    step("Samler resultatet")
    if not finished:
        con.register("indicator_results", _empty())
        finished.append("SELECT *, 1 AS unit_rank, 0 AS indicator_rank FROM indicator_results")
    numbers = con.sql(
        "SELECT unit_rank, indicator_rank, CAST(year AS INTEGER) AS year, value, numerator, "
        f"denominator, suppressed FROM ({' UNION ALL '.join(finished)}) AS r "
        "ORDER BY unit_rank, indicator_rank, year"
    ).to_arrow_table()
    units = con.sql(
        "SELECT DISTINCT unit_rank, level, unit_id, unit_name "
        f"FROM {sql.BASE_TABLES[Relation.PERSONS]} ORDER BY unit_rank"
    ).to_arrow_table()
    if units.column("unit_rank").to_pylist() != list(range(1, units.num_rows + 1)):
        raise RuntimeError("enhedernes rækkefølge er ikke entydig")  # by construction: never
    unit = pc.subtract(numbers.column("unit_rank"), 1)  # ranks count from 1
    texts = {name: units.column(name).take(unit) for name in ("level", "unit_id", "unit_name")}
    texts["indicator"] = pa.array(keys, pa.string()).take(numbers.column("indicator_rank"))
    return pa.table(
        {name: texts[name] if name in texts else numbers.column(name) for name in RESULT_COLUMNS}
    )


def _roll_up(
    con: duckdb.DuckDBPyConnection,
    relation: Relation,
    definitions: Sequence[IndicatorDefinition],
    wrap: Callable[[str], str] = lambda base: base,
) -> None:
    """`cells_<relation>` rolled up to every level as `sql.BASE_TABLES[relation]`; `wrap`
    turns the roll-up query into the table's query."""
    names = list(dict.fromkeys(name for d in definitions for name in sql.measure_columns(d)))
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {sql.BASE_TABLES[relation]} AS "
        + wrap(sql.base_sql(f"cells_{relation.value}", names, ALL_LEVELS))
    )


def _ranked_and_named(has_department_name: bool) -> Callable[[str], str]:
    """The persons roll-up with each unit's rank in (level, unit_id) order, counting from 1 and
    the same for all its years (`unit_rank`), and its name (`unit_name`; the unit_id when it
    has none)."""
    level_order = " ".join(f"WHEN '{level.value}' THEN {i}" for level, i in _LEVEL_ORDER.items())

    def wrap(base: str) -> str:
        return (
            "SELECT b.*, CAST(DENSE_RANK() OVER (ORDER BY CASE b.level "
            f"{level_order} END, b.unit_id) AS INTEGER) AS unit_rank, "
            "COALESCE(n.unit_name, b.unit_id) AS unit_name "
            f"FROM ({base}) AS b LEFT JOIN ({_names_sql(has_department_name)}) AS n "
            "ON n.level = b.level AND n.unit_id = b.unit_id"
        )

    return wrap


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
