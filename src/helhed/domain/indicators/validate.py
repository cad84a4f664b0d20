"""Validate an extract directory before anything is computed.

Every problem is collected — missing files and columns, values of the wrong type, missing values,
unknown codes, values out of range, values present where they must be empty, duplicate person
years, departments unknown or in the wrong municipality, overlapping area periods — each with the
file, the column, how many rows and up to three example rows. One `ExtractError` carries them all,
and no result is produced when there is one.

The checks on the persons rows cost almost no extra pass over twelve million rows (see
PreparedExtract): a check that compares a Parquet column read as is with constants (missing,
range, code) is a filter query DuckDB answers from the file's statistics and dictionaries; the
others are aggregates computed in the engine's first grouped pass; duplicate person years are
looked for in one narrow scan (with numpy for whole-number ids). That pass's sums are thrown away
unless every check passes, and nothing after it runs. On success the connection has two typed
views, `persons` and `departments`: schema names, schema codes, the types of
`schema.SQL_TYPES`. This module is DuckDB glue and may use DuckDB functions (COUNT_IF,
bitstring_agg, read_parquet); only the compiled indicator SQL must be portable.
"""

# ruff: noqa: S608 - SQL is built from definitions and schema names; file values and
# mapping names enter only as quoted identifiers/literals (see _quote/_literal, _check_identifier).

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from helhed.domain.indicators import checks
from helhed.domain.indicators.definitions import Relation
from helhed.domain.indicators.mapping import IDENTITY, Mapping
from helhed.domain.indicators.schema import (
    DEPARTMENT_NAME_COLUMN,
    DEPARTMENTS,
    PERSONS,
    Column,
    Table,
)
from helhed.domain.indicators.sql import CELL_KEYS, cells_sql

EXAMPLES = 3
# Whole-number person ids are checked for duplicates with one byte per possible (year, id) in
# numpy up to this many positions (256 MB); wider ranges use SQL (checks.duplicate_count_sql).
DENSE_POSITIONS = 2**28


@dataclass(frozen=True)
class Problem:
    file: str
    column: str | None
    message: str  # Danish
    rows: int = 0  # rows affected; 0 for problems with the file itself
    examples: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = f"{self.file}, kolonne {self.column}" if self.column else self.file
        count = f" ({self.rows} rækker)" if self.rows else ""
        text = f"{where}: {self.message}{count}"
        if self.examples:
            text += "; fx " + "; ".join(self.examples)
        return text


class ExtractError(ValueError):
    """The extract cannot be used; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"- {problem}" for problem in problems)
        super().__init__(f"Udtrækket har {len(problems)} fejl, intet er beregnet:\n{lines}")


@dataclass(frozen=True)
class ExtractFiles:
    directory: Path
    persons: Path
    departments: Path
    mapping: Mapping

    def paths(self) -> list[Path]:
        """The files whose content determines the result (for the input hash)."""
        files = [self.persons, self.departments]
        if self.mapping.path:
            files.append(Path(self.mapping.path))
        return files


def locate_extract(directory: str | Path, mapping: Mapping = IDENTITY) -> ExtractFiles:
    """Find persons and departments (Parquet or CSV) in `directory`, honouring mapping.file."""
    root = Path(directory)
    problems: list[Problem] = []
    found: dict[str, Path] = {}
    for table in (PERSONS, DEPARTMENTS):
        explicit = mapping.table(table.name).file
        if explicit:
            candidates = [root / explicit]
        else:
            candidates = [root / f"{table.name}.parquet", root / f"{table.name}.csv"]
        existing = [path for path in candidates if path.is_file()]
        if not existing:
            names = " eller ".join(path.name for path in candidates)
            problems.append(Problem(str(root), None, f"mangler filen {names}"))
        elif len(existing) > 1:
            problems.append(
                Problem(str(root), None, f"både {existing[0].name} og {existing[1].name} findes")
            )
        else:
            found[table.name] = existing[0]
    if problems:
        raise ExtractError(problems)
    return ExtractFiles(root, found[PERSONS.name], found[DEPARTMENTS.name], mapping)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class _Source:
    """One file registered on the connection: raw view `raw_<table>` with a row position."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, table: Table, path: Path, mapping: Mapping
    ) -> None:
        self.con = con
        self.table = table
        self.path = path
        self.mapping = mapping.table(table.name)
        self.mapping_path = mapping.path
        self.name = path.name
        self.is_csv = path.suffix == ".csv"
        self.raw = f"raw_{table.name}"
        # Columns whose checked value is the file's column as read (no code map, no
        # conversion) in a Parquet file: filters on them are answered from the file's
        # statistics and dictionaries (set by _checked_view).
        self.as_read: frozenset[str] = frozenset()

    def register(self) -> Problem | None:
        path = _literal(str(self.path))
        try:
            if self.is_csv:
                # A table (not a view) so that rowid is the line order of the file.
                self.con.execute(
                    f"CREATE OR REPLACE TEMP TABLE {self.raw}_csv AS "
                    f"SELECT * FROM read_csv({path}, all_varchar = true, header = true)"
                )
                self.con.execute(
                    f"CREATE OR REPLACE TEMP VIEW {self.raw} AS "
                    f"SELECT rowid AS __row, * FROM {self.raw}_csv"
                )
            else:
                self.con.execute(
                    f"CREATE OR REPLACE TEMP VIEW {self.raw} AS SELECT file_row_number AS __row, * "
                    f"FROM read_parquet({path}, file_row_number = true)"
                )
            self.types = {
                str(row[0]): str(row[1])
                for row in self.con.execute(f"DESCRIBE {self.raw}").fetchall()
            }
        except duckdb.Error as error:
            return Problem(self.name, None, f"kan ikke læses: {str(error).splitlines()[0]}")
        return None

    def position(self, row: int) -> str:
        # CSV: line in the file (header is line 1); Parquet: 1-based data row.
        return f"linje {row + 2}" if self.is_csv else f"række {row + 1}"

    def describe_column(self, column: str) -> str:
        key = self.mapping_path and column in self.mapping.columns
        source = self.mapping.source_column(column)
        if key:
            return (
                f"{source} (= {column} via {self.mapping_path}: {self.table.name}.columns.{column})"
            )
        return column


def _missing_columns(source: _Source) -> list[Problem]:
    problems = []
    for column in source.table.columns:
        file_column = source.mapping.source_column(column.name)
        if file_column not in source.types:
            via = ""
            if column.name in source.mapping.columns:
                key = f"{source.table.name}.columns.{column.name}"
                via = f" (navnet kommer fra {source.mapping_path}: {key})"
            problems.append(
                Problem(
                    source.name,
                    file_column,
                    f"kolonnen mangler{via}; den skal indeholde: {column.description}",
                )
            )
    return problems


def _mapped_expression(source: _Source, column: Column) -> str:
    """The file column with the mapping's code map applied (still in the file's type)."""
    expression = _quote(source.mapping.source_column(column.name))
    code_map = source.mapping.codes.get(column.name)
    if not code_map:
        return expression
    whens = " ".join(
        f"WHEN {_literal(file_value)} THEN {'NULL' if target is None else _literal(target)}"
        for file_value, target in code_map.items()
    )
    return f"CASE CAST({expression} AS VARCHAR) {whens} ELSE CAST({expression} AS VARCHAR) END"


def _checked_view(source: _Source, id_type: str | None) -> list[checks.ColumnCheck]:
    """Create `checked_<table>`: raw value and typed value of every column side by side."""
    group_keys = frozenset(CELL_KEYS) if source.table is PERSONS else frozenset()
    column_checks = []
    as_read = set()
    selects = ["__row"]
    for column in source.table.columns:
        file_column = source.mapping.source_column(column.name)
        mapped = _mapped_expression(source, column)
        file_type = source.types[file_column]
        if column.name in source.mapping.codes:
            file_type = "VARCHAR"
        check = checks.column_check(
            column, mapped, file_type, id_type, group_keys, codes_apart=bool(group_keys)
        )
        column_checks.append(check)
        if not source.is_csv and check.typed == mapped == _quote(file_column):
            as_read.add(column.name)
        selects.append(f"{mapped} AS {_quote('raw__' + column.name)}")
        selects.append(f"{check.typed} AS {column.name}")
    source.as_read = frozenset(as_read)
    if source.table is DEPARTMENTS and DEPARTMENT_NAME_COLUMN in source.types:
        name = _quote(DEPARTMENT_NAME_COLUMN)
        selects.append(f"CAST({name} AS VARCHAR) AS {DEPARTMENT_NAME_COLUMN}")
    source.con.execute(
        f"CREATE OR REPLACE TEMP VIEW checked_{source.table.name} AS "
        f"SELECT {', '.join(selects)} FROM {source.raw}"
    )
    return column_checks


def _examples(source: _Source, condition: str, show: list[str]) -> list[str]:
    key_columns = [c for c in source.table.key if f"raw__{c}" not in show]
    names = [f"raw__{c}" for c in key_columns] + show
    columns = ", ".join(f"CAST({_quote(name)} AS VARCHAR)" for name in names)
    rows = source.con.execute(
        f"SELECT __row, {columns} FROM checked_{source.table.name} WHERE {condition} "
        f"ORDER BY __row LIMIT {EXAMPLES}"
    ).fetchall()
    labels = [*key_columns, *(name.removeprefix("raw__") for name in show)]
    return [
        f"{source.position(row[0])} ("
        + ", ".join(
            f"{label}={'tom' if value is None else repr(value)}"
            for label, value in zip(labels, row[1:], strict=True)
        )
        + ")"
        for row in rows
    ]


def _code_checks(source: _Source) -> list[tuple[checks.RowCheck, int]]:
    """Unknown codes in the code columns not already checked in the grouped scan.

    A column read as is gets a filter for its non-codes, answered from the Parquet
    dictionaries; the others share one GROUP BY over their combinations of values.
    """
    columns = [c for c in source.table.columns if c.codes and c.name not in CELL_KEYS]
    bad: dict[str, dict[str, int]] = {}
    filtered = [c for c in columns if c.name in source.as_read]
    if filtered:
        sql = checks.unknown_codes_sql(source.table, filtered)
        for name, value, count in source.con.execute(sql).fetchall():
            bad.setdefault(name, {})[value] = int(count)
    grouped = [c.name for c in columns if c.name not in source.as_read]
    if grouped:
        for row in source.con.execute(checks.code_values_sql(source.table, grouped)).fetchall():
            for name, value in zip(grouped, row[:-1], strict=True):
                if value is not None and value not in source.table.column(name).codes:
                    bad.setdefault(name, {})
                    bad[name][value] = bad[name].get(value, 0) + int(row[-1])
    return [checks.code_check(c, bad[c.name]) for c in columns if c.name in bad]


def _missing_counts(source: _Source) -> dict[str, int]:
    """Missing values per column as a Parquet file's footer records them (file column names).

    Only columns whose every row group has the count; DuckDB trusts the same counts when it
    plans a scan. Nothing for CSV files.
    """
    if source.is_csv:
        return {}
    rows = source.con.execute(
        "SELECT path_in_schema, COUNT(*) = COUNT(stats_null_count), SUM(stats_null_count) "
        f"FROM parquet_metadata({_literal(str(source.path))}) GROUP BY path_in_schema"
    ).fetchall()
    return {str(name): int(total or 0) for name, complete, total in rows if complete}


def _row_problems(
    source: _Source,
    row_checks: list[checks.RowCheck],
    totals: Sequence[Any],
    more: Sequence[tuple[checks.RowCheck, int]] = (),
) -> list[Problem]:
    """Problems from the check aggregates `totals` (row count first) and the already counted
    `more`; examples for failures."""
    problems = []
    if not totals[0]:
        problems.append(Problem(source.name, None, "filen har ingen rækker"))
    counted = [
        (check, int(total or 0)) for check, total in zip(row_checks, totals[1:], strict=True)
    ]
    for check, count in [*counted, *more]:
        if not count:
            continue
        if count < 0:
            exact = source.con.execute(
                f"SELECT COUNT_IF({check.condition}) FROM checked_{source.table.name}"
            ).fetchone()
            count = int(exact[0]) if exact else 0
        problems.append(
            Problem(
                source.name,
                source.describe_column(check.column),
                check.message,
                count,
                tuple(_examples(source, check.condition, list(check.show))),
            )
        )
    return problems


def _query_problems(
    source: _Source,
    query: checks.QueryCheck,
    cells: str = "",
    positions: Callable[[], str] | None = None,
) -> list[Problem]:
    """`cells` replaces {cells} in the query; when it has no real first_row, `positions()` gives
    a table that has, used only once the query has found a problem (for the examples)."""
    rows = source.con.execute(query.sql.replace("{cells}", cells)).fetchall()
    if rows and positions is not None:
        rows = source.con.execute(query.sql.replace("{cells}", positions())).fetchall()
    if not rows:
        return []
    examples = tuple(
        f"{source.position(row[1])} ({', '.join(str(value) for value in row[2:])})"
        for row in rows[:EXAMPLES]
    )
    return [Problem(source.name, query.column, query.message, int(rows[0][0]), examples)]


def _combine(aggregate: str) -> str:
    """Per-group check results → one: -1 ('some, count later') wins, else the sum."""
    return f"CASE WHEN MIN({aggregate}) < 0 THEN -1 ELSE SUM({aggregate}) END"


@dataclass(frozen=True)
class PersonIndex:
    """Every persons row numbered densely by (year, person_id), kept from the duplicate check.

    Only for whole-number ids in a moderate range: position = (person_id - low) +
    (year - first_year) * span. `values` holds what `finish(person_values=…)` asked to be
    computed per row in the same scan (the engine's per-mother sums, see engine.py): the
    positions and values of the rows where it is not 0 (NULL counts as 0).
    """

    low: int
    high: int
    first_year: int
    span: int
    rows: int  # persons rows
    present: np.ndarray  # bool per position: a row has this (year, person_id)
    values: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    def position_sql(self, person_id: str, year: str) -> str:
        """The position of (year, person_id) — valid for person_id between low and high."""
        return _position_sql(self.low, self.first_year, self.span, person_id, year)


def fetch_arrow(con: duckdb.DuckDBPyConnection, select: str) -> pa.Table:
    """A large result as Arrow, through the relation API: DuckDB then collects the Arrow
    batches on every thread (a DB-API result hands them over on one, and a temporary table
    in between costs its compression: measured 0.31-0.37 against 0.5-0.9 CPU-seconds for
    11.8 M positions)."""
    return con.sql(select).to_arrow_table()


def _position_sql(low: int, first_year: int, span: int, person_id: str, year: str) -> str:
    return f"CAST(({person_id} - {low}) + ({year} - {first_year}) * {span} AS INTEGER)"


def _person_index(
    con: duckdb.DuckDBPyConnection,
    id_range: tuple[int, int, int, int],
    values: Sequence[tuple[str, str]],
    scope: Sequence[str],
    after_scan: Callable[[], None] = lambda: None,
) -> PersonIndex | None:
    """One scan of the persons rows: their dense positions (and `values`) into numpy.

    `after_scan` is called once DuckDB has delivered the rows, before the numpy work on one
    thread."""
    low, high, first_year, last_year = id_range
    span = high - low + 1
    size = span * (last_year - first_year + 1)
    if not 0 < size <= DENSE_POSITIONS:
        return None
    position = _position_sql(low, first_year, span, "person_id", "year")
    select = f"SELECT {position} AS __position FROM checked_persons"
    if values:
        items = ", ".join(f"COALESCE({sql}, 0) AS __value_{i}" for i, (_, sql) in enumerate(values))
        inner = ", ".join([f"{position} AS __position", *scope])
        with_values = f"SELECT __position, {items} FROM (SELECT {inner} FROM checked_persons) AS p"
        try:  # binding only: the query runs below
            con.execute(f"DESCRIBE {with_values}")
            select = with_values
        except duckdb.Error:  # not computable per person: the engine joins in SQL instead
            values = ()
    rows = fetch_arrow(con, select)
    after_scan()
    present = np.zeros(size, dtype=np.bool_)
    kept: dict[str, tuple[list[np.ndarray], list[np.ndarray]]] = {
        name: ([], []) for name, _ in values
    }
    for batch in rows.to_batches():  # batch by batch: no copy of the whole columns
        positions = batch.column(0).to_numpy()
        present[positions] = True
        for i, (name, _) in enumerate(values):
            value = batch.column(i + 1).to_numpy()
            # Only the rows where the value is not 0 are kept: usually few.
            nonzero = np.flatnonzero(value)
            kept[name][0].append(positions[nonzero])
            kept[name][1].append(value[nonzero])
    none = np.zeros(0, dtype=np.int64)
    fetched = {
        name: (np.concatenate([none, *where]), np.concatenate([none, *value]))
        for name, (where, value) in kept.items()
    }
    return PersonIndex(low, high, first_year, span, rows.num_rows, present, fetched)


class PreparedExtract:
    """An extract registered on a connection, with everything but the persons scan checked.

    The persons checks are aggregates that ride along in the first grouped scan over
    `checked_persons` (`scan_columns`), so validation costs no extra pass over the largest
    file. Checks that compare a Parquet column read as is with constants are not in that scan:
    missing values are counted in the file's footer, ranges and codes by one filter query each,
    which DuckDB answers from the file's statistics and dictionaries without reading the rows
    (the scan then need not read such a column at all). `finish(cells)` reads everything back,
    looks for duplicate person years (one narrow scan; see PersonIndex), runs the cross-row
    checks, and either raises one ExtractError with every problem or creates the typed views
    `persons` and `departments`. Whatever that scan summed is thrown away when validation
    fails; the example rows of a problem are looked up only once it is found.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, files: ExtractFiles) -> None:
        self.con = con
        self.problems: list[Problem] = []
        self.sources: dict[str, _Source] = {}
        self.column_checks: dict[str, list[checks.ColumnCheck]] = {}
        self.person_index: PersonIndex | None = None
        for table, path in ((PERSONS, files.persons), (DEPARTMENTS, files.departments)):
            source = _Source(con, table, path, files.mapping)
            problem = source.register()
            if problem:
                self.problems.append(problem)
                continue
            missing = _missing_columns(source)
            self.problems.extend(missing)
            if not missing:
                self.sources[table.name] = source
        self.id_type = None
        persons = self.sources.get(PERSONS.name)
        if persons is not None:
            id_column = persons.mapping.source_column("person_id")
            self.id_type = checks.identifier_type(persons.types[id_column])
        for name, source in self.sources.items():
            self.column_checks[name] = _checked_view(source, self.id_type)
        departments = self.sources.get(DEPARTMENTS.name)
        if departments is not None:
            row_checks = self._row_checks(DEPARTMENTS.name)
            aggregates = ", ".join(["COUNT(*)", *(c.aggregate for c in row_checks)])
            totals = con.execute(f"SELECT {aggregates} FROM checked_departments").fetchone()
            assert totals is not None
            found = _row_problems(departments, row_checks, totals)
            if not found:
                for query in checks.table_checks(DEPARTMENTS):
                    found.extend(_query_problems(departments, query))
            self.problems.extend(found)

    def _row_checks(self, table: str) -> list[checks.RowCheck]:
        return [rc for cc in self.column_checks[table] for rc in cc.row_checks]

    def _pushed_down(self) -> set[int]:
        """The persons row checks answered by a filter query instead of the grouped scan."""
        source = self.sources[PERSONS.name]
        return {
            i
            for i, check in enumerate(self._row_checks(PERSONS.name))
            if check.pushdown and check.column in source.as_read
        }

    @property
    def can_scan(self) -> bool:
        """True when the persons file is readable and has every column."""
        return PERSONS.name in self.sources

    def scan_aggregates(self) -> list[tuple[str, str]]:
        """The check aggregates for the grouped persons scan, as (column name, aggregate)."""
        pushed = self._pushed_down()
        return [
            (f"check_{i}", check.aggregate)
            for i, check in enumerate(self._row_checks(PERSONS.name))
            if i not in pushed
        ]

    def scan_columns(self) -> list[str]:
        """`scan_aggregates` as extra select items for the grouped persons scan."""
        return [f"{aggregate} AS {name}" for name, aggregate in self.scan_aggregates()]

    def finish(
        self,
        cells: str,
        person_values: Sequence[tuple[str, str]] = (),
        person_scope: Sequence[str] = (),
        after_scan: Callable[[], None] = lambda: None,
    ) -> None:
        """Raise ExtractError with every problem, or create the typed views.

        `person_values` — (name, SQL expression over the select items `person_scope` of
        `checked_persons`) — are computed per persons row in the duplicate check's scan when it
        builds a `person_index`; an expression that cannot be is left out. `after_scan` is
        called once that scan has run, only when every row check has passed: what follows
        keeps one core busy, so a caller's own work fits in beside it (the engine's input
        hash).
        """
        problems = list(self.problems)
        persons = self.sources.get(PERSONS.name)
        if persons is not None:
            row_checks = self._row_checks(PERSONS.name)
            pushed = self._pushed_down()
            scanned = [i for i in range(len(row_checks)) if i not in pushed]
            combined = ", ".join(["SUM(row_count)", *(_combine(f"check_{i}") for i in scanned)])
            sums = self.con.execute(f"SELECT {combined} FROM {cells}").fetchone()
            assert sums is not None
            counts = dict(zip(scanned, sums[1:], strict=True))
            missing = _missing_counts(persons)
            for i in pushed:
                file_column = persons.mapping.source_column(row_checks[i].column)
                if row_checks[i].missing and file_column in missing:
                    counts[i] = missing[file_column]
                else:
                    counts[i] = self._count(f"checked_persons WHERE {row_checks[i].condition}")
            totals = [sums[0], *(counts[i] for i in range(len(row_checks)))]
            found = _row_problems(persons, row_checks, totals, _code_checks(persons))
            if not found:
                found.extend(self._duplicates(persons, person_values, person_scope, after_scan))
                # The scan has no first_row per cell; examples get it from a second, narrow
                # scan only once a check has found something.
                unpositioned = f"(SELECT *, CAST(0 AS BIGINT) AS first_row FROM {cells})"
                queries = list(checks.table_checks(PERSONS))
                if DEPARTMENTS.name in self.sources and not problems:
                    queries += checks.cross_checks()
                for query in queries:
                    found.extend(
                        _query_problems(persons, query, unpositioned, self._positioned_cells)
                    )
            problems.extend(found)
        if problems:
            self.person_index = None
            raise ExtractError(problems)
        for name, column_checks in self.column_checks.items():
            columns = [check.column for check in column_checks]
            if name == DEPARTMENTS.name and DEPARTMENT_NAME_COLUMN in self.sources[name].types:
                columns.append(DEPARTMENT_NAME_COLUMN)
            self.con.execute(
                f"CREATE OR REPLACE TEMP VIEW {name} AS "
                f"SELECT {', '.join(columns)} FROM checked_{name}"
            )

    def _count(self, rows: str) -> int:
        found = self.con.execute(f"SELECT COUNT(*) FROM {rows}").fetchone()
        return int(found[0]) if found else 0

    def _positioned_cells(self) -> str:
        """The persons rows grouped as in the scan, with each group's first row position."""
        keys = ", ".join(CELL_KEYS)
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE positioned_cells AS "
            f"SELECT {keys}, COUNT(*) AS row_count, MIN(__row) AS first_row "
            f"FROM checked_persons GROUP BY {keys}"
        )
        return "positioned_cells"

    def _duplicates(
        self,
        persons: _Source,
        person_values: Sequence[tuple[str, str]],
        person_scope: Sequence[str],
        after_scan: Callable[[], None],
    ) -> list[Problem]:
        id_range = None
        if self.id_type == "BIGINT":
            # Ungrouped MIN/MAX over a Parquet column come from the file's statistics.
            bounds = self.con.execute(
                "SELECT MIN(person_id), MAX(person_id), MIN(year), MAX(year) FROM checked_persons"
            ).fetchone()
            if bounds is not None and None not in bounds:
                id_range = (int(bounds[0]), int(bounds[1]), int(bounds[2]), int(bounds[3]))
        index = None
        if id_range is not None:
            index = _person_index(self.con, id_range, person_values, person_scope, after_scan)
        if index is not None:
            surplus = index.rows - int(np.count_nonzero(index.present))
        else:
            found = self.con.execute(checks.duplicate_count_sql(id_range)).fetchone()
            after_scan()
            surplus = int(found[0]) if found and found[0] else 0
        if not surplus:
            self.person_index = index
            return []
        return _query_problems(persons, checks.DUPLICATES)


def open_extract(con: duckdb.DuckDBPyConnection, files: ExtractFiles) -> PreparedExtract:
    """Register and check everything that needs no pass over the persons rows."""
    return PreparedExtract(con, files)


def prepare_extract(con: duckdb.DuckDBPyConnection, files: ExtractFiles) -> None:
    """Validate only; on success the typed views `persons` and `departments` exist on `con`."""
    prepared = open_extract(con, files)
    if prepared.can_scan:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE validation_cells AS "
            + cells_sql([], Relation.PERSONS, "checked_persons", prepared.scan_columns())
        )
    prepared.finish("validation_cells")


def validate_extract(directory: str | Path, mapping: Mapping = IDENTITY) -> None:
    """Validate without computing; raises ExtractError listing every problem."""
    files = locate_extract(directory, mapping)
    with duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        prepare_extract(con, files)
