"""The individual checks `validate.py` runs, as SQL over the `checked_<table>` views.

A checked view has, per schema column `x`, the file's value after the mapping (`raw__x`) and the
value converted to the schema type (`x`, NULL when it cannot be converted). Row checks are
conditions over one row, counted in a single scan; query checks look across rows (duplicates,
overlapping periods, cross-table references) and return
`(rows affected in total, first row position, detail, …)`, at most three examples.
"""

# ruff: noqa: S608 - SQL is built from definitions and schema names; file values and
# mapping names enter only as quoted identifiers/literals (see _quote/_literal, _check_identifier).

from __future__ import annotations

from dataclasses import dataclass

from helhed.domain.indicators.geography import MUNICIPALITIES
from helhed.domain.indicators.schema import (
    DEPARTMENTS,
    PERSONS,
    SQL_TYPES,
    TYPE_NAMES_DA,
    Column,
    ColumnType,
    Table,
)

_INTEGERS = {
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "UHUGEINT",
}
_INTEGER_TEXT = "'[-+]?[0-9]+'"


def _family(file_type: str) -> str:
    if file_type in _INTEGERS:
        return "integer"
    if file_type in ("FLOAT", "DOUBLE") or file_type.startswith("DECIMAL"):
        return "number"
    if file_type == "VARCHAR":
        return "text"
    if file_type == "BOOLEAN":
        return "boolean"
    return "other"


def identifier_type(file_type: str) -> str | None:
    """SQL type of person ids: whole numbers stay numbers, text stays text; else unusable."""
    return {"integer": "BIGINT", "text": "VARCHAR"}.get(_family(file_type))


@dataclass(frozen=True)
class RowCheck:
    column: str
    condition: str  # true for a bad row (used to count exactly and to fetch examples)
    message: str
    show: tuple[str, ...]  # columns shown in examples
    aggregate: str  # over the whole file: exact number of bad rows, or -1 for "some"
    # The condition tests only this column against constants (missing, range, code): on a
    # Parquet column read as is, `SELECT COUNT(*) … WHERE condition` is answered from the
    # file's statistics and dictionaries (see validate.PreparedExtract) instead of riding along
    # in the grouped scan — which then need not read the column at all.
    pushdown: bool = False
    missing: bool = False  # the check for missing values (counted in a Parquet footer, too)


@dataclass(frozen=True)
class ColumnCheck:
    column: str
    typed: str  # expression over the mapped file value giving the schema type (NULL if invalid)
    row_checks: tuple[RowCheck, ...]


@dataclass(frozen=True)
class QueryCheck:
    column: str | None
    message: str
    sql: str


def _typed(column: Column, v: str, file_type: str, id_type: str | None) -> str:
    """Conversion of the file value `v` to the schema type; `v` itself when the file already has
    the schema type (then nothing can fail to convert and no check is needed)."""
    family = _family(file_type)
    kind = column.type
    if kind is ColumnType.IDENTIFIER:
        if id_type is None:
            return "NULL"
        kind = ColumnType.INTEGER if id_type == "BIGINT" else ColumnType.TEXT
        target = id_type
    else:
        target = SQL_TYPES[kind]
    if file_type == target:
        return v
    if kind is ColumnType.INTEGER:
        if family == "integer":
            # TRY_CAST: a wider file type (UBIGINT, HUGEINT) may hold values the target cannot;
            # they become NULL and the conversion check names their rows.
            return v if target == "INTEGER" else f"TRY_CAST({v} AS {target})"
        if family == "number":
            return f"CASE WHEN {v} = ROUND({v}) THEN TRY_CAST({v} AS {target}) END"
        if family == "text":
            return (
                f"CASE WHEN regexp_full_match(trim({v}), {_INTEGER_TEXT}) "
                f"THEN TRY_CAST(trim({v}) AS {target}) END"
            )
        return "NULL"
    if kind in (ColumnType.TEXT, ColumnType.CODE):
        if family == "text":
            return v
        return f"CAST({v} AS VARCHAR)" if family == "integer" else "NULL"
    if kind is ColumnType.BOOLEAN:
        if family == "boolean":
            return v
        if family == "integer":
            return f"CASE WHEN {v} = 1 THEN TRUE WHEN {v} = 0 THEN FALSE END"
        if family == "text":
            return (
                f"CASE WHEN lower(trim({v})) IN ('true', 't', '1') THEN TRUE "
                f"WHEN lower(trim({v})) IN ('false', 'f', '0') THEN FALSE END"
            )
        return "NULL"
    # MONEY and DECIMAL: whole numbers are kept (exact sums either way), others to DECIMAL.
    if family == "integer":
        return v
    if family in ("number", "text"):
        value = f"trim({v})" if family == "text" else v
        return f"TRY_CAST({value} AS {target})"
    return "NULL"


def column_check(
    column: Column,
    mapped: str,
    file_type: str,
    id_type: str | None,
    group_keys: frozenset[str] = frozenset(),
    codes_apart: bool = False,
) -> ColumnCheck:
    """The checks of one column, for a scan grouped by `group_keys` (may be none).

    With `codes_apart`, codes of columns that are not group keys are left to
    `code_values_sql` or `unknown_codes_sql` (cheaper than testing each row in the grouped scan).

    Each check has a cheap aggregate over the whole file: an exact count of bad rows, or -1
    when MIN/MAX show that some row is out of range (then counted exactly, only in that case).
    """
    raw = f'"raw__{column.name}"'
    name = column.name
    show = (f"raw__{name}",)
    typed = _typed(column, mapped, file_type, id_type)
    checks = []
    if typed != mapped:
        checks.append(
            RowCheck(
                name,
                f"{raw} IS NOT NULL AND {name} IS NULL",
                f"værdien kan ikke læses som {TYPE_NAMES_DA[column.type]} "
                f"(filens type: {file_type})",
                show,
                f"COUNT({raw}) - COUNT({name})",
            )
        )
    if not column.nullable:
        checks.append(
            RowCheck(
                name,
                f"{raw} IS NULL",
                "værdi mangler (tom)",
                show,
                f"COUNT(*) - COUNT({raw})",
                pushdown=True,
                missing=True,
            )
        )
    if column.codes and (name in group_keys or not codes_apart):
        allowed = ", ".join(f"'{code}'" for code in column.codes)
        listed = ", ".join(column.codes) if len(column.codes) <= 12 else "se docs/extract-format.md"
        condition = f"{name} NOT IN ({allowed})"
        # A grouping key is constant within its group: test it once per group, not per row.
        aggregate = (
            f"CASE WHEN {condition} THEN COUNT(*) ELSE 0 END"
            if name in group_keys
            else f"COUNT_IF({condition})"
        )
        checks.append(
            RowCheck(
                name,
                condition,
                f"ukendt kode (tilladt: {listed})",
                show,
                aggregate,
                pushdown=name not in group_keys,
            )
        )
    if column.minimum is not None or column.maximum is not None:
        tests = []
        if column.minimum is not None:
            tests.append(f"{name} < {column.minimum}")
        if column.maximum is not None:
            tests.append(f"{name} > {column.maximum}")
        low = f"MIN({name}) < {column.minimum}" if column.minimum is not None else "FALSE"
        high = f"MAX({name}) > {column.maximum}" if column.maximum is not None else "FALSE"
        checks.append(
            RowCheck(
                name,
                " OR ".join(tests),
                f"uden for intervallet {_number(column.minimum)} til {_number(column.maximum)}",
                show,
                f"CASE WHEN {low} OR {high} THEN -1 ELSE 0 END",
                pushdown=True,
            )
        )
    if column.present_only_when:
        condition = f"{name} IS NOT NULL AND NOT ({column.present_only_when})"
        # The same number as COUNT_IF(condition), written as the values present minus those
        # present where allowed: a definition counting the latter (the youth-education and
        # language-support denominators do) shares that aggregate in the grouped scan, and
        # COUNT(column) costs less than a three-part condition per row.
        allowed = f"({column.present_only_when}) AND {name} IS NOT NULL"
        checks.append(
            RowCheck(
                name,
                condition,
                f"må kun være udfyldt for {column.present_only_when_da}",
                (*show, "raw__age"),
                f"COUNT({name}) - COUNT_IF({allowed})",
            )
        )
    return ColumnCheck(name, typed, tuple(checks))


def code_values_sql(table: Table, columns: list[str]) -> str:
    """Every combination of values of the code `columns` present, with its row count."""
    listed = ", ".join(columns)
    return f"SELECT {listed}, COUNT(*) FROM checked_{table.name} GROUP BY {listed}"


def unknown_codes_sql(table: Table, columns: list[Column]) -> str:
    """(column, value, rows) for the values of the code `columns` that are not codes.

    One filter per column: on a Parquet column read as is, DuckDB tests it against each column
    chunk's dictionary and skips the chunks holding only codes — milliseconds, not a scan.
    """
    parts = []
    for column in columns:
        allowed = ", ".join(f"'{code}'" for code in column.codes)
        parts.append(
            f"SELECT '{column.name}' AS name, CAST({column.name} AS VARCHAR) AS value, "
            f"COUNT(*) AS n FROM checked_{table.name} "
            f"WHERE {column.name} NOT IN ({allowed}) GROUP BY {column.name}"
        )
    return " UNION ALL ".join(parts)


def code_check(column: Column, bad: dict[str, int]) -> tuple[RowCheck, int]:
    """A row check for the rows holding the unknown codes `bad` (value → rows)."""
    listed = ", ".join(column.codes) if len(column.codes) <= 12 else "se docs/extract-format.md"
    values = ", ".join("'" + value.replace("'", "''") + "'" for value in sorted(bad))
    check = RowCheck(
        column.name,
        f"{column.name} IN ({values})",
        f"ukendt kode (tilladt: {listed})",
        (f"raw__{column.name}",),
        "0",
    )
    return check, sum(bad.values())


def _number(value: float | None) -> str:
    if value is None:
        return "…"
    return str(int(value)) if float(value).is_integer() else str(value)


def _grouped(inner: str, details: str) -> str:
    """Wrap a grouped query with columns (first_row, n, …) into the QueryCheck shape."""
    return (
        f"SELECT SUM(n) OVER () AS affected, first_row, {details} FROM ({inner}) AS q "
        "ORDER BY first_row LIMIT 3"
    )


def _geography_values() -> str:
    return ", ".join(f"('{m.code}', '{m.region_code}')" for m in MUNICIPALITIES)


DUPLICATES = QueryCheck(
    "year, person_id",
    "samme person optræder flere gange i samme år",
    _grouped(
        "SELECT year, person_id, MIN(__row) AS first_row, COUNT(*) AS n "
        "FROM checked_persons GROUP BY year, person_id HAVING COUNT(*) > 1",
        "'year=' || CAST(year AS VARCHAR), 'person_id=' || CAST(person_id AS VARCHAR), "
        "CAST(n AS VARCHAR) || ' gange'",
    ),
)


def duplicate_count_sql(id_range: tuple[int, int, int, int] | None) -> str:
    """Rows beyond the first per (year, person_id): 0 when every person-year is unique.

    With whole-number ids in a moderate range, one bit per possible (year, id) is set with
    bitstring_agg — exact, and ten times faster than hashing 12 million keys on two cores.
    (validate.py sets the bits with numpy instead when the range is small enough to hold one
    byte per possible (year, id); this SQL covers wider ranges and text ids.)
    """
    if id_range is not None:
        low, high, first_year, last_year = id_range
        span = high - low + 1
        bits = span * (last_year - first_year + 1)
        if 0 < bits <= 2**31:
            position = f"(person_id - {low}) + (year - {first_year}) * {span}"
            return (
                f"SELECT COUNT(*) - bit_count(bitstring_agg({position}, 0, {bits - 1})) "
                "FROM checked_persons"
            )
    return (
        "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM checked_persons "
        "GROUP BY year, person_id HAVING COUNT(*) > 1) AS d"
    )


def table_checks(table: Table) -> list[QueryCheck]:
    """Checks across rows; `{cells}` in the SQL is the grouped persons scan (see validate)."""
    if table is PERSONS:
        return [
            QueryCheck(
                "region_code",
                "regionen passer ikke til kommunen",
                _grouped(
                    "SELECT k.municipality_code, k.region_code, g.region, "
                    "MIN(k.first_row) AS first_row, SUM(k.row_count) AS n FROM {cells} AS k "
                    f"JOIN (VALUES {_geography_values()}) AS g(code, region) "
                    "ON g.code = k.municipality_code WHERE g.region <> k.region_code "
                    "GROUP BY k.municipality_code, k.region_code, g.region",
                    "'kommune ' || municipality_code || ' ligger i ' || region || ', ikke ' "
                    "|| region_code",
                ),
            ),
        ]
    if table is DEPARTMENTS:
        return [
            QueryCheck(
                "department_id, valid_from",
                "samme afdeling og valid_from optræder flere gange",
                _grouped(
                    "SELECT department_id, valid_from, MIN(__row) AS first_row, COUNT(*) AS n "
                    "FROM checked_departments GROUP BY department_id, valid_from "
                    "HAVING COUNT(*) > 1",
                    "'department_id=' || department_id",
                ),
            ),
            QueryCheck(
                "valid_to",
                "valid_to ligger før valid_from",
                _grouped(
                    "SELECT department_id, __row AS first_row, 1 AS n FROM checked_departments "
                    "WHERE valid_to < valid_from",
                    "'department_id=' || department_id",
                ),
            ),
            QueryCheck(
                "valid_from, valid_to",
                "afdelingen har overlappende perioder (kan kun høre til ét område ad gangen)",
                _grouped(
                    "SELECT a.department_id, a.__row AS first_row, 1 AS n, b.__row AS other "
                    "FROM checked_departments AS a JOIN checked_departments AS b "
                    "ON a.department_id = b.department_id AND a.__row < b.__row "
                    "AND a.valid_from <= COALESCE(b.valid_to, 9999) "
                    "AND b.valid_from <= COALESCE(a.valid_to, 9999)",
                    "'department_id=' || department_id, "
                    "'overlapper række ' || CAST(other + 1 AS VARCHAR)",
                ),
            ),
            QueryCheck(
                "area_id",
                "området har flere navne eller ligger i flere kommuner",
                _grouped(
                    "SELECT area_id, MIN(__row) AS first_row, COUNT(*) AS n "
                    "FROM checked_departments WHERE area_id IS NOT NULL GROUP BY area_id "
                    "HAVING COUNT(DISTINCT municipality_code) > 1 OR COUNT(DISTINCT area_name) > 1",
                    "'area_id=' || area_id",
                ),
            ),
        ]
    raise ValueError(table.name)


def cross_checks() -> list[QueryCheck]:
    """Checks between persons and departments (positions refer to the persons file).

    `{cells}` is the persons scan grouped by (year, department, municipality, region) with
    row_count and first_row per group.
    """
    return [
        QueryCheck(
            "department_id",
            "afdelingen findes ikke i departments",
            _grouped(
                "SELECT k.department_id, MIN(k.first_row) AS first_row, SUM(k.row_count) AS n "
                "FROM {cells} AS k WHERE k.department_id IS NOT NULL AND k.department_id "
                "NOT IN (SELECT department_id FROM checked_departments) GROUP BY k.department_id",
                "'department_id=' || department_id",
            ),
        ),
        QueryCheck(
            "municipality_code",
            "personen bor i en anden kommune end afdelingen ifølge departments",
            _grouped(
                "SELECT k.department_id, k.municipality_code, d.municipality_code AS expected, "
                "MIN(k.first_row) AS first_row, SUM(k.row_count) AS n FROM {cells} AS k "
                "JOIN (SELECT DISTINCT department_id, municipality_code FROM checked_departments) "
                "AS d ON d.department_id = k.department_id "
                "WHERE d.municipality_code <> k.municipality_code "
                "GROUP BY k.department_id, k.municipality_code, d.municipality_code",
                "'department_id=' || department_id || ' i kommune ' || expected || ', ikke ' "
                "|| municipality_code",
            ),
        ),
    ]
