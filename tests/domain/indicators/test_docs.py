"""docs/indicators.md is generated from the registry and kept in step with it."""

from __future__ import annotations

from pathlib import Path

from helhed.domain.indicators.docs import render_indicators_markdown
from helhed.domain.indicators.registry import DEFINITIONS
from helhed.domain.indicators.schema import PERSONS

ROOT = Path(__file__).resolve().parents[3]


def test_generated_file_is_current() -> None:
    committed = (ROOT / "docs" / "indicators.md").read_text(encoding="utf-8")
    assert committed == render_indicators_markdown(), "kør: python -m helhed.domain.indicators.docs"


def test_every_definition_is_documented() -> None:
    text = render_indicators_markdown()
    for definition in DEFINITIONS:
        assert f"(`{definition.key}`)" in text


def test_extract_format_lists_every_column() -> None:
    text = (ROOT / "docs" / "extract-format.md").read_text(encoding="utf-8")
    for column in PERSONS.column_names:
        assert f"`{column}`" in text
