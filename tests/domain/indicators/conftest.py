"""Fixtures over the hand-made extract in tiny.py (read its docstring for the people)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helhed.domain.indicators.engine import EngineResult, compute
from tests.domain.indicators.tiny import Row, write_extract


@pytest.fixture(scope="session")
def tiny_extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_extract(tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="session")
def tiny_result(tiny_extract: Path) -> EngineResult:
    return compute(tiny_extract)


@pytest.fixture(scope="session")
def row(tiny_result: EngineResult) -> Row:
    """The one result row for (level, unit_id, indicator, year)."""
    rows = {
        (r["level"], r["unit_id"], r["indicator"], r["year"]): r
        for r in tiny_result.table.to_pylist()
    }
    return lambda level, unit, indicator, year: rows[(level, unit, indicator, year)]
