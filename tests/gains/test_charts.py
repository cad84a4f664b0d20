"""Chart geometry: ticks cover the data, bars sit on the zero line, one bar per year and body."""

from __future__ import annotations

from helhed.gains.charts import (
    amount_label,
    cumulative_chart,
    net_by_body_chart,
    nice_ticks,
    tornado_chart,
)


def test_nice_ticks_cover_the_range_and_include_zero():
    ticks = nice_ticks(-50_000, 261_432.67)
    assert ticks[0] <= -50_000 and ticks[-1] >= 261_432.67 and 0.0 in ticks
    assert ticks == [-100000.0, 0.0, 100000.0, 200000.0, 300000.0]
    assert nice_ticks(0, 0) == [0.0, 0.2]


def test_amount_labels_are_danish():
    assert amount_label(-50_000) == "−50.000"
    assert amount_label(1_250_000) == "1,2 mio."


def test_net_chart_has_a_bar_per_year_and_body_in_use():
    chart = net_by_body_chart(
        {"kommune": [-70000.0, 57971.01], "region": [0.0, 0.0], "stat": [20000.0, 38647.34]}, 2020
    )
    assert len(chart.rects) == 4  # region is all zero and left out
    zero = next(line for line in chart.lines if line.css == "zero").y1
    negative = chart.rects[0]
    assert negative.y == zero and negative.height > 0  # hangs below the zero line
    assert [t.text for t in chart.texts if t.text in {"2020", "2021"}] == ["2020", "2021"]
    assert [label for _, label in chart.legend] == ["Kommune", "Stat"]


def test_cumulative_chart_marks_the_payback_year():
    chart = cumulative_chart([-50000.0, 46618.36, 326671.57], 1)
    assert len(chart.points) == 3 and chart.polyline.count(",") == 3
    assert any(line.css == "payback" for line in chart.lines)
    assert not any(line.css == "payback" for line in cumulative_chart([-1.0, -2.0], None).lines)


def test_tornado_bars_start_at_the_central_result():
    bars = [{"label": "Succesrate", "net_at_low": 232725.17, "net_at_high": 1484648.93}]
    chart = tornado_chart(bars, 858687.05)
    central = next(line for line in chart.lines if line.css == "central").x1
    low, high = chart.rects
    assert low.x + low.width == central and high.x == central
