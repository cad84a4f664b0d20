"""Server-rendered SVG of an area's criteria against their thresholds: geometry here, markup in
arealists/_criteria_chart.html. The same figures stand in the table beside the chart.

One bar per measure, each on its own scale (a conviction share of 2 % and an income of 50 % of the
region cannot share an axis). A solid line marks the udsat (before 2018: ghetto) threshold, a
dashed line the forebyggelse threshold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from helhed.arealists.presentation import MeasureCell, measure_cells
from helhed.domain.arealists import AreaResult
from helhed.domain.arealists.distance import format_da

WIDTH = 640
_LEFT = 8
_BAR_WIDTH = 540
_ROW = 64
_LABEL_GAP = 110  # px between two threshold lines below which their labels would touch


@dataclass(frozen=True)
class ThresholdMark:
    x: float
    label: str
    css: str  # "main" or "fb"
    anchor: str  # text-anchor of the label

    @property
    def label_x(self) -> float:
        return self.x + {"start": 3, "end": -3}.get(self.anchor, 0)


@dataclass(frozen=True)
class BarRow:
    y: float
    label: str
    value_text: str
    bar_width: float
    css: str  # met / fb-met / not-met / missing
    marks: tuple[ThresholdMark, ...]
    title: str


@dataclass
class CriteriaChart:
    width: int
    height: int
    rows: list[BarRow] = field(default_factory=list)


def _nice_max(value: float) -> float:
    """A round scale end a little beyond `value` (1, 2, 2.5, 5 × a power of ten)."""
    if value <= 0:
        return 1.0
    target = value * 1.15
    power = 10 ** math.floor(math.log10(target))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= target:
            return step * power
    return 10 * power


def _css(cell: MeasureCell) -> str:
    if cell.value is None:
        return "missing"
    if cell.met:
        return "met"
    if any(test.met for test in cell.tests):
        return "fb-met"
    return "not-met"


def criteria_chart(result: AreaResult) -> CriteriaChart:
    cells = measure_cells(result.criteria)
    chart = CriteriaChart(width=WIDTH, height=len(cells) * _ROW + 8)
    for index, cell in enumerate(cells):
        thresholds = sorted(
            (c.threshold, c.id.startswith("fb_"))
            for c in result.criteria
            if c.criterion.measure == cell.measure and c.threshold is not None
        )
        scale = _nice_max(max([cell.value or 0.0, *(t for t, _ in thresholds)]))
        chart.rows.append(_bar_row(cell, index * _ROW + 4, scale, thresholds))
    return chart


def _anchors(xs: list[float]) -> list[str]:
    """Text anchors of threshold labels; two lines close together get labels pointing outwards."""
    anchors = ["end" if x > _LEFT + _BAR_WIDTH - 70 else "middle" for x in xs]
    for i in range(len(xs) - 1):
        if xs[i + 1] - xs[i] < _LABEL_GAP:
            anchors[i], anchors[i + 1] = "end", "start"
    return anchors


def _bar_row(
    cell: MeasureCell, y: float, scale: float, thresholds: list[tuple[float, bool]]
) -> BarRow:
    xs = [_LEFT + threshold / scale * _BAR_WIDTH for threshold, _ in thresholds]
    marks = tuple(
        ThresholdMark(
            x=round(x, 1),
            label=f"{'forebyggelse ' if is_fb else ''}{format_da(threshold, 2)} %",
            css="fb" if is_fb else "main",
            anchor=anchor,
        )
        for (threshold, is_fb), x, anchor in zip(thresholds, xs, _anchors(xs), strict=True)
    )
    value_text = "mangler" if cell.value is None else f"{format_da(cell.value, 2)} %"
    return BarRow(
        y=y,
        label=cell.label,
        value_text=value_text,
        bar_width=0.0 if cell.value is None else round(cell.value / scale * _BAR_WIDTH, 1),
        css=_css(cell),
        marks=marks,
        title=f"{cell.label}: {value_text}; "
        + "; ".join(f"{t.label} {t.threshold_long}" for t in cell.tests),
    )
