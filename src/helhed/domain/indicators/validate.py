"""Validate an extract directory before anything is computed.

Every problem is collected — missing files and columns, values of the wrong type, missing values,
unknown codes, values out of range, values present where they must be empty, duplicate person
years, departments unknown or in the wrong municipality, overlapping area periods — each with the
file, the column, how many rows and up to three example rows. One `ExtractError` carries them all,
and no result is produced when there is one.

The checks on the persons rows are aggregates computed in the engine's first grouped pass (see
PreparedExtract), so validating twelve million rows costs almost nothing extra; that pass's sums
are thrown away unless every check passes, and nothing after it runs. On success the connection
has two typed views, `persons` and `departments`: schema names, schema codes, the types of
`schema.SQL_TYPES`. This module is DuckDB glue and may use DuckDB functions (COUNT_IF,
bitstring_agg, read_parquet); only the compiled indicator SQL must be portable.
"""

# ruff: noqa: S608 - SQL is built from definitions and schema names; file values and
# mapping names enter only as quoted identifiers/literals (see _quote/_literal, _check_identifier).

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

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
    selects = ["__row"]
    for column in source.table.columns:
        mapped = _mapped_expression(source, column)
        file_type = source.types[source.mapping.source_column(column.name)]
        if column.name in source.mapping.codes:
            file_type = "VARCHAR"
        check = checks.column_check(
            column, mapped, file_type, id_type, group_keys, codes_apart=bool(group_keys)
        )
        column_checks.append(check)
        selects.append(f"{mapped} AS {_quote('raw__' + column.name)}")
        selects.append(f"{check.typed} AS {column.name}")
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
    """Unknown codes in the code columns not already checked in the grouped scan."""
    columns = [c.name for c in source.table.columns if c.codes and c.name not in CELL_KEYS]
    bad: dict[str, dict[str, int]] = {}
    for row in source.con.execute(checks.code_values_sql(source.table, columns)).fetchall():
        for name, value in zip(columns, row[:-1], strict=True):
            if value is not None and value not in source.table.column(name).codes:
                bad.setdefault(name, {})
                bad[name][value] = bad[name].get(value, 0) + int(row[-1])
    return [checks.code_check(source.table.column(name), found) for name, found in bad.items()]


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


def _query_problems(source: _Source, query: checks.QueryCheck, cells: str = "") -> list[Problem]:
    rows = source.con.execute(query.sql.replace("{cells}", cells)).fetchall()
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


class PreparedExtract:
    """An extract registered on a connection, with everything but the persons scan checked.

    The persons checks are aggregates that ride along in the first grouped scan over
    `checked_persons` (`scan_columns`), so validation costs no extra pass over the largest
    file. `finish(cells)` reads them back, runs the cross-row checks, and either raises one
    ExtractError with every problem or creates the typed views `persons` and `departments`.
    Whatever that scan summed is thrown away when validation fails.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, files: ExtractFiles) -> None:
        self.con = con
        self.problems: list[Problem] = []
        self.sources: dict[str, _Source] = {}
        self.column_checks: dict[str, list[checks.ColumnCheck]] = {}
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

    @property
    def can_scan(self) -> bool:
        """True when the persons file is readable and has every column."""
        return PERSONS.name in self.sources

    def scan_columns(self) -> list[str]:
        """Extra select items for the grouped persons scan: the check aggregates."""
        items = ["MIN(__row) AS first_row"]
        items += [f"{c.aggregate} AS check_{i}" for i, c in enumerate(self._row_checks("persons"))]
        if self.id_type == "BIGINT":
            items += ["MIN(person_id) AS id_low", "MAX(person_id) AS id_high"]
        return items

    def finish(self, cells: str) -> None:
        problems = list(self.problems)
        persons = self.sources.get(PERSONS.name)
        if persons is not None:
            row_checks = self._row_checks(PERSONS.name)
            combined = ", ".join(
                ["SUM(row_count)", *(_combine(f"check_{i}") for i in range(len(row_checks)))]
            )
            totals = self.con.execute(f"SELECT {combined} FROM {cells}").fetchone()
            assert totals is not None
            found = _row_problems(persons, row_checks, totals, _code_checks(persons))
            if not found:
                found.extend(self._duplicates(persons, cells))
                for query in checks.table_checks(PERSONS):
                    found.extend(_query_problems(persons, query, cells))
                if DEPARTMENTS.name in self.sources and not problems:
                    for query in checks.cross_checks():
                        found.extend(_query_problems(persons, query, cells))
            problems.extend(found)
        if problems:
            raise ExtractError(problems)
        for name, column_checks in self.column_checks.items():
            columns = [check.column for check in column_checks]
            if name == DEPARTMENTS.name and DEPARTMENT_NAME_COLUMN in self.sources[name].types:
                columns.append(DEPARTMENT_NAME_COLUMN)
            self.con.execute(
                f"CREATE OR REPLACE TEMP VIEW {name} AS "
                f"SELECT {', '.join(columns)} FROM checked_{name}"
            )

    def _duplicates(self, persons: _Source, cells: str) -> list[Problem]:
        id_range = None
        if self.id_type == "BIGINT":
            bounds = self.con.execute(
                f"SELECT MIN(id_low), MAX(id_high), MIN(year), MAX(year) FROM {cells}"
            ).fetchone()
            if bounds is not None and None not in bounds:
                id_range = (int(bounds[0]), int(bounds[1]), int(bounds[2]), int(bounds[3]))
        surplus = self.con.execute(checks.duplicate_count_sql(id_range)).fetchone()
        if not surplus or not surplus[0]:
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
        prepare_extract(con, files)
