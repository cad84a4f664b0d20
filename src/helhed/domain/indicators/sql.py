"""Indicator definitions compiled to portable SQL (DuckDB, PostgreSQL, Spark SQL).

Only standard SQL is emitted: CASE, SUM, COUNT, MIN, GROUP BY GROUPING SETS, GROUPING(), joins,
CAST(... AS DOUBLE PRECISION), WITH. No DuckDB-only syntax, no casts with `::`, no functions
beyond those. Input tables must have the types in `schema.SQL_TYPES` (`schema.create_table_sql`).

The computation has three steps, each a query text built here:

1. *cells* — one pass over the person rows, grouped by (year, department, municipality, region),
   summing every definition's numerator and denominator. All measures are sums, so everything
   after this step works on a few thousand rows instead of millions.
2. *base* — cells joined to area membership (`departments.valid_from/valid_to`, inclusive data
   years) and rolled up to every level with GROUPING SETS.
3. *finish* — per definition: the yearly value, the two-year average, the comparison with the
   country or region, and the suppression flag.

`compile_sql` strings the three together for one definition and one level (what a PostgreSQL
equivalence test runs). The engine runs steps 1 and 2 once for all definitions as temporary
tables named `base_persons` / `base_child_mother` and then the very same step 3 text (plus a
carried column, `finish_sql(carry=…)`: each unit's sort rank); in step 1
it writes each sum in an equivalent DuckDB form (`cells_sql(aggregate=…)`, engine.py) and may
compute the child-mother sums without the join (engine.py) — the sums are the same.
"""

# ruff: noqa: S608 - SQL is built from definitions and schema names; file values and
# mapping names enter only as quoted identifiers/literals (see _quote/_literal, _check_identifier).

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence

from helhed.domain.indicators.definitions import (
    Comparison,
    IndicatorDefinition,
    Level,
    Measure,
    Relation,
)
from helhed.domain.indicators.geography import COUNTRY_ID
from helhed.domain.indicators.suppression import suppressed_sql

# The grouping column of each level in the cells table (the country has none).
LEVEL_COLUMNS: dict[Level, str | None] = {
    Level.DEPARTMENT: "department_id",
    Level.AREA: "area_id",
    Level.MUNICIPALITY: "municipality_code",
    Level.REGION: "region_code",
    Level.COUNTRY: None,
}
# The child's and the mother's columns available to Relation.CHILD_MOTHER expressions.
CHILD_COLUMNS = (
    "year",
    "department_id",
    "municipality_code",
    "region_code",
    "age",
    "sex",
    "origin",
)
CHILD_MOTHER_COLUMNS = (
    "nuclear_family",
    "convicted",
    "cash_benefit_or_pension",
    "education",
    "department_id",
)
# The children of Relation.CHILD_MOTHER (their mother's row of the same year is joined on).
CHILD_CONDITION = "age <= 17"
BASE_TABLES: dict[Relation, str] = {
    Relation.PERSONS: "base_persons",
    Relation.CHILD_MOTHER: "base_child_mother",
}
CELL_KEYS = ("year", "department_id", "municipality_code", "region_code")
OUTPUT_COLUMNS = (
    "level",
    "unit_id",
    "indicator",
    "year",
    "value",
    "numerator",
    "denominator",
    "suppressed",
)
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


def _check_identifier(name: str) -> str:
    # Table names and keys are spliced into SQL; only plain identifiers get through.
    if not _IDENTIFIER.match(name):
        raise ValueError(f"ugyldigt SQL-navn: {name!r}")
    return name


ALL_ROWS = "1 = 1"  # the population condition "everyone"
OPEN_ENDED = 9999  # valid_to of a membership that has not ended


def _sum_name(population: str, expression: str) -> str:
    digest = hashlib.sha256(f"{population}|{expression}".encode()).hexdigest()[:12]
    return f"s_{digest}"


def measure_columns(definition: IndicatorDefinition) -> tuple[str, str]:
    """The (numerator, denominator) column names of a definition in the cells and base tables.

    A column is named after what it sums, not after the definition, so that definitions
    counting the same thing (every definition over 18+ has the same denominator) share one sum.
    """
    return (
        _sum_name(definition.population, definition.numerator),
        _sum_name(definition.population, definition.denominator),
    )


def measures(
    definitions: Iterable[IndicatorDefinition], relation: Relation
) -> dict[str, tuple[str, str]]:
    """Every sum the definitions need: column name → (population, expression), shared sums once."""
    sums: dict[str, tuple[str, str]] = {}
    for definition in definitions:
        if definition.relation is not relation:
            raise ValueError(f"{definition.key} hører ikke til relationen {relation}")
        numerator, denominator = measure_columns(definition)
        sums[numerator] = (definition.population, definition.numerator)
        sums[denominator] = (definition.population, definition.denominator)
    return sums


def sum_sql(population: str, expression: str) -> str:
    """The portable aggregate summing `expression` over the rows where `population` holds."""
    if population == ALL_ROWS:
        return "COUNT(*)" if expression == "1" else f"SUM({expression})"
    return f"SUM(CASE WHEN {population} THEN {expression} ELSE 0 END)"


def _relation_from(relation: Relation, persons_table: str) -> str:
    persons_table = _check_identifier(persons_table)
    if relation is Relation.PERSONS:
        return f"{persons_table} AS r"
    child = ", ".join(f"c.{column} AS {column}" for column in CHILD_COLUMNS)
    mother = ", ".join(f"m.{column} AS mother_{column}" for column in CHILD_MOTHER_COLUMNS)
    return (
        f"(SELECT {child}, {mother} FROM {persons_table} AS c "
        f"INNER JOIN {persons_table} AS m ON m.year = c.year AND m.person_id = c.mother_id "
        f"WHERE c.{CHILD_CONDITION}) AS r"
    )


def cells_sql(
    definitions: Iterable[IndicatorDefinition],
    relation: Relation,
    persons_table: str = "persons",
    extra: Sequence[str] = (),
    aggregate: Callable[[str, str], str] = sum_sql,
) -> str:
    """Step 1: one pass over the rows, every measure summed per (year, department, …).

    `extra` select items ride along in the same pass (the engine's validation aggregates);
    the indicator columns are the same with or without them. `aggregate(population,
    expression)` writes each sum; the engine passes an equivalent DuckDB form (engine.py).
    """
    sums = measures(definitions, relation)
    keys = ", ".join(CELL_KEYS)
    columns = [f"{keys}", "COUNT(*) AS row_count"]
    columns += [f"{aggregate(*parts)} AS {name}" for name, parts in sums.items()]
    columns += list(extra)
    select = ",\n  ".join(columns)
    return f"SELECT\n  {select}\nFROM {_relation_from(relation, persons_table)}\nGROUP BY {keys}"


def base_sql(
    cells: str,
    measure_names: Sequence[str],
    levels: Iterable[Level],
    departments_table: str = "departments",
) -> str:
    """Step 2: cells (a table name or a parenthesised query) → one row per level, unit and year.

    A department counts in an area in data year Y when its departments row has
    valid_from ≤ Y and (valid_to is null or Y ≤ valid_to).
    """
    departments_table = _check_identifier(departments_table)
    wanted = [level for level in Level if level in set(levels)]
    level_case = ["CASE"]
    unit_case = ["CASE"]
    sets = []
    for level in wanted:
        column = LEVEL_COLUMNS[level]
        if column is None:
            sets.append("(year)")
            continue
        level_case.append(f"WHEN GROUPING({column}) = 0 THEN '{level.value}'")
        unit_case.append(f"WHEN GROUPING({column}) = 0 THEN {column}")
        sets.append(f"(year, {column})")
    # Without a country grouping set no group falls through to ELSE; keep it well-typed anyway.
    level_else = f"'{Level.COUNTRY.value}'" if Level.COUNTRY in wanted else "NULL"
    unit_else = f"'{COUNTRY_ID}'" if Level.COUNTRY in wanted else "NULL"
    level_sql = (
        " ".join([*level_case, f"ELSE {level_else} END"]) if len(level_case) > 1 else level_else
    )
    unit_sql = " ".join([*unit_case, f"ELSE {unit_else} END"]) if len(unit_case) > 1 else unit_else
    sums = ",\n    ".join(f"SUM({name}) AS {name}" for name in ("row_count", *measure_names))
    membership = (
        f"SELECT c.*, d.area_id AS area_id FROM {cells} AS c LEFT JOIN {departments_table} AS d "
        "ON d.department_id = c.department_id AND d.valid_from <= c.year "
        # COALESCE, not "IS NULL OR": an OR in the join condition makes DuckDB fall back to a
        # nested-loop join; this form keeps the equality hash join.
        f"AND COALESCE(d.valid_to, {OPEN_ENDED}) >= c.year"
    )
    return (
        "SELECT * FROM (\n  SELECT\n"
        f"    {level_sql} AS level,\n"
        f"    {unit_sql} AS unit_id,\n"
        "    year,\n    MIN(region_code) AS region_code,\n"
        f"    {sums}\n"
        f"  FROM ({membership}) AS ca\n"
        f"  GROUP BY GROUPING SETS ({', '.join(sets)})\n"
        ") AS g WHERE unit_id IS NOT NULL"
    )


def _value_sql(definition: IndicatorDefinition) -> str:
    numerator = "CAST(numerator AS DOUBLE PRECISION)"
    denominator = "CAST(denominator AS DOUBLE PRECISION)"
    if definition.measure is Measure.TOTAL:
        return numerator
    factor = {Measure.SHARE: "100 * ", Measure.RATE: f"{definition.rate_per} * ", Measure.MEAN: ""}
    ratio = f"{factor[definition.measure]}{numerator} / {denominator}"
    return f"CASE WHEN denominator <> 0 THEN {ratio} END"


def _reference_levels(definition: IndicatorDefinition) -> set[Level]:
    if definition.comparison is Comparison.RATIO_TO_COUNTRY:
        return {Level.COUNTRY}
    if definition.comparison is Comparison.PCT_OF_REGION:
        return {Level.REGION, Level.COUNTRY}
    return set()


def _level_list(levels: Iterable[Level]) -> str:
    return ", ".join(f"'{level.value}'" for level in Level if level in set(levels))


def finish_ctes(
    definition: IndicatorDefinition, levels: Iterable[Level], carry: Sequence[str] = ()
) -> tuple[list[tuple[str, str]], str]:
    """Step 3 for one definition over the base tables: (named CTEs, final SELECT).

    Two-year window: value(Y) = (value(Y) + value(Y-1)) / 2, the mean of the two yearly values,
    as the official list criteria average two years. The row's numerator and denominator are the
    two years' sums (used for suppression). Without a row for Y-1 the value is NULL.

    `carry` names further columns of `base_persons` (per unit and year) handed through to the
    end of the final SELECT unchanged; the engine carries each unit's sort rank.
    """
    carry = [_check_identifier(name) for name in carry]

    def carried(alias: str = "") -> str:
        return "".join(f", {alias}{name} AS {name}" for name in carry)

    out_levels = [level for level in levels if level in definition.levels]
    needed = set(out_levels) | _reference_levels(definition)
    numerator, denominator = measure_columns(definition)
    base = BASE_TABLES[definition.relation]
    in_levels = _level_list(needed)
    if definition.relation is Relation.PERSONS:
        yearly = (
            f"SELECT level, unit_id, year, region_code, {numerator} AS numerator, "
            f"{denominator} AS denominator{carried()} FROM {base} WHERE level IN ({in_levels})"
        )
    else:
        # Every unit with residents gets a row, also when no child of it is in the relation.
        yearly = (
            "SELECT u.level AS level, u.unit_id AS unit_id, u.year AS year, "
            f"u.region_code AS region_code, COALESCE(b.{numerator}, 0) AS numerator, "
            f"COALESCE(b.{denominator}, 0) AS denominator{carried('u.')} "
            f"FROM {BASE_TABLES[Relation.PERSONS]} AS u LEFT JOIN {base} AS b "
            "ON b.level = u.level AND b.unit_id = u.unit_id AND b.year = u.year "
            f"WHERE u.level IN ({in_levels})"
        )
    ctes = [
        ("yearly", yearly),
        (
            "valued",
            "SELECT level, unit_id, year, region_code, numerator, denominator, "
            f"{_value_sql(definition)} AS value{carried()} FROM yearly",
        ),
    ]
    current = "valued"
    if definition.window == 2:
        ctes.append(
            (
                "windowed",
                "SELECT cur.level AS level, cur.unit_id AS unit_id, cur.year AS year, "
                "cur.region_code AS region_code, "
                "cur.numerator + prev.numerator AS numerator, "
                "cur.denominator + prev.denominator AS denominator, "
                f"(cur.value + prev.value) / 2 AS value{carried('cur.')} "
                "FROM valued AS cur LEFT JOIN valued AS prev ON prev.level = cur.level "
                "AND prev.unit_id = cur.unit_id AND prev.year = cur.year - 1",
            )
        )
        current = "windowed"
    if definition.comparison is not Comparison.NONE:
        if definition.comparison is Comparison.RATIO_TO_COUNTRY:
            on = f"r.level = '{Level.COUNTRY.value}'"
            value = "CASE WHEN r.value <> 0 THEN u.value / r.value END"
        else:
            on = (
                f"r.level = CASE WHEN u.level = '{Level.COUNTRY.value}' THEN "
                f"'{Level.COUNTRY.value}' ELSE '{Level.REGION.value}' END "
                f"AND r.unit_id = CASE WHEN u.level = '{Level.COUNTRY.value}' THEN "
                f"'{COUNTRY_ID}' ELSE u.region_code END"
            )
            value = "CASE WHEN r.value <> 0 THEN 100 * u.value / r.value END"
        ctes.append(
            (
                "compared",
                "SELECT u.level AS level, u.unit_id AS unit_id, u.year AS year, "
                "u.region_code AS region_code, u.numerator AS numerator, "
                f"u.denominator AS denominator, {value} AS value{carried('u.')} "
                f"FROM {current} AS u LEFT JOIN {current} AS r ON r.year = u.year AND {on}",
            )
        )
        current = "compared"
    key = _check_identifier(definition.key)
    select = (
        f"SELECT level, unit_id, '{key}' AS indicator, year, value, "
        "CAST(numerator AS DOUBLE PRECISION) AS numerator, "
        "CAST(denominator AS DOUBLE PRECISION) AS denominator, "
        f"{suppressed_sql(definition, 'numerator', 'denominator')} AS suppressed{carried()} "
        f"FROM {current} WHERE level IN ({_level_list(out_levels) or 'NULL'})"
    )
    return ctes, select


def with_sql(ctes: Sequence[tuple[str, str]], select: str) -> str:
    if not ctes:
        return select
    body = ",\n".join(f"{name} AS (\n{sql}\n)" for name, sql in ctes)
    return f"WITH {body}\n{select}"


def finish_sql(
    definition: IndicatorDefinition, levels: Iterable[Level], carry: Sequence[str] = ()
) -> str:
    """Step 3 as one query over existing base tables (what the engine runs, with `carry`)."""
    ctes, select = finish_ctes(definition, levels, carry)
    return with_sql(ctes, select)


def compile_sql(
    definition: IndicatorDefinition,
    level: Level | str,
    persons_table: str = "persons",
    departments_table: str = "departments",
) -> str:
    """One standalone, portable query: the definition's rows for one level.

    Result columns: level, unit_id, indicator, year, value, numerator, denominator, suppressed
    (the engine's rows without unit_name). Runs unchanged on DuckDB and PostgreSQL given tables
    created with `schema.create_table_sql`.
    """
    level = Level(level)
    if level not in definition.levels:
        raise ValueError(f"{definition.key} beregnes ikke på niveauet {level.value}")
    needed = {level} | _reference_levels(definition)
    ctes: list[tuple[str, str]] = []
    relations = [Relation.PERSONS]
    if definition.relation is Relation.CHILD_MOTHER:
        relations.append(Relation.CHILD_MOTHER)
    for relation in relations:
        own = [definition] if definition.relation is relation else []
        # A definition whose numerator and denominator sum the same thing has one column, not two:
        # PostgreSQL (unlike DuckDB) rejects the duplicate name a SELECT * would then carry.
        names = list(dict.fromkeys(name for d in own for name in measure_columns(d)))
        cells_name = f"cells_{relation.value}"
        ctes.append((cells_name, cells_sql(own, relation, persons_table)))
        ctes.append((BASE_TABLES[relation], base_sql(cells_name, names, needed, departments_table)))
    finish, select = finish_ctes(definition, [level])
    return with_sql(ctes + finish, select)
