"""Compiled SQL: portable text, and it gives exactly the engine's rows when run on its own."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from helhed.domain.indicators.definitions import Level, Relation
from helhed.domain.indicators.engine import EngineResult
from helhed.domain.indicators.registry import register_definitions
from helhed.domain.indicators.schema import DEPARTMENTS, PERSONS, create_table_sql
from helhed.domain.indicators.sql import (
    BASE_TABLES,
    base_sql,
    cells_sql,
    compile_sql,
    finish_sql,
    measure_columns,
)

# DuckDB (or other dialect) syntax that must never appear in the compiled indicator SQL.
NOT_PORTABLE = [
    r"::", r"\bTRY_CAST\b", r"\bQUALIFY\b", r"GROUP BY ALL", r"\bEXCLUDE\b", r"\bCOLUMNS\(",
    r"read_parquet", r"read_csv", r"\bCOUNT_IF\b", r"\bFILTER\s*\(", r"\bILIKE\b", r"//",
    r"\blist_", r"\bstruct", r"\bSAMPLE\b", r"\bIFNULL\b", r"\bIIF\b", r'"', r"\bLIMIT\b",
]  # fmt: skip
PAIRS = [(d, level) for d in register_definitions() for level in d.levels]


@pytest.mark.parametrize(("definition", "level"), PAIRS, ids=lambda x: getattr(x, "key", str(x)))
def test_compiled_sql_is_portable(definition, level) -> None:  # type: ignore[no-untyped-def]
    text = compile_sql(definition, level)
    for pattern in NOT_PORTABLE:
        assert not re.search(pattern, text, re.IGNORECASE), pattern


@pytest.fixture(scope="module")
def typed_tables(tiny_extract: Path) -> duckdb.DuckDBPyConnection:
    """The extract loaded into plain tables made with the portable DDL (as on PostgreSQL)."""
    con = duckdb.connect()
    con.execute(create_table_sql(PERSONS, "p_table"))
    con.execute(create_table_sql(DEPARTMENTS, "d_table"))
    con.execute(
        f"INSERT INTO p_table BY NAME SELECT * FROM read_parquet('{tiny_extract / 'persons.parquet'}')"
    )
    con.execute(
        f"INSERT INTO d_table BY NAME SELECT * FROM read_parquet('{tiny_extract / 'departments.parquet'}')"
    )
    return con


@pytest.mark.parametrize(("definition", "level"), PAIRS, ids=lambda x: getattr(x, "key", str(x)))
def test_compiled_sql_equals_engine(  # type: ignore[no-untyped-def]
    typed_tables: duckdb.DuckDBPyConnection, tiny_result: EngineResult, definition, level
) -> None:
    sql = compile_sql(definition, level, persons_table="p_table", departments_table="d_table")
    compiled = sorted(typed_tables.execute(sql).fetchall(), key=lambda r: (r[1], r[3]))
    engine = sorted(
        (
            (r["level"], r["unit_id"], r["indicator"], r["year"], r["value"], r["numerator"],
             r["denominator"], r["suppressed"])
            for r in tiny_result.table.to_pylist()
            if r["indicator"] == definition.key and r["level"] == Level(level).value
        ),
        key=lambda r: (r[1], r[3]),
    )  # fmt: skip
    assert compiled == engine
    assert compiled, "mindst én række"


def test_compile_rejects_levels_outside_the_definition() -> None:
    sfi = next(d for d in register_definitions() if d.key == "sfi_risk_children")
    with pytest.raises(ValueError, match="department"):
        compile_sql(sfi, "department")


def test_compile_rejects_unsafe_table_names() -> None:
    definition = register_definitions()[0]
    with pytest.raises(ValueError, match="ugyldigt SQL-navn"):
        compile_sql(definition, "area", persons_table="persons; DROP TABLE x")


def test_finish_carries_base_columns_through_every_step(
    typed_tables: duckdb.DuckDBPyConnection,
) -> None:
    """A carried base_persons column reaches the result unchanged, for every definition
    (windows, comparisons, the child-mother join), and the rows stay the same."""
    con = typed_tables.cursor()
    definitions = register_definitions()
    for relation in (Relation.PERSONS, Relation.CHILD_MOTHER):
        own = [d for d in definitions if d.relation is relation]
        names = list(dict.fromkeys(n for d in own for n in measure_columns(d)))
        cells = cells_sql(own, relation, "p_table")
        base = base_sql(f"({cells})", names, list(Level), "d_table")
        if relation is Relation.PERSONS:
            base = f"SELECT *, unit_id || '/' || CAST(year AS VARCHAR) AS tag FROM ({base}) AS b"
        con.execute(f"CREATE TEMP TABLE {BASE_TABLES[relation]} AS {base}")
    for definition in definitions:
        plain = con.execute(finish_sql(definition, definition.levels)).fetchall()
        carried = con.execute(finish_sql(definition, definition.levels, ["tag"])).fetchall()
        assert sorted(row[:-1] for row in carried) == sorted(plain), definition.key
        assert all(row[-1] == f"{row[1]}/{row[3]}" for row in carried), definition.key
    with pytest.raises(ValueError, match="ugyldigt SQL-navn"):
        finish_sql(definitions[0], definitions[0].levels, ["tag; DROP TABLE x"])
