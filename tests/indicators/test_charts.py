"""The indicator line chart's legend: every level's label has room before the next entry."""

from __future__ import annotations

import re

from helhed.indicators.charts import Line, line_chart


def test_legend_entries_are_as_wide_as_their_labels() -> None:
    labels = ["Boligområdet", "Kommunen", "Regionen", "Hele landet"]
    svg = line_chart("t", [2020, 2021], [Line(label, [1.0, 2.0]) for label in labels])
    symbols = [float(x) for x in re.findall(r'<line x1="([\d.]+)" x2="[\d.]+" y1="210"', svg)]
    texts = re.findall(r'<text x="([\d.]+)" y="214" [^>]*>([^<]*)</text>', svg)
    assert [text for _, text in texts] == labels
    assert symbols == [24.0, 24.0 + 22 + 8 * 12 + 16, 158.0 + 22 + 8 * 8 + 16, 260.0 + 102]
    for (x, label), next_symbol in zip(texts, symbols[1:], strict=False):
        # 8 px a character is DejaVu Sans at 13 px rounded up: the label ends before the next
        assert float(x) + 8 * len(label) < next_symbol
    assert float(texts[-1][0]) + 8 * len(labels[-1]) <= 520  # inside the chart's width
