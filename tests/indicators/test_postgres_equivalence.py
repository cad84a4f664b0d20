"""The same compiled definitions give the same figures on PostgreSQL as the DuckDB engine.

Runs when the suite runs on PostgreSQL (scripts/test does both); skipped on SQLite, which is not
one of the engines indicator SQL targets.
"""

from __future__ import annotations

import math

import pyarrow.parquet as pq
import pytest
from django.db import connection

from helhed.domain.indicators.definitions import Level
from helhed.domain.indicators.engine import compute
from helhed.domain.indicators.registry import register_definitions
from helhed.domain.indicators.schema import DEPARTMENTS, PERSONS, create_table_sql
from helhed.domain.indicators.sql import compile_sql

pytestmark = pytest.mark.django_db


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)


def test_compiled_sql_on_postgresql_equals_the_engine(tiny_dir):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run with DATABASE_URL=postgres://…)")
    persons = pq.read_table(tiny_dir / "persons.parquet").to_pylist()
    departments = pq.read_table(tiny_dir / "departments.parquet").to_pylist()
    id_type = "VARCHAR" if isinstance(persons[0]["person_id"], str) else "BIGINT"
    with connection.cursor() as cur:
        cur.execute(create_table_sql(PERSONS, "eq_persons", identifier_type=id_type))
        cur.execute(create_table_sql(DEPARTMENTS, "eq_departments", identifier_type=id_type))
        for table, rows in (("eq_persons", persons), ("eq_departments", departments)):
            columns = list(rows[0])
            cur.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})",
                [tuple(r[c] for c in columns) for r in rows],
            )
        engine = compute(tiny_dir).table.to_pylist()
        compared = 0
        for definition in register_definitions():
            for level in definition.levels:
                cur.execute(
                    compile_sql(
                        definition,
                        level,
                        persons_table="eq_persons",
                        departments_table="eq_departments",
                    )
                )
                got = sorted(cur.fetchall(), key=lambda r: (r[1], r[3]))
                want = sorted(
                    (
                        (
                            r["level"],
                            r["unit_id"],
                            r["indicator"],
                            r["year"],
                            r["value"],
                            r["numerator"],
                            r["denominator"],
                            r["suppressed"],
                        )
                        for r in engine
                        if r["indicator"] == definition.key and r["level"] == Level(level).value
                    ),
                    key=lambda r: (r[1], r[3]),
                )
                assert len(got) == len(want), (definition.key, level)
                for g, w in zip(got, want, strict=True):
                    assert (
                        g[:4] == (w[0], w[1], w[2], w[3])
                        or (str(g[0]), str(g[1]), g[2], int(g[3])) == w[:4]
                    )
                    assert all(_close(a, b) for a, b in zip(g[4:7], w[4:7], strict=True)), (
                        definition.key,
                        level,
                        g,
                        w,
                    )
                    assert bool(g[7]) == w[7]
                compared += 1
        assert compared == sum(len(d.levels) for d in register_definitions())
