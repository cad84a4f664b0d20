"""Line charts of an indicator as PNG images for the PDF and the Word file (matplotlib, pure).

The figure is built with matplotlib's object API (no pyplot, so no global state between threads)
on the Agg canvas, and saved without a timestamp, so the same data gives the same bytes.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from helhed.domain.indicators.definitions import Unit
from helhed.domain.reporting.context import ChartData
from helhed.domain.reporting.phrases import dk_number

# The areas first (solid), then the comparison units (dashed/dotted), as in the app's charts.
COLOURS = ("#0b4f6c", "#2a7f62", "#8e4585", "#c9a227", "#6b9fb8", "#7a7f87", "#b5522b")
STYLES = ("-", "-", "-", "--", "-.", ":", "-")
TARGET_COLOUR = "#a4161a"


def _tick(unit: Unit):
    decimals = 0 if unit in (Unit.KR, Unit.COUNT) else 1

    def fmt(value: float, _pos: int) -> str:
        return dk_number(value, decimals)

    return FuncFormatter(fmt)


def _figure(chart: ChartData, width_cm: float, height_cm: float, dpi: int) -> Figure | None:
    values = [v for line in chart.lines for v in line.values if v is not None]
    if not values or not chart.years:
        return None
    fig = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=dpi)
    ax = fig.add_subplot(1, 1, 1)
    x = list(range(len(chart.years)))
    for n, line in enumerate(chart.lines):
        ax.plot(
            x,
            [float("nan") if v is None else v for v in line.values],
            label=line.label,
            color=COLOURS[n % len(COLOURS)],
            linestyle=STYLES[n % len(STYLES)],
            marker="o",
            markersize=3.5,
            linewidth=1.8,
        )
    if chart.target is not None:
        ax.axhline(chart.target, color=TARGET_COLOUR, linewidth=1, linestyle=(0, (4, 3)))
        ax.plot([], [], color=TARGET_COLOUR, linewidth=1, linestyle=(0, (4, 3)), label="Måltal")
    ax.set_xticks(x, [str(y) for y in chart.years])
    ax.set_xlim(-0.25, len(x) - 0.75)
    low = min([*values, chart.target if chart.target is not None else values[0], 0.0])
    ax.set_ylim(bottom=low)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.yaxis.set_major_formatter(_tick(chart.unit))
    ax.grid(axis="y", color="#d5dbe1", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=7, colors="#1d2733")
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=4,
        fontsize=6.5,
        frameon=False,
        handlelength=2.2,
    )
    fig.subplots_adjust(left=0.09, right=0.99, top=0.96, bottom=0.33)
    return fig


def chart_png(chart: ChartData, *, width_cm: float = 16.0, height_cm: float = 7.0) -> bytes:
    """The chart as PNG bytes (150 dpi), for Word; empty bytes when there is nothing to draw."""
    fig = _figure(chart, width_cm, height_cm, 150)
    if fig is None:
        return b""
    buffer = io.BytesIO()
    # Fast zlib: WeasyPrint re-compresses the image into the PDF anyway.
    fig.savefig(buffer, format="png", metadata={"Software": None}, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()
