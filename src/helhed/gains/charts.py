"""Server-rendered SVG charts of a gains result: geometry here, markup in gains/_chart.html.

Each function returns a Chart with every coordinate computed, so the template only draws. Every
chart on a page has a table beside it with the same numbers (the chart is never the only source).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.formats import number_format

from helhed.domain.gains import BODY_LABELS

WIDTH = 640
_LEFT, _RIGHT, _TOP, _BOTTOM = 84, 16, 16, 44


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "middle"
    css: str = "axis"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    title: str


@dataclass
class Chart:
    width: int
    height: int
    title: str
    description: str
    rects: list[Rect] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    polyline: str = ""
    legend: list[tuple[str, str]] = field(default_factory=list)  # (css class, label)


def amount_label(value: float) -> str:
    """A short Danish axis label: 1,2 mio. / 250.000 / −50.000."""
    sign = "−" if value < 0 else ""
    size = abs(value)
    if size >= 1_000_000:
        return f"{sign}{number_format(size / 1_000_000, 1, use_l10n=True)} mio."
    return sign + number_format(round(size), 0, use_l10n=True, force_grouping=True)


def kr_text(value: float) -> str:
    sign = "−" if value < 0 else ""
    return f"{sign}{number_format(round(abs(value)), 0, use_l10n=True, force_grouping=True)} kr."


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high], always including 0."""
    low, high = min(low, 0.0), max(high, 0.0)
    span = high - low or max(abs(high), 1.0)
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    stop = math.ceil(high / step) * step
    if stop == start:
        stop = start + step
    ticks = []
    value = start
    while value <= stop + step / 1000:
        ticks.append(round(value, 6) + 0.0)
        value += step
    return ticks


def _r(value: float) -> float:
    return round(value, 1)


class _YScale:
    def __init__(self, ticks: list[float], top: float, bottom: float) -> None:
        self.low, self.high = ticks[0], ticks[-1]
        self.top, self.bottom = top, bottom

    def __call__(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return _r(self.bottom - share * (self.bottom - self.top))


def _year_label(year: int, first_calendar_year: int | None) -> str:
    return f"År {year}" if first_calendar_year is None else f"{first_calendar_year + year}"


def _value_axis(chart: Chart, ticks: list[float], y: _YScale) -> None:
    for tick in ticks:
        css = "zero" if tick == 0 else "grid"
        chart.lines.append(Line(_LEFT, y(tick), WIDTH - _RIGHT, y(tick), css))
        chart.texts.append(Text(_LEFT - 6, y(tick) + 4, amount_label(tick), "end"))


def net_by_body_chart(
    net_by_body_by_year: dict[str, list[float]], first_calendar_year: int | None = None
) -> Chart:
    """Grouped bars: the discounted net result of each year, one bar per public body."""
    bodies = [b for b, values in net_by_body_by_year.items() if any(values)] or ["kommune"]
    years = len(next(iter(net_by_body_by_year.values())))
    values = [v for b in bodies for v in net_by_body_by_year.get(b, [0.0] * years)]
    height = 280
    ticks = nice_ticks(min(values), max(values))
    y = _YScale(ticks, _TOP, height - _BOTTOM)
    chart = Chart(
        WIDTH,
        height,
        "Nettoresultat pr. år fordelt på kasser",
        "Søjler pr. år og offentlig kasse (nutidsværdi, kr.). Tallene står i tabellen ved siden af.",
        legend=[(f"body-{b}", BODY_LABELS.get(b, b)) for b in bodies],
    )
    _value_axis(chart, ticks, y)
    group = (WIDTH - _LEFT - _RIGHT) / years
    bar = group * 0.76 / len(bodies)
    for year in range(years):
        x0 = _LEFT + group * year + group * 0.12
        for index, body in enumerate(bodies):
            value = net_by_body_by_year.get(body, [0.0] * years)[year]
            top, bottom = sorted((y(value), y(0)))
            label = BODY_LABELS.get(body, body)
            title = f"{_year_label(year, first_calendar_year)}, {label}: {kr_text(value)}"
            chart.rects.append(
                Rect(_r(x0 + bar * index), top, _r(bar), _r(bottom - top), f"body-{body}", title)
            )
        label = _year_label(year, first_calendar_year)
        chart.texts.append(Text(_r(x0 + group * 0.38), height - _BOTTOM + 18, label))
    return chart


def cumulative_chart(
    cumulative: list[float], payback_year: int | None, first_calendar_year: int | None = None
) -> Chart:
    """The cumulative discounted net result as a line, with the payback year marked."""
    height = 260
    ticks = nice_ticks(min(cumulative), max(cumulative))
    y = _YScale(ticks, _TOP, height - _BOTTOM)
    chart = Chart(
        WIDTH,
        height,
        "Kumuleret nettoresultat",
        "Linje over det kumulerede nettoresultat år for år (nutidsværdi, kr.); "
        "den stiplede linje markerer tilbagebetalingsåret.",
        legend=[("cumulative", "Kumuleret nettoresultat")],
    )
    _value_axis(chart, ticks, y)
    step = (WIDTH - _LEFT - _RIGHT) / len(cumulative)
    coordinates = []
    for year, value in enumerate(cumulative):
        x = _r(_LEFT + step * year + step / 2)
        label = _year_label(year, first_calendar_year)
        coordinates.append(f"{x},{y(value)}")
        chart.points.append(Point(x, y(value), f"{label}: {kr_text(value)}"))
        chart.texts.append(Text(x, height - _BOTTOM + 18, label))
    if payback_year is not None:
        x = _r(_LEFT + step * payback_year + step / 2)
        chart.lines.append(Line(x, _TOP, x, height - _BOTTOM, "payback"))
        # The label goes on whichever side of the line has room.
        right_half = x > WIDTH * 0.6
        chart.texts.append(
            Text(
                x - 4 if right_half else x + 4,
                _TOP + 10,
                "tilbagebetalt",
                "end" if right_half else "start",
                "note",
            )
        )
        chart.legend.append(("payback", "Tilbagebetalingsår"))
    chart.polyline = " ".join(coordinates)
    return chart


def tornado_chart(bars: list[dict], central: float) -> Chart:
    """Horizontal bars: the net result at each assumption's low and high value, largest swing
    first; the vertical line is the central net result."""
    left, row = 256, 30
    height = _TOP + 14 + row * len(bars) + _BOTTOM
    values = [central] + [v for b in bars for v in (b["net_at_low"], b["net_at_high"])]
    ticks = nice_ticks(min(values), max(values), 4)
    span = ticks[-1] - ticks[0]

    def x(value: float) -> float:
        # A wider right margin than the other charts: the last tick label is centred on its tick.
        return _r(left + (value - ticks[0]) / span * (WIDTH - left - 40))

    chart = Chart(
        WIDTH,
        height,
        "Tornado: hvilke antagelser betyder mest",
        "Vandrette søjler med nettoresultatet ved lav og høj værdi af hver antagelse, den "
        "største først; den lodrette linje er det centrale nettoresultat.",
        legend=[("tornado-low", "Lav værdi"), ("tornado-high", "Høj værdi")],
    )
    bottom = height - _BOTTOM
    for tick in ticks:
        chart.lines.append(Line(x(tick), _TOP + 14, x(tick), bottom, "grid"))
        chart.texts.append(Text(x(tick), bottom + 16, amount_label(tick)))
    for index, bar in enumerate(bars):
        top = _TOP + 14 + row * index + 5
        label = bar["label"] if len(bar["label"]) <= 36 else bar["label"][:35] + "…"
        chart.texts.append(Text(left - 8, top + 14, label, "end", "label"))
        for key, css, name in (
            ("net_at_low", "tornado-low", "lav"),
            ("net_at_high", "tornado-high", "høj"),
        ):
            start, end = sorted((x(central), x(bar[key])))
            title = f"{bar['label']}, {name} værdi: {kr_text(bar[key])}"
            chart.rects.append(Rect(start, top, _r(end - start), row - 10, css, title))
    chart.lines.append(Line(x(central), _TOP, x(central), bottom, "central"))
    chart.texts.append(Text(x(central), _TOP + 6, f"centralt: {amount_label(central)}"))
    return chart
